import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { Octokit } from '@octokit/rest';
import { z } from 'zod';
import { createTokenAuth } from '../../src/core/auth/token';
import type { AuthStrategy } from '../../src/core/auth/types';
import type { GitHub } from '../../src/core/github';
import { GithubIntegration } from '../../src/core/integration';
import { Secret } from '../../src/core/secret';
import type { ServerConfig } from '../../src/server/config';
import { ALL_TOOLS } from '../../src/server/tools/all';
import { describeTool } from '../../src/server/tools/catalog';

/*
 * GitHub's OpenAPI examples (api.github.com) for the shaper tests of each area
 * (test/unit/server/shape.<area>.test.ts): an operation's example answer, the same answer
 * stripped to its required fields or with every nullable field null (under the rules a file's
 * tests were written to: VariantRules), the tool's advertised and strict output validators, and
 * a fake GitHub on which a tool's real handler runs (runTool, answerFrom, answering, exampleCases).
 */

export type Json = Record<string, any>;
const root = join(__dirname, '..', '..');
export const spec = JSON.parse(readFileSync(join(root, 'node_modules/@octokit/openapi/generated/api.github.com.json'), 'utf8')) as Json;

export const operations = new Map<string, { method: string; path: string; responses: Json }>();
for (const [path, item] of Object.entries<Json>(spec.paths)) {
  for (const [method, op] of Object.entries<Json>(item)) if (op?.operationId) operations.set(op.operationId, { method: method.toUpperCase(), path, responses: op.responses ?? {} });
}

export function deref(node: Json | undefined): Json | undefined {
  let current = node;
  for (let i = 0; current && typeof current.$ref === 'string' && i < 20; i++) {
    const [, , kind, name] = current.$ref.split('/');
    current = spec.components[kind]?.[name];
  }
  return current;
}

export function example(op: string, status: number): { schema: Json; value: unknown } {
  const response = deref(operations.get(op)?.responses[String(status)]);
  const content = response?.content?.['application/json'];
  assert.ok(content?.schema, `${op} ${status} has no JSON schema`);
  const first = Object.values<Json>(content.examples ?? {})[0];
  let value = deref(first)?.value;
  for (let i = 0; value && typeof value === 'object' && typeof value.$ref === 'string' && i < 5; i++) value = deref(value)?.value;
  assert.ok(value !== undefined, `${op} ${status} has no example`);
  return { schema: content.schema, value };
}

/** An operation of the description; a test naming one that is not there fails. */
export function operation(id: string): { method: string; path: string; responses: Json } {
  const op = operations.get(id);
  assert.ok(op, `no operation ${id}`);
  return op;
}

/** An example's value; it may itself be a reference to a shared example. */
export function exampleValue(ex: Json | undefined): unknown {
  let value = deref(ex)?.value;
  for (let i = 0; value && typeof value === 'object' && typeof value.$ref === 'string' && i < 5; i++) value = deref(value)?.value;
  return value;
}

/** An operation's JSON answer for a status: its schema, and every example by name. */
export function content(op: string, status: number): { schema: Json; examples: Record<string, unknown> } {
  const json = deref(operation(op).responses[String(status)])?.content?.['application/json'];
  assert.ok(json?.schema, `${op} ${status} has no JSON schema`);
  return { schema: json.schema, examples: Object.fromEntries(Object.entries<Json>(json.examples ?? {}).map(([name, ex]) => [name, exampleValue(ex)])) };
}

/** allOf merged; oneOf/anyOf: the branch whose required keys the value has. */
export function objectSchema(schema: Json | undefined, value: unknown): Json | undefined {
  const s = deref(schema);
  if (!s) return undefined;
  if (s.allOf) {
    const parts = s.allOf.map((p: Json) => objectSchema(p, value)).filter(Boolean) as Json[];
    return { nullable: s.nullable || parts.some((p) => p.nullable), properties: Object.assign({}, ...parts.map((p) => p.properties ?? {})), required: parts.flatMap((p) => p.required ?? []) };
  }
  const branches: Json[] | undefined = s.oneOf ?? s.anyOf;
  if (branches) {
    const keys = value && typeof value === 'object' ? Object.keys(value) : [];
    const fits = branches.map((b) => objectSchema(b, value)).filter((b): b is Json => !!b && (b.required ?? []).every((k: string) => keys.includes(k)));
    return fits[0] ?? objectSchema(branches[0], value);
  }
  return s;
}

