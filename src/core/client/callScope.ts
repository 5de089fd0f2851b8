import { AsyncLocalStorage } from 'node:async_hooks';
import { GitHubError } from '../errors';

/**
 * One tool call's budget and record, carried by AsyncLocalStorage so the transport and
 * the retry hook see it without every tool passing it along. The core knows nothing of
 * MCP: the caller names the call (`label`) and hands in the client's cancel signal.
 */
export interface AppliedWrite {
  method: string;
  /** Relative to the API base URL, no query; a full URL for the upload and OAuth hosts. */
  path: string;
  status: number;
  id?: number | string;
  htmlUrl?: string;
}

export interface CallScope {
  readonly label: string;
  /** Aborted on client cancel or at the deadline. */
  readonly signal: AbortSignal;
  /** Epoch ms. */
  readonly deadline: number;
  /** HTTP requests sent during this call (each retry counts; redirect hops belong to their request). */
  attempts: number;
  /** Every non-GET/HEAD request GitHub answered 2xx, in order. */
  readonly applied: AppliedWrite[];
}

/** The scope plus what the core needs to word its errors. */
export class Scope implements CallScope {
  attempts = 0;
  readonly applied: AppliedWrite[] = [];
  readonly deadline: number;
  /** The last request sent ("GET /repos/o/r/issues"), for messages. */
  lastRequest: string | undefined;
  /** A write that was sent and not yet answered: after a cancel GitHub may have applied it. */
  unansweredWrite: string | undefined;
  readonly #controller = new AbortController();

  constructor(
    readonly label: string,
    readonly timeoutMs: number,
  ) {
    this.deadline = Date.now() + timeoutMs;
  }

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  end(kind: 'deadline' | 'cancelled'): void {
    if (!this.signal.aborted) this.#controller.abort(this.error(kind));
  }

  /** The error for a call that ended, or must end now, worded from what it had sent. */
  error(kind: 'deadline' | 'cancelled', what = this.lastRequest, lastFailure?: string): GitHubError {
    const tried = this.attempts === 0 ? 'before any request was sent' : `after ${this.attempts} attempt${this.attempts === 1 ? '' : 's'}${what ? ` at ${what}` : ''}`;
    if (kind === 'cancelled') {
      const write = this.unansweredWrite ? ` ${this.unansweredWrite} had already been sent, so GitHub may have applied it; check before repeating it.` : '';
      return new GitHubError('cancelled', `${this.label} was cancelled ${tried}; nothing more was sent.${write}`);
    }
    const failed = lastFailure ? ` The last attempt failed (${lastFailure}).` : '';
    return new GitHubError(
      'deadline',
      `${this.label} did not finish within its ${seconds(this.timeoutMs)} s deadline (GITHUB_CALL_TIMEOUT) ${tried}.${failed} GitHub is slow or unreachable; try again later, or raise GITHUB_CALL_TIMEOUT.`,
    );
  }
}

const storage = new AsyncLocalStorage<Scope>();

export function currentCallScope(): CallScope | undefined {
  return storage.getStore();
}

/** The same, with the core's extras. */
export function currentScope(): Scope | undefined {
  return storage.getStore();
}

// How long `fn` may take to settle after its signal fired before the call is abandoned.
export const ABANDON_AFTER_MS = 1000;

/**
 * Runs `fn` with a fresh scope. At the deadline or on cancel the signal fires, and every
 * request, retry wait and shared wait of the call fails at once with the scope's error, so
 * `fn` normally settles through its own error handling. Should it not settle within
 * ABANDON_AFTER_MS (a wait the core cannot see), the call rejects with that error itself.
 */
export function runInCallScope<T>(options: { label: string; timeoutMs: number; signal?: AbortSignal }, fn: (scope: CallScope) => Promise<T>): Promise<T> {
  const scope = new Scope(options.label, options.timeoutMs);
  if (options.signal?.aborted) return Promise.reject(scope.error('cancelled'));
  const onCancel = () => scope.end('cancelled');
  options.signal?.addEventListener('abort', onCancel, { once: true });
  const timer = setTimeout(() => scope.end('deadline'), options.timeoutMs);
  let abandon: NodeJS.Timeout | undefined;
  const abandoned = new Promise<never>((_resolve, reject) => {
    const later = () => (abandon = setTimeout(() => reject(scope.error(endedAs(scope))), ABANDON_AFTER_MS));
    scope.signal.addEventListener('abort', later, { once: true });
  });
  const work = storage.run(scope, async () => fn(scope));
  return Promise.race([work, abandoned]).finally(() => {
    clearTimeout(timer);
    clearTimeout(abandon);
    options.signal?.removeEventListener('abort', onCancel);
  });
}

