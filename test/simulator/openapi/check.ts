import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { descriptions as loadDescriptions, documentedResponse, operationOf, type Description, type Operation } from './describe';

// Checking one answer against GitHub's description, and the collector the
// simulator uses to check every answer it sends (startSimulator({ checkOpenApi })
// or SIM_OPENAPI=1, which scripts/run-node-tests.mjs sets).

export interface Answer {
  method: string;
  /** The simulator's route pattern ("/repos/:owner/:repo") or GitHub's template. */
  pattern: string;
  status: number;
  /** Media type without parameters ('' when there is none). */
  contentType: string;
  /** The body exactly as sent. */
  text: string;
  /** The body parsed as JSON; undefined when it is not JSON (or empty). */
  json: unknown;
  /** The request target, for messages. */
  target?: string;
}

export interface CheckOptions {
  /**
   * 'fail': a status the operation does not list is a problem (the route-by-route test, which picks its cases).
   * 'basic-error': an error status the operation does not list must carry GitHub's error body (every answer of
   * the suite: GitHub answers 401, 403, 404, 422 on operations whose description does not list them).
   */
  undocumentedErrors: 'fail' | 'basic-error';
}

export interface Verdict {
  /** "description: operationId" for each description that documents the operation. */
  operations: string[];
  problems: string[];
}

/** Ajv's errors, array indices folded (one wrong field in a list of 100 is one line). */
function errorLines(errors: Array<{ instancePath: string; message?: string; params?: Record<string, unknown> }> | null | undefined, max: number): string[] {
  const lines = [...new Set((errors ?? []).map((e) => `  ${e.instancePath.replace(/\/\d+(?=\/|$)/g, '/*') || '/'} ${e.message}${e.params && Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : ''}`))];
  return lines.length > max ? [...lines.slice(0, max), `  ... ${lines.length - max} more`] : lines;
}

/** Whether `a` is an answer GitHub's description allows for its operation, in every description that has the operation. */
export function checkAnswer(ds: Description[], a: Answer, options: CheckOptions, maxErrors = 40): Verdict {
  const operations: string[] = [];
  const problems: string[] = [];
  for (const d of ds) {
    const op = operationOf(d, a.method, a.pattern);
    if (!op) continue;
    operations.push(`${d.name}: ${op.operationId}`);
    const doc = documentedResponse(d, op, a.status);
    if (doc === undefined) {
      if (options.undocumentedErrors === 'basic-error' && a.status >= 400 && a.status < 500) {
        if (!d.basicError(a.json)) problems.push(`${d.name}: ${op.operationId} ${a.status} (not listed by the description): not GitHub's error body: ${a.text.slice(0, 200)}`);
      } else problems.push(`${d.name}: ${op.operationId} documents no ${a.status} answer (documented: ${Object.keys(op.responses).join(', ')})`);
      continue;
    }
    const validate = doc.validate;
    if (validate === null) {
      if (doc.mediaTypes.length > 0) {
        if (!doc.mediaTypes.includes(a.contentType)) problems.push(`${d.name}: ${op.operationId} ${a.status}: content-type ${a.contentType}, documented ${doc.mediaTypes.join(', ')}`);
      } else if (a.status >= 400) {
        // Listed without a body (e.g. "404 Not found if the pull request has not been merged"): GitHub still sends its error JSON.
        if (!d.basicError(a.json)) problems.push(`${d.name}: ${op.operationId} ${a.status}: not GitHub's error body: ${a.text.slice(0, 200)}`);
      } else if (a.text !== '') problems.push(`${d.name}: ${op.operationId} ${a.status} documents no body, got ${a.text.slice(0, 100)}`);
      continue;
    }
    if (a.json === undefined) {
      problems.push(`${d.name}: ${op.operationId} ${a.status}: body is not JSON: ${a.text.slice(0, 100)}`);
      continue;
    }
    if (!validate(a.json)) problems.push(`${d.name}: ${op.operationId} ${a.status}${a.target ? ` (${a.target})` : ''}:\n${errorLines(validate.errors, maxErrors).join('\n')}`);
  }
  return { operations, problems };
}

// ---- every answer the simulator sends

export interface OpenApiViolation {
  method: string;
  /** Request path relative to /api/v3 (no query). */
  path: string;
  status: number;
  /** The simulator's route ("GET /repos/:owner/:repo"), or "(no route)". */
  route: string;
  /** "api.github.com: issues/get" ... */
  operations: string[];
  /** What is wrong, first ajv errors included. */
  problems: string[];
}