/**
 * objectSchema's stricter sibling (shape.fixtures.test.ts's): allOf merged, keeping the first
 * additionalProperties; of a oneOf/anyOf, the branch that fits the value best: an array branch for
 * an array, else one whose required keys the value has, then the one knowing most of its keys.
 */
export function bestFitSchema(schema: Json | undefined, value: unknown): Json | undefined {
  const s = deref(schema);
  if (!s) return undefined;
  if (s.allOf) {
    const parts = (s.allOf as Json[]).map((part) => bestFitSchema(part, value)).filter((p): p is Json => !!p);
    return {
      nullable: s.nullable || parts.some((p) => p.nullable),
      properties: Object.assign({}, ...parts.map((p) => p.properties ?? {})),
      required: parts.flatMap((p) => p.required ?? []),
      additionalProperties: parts.find((p) => p.additionalProperties !== undefined)?.additionalProperties,
    };
  }
  const branches = (s.oneOf ?? s.anyOf) as Json[] | undefined;
  if (branches) {
    const candidates = branches.map((b) => bestFitSchema(b, value)).filter((b): b is Json => !!b);
    const keys = value && typeof value === 'object' ? Object.keys(value) : [];
    const score = (b: Json) => {
      if (Array.isArray(value)) return b.type === 'array' ? 1 : -1;
      if (b.type === 'array' || (b.type && b.type !== 'object')) return -1;
      const fits = (b.required ?? []).every((k: string) => keys.includes(k));
      return (fits ? 1000 : 0) + keys.filter((k) => b.properties?.[k]).length;
    };
    const best = candidates.sort((a, b) => score(b) - score(a))[0];
    return best ? { ...best, nullable: s.nullable || best.nullable } : undefined;
  }
  return s;
}

export const isNullable = (schema: Json | undefined): boolean => {
  const s = deref(schema);
  return !!s && (s.nullable === true || (s.allOf ?? []).some(isNullable));
};

/**
 * How the variant builders read a response schema. The shaper tests grew four sets of rules;
 * each is kept, by name, where its tests use it:
 * - FIRST_FIT (requiredOnly, nulled, VARIANTS): objectSchema's branches; a required key is kept
 *   though the schema lists no property for it; nulled adds the nullable fields a value lacks,
 *   also after the stripping;
 * - PRESENT_ONLY (shape.git, shape.security): as FIRST_FIT, but nulled sets only the fields the
 *   value has, and only those nullable themselves (`nullable: true`, not through allOf);
 * - BEST_FIT (shape.fixtures): bestFitSchema's branches; only listed required keys kept, a map's
 *   entries (an object additionalProperties) kept and stripped; the nulled variant adds absent
 *   nullable fields, the stripped-and-nulled one does not;
 * - BEST_FIT_NO_MAPS (shape.issues2, shape.reviews): BEST_FIT without keeping a map's entries;
 * - FIRST_FIT_LISTED (shape.pullUpdates, which has no nulled variants): objectSchema's branches,
 *   only listed required keys kept.
 */
export interface VariantRules {
  /** How a oneOf/anyOf finds the value's branch: objectSchema ('first-fit') or bestFitSchema ('best-fit'). */
  branch: 'first-fit' | 'best-fit';
  /** requiredOnly: drop a required key the schema lists no property for as well. */
  listedOnly?: boolean;
  /** requiredOnly: keep the entries of a map (keys under an object additionalProperties), each stripped. */
  mapEntries?: boolean;
  /** nulled: add the nullable fields the value lacks too, as null. */
  addAbsent?: boolean;
  /** The 'required-only, nulled' variant adds, as null, the nullable fields the stripping dropped. */
  addAbsentAfterStrip?: boolean;
  /** What makes a field nullable: its own `nullable: true` ('own'), or also an allOf part's ('allOf', isNullable; the default). */
  nullable?: 'own' | 'allOf';
}