/** Waits for shared work (see outsideCallScope) only as long as the current call lasts. */
export function withinCallScope<T>(promise: Promise<T>, scope = currentScope()): Promise<T> {
  if (!scope) return promise;
  return new Promise<T>((resolve, reject) => {
    const onEnd = () => reject(scope.error(endedAs(scope)));
    if (scope.signal.aborted) {
      promise.catch(() => {}); // others may still want it; this call does not
      return onEnd();
    }
    scope.signal.addEventListener('abort', onEnd, { once: true });
    promise.then(
      (value) => {
        scope.signal.removeEventListener('abort', onEnd);
        resolve(value);
      },
      (error: unknown) => {
        scope.signal.removeEventListener('abort', onEnd);
        reject(error);
      },
    );
  });
}

/**
 * Work shared between calls (minting an installation token, refreshing a user token,
 * finding an installation) runs outside any one call, so one call's cancel cannot fail
 * another call that waits on the same promise.
 */
export function outsideCallScope<T>(fn: () => T): T {
  return storage.exit(fn);
}

/** Throws the scope's error if the call has ended or has no time left. */
export function ensureActive(scope: Scope | undefined, what?: string): void {
  if (!scope) return;
  if (scope.signal.aborted) throw scope.error(endedAs(scope), what);
  if (Date.now() >= scope.deadline) throw scope.error('deadline', what);
}

/** The kind of error an ended scope stands for. */
export function endedAs(scope: Scope): 'deadline' | 'cancelled' {
  return (scope.signal.reason as GitHubError | undefined)?.kind === 'cancelled' ? 'cancelled' : 'deadline';
}

/**
 * A wait inside the call: refused at once if it would end after the deadline, cut short
 * (with the scope's error) on cancel or deadline. `onLate` chooses the error for a wait
 * that cannot fit (a rate limit's own error says more than "deadline").
 */
export async function waitInScope(
  ms: number,
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>,
  options: { what?: string; lastFailure?: string; onLate?: () => Error } = {},
): Promise<void> {
  const scope = currentScope();
  if (!scope) return sleep(ms);
  if (scope.signal.aborted) throw scope.error(endedAs(scope), options.what);
  if (Date.now() + ms >= scope.deadline) throw options.onLate?.() ?? scope.error('deadline', options.what, options.lastFailure);
  try {
    await sleep(ms, scope.signal);
  } catch (error) {
    if (scope.signal.aborted) throw scope.error(endedAs(scope), options.what, options.lastFailure);
    throw error;
  }
  if (scope.signal.aborted) throw scope.error(endedAs(scope), options.what, options.lastFailure);
}

// The retry hook parses bodies; it finds the write a body answered by the body stream itself.
const appliedByBody = new WeakMap<object, AppliedWrite>();

// GraphQL mutations: GitHub answers 200 even when it refused one, so the body decides.
const graphqlWrites = new WeakSet<AppliedWrite>();

export function recordApplied(scope: Scope, write: AppliedWrite, options: { graphql?: boolean } = {}): AppliedWrite {
  scope.applied.push(write);
  if (options.graphql) graphqlWrites.add(write);
  return write;
}

export function linkApplied(body: object, write: AppliedWrite): void {
  appliedByBody.set(body, write);
}

/** Fills in id and html_url of the write `body` answered, once the hook has parsed it. */
export function noteAppliedBody(body: unknown, parsed: unknown): void {
  const write = body && typeof body === 'object' ? appliedByBody.get(body) : undefined;
  if (!write || !parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return;
  if (graphqlWrites.has(write)) {
    const applied = currentScope()?.applied;
    const index = applied?.indexOf(write) ?? -1;
    if (applied && index >= 0 && graphqlRefused(parsed as { data?: unknown; errors?: unknown })) applied.splice(index, 1);
    return;
  }
  const { id, html_url: htmlUrl } = parsed as { id?: unknown; html_url?: unknown };
  if (typeof id === 'number' || typeof id === 'string') write.id = id;
  if (typeof htmlUrl === 'string') write.htmlUrl = htmlUrl;
}

/** `errors` and no mutation field answered: GitHub applied nothing (a NOT_FOUND or FORBIDDEN thread id, say). */
function graphqlRefused(parsed: { data?: unknown; errors?: unknown }): boolean {
  if (!Array.isArray(parsed.errors) || parsed.errors.length === 0) return false;
  const data = parsed.data;
  return !data || typeof data !== 'object' || Object.values(data).every((value) => value === null);
}

function seconds(ms: number): string {
  return String(Math.round(ms / 100) / 10);
}