export interface OpenApiReport {
  enabled: boolean;
  /** Answers validated against the description. */
  checked: number;
  /** Answers not validated: hostile modes and injected faults (deliberate), non-JSON bodies (raw file content, diffs, /zen). */
  skipped: { deliberate: number; notJson: number };
  /** Answers GitHub would not send. Each one fails the test file (close() throws). */
  violations: OpenApiViolation[];
  /** Answers of implemented routes GitHub's description does not have (GET /repositories/:id): nothing to check them against. */
  undocumented: Array<{ method: string; path: string; status: number; route: string }>;
  /**
   * Requests no simulator route serves; the simulator answered GitHub's 404 (its body is checked). `operation` is
   * set when GitHub has the operation (e.g. PATCH /user): a gap of the simulator, not a wrong shape, so not a
   * violation; a test that needs the operation fails on its own, and github_request's fuzzing sends arbitrary
   * methods to real paths on purpose.
   */
  unrouted: Array<{ method: string; path: string; status: number; operation?: string }>;
  /** Milliseconds spent checking (compiling schemas included) and loading the descriptions (paid by the first simulator of a process). */
  cost: { checkMs: number; loadMs: number };
}

export interface Observed {
  method: string;
  path: string;
  /** The matched route's pattern; undefined when no route matched. */
  pattern: string | undefined;
  status: number;
  contentType: string;
  text: string;
}

const MAX_KEPT = 200;

/** Compiled GitHub path templates, for requests no simulator route serves. */
const templates = new WeakMap<Description, Array<{ method: string; re: RegExp; op: Operation }>>();

function githubOperation(d: Description, method: string, path: string): Operation | undefined {
  let list = templates.get(d);
  if (!list) {
    list = [...d.byShape.values()].map((op) => ({
      method: op.method,
      re: new RegExp(`^${op.template.replace(/[.+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}/?$`, 'i'),
      op,
    }));
    templates.set(d, list);
  }
  try {
    // Undecodable percent sequences (lone surrogates, "%zz"): GitHub routes them nowhere either (404).
    path.split('/').forEach((segment) => decodeURIComponent(segment));
  } catch {
    return undefined;
  }
  const m = method === 'HEAD' ? 'GET' : method;
  return list.find((t) => t.method === m && t.re.test(path))?.op;
}

/** Checks the simulator's answers as they are sent; one per simulator, descriptions shared by the process and loaded on the first answer. */
export class OpenApiCheck {
  readonly report: OpenApiReport = { enabled: true, checked: 0, skipped: { deliberate: 0, notJson: 0 }, violations: [], undocumented: [], unrouted: [], cost: { checkMs: 0, loadMs: 0 } };

  private pending = 0;
  private idle: Array<() => void> = [];

  skipDeliberate(): void {
    this.report.skipped.deliberate++;
  }

  /**
   * Checks `o` off the simulator's thread (see checkerThread): loading the descriptions (about a second of CPU)
   * and compiling schemas would otherwise stall the event loop the simulator and the test share, and timing
   * assertions of tests with it. Falls back to this thread when no worker can be started.
   */
  later(o: Observed): void {
    this.pending++;
    const done = (partial: OpenApiReport) => {
      this.merge(partial);
      this.pending--;
      if (this.pending === 0) for (const resolve of this.idle.splice(0)) resolve();
    };
    const thread = checkerThread();
    if (thread) thread.check(o, done);
    else setImmediate(() => done(checkHere(o)));
  }

  private merge(partial: OpenApiReport): void {
    const r = this.report;
    r.checked += partial.checked;
    r.skipped.notJson += partial.skipped.notJson;
    r.cost.checkMs += partial.cost.checkMs;
    r.cost.loadMs += partial.cost.loadMs;
    for (const key of ['violations', 'undocumented', 'unrouted'] as const) {
      for (const entry of partial[key] as unknown[]) if (r[key].length < MAX_KEPT) (r[key] as unknown[]).push(entry);
    }
  }

  /** Resolves when every answer sent so far has been checked. */
  settled(): Promise<void> {
    return this.pending === 0 ? Promise.resolve() : new Promise((resolve) => this.idle.push(resolve));
  }