export const FIRST_FIT: VariantRules = { branch: 'first-fit', addAbsent: true, addAbsentAfterStrip: true };
export const PRESENT_ONLY: VariantRules = { branch: 'first-fit', addAbsent: false, nullable: 'own' };
export const BEST_FIT: VariantRules = { branch: 'best-fit', listedOnly: true, mapEntries: true, addAbsent: true, addAbsentAfterStrip: false };
export const BEST_FIT_NO_MAPS: VariantRules = { ...BEST_FIT, mapEntries: false };
export const FIRST_FIT_LISTED: VariantRules = { branch: 'first-fit', listedOnly: true };

const schemaOf = (rules: VariantRules) => (rules.branch === 'best-fit' ? bestFitSchema : objectSchema);

/** Only the fields the schema requires, at every depth, read by `rules`. */
export function requiredOnlyBy(rules: VariantRules): (value: unknown, schema: Json | undefined) => unknown {
  const resolve = schemaOf(rules);
  const strip = (value: unknown, schema: Json | undefined): unknown => {
    if (value === null || typeof value !== 'object') return value;
    const s = resolve(schema, value);
    if (Array.isArray(value)) return value.map((item) => strip(item, s?.items));
    if (!s?.properties) return value; // a free-form object or map: no properties to drop
    const required = new Set<string>(s.required ?? []);
    const out: Json = {};
    for (const [key, item] of Object.entries(value)) {
      if (s.properties[key]) {
        if (required.has(key)) out[key] = strip(item, s.properties[key]);
      } else if (rules.mapEntries && s.additionalProperties && typeof s.additionalProperties === 'object') {
        out[key] = strip(item, s.additionalProperties); // entries of a map, not properties
      } else if (!rules.listedOnly && required.has(key)) {
        out[key] = strip(item, undefined);
      }
    }
    return out;
  };
  return strip;
}

/** Every nullable field null, at every depth, read by `rules`. */
export function nulledBy(rules: VariantRules): (value: unknown, schema: Json | undefined) => unknown {
  const resolve = schemaOf(rules);
  const nullable = rules.nullable === 'own' ? (p: Json | undefined) => !!deref(p)?.nullable : isNullable;
  const put = (value: unknown, schema: Json | undefined): unknown => {
    if (value === null || typeof value !== 'object') return value;
    const s = resolve(schema, value);
    if (Array.isArray(value)) return value.map((item) => put(item, s?.items));
    if (!s?.properties) return value;
    const out: Json = { ...(value as Json) };
    for (const [key, property] of Object.entries<Json>(s.properties)) {
      if (nullable(property) && (rules.addAbsent || key in out)) out[key] = null;
      else if (key in out) out[key] = put(out[key], property);
    }
    return out;
  };
  return put;
}

export type Vary = (value: unknown, schema: Json) => unknown;

/** The variants under `rules`, by Variant's names; `names` picks some, in that order. */
export function variantsBy<N extends Variant = Variant>(rules: VariantRules, names: readonly N[] = Object.keys(VARIANTS) as N[]): Record<N, Vary> {
  const stripped = requiredOnlyBy(rules);
  const nulledIn = nulledBy(rules);
  const nulledAfterStrip = nulledBy({ ...rules, addAbsent: rules.addAbsentAfterStrip });
  const all: Record<Variant, Vary> = {
    full: (v) => v,
    'required-only': stripped,
    nulled: nulledIn,
    'required-only, nulled': (v, s) => nulledAfterStrip(stripped(v, s), s),
  };
  return Object.fromEntries(names.map((n) => [n, all[n]])) as Record<N, Vary>;
}

export function requiredOnly(value: unknown, schema: Json | undefined): unknown {
  return requiredOnlyBy(FIRST_FIT)(value, schema);
}

export function nulled(value: unknown, schema: Json | undefined): unknown {
  return nulledBy({ ...FIRST_FIT, addAbsent: true })(value, schema);
}

export const VARIANTS = {
  full: (v: unknown) => v,
  'required-only': requiredOnly,
  nulled,
  'required-only, nulled': (v: unknown, s: Json) => nulled(requiredOnly(v, s), s),
} as const;
export type Variant = keyof typeof VARIANTS;

