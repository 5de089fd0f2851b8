import assert from 'node:assert/strict';
import { after, before, describe, it, type TestContext } from 'node:test';
import fc from 'fast-check';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { ErrorCode, McpError, type CallToolResult, type Tool } from '@modelcontextprotocol/sdk/types.js';
import { ConformanceError, strictAjv } from '../support/conformance';
import {
  argsArbitrary,
  baselineArgs,
  CORE_EDGE_NUMBERS,
  CORE_EDGE_STRINGS,
  deeplyNested,
  derivedSeed,
  offendingArguments,
  showArgs,
  type JsonSchema,
} from '../support/fuzzArgs';
import { needlesFor } from '../support/leakLog';
import { textOf, type ServerHandle } from '../support/serverHarness';
import { appEnv, serverFor, startSimulator, type Simulator } from '../support/simServer';
import type { RequestRecord } from '../simulator';

/*
 * Feeds every tool, through the real stdio server and the harness (which checks each result against
 * the advertised outputSchema), arguments generated from its advertised input schema: wrong types,
 * missing required arguments, 1 MB strings, NUL, bidi overrides, lone surrogates, dot segments, URLs,
 * huge numbers. ajv against the advertised schema decides which calls are schema-invalid.
 *
 * Replay: FUZZ_SEED=<seed> node scripts/run-node-tests.mjs test/server/fuzz.test.ts
 * Narrow: FUZZ_TOOLS=get_issue,github_request; more calls: FUZZ_RUNS=200 FUZZ_APP_RUNS=50.
 */

const SEED = process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) >>> 0 : (Math.random() * 2 ** 32) >>> 0;
// Per tool. With about 90 tools that is some 2,800 calls, inside the 2-minute file limit on a loaded 2-core machine.
const PAT_RUNS = Number(process.env.FUZZ_RUNS ?? 25);
const APP_RUNS = Number(process.env.FUZZ_APP_RUNS ?? 6);
const ONLY = process.env.FUZZ_TOOLS ? new Set(process.env.FUZZ_TOOLS.split(',').map((s) => s.trim())) : undefined;
const CALL_DEADLINE_MS = 15_000;
const MB = 1 << 20;
const REPLAY = `FUZZ_SEED=${SEED} node scripts/run-node-tests.mjs test/server/fuzz.test.ts`;
const SERVER_ENV = { GITHUB_TOOLSETS: 'all', GITHUB_CALL_TIMEOUT: '5', GITHUB_RETRY: '0' };

/** The OAuth endpoints on the web origin, the only credentialed requests allowed outside /api/v3. */
const OAUTH_PATHS = new Set(['/login/oauth/access_token', '/login/device/code']);

type Kind =
  | 'crash'
  | 'hang'
  | 'protocol-error'
  | 'nonconforming-result'
  | 'accepted-invalid'
  | 'unnamed-argument'
  | 'error-format'
  | 'invalid-reached-github'
  | 'outside-base-path'
  | 'other-origin'
  | 'secret-in-result';

interface Finding {
  kind: Kind;
  tool: string;
  args: string;
  detail: string;
}

interface Call {
  tool: Tool;
  args: Record<string, unknown>;
  why: string;
}

class Findings {
  readonly byKind = new Map<Kind, Finding[]>();
  calls = 0;
  invalid = 0;
  started = Date.now();
  elapsedMs = 0;
  readonly slowest = new Map<string, number>();
  readonly notes: string[] = [];

  add(kind: Kind, tool: string, args: unknown, detail: string): void {
    const list = this.byKind.get(kind) ?? [];
    list.push({ kind, tool, args: showArgs(args), detail: detail.length > 500 ? `${detail.slice(0, 500)}…` : detail });
    this.byKind.set(kind, list);
  }