  observe(o: Observed): void {
    const r = this.report;
    const isJson = /json/i.test(o.contentType);
    if (o.text !== '' && !isJson) {
      r.skipped.notJson++;
      return;
    }
    let json: unknown;
    let notJson = false;
    if (o.text !== '') {
      try {
        json = JSON.parse(o.text);
      } catch {
        notJson = true;
      }
    }
    const loading = performance.now();
    const ds = loadDescriptions();
    r.cost.loadMs += performance.now() - loading;
    r.checked++;
    const violation = (route: string, operations: string[], problems: string[]) => {
      if (r.violations.length < MAX_KEPT) r.violations.push({ method: o.method, path: o.path, status: o.status, route, operations, problems });
    };
    if (notJson) {
      violation(o.pattern ? `${o.method} ${o.pattern}` : '(no route)', [], [`content-type ${o.contentType}, but the body is not JSON: ${o.text.slice(0, 100)}`]);
      return;
    }
    if (o.status >= 500) {
      // GitHub's 5xx are outages; the simulator sends them only through faults (skipped above), so this is a handler crash.
      violation(o.pattern ? `${o.method} ${o.pattern}` : '(no route)', [], [`${o.status} without an injected fault (a handler crashed?): ${o.text.slice(0, 200)}`]);
      return;
    }
    if (o.pattern === undefined) {
      const problems: string[] = [];
      let operation: string | undefined;
      for (const d of ds) {
        operation ??= githubOperation(d, o.method, o.path)?.operationId;
        if (!d.basicError(json)) problems.push(`${d.name}: not GitHub's error body for a path the simulator does not serve: ${o.text.slice(0, 200)}`);
      }
      if (r.unrouted.length < MAX_KEPT) r.unrouted.push({ method: o.method, path: o.path, status: o.status, ...(operation ? { operation } : {}) });
      if (problems.length > 0) violation('(no route)', [], problems);
      return;
    }
    const verdict = checkAnswer(ds, { method: o.method, pattern: o.pattern, status: o.status, contentType: o.contentType, text: o.text, json, target: o.path }, { undocumentedErrors: 'basic-error' }, 8);
    if (verdict.operations.length === 0) {
      if (r.undocumented.length < MAX_KEPT) r.undocumented.push({ method: o.method, path: o.path, status: o.status, route: `${o.method} ${o.pattern}` });
      return;
    }
    if (verdict.problems.length > 0) violation(`${o.method} ${o.pattern}`, verdict.operations, verdict.problems);
  }

  /** A readable list of the violations, or undefined when there are none. */
  failure(): string | undefined {
    const v = this.report.violations;
    if (v.length === 0) return undefined;
    const lines = v.slice(0, 20).map((x) => `- ${x.method} ${x.path} -> ${x.status} (${x.route}; ${x.operations.join(', ') || 'no operation'}):\n${x.problems.map((p) => `    ${p.replace(/\n/g, '\n    ')}`).join('\n')}`);
    return (
      `the simulator sent ${v.length}${v.length >= MAX_KEPT ? '+' : ''} answer(s) GitHub's OpenAPI description does not allow ` +
      `(fix the simulator, or patch a proven error of the description in test/simulator/openapi/describe.ts):\n${lines.join('\n')}` +
      (v.length > 20 ? `\n... and ${v.length - 20} more` : '')
    );
  }
}

/** One answer checked on this thread, as a report of its own. */
export function checkHere(o: Observed): OpenApiReport {
  const check = new OpenApiCheck();
  const start = performance.now();
  try {
    check.observe(o);
  } catch (error) {
    check.report.violations.push({ method: o.method, path: o.path, status: o.status, route: o.pattern ?? '(no route)', operations: [], problems: [`the check itself failed: ${String(error)}`] });
  }
  check.report.cost.checkMs += performance.now() - start;
  return check.report;
}

interface CheckerThread {
  check(o: Observed, done: (partial: OpenApiReport) => void): void;
}

let thread: CheckerThread | null | undefined;

/**
 * One worker thread per process, shared by every checking simulator, started on the first answer: it loads the
 * descriptions once and keeps the compiled schemas. It holds the process open only while answers are pending.
 * null when it cannot start (then checks run on this thread).
 */
function checkerThread(): CheckerThread | null {
  if (thread !== undefined) return thread;
  let worker: Worker;
  try {
    // The worker is TypeScript: tsx's CommonJS hook, resolved here (workers do not inherit `--import tsx`).
    const boot = `require(${JSON.stringify(require.resolve('tsx/cjs/api'))}).register(); require(${JSON.stringify(join(__dirname, 'worker.ts'))});`;
    worker = new Worker(boot, { eval: true });
  } catch {
    thread = null;
    return thread;
  }
  worker.unref();
  const waiting = new Map<number, { o: Observed; done: (partial: OpenApiReport) => void }>();
  let next = 0;
  const fallBack = (error: unknown) => {
    // Whatever was sent is checked here instead, and so is everything after.
    thread = null;
    for (const { o, done } of waiting.values()) done(checkHere(o));
    waiting.clear();
    console.error('[github-simulator] OpenAPI check: worker failed, checking on the main thread:', error);
  };
  worker.on('message', (m: { id: number; report: OpenApiReport }) => {
    const entry = waiting.get(m.id);
    waiting.delete(m.id);
    if (waiting.size === 0) worker.unref();
    entry?.done(m.report);
  });
  worker.on('error', fallBack);
  worker.on('exit', (code) => {
    if (waiting.size > 0) fallBack(new Error(`exited with ${code}`));
  });
  thread = {
    check(o, done) {
      const id = next++;
      waiting.set(id, { o, done });
      worker.ref();
      worker.postMessage({ id, o });
    },
  };
  return thread;
}