export const tools = new Map(ALL_TOOLS.map((t) => [t.name, t]));
const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv);
const compiled = new Map<string, { advertised: ValidateFunction; strict: ValidateFunction }>();
export function validators(name: string) {
  let v = compiled.get(name);
  if (!v) {
    const tool = tools.get(name)!;
    const advertised = describeTool(tool).outputSchema;
    const strict = describeTool({ ...tool, annotations: { ...tool.annotations, readOnlyHint: true } }).outputSchema;
    assert.ok(advertised && strict, `${name} has no output schema`);
    v = { advertised: ajv.compile(advertised), strict: ajv.compile(strict) };
    compiled.set(name, v);
  }
  return v;
}

export function routeOf(op: string): RegExp {
  const pattern = operations.get(op)!.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+');
  return new RegExp(`^${pattern}$`);
}

/** routeOf, but a last {path} or {ref} may hold slashes or be empty (contents, refs). */
export function slashedRouteOf(op: string): RegExp {
  const pattern = operation(op)
    .path.replace(/[.*+?^$()|[\]\\]/g, '\\$&')
    .replace(/\/\{(path|ref)\}$/, '(?:/.*)?')
    .replace(/\{[^}]+\}/g, '[^/]+');
  return new RegExp(`^${pattern}$`);
}

/** The first errors of a failed validation, one line. */
export const problems = (v: ValidateFunction) => (v.errors ?? []).slice(0, 5).map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ');

// ---------------------------------------------------------------- a fake GitHub answering a tool's requests

/** One answer: the operation routes the request (and gives the schema for the variants). */
export interface Exchange {
  op: string;
  status?: number;
  /** undefined: an answer without a body. */
  data: unknown;
  headers?: Record<string, string>;
}

/** A request the tool sent. */
export interface Sent {
  url: URL;
  init: RequestInit;
}

export type Fetch = (url: string | URL, init?: RequestInit) => Promise<Response>;

/** A fetch answering from `exchanges`: the first whose method and route fit, else a 599; `sent` collects the requests. */
export function answerFrom(exchanges: Exchange[], options: { route?: (op: string) => RegExp; headers?: Record<string, string>; sent?: Sent[] } = {}): Fetch {
  const route = options.route ?? routeOf;
  return async (url, init = {}) => {
    const u = new URL(String(url));
    options.sent?.push({ url: u, init });
    const method = (init.method ?? 'GET').toUpperCase();
    const hit = exchanges.find((e) => operation(e.op).method === method && route(e.op).test(u.pathname));
    if (!hit) return new Response(JSON.stringify({ message: `test: no payload for ${method} ${u.pathname}` }), { status: 599, headers: { 'content-type': 'application/json' } });
    if (hit.data === undefined) return new Response(null, { status: hit.status ?? 200 });
    return new Response(JSON.stringify(hit.data), { status: hit.status ?? 200, headers: { 'content-type': 'application/json; charset=utf-8', ...options.headers, ...hit.headers } });
  };
}

/** A fetch answering each request with `answer` (text, a redirect, an empty body); `sent` collects the requests. */
export function answering(answer: (url: URL, init: RequestInit) => Response | Promise<Response>, sent?: Sent[]): Fetch {
  return async (url, init = {}) => {
    const u = new URL(String(url));
    sent?.push({ url: u, init });
    // As the transport does: a constructed Response has no url, and pagination reads it.
    return Object.defineProperty(await answer(u, init), 'url', { value: u.href });
  };
}

/** `METHOD /path body` of each request, the path decoded. */
export const sentLines = (sent: Sent[]) => sent.map(({ url, init }) => `${(init.method ?? 'GET').toUpperCase()} ${decodeURIComponent(url.pathname)}${init.body ? ` ${String(init.body)}` : ''}`);

export const quietLog = { debug() {}, info() {}, warn() {}, error() {} } as never;

/** The server config the handlers see: api.github.com, 30 a page, writes allowed; `extra` over it. */
export const testConfig = (extra: Json = {}) => ({ core: { perPage: 30, apiUrl: 'https://api.github.com' }, readOnly: false, ...extra }) as unknown as ServerConfig;

export interface FakeGitHubOptions {
  /** GitHub as an App (isApp). */
  app?: boolean;
  /** The auth strategy (default: a token). */
  auth?: AuthStrategy;
  /** Also forInstallation, and an App's integration (shape.fixtures's App cases). */
  installations?: boolean;
}