  /** Fails with up to `limit` examples, one line each, grouped by tool so every tool that fails shows. */
  assertNone(kind: Kind, limit = 12): void {
    const list = this.byKind.get(kind) ?? [];
    if (list.length === 0) return;
    const perTool = new Map<string, Finding[]>();
    for (const f of list) perTool.set(f.tool, [...(perTool.get(f.tool) ?? []), f]);
    const lines: string[] = [];
    const tools = [...perTool.keys()];
    for (let round = 0; lines.length < limit && round < 4; round++) {
      for (const tool of tools) {
        const f = perTool.get(tool)![round];
        if (f && lines.length < limit) lines.push(`${f.tool} ${f.args} → ${f.detail}`);
      }
    }
    const counts = tools.map((t) => `${t}: ${perTool.get(t)!.length}`).join(', ');
    assert.fail(`${list.length} ${kind} finding(s) (seed ${SEED}; replay: ${REPLAY})\nper tool: ${counts}\n${lines.join('\n')}`);
  }
}

function mentions(text: string, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^A-Za-z0-9_])${escaped}([^A-Za-z0-9_]|$)`).test(text);
}

/**
 * `Invalid arguments for <tool>: <argument>: <problem>`, several joined by "; ". The argument may carry
 * a path into it ("labels.0: …", "query[\"a\"]: …"); what matters is that each part starts with it.
 */
function inDocumentedFormat(text: string, tool: string, names: string[]): boolean {
  const prefix = `Invalid arguments for ${tool}: `;
  if (!text.startsWith(prefix)) return false;
  const parts = text.slice(prefix.length).split('; ');
  return names.every((name) => parts.some((part) => part.startsWith(`${name}: `) || part.startsWith(`${name}.`) || part.startsWith(`${name}[`)));
}

/** The oracle: ajv against the schema exactly as advertised (strict; non-strict only if strict cannot compile it). */
function inputValidator(tool: Tool, notes: string[]): ValidateFunction {
  try {
    return strictAjv().compile(tool.inputSchema);
  } catch (error) {
    notes.push(`${tool.name}: input schema does not compile under strict ajv (${(error as Error).message}); the oracle uses strict: false for it (schemas.test.ts fails on this)`);
    const lax = new Ajv2020({ strict: false, allErrors: true });
    addFormats(lax);
    return lax.compile(tool.inputSchema);
  }
}

function deterministicCalls(tool: Tool, otherOrigin: string): Call[] {
  const schema = tool.inputSchema as JsonSchema;
  const base = baselineArgs(tool.name, schema);
  const props = Object.entries(schema.properties ?? {});
  const calls: Call[] = [{ tool, args: {}, why: 'no arguments' }, { tool, args: base, why: 'baseline' }];
  for (const name of schema.required ?? []) {
    const { [name]: _dropped, ...rest } = base;
    calls.push({ tool, args: rest, why: `without required ${name}` });
  }
  // Every string argument at once: owner "..", repo ".." is how a URL template climbs out of /api/v3.
  const stringNames = props.filter(([, prop]) => prop.type === 'string' && !prop.enum).map(([name]) => name);
  if (stringNames.length > 1) {
    for (const edge of [...CORE_EDGE_STRINGS, '...', '%2e']) {
      calls.push({ tool, args: { ...base, ...Object.fromEntries(stringNames.map((name) => [name, edge])) }, why: `every string argument ${JSON.stringify(edge)}` });
    }
  }
  // Everything wrong at once: the error must still name every argument, however many problems there are.
  if (props.length > 1) {
    calls.push({ tool, args: Object.fromEntries(props.map(([name]) => [name, null])), why: 'every argument null' });
    const arrays = props.filter(([, prop]) => prop.type === 'array').map(([name]) => name);
    const others = props.filter(([, prop]) => prop.type !== 'array').map(([name]) => name);
    if (arrays.length && others.length) {
      calls.push({ tool, args: { ...base, [arrays[0]]: [1, 2, 3, 4, 5, 6, 7, 8], [others[others.length - 1]]: { wrong: true } }, why: 'many bad items, then another bad argument' });
    }
  }
  for (const [name, prop] of props) {
    const type = Array.isArray(prop.type) ? prop.type[0] : prop.type;
    calls.push({ tool, args: { ...base, [name]: null }, why: `${name} null` });
    calls.push({ tool, args: { ...base, [name]: type === 'object' ? [] : { nested: true } }, why: `${name} wrong shape` });
    if (type === 'string' && !prop.enum) {
      for (const edge of [...CORE_EDGE_STRINGS, `${otherOrigin}/x`]) calls.push({ tool, args: { ...base, [name]: edge }, why: `${name} edge string` });
    }
    if (prop.enum) calls.push({ tool, args: { ...base, [name]: `${String(prop.enum[0])}\u0000` }, why: `${name} enum with NUL` });
    if (type === 'integer' || type === 'number') {
      for (const edge of CORE_EDGE_NUMBERS) calls.push({ tool, args: { ...base, [name]: edge }, why: `${name} edge number` });
    }
    if (type === 'object') {
      // An own "__proto__" key (JSON.parse makes one): a validator that drops it silently accepts what the schema forbids.
      calls.push({ tool, args: { ...base, [name]: JSON.parse('{"__proto__":{"polluted":true}}') as unknown }, why: `${name} with an own __proto__ key` });
    }
    if (type === 'object' || prop.anyOf || (!type && !prop.enum)) {
      calls.push({ tool, args: { ...base, [name]: deeplyNested(2000) }, why: `${name} nested 2000 deep` });
    }
  }
  return calls;
}

/** At most two 1 MB strings per tool: in required string arguments first, then optional ones. */
function megabyteCalls(tool: Tool): Call[] {
  const schema = tool.inputSchema as JsonSchema;
  const required = new Set(schema.required ?? []);
  const strings = Object.entries(schema.properties ?? {})
    .filter(([, prop]) => prop.type === 'string' && !prop.enum)
    .map(([name]) => name)
    .sort((a, b) => Number(required.has(b)) - Number(required.has(a)));
  const base = baselineArgs(tool.name, schema);
  const big = ['a'.repeat(MB), `../${'\u202E'.repeat(16)}${'é'.repeat(MB / 2)}`];
  return strings.slice(0, 2).map((name, i) => ({ tool, args: { ...base, [name]: big[i] }, why: `${name} 1 MB` }));
}

function randomCalls(tool: Tool, pass: string, runs: number, otherOrigin: string): Call[] {
  if (runs <= 0) return [];
  const arb = argsArbitrary(tool.name, tool.inputSchema as JsonSchema, otherOrigin);
  return fc.sample(arb, { seed: derivedSeed(SEED, pass, tool.name), numRuns: runs }).map((args) => ({ tool, args, why: 'random' }));
}

/** github_request can write anywhere, so it runs last: what it changes cannot starve the other tools of fixtures. */
function order(tools: Tool[]): Tool[] {
  const rank = (t: Tool) => (t.name === 'github_request' ? 2 : t.annotations?.readOnlyHint === false ? 1 : 0);
  return [...tools].filter((t) => !ONLY || ONLY.has(t.name)).sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
}

function isUnderBase(record: RequestRecord): boolean {
  if (record.origin === 'web') return OAUTH_PATHS.has(record.path);
  // GHES serves GraphQL beside the REST base (the transport's fence allows exactly this path).
  if (record.origin === 'graphql') return record.url === '/api/graphql';
  if (record.origin !== 'api') return false;
  const target = record.url.split('?')[0];
  if (target !== '/api/v3' && !target.startsWith('/api/v3/')) return false;
  // No dot segments, raw or percent-encoded: whoever resolves them next may leave the base path.
  return !target.split('/').some((segment) => /^(\.|%2e){1,2}$/i.test(segment));
}

interface PassOptions {
  label: string;
  env: (sim: Simulator) => Record<string, string>;
  runs: number;
  deterministic: boolean;
}

async function runPass(sim: Simulator, options: PassOptions): Promise<Findings> {
  const findings = new Findings();
  const texts: Array<{ tool: string; args: unknown; text: string }> = [];
  let server: ServerHandle = await serverFor(sim, options.label, { ...options.env(sim), ...SERVER_ENV });
  const tools = order(server.tools);
  const otherOrigin = sim.otherOrigin.url;
  const restart = async () => {
    await server.close().catch(() => {});
    server = await serverFor(sim, `${options.label} (restarted)`, { ...options.env(sim), ...SERVER_ENV });
  };
  try {
    for (const tool of tools) {
      const validate = inputValidator(tool, findings.notes);
      const calls = [
        ...(options.deterministic ? deterministicCalls(tool, otherOrigin) : [{ tool, args: {}, why: 'no arguments' }]),
        ...megabyteCalls(tool),
        ...randomCalls(tool, options.label, options.runs, otherOrigin),
      ];
      for (const { args, why } of calls) {
        // What the server will parse: JSON drops undefined and turns -0 into 0.
        const sent = JSON.parse(JSON.stringify(args)) as Record<string, unknown>;
        const valid = validate(sent);
        const offending = valid ? [] : offendingArguments(validate.errors);
        if (!valid) findings.invalid++;
        const add = (kind: Kind, detail: string) => findings.add(kind, tool.name, sent, `[${why}] ${detail}`);
        findings.calls++;
        const firstRequest = sim.stats.requests.length;
        const otherBefore = sim.otherOrigin.received.length;
        const startedAt = Date.now();
        let result: CallToolResult | undefined;
        try {
          result = await server.call(tool.name, sent, { timeout: CALL_DEADLINE_MS });
        } catch (error) {
          if (error instanceof ConformanceError) {
            result = error.result;
            add('nonconforming-result', `${error.record.verdict}: ${error.record.detail ?? ''}`);
          } else if (error instanceof McpError && error.code === ErrorCode.RequestTimeout) {
            add('hang', `no answer within ${CALL_DEADLINE_MS / 1000} s`);
            // A server stuck for good would turn every later call into another 15 s wait.
            if (!(await server.client.ping({ timeout: 5000 }).then(() => true, () => false))) await restart();
          } else if (server.transport.child?.exitCode !== null || (error instanceof McpError && error.code === ErrorCode.ConnectionClosed)) {
            add('crash', `server exited (code ${server.transport.child?.exitCode}): ${(error as Error).message}; stderr tail: ${server.transport.stderr.slice(-300)}`);
            await restart();
          } else {
            const what = error instanceof McpError ? `JSON-RPC error ${error.code}` : 'not a valid CallToolResult';
            add('protocol-error', `${what} (${valid ? 'schema-valid' : 'schema-invalid'} arguments): ${(error as Error).message}`);
          }
        }
        const took = Date.now() - startedAt;
        findings.slowest.set(tool.name, Math.max(findings.slowest.get(tool.name) ?? 0, took));

        const requests = sim.stats.requests.slice(firstRequest);
        for (const record of requests) {
          if (!isUnderBase(record)) {
            add('outside-base-path', `${record.method} ${record.origin} ${record.url} (auth ${record.auth}${record.auth === 'none' ? '' : ', with credentials'})`);
          }
        }
        const reachedOther = sim.otherOrigin.received.slice(otherBefore);
        for (const request of reachedOther) add('other-origin', `${request.method} ${request.path} reached otherOrigin`);

        if (!result) continue;
        const text = textOf(result);
        texts.push({ tool: tool.name, args: sent, text: result.structuredContent ? `${text}\n${JSON.stringify(result.structuredContent)}` : text });
        if (!valid) {
          if (!result.isError) {
            add('accepted-invalid', `ajv: ${offending.join(', ')} invalid, but the result is not an error: ${text.slice(0, 200)}`);
          } else {
            const unnamed = offending.filter((name) => !mentions(text, name));
            if (unnamed.length) add('unnamed-argument', `does not name ${unnamed.join(', ')} (ajv blames ${offending.join(', ')}); ${text.length} chars: ${JSON.stringify(text.slice(0, 300))}`);
            if (!inDocumentedFormat(text, tool.name, offending)) {
              add('error-format', `expected "Invalid arguments for ${tool.name}: ${offending.map((n) => `${n}: …`).join('; ')}", got ${JSON.stringify(text.slice(0, 200))}`);
            }
          }
          if (requests.length) {
            add('invalid-reached-github', `${offending.join(', ')} invalid, yet ${requests.map((r) => `${r.method} ${r.url.slice(0, 120)}`).join(', ')}`);
          }
        }
      }
      // Still alive and answering after this tool's calls?
      try {
        await server.client.ping({ timeout: CALL_DEADLINE_MS });
      } catch (error) {
        findings.add('crash', tool.name, '(after its calls)', `ping failed: ${(error as Error).message}`);
        await restart();
      }
    }
    // The end: the process is up and serves tools/list.
    try {
      assert.equal(server.transport.child?.exitCode, null, 'server process exited');
      const listed = await server.client.listTools(undefined, { timeout: CALL_DEADLINE_MS });
      assert.equal(listed.tools.length, server.tools.length);
    } catch (error) {
      findings.add('crash', '(end of pass)', '', `tools/list after the pass failed: ${(error as Error).message}`);
    }
  } finally {
    await server.close();
  }
  // Secrets only accumulate, so the final list covers every result.
  const needles = sim.secrets().flatMap(needlesFor);
  for (const { tool, args, text } of texts) {
    for (const needle of needles) if (text.includes(needle)) findings.add('secret-in-result', tool, args, `result contains a simulator secret ${needle.slice(0, 8)}…`);
  }
  findings.elapsedMs = Date.now() - findings.started;
  return findings;
}

function report(t: TestContext, label: string, findings: Findings): void {
  t.diagnostic(`fuzz ${label}: seed ${SEED} (replay: ${REPLAY})`);
  t.diagnostic(`${findings.calls} calls (${findings.invalid} schema-invalid) in ${(findings.elapsedMs / 1000).toFixed(1)} s`);
  const slow = [...findings.slowest].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([tool, ms]) => `${tool} ${ms} ms`);
  t.diagnostic(`slowest calls: ${slow.join(', ')}`);
  const counts = [...findings.byKind].map(([kind, list]) => `${kind}: ${list.length}`).join(', ');
  t.diagnostic(`findings: ${counts || 'none'}`);
  for (const note of findings.notes) t.diagnostic(`note: ${note}`);
}

function assertions(get: () => Findings, label: string): void {
  it('prints the seed and what ran', (t) => {
    const findings = get();
    report(t, label, findings);
    assert.ok(findings.calls > 0, 'no calls were made');
  });
  it('0 crashes: the server stays up and answers ping and tools/list', () => get().assertNone('crash'));
  it('0 hangs: every call answers within 15 s', () => get().assertNone('hang'));
  it('no JSON-RPC protocol error for a tools/call, whatever the arguments', () => get().assertNone('protocol-error'));
  it('every result conforms to the advertised output schema', () => get().assertNone('nonconforming-result'));
  it('schema-invalid arguments give an isError result', () => get().assertNone('accepted-invalid'));
  it('the error names each offending top-level argument', () => get().assertNone('unnamed-argument'));
  it('the error reads "Invalid arguments for <tool>: <argument>: <problem>" ("; " between several)', () => get().assertNone('error-format'));
  it('schema-invalid arguments never reach GitHub', () => get().assertNone('invalid-reached-github'));
  it('no request outside the base path (credentialed or not)', () => get().assertNone('outside-base-path'));
  it('nothing reaches another origin', () => get().assertNone('other-origin'));
  it('no simulator secret appears in any result', () => get().assertNone('secret-in-result'));
}

// A suite gets the runner's 120 s per-test default; both passes together may take longer on a loaded machine.
describe(`fuzz tool arguments (seed ${SEED})`, { timeout: 600_000 }, () => {
  let sim: Simulator;
  before(async () => (sim = await startSimulator()));
  after(() => sim.close());

  describe('personal access token, every toolset', () => {
    let findings: Findings;
    before(
      async () => {
        findings = await runPass(sim, {
          label: 'fuzz PAT',
          env: (s) => ({ GITHUB_TOKEN: s.createPersonalToken('octocat', { scopes: ['repo', 'read:org', 'user'] }) }),
          runs: PAT_RUNS,
          deterministic: true,
        });
      },
      { timeout: 300_000 },
    );
    assertions(() => findings, 'PAT');
  });

  describe('GitHub App (JWT and installation tokens), every toolset', () => {
    let findings: Findings;
    before(
      async () => {
        findings = await runPass(sim, { label: 'fuzz App', env: (s) => appEnv(s), runs: APP_RUNS, deterministic: false });
      },
      { timeout: 300_000 },
    );
    assertions(() => findings, 'App');
  });
});