/** A GitHub whose every client is one Octokit on `fetch`. */
export function fakeGitHub(fetch: Fetch, options: FakeGitHubOptions = {}): GitHub {
  const octokit = new Octokit({ baseUrl: 'https://api.github.com', request: { fetch, retries: 0 } });
  const github: Json = { isApp: options.app ?? false, auth: options.auth ?? createTokenAuth(new Secret('test-token-not-real')), client: async () => octokit, forRepo: async () => octokit, forOwner: async () => octokit, forSearch: async () => octokit, forAnyone: async () => octokit };
  if (options.installations) {
    github.forInstallation = () => octokit;
    github.integration = options.app ? new GithubIntegration(github as unknown as GitHub, { method: 'app_token' }) : undefined;
  }
  return github as unknown as GitHub;
}

export interface RunOptions extends FakeGitHubOptions {
  /** The config (default testConfig()). */
  config?: ServerConfig;
}

/** A tool's real handler on `fetch`: its data as JSON (asserted present) and the whole output. */
export async function runTool(toolName: string, args: Json, fetch: Fetch, options: RunOptions = {}): Promise<{ out: Json; output: { data?: unknown; exposedSecrets?: string[] } }> {
  const tool = tools.get(toolName);
  assert.ok(tool, `no tool ${toolName}`);
  const output = await tool.handler(z.object(tool.input).parse(args) as never, { github: fakeGitHub(fetch, options), config: options.config ?? testConfig(), log: quietLog });
  assert.ok(output.data, `${toolName} returned no data`);
  return { out: JSON.parse(JSON.stringify(output.data)) as Json, output };
}

/** The tool's output against its advertised and its strict schema. */
export function assertConforms(toolName: string, out: unknown, what = toolName): void {
  const { advertised, strict } = validators(toolName);
  assert.ok(advertised(out), `${what} does not match its advertised schema: ${problems(advertised)}`);
  assert.ok(strict(out), `${what} does not match its strict schema: ${problems(strict)}`);
}

// ---------------------------------------------------------------- one answer per case (shape.actions, shape.notify, shape.repositories)

/** The tool's handler on one answer: `data` (none when undefined) for `op`'s route, a 599 for any other request. */
export async function runOnAnswer(toolName: string, args: Json, op: string, status: number, data: unknown, app = false): Promise<Json> {
  return (await runTool(toolName, args, answerFrom([{ op, status, data }]), { app })).out;
}

export interface ExampleCase {
  tool: string;
  args: Json;
  op: string;
  status?: number;
  app?: boolean;
  /** Field checks; `raw` is the payload the handler saw. */
  check(out: Json, raw: any, variant: Variant): void;
  /** A list: the result must stay within a quarter of GitHub's JSON. */
  list?: boolean;
  /** Only these variants (the stripping cannot pick the right branch of an anyOf of arrays). */
  only?: Variant[];
}

/**
 * A test per case and variant (VARIANTS): the operation's first example, varied, answers the
 * tool's handler; the result must meet the advertised and strict schemas and the case's checks,
 * and a list in full stay within a quarter of GitHub's JSON (`rawItems` finds the raw list).
 */
export function exampleCases(cases: ExampleCase[], rawItems: (raw: any) => any[]): void {
  for (const c of cases) {
    for (const variant of c.only ?? (Object.keys(VARIANTS) as Variant[])) {
      it(`${c.tool} · ${c.op} · ${variant}`, async () => {
        const { schema, value } = example(c.op, c.status ?? 200);
        const data = VARIANTS[variant](structuredClone(value), schema);
        const out = await runOnAnswer(c.tool, c.args, c.op, c.status ?? 200, data, c.app);
        assertConforms(c.tool, out, `${c.tool} (${variant})`);
        c.check(out, data, variant);
        if (c.list && variant === 'full') {
          const shaped = JSON.stringify(out.items).length;
          const raw = JSON.stringify(rawItems(data)).length;
          assert.ok(shaped * 4 <= raw, `${c.tool}: ${shaped} bytes shaped vs ${raw} raw`);
        }
      });
    }
  }
}
