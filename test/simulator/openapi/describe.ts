import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

// GitHub's own description of the REST API (@octokit/openapi, i.e.
// github/rest-api-description), made usable for validating the simulator's
// answers. Two descriptions are used:
//
// - api.github.com: the most complete and most current one, what most
//   clients (octokit's types included) are written against;
// - the newest GHES description in the package: the simulator uses the GHES
//   layout (/api/v3) and the server under test also talks to GHES.
//
// An answer must satisfy both (where an operation is in only one, that one).
// The descriptions are OpenAPI 3.0: schemas are converted to JSON Schema
// 2020-12 (nullable -> type unions / anyOf null, boolean exclusiveMinimum/
// Maximum -> numbers, OpenAPI-only keywords dropped) and components/schemas
// become $defs of one schema per description, so ajv compiles only what is
// used: a response schema is compiled the first time an answer of that
// operation and status is checked, and cached. The non-dereferenced files are
// used (small, and $ref keeps recursive schemas recursive).
//
// Used by test/unit/simulator/openapi.test.ts (which drives every route) and
// by the simulator itself when it checks every answer it sends (./check.ts).

const GENERATED = join(process.cwd(), 'node_modules/@octokit/openapi/generated');

export function newestGhes(): string {
  const versions = readdirSync(GENERATED)
    .map((f) => /^ghes-(\d+)\.(\d+)\.json$/.exec(f))
    .filter((m): m is RegExpExecArray => !!m)
    .sort((a, b) => Number(a[1]) - Number(b[1]) || Number(a[2]) - Number(b[2]));
  const last = versions.at(-1);
  if (!last) throw new Error('no GHES description in @octokit/openapi');
  return `ghes-${last[1]}.${last[2]}`;
}

// ---- OpenAPI 3.0 -> JSON Schema 2020-12

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

const DROP = new Set(['nullable', 'example', 'examples', 'discriminator', 'xml', 'externalDocs']);
const MAPS = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);
const LITERAL = new Set(['enum', 'required', 'const', 'default']);

export function toJsonSchema(s: Json, refBase: string): Json {
  if (Array.isArray(s)) return s.map((x) => toJsonSchema(x, refBase));
  if (s === null || typeof s !== 'object') return s;
  const out: Json = {};
  for (const [k, v] of Object.entries(s)) {
    if (DROP.has(k) || k.startsWith('x-')) continue;
    if (k === '$ref' && typeof v === 'string') out.$ref = v.replace('#/components/schemas/', `${refBase}#/$defs/`);
    else if (MAPS.has(k) && v && typeof v === 'object') out[k] = Object.fromEntries(Object.entries(v).map(([name, sub]) => [name, toJsonSchema(sub, refBase)]));
    else if (LITERAL.has(k)) out[k] = v;
    else out[k] = toJsonSchema(v, refBase);
  }
  // OpenAPI 3.0 (draft-04 style) boolean exclusive bounds.
  for (const [flag, bound] of [['exclusiveMinimum', 'minimum'], ['exclusiveMaximum', 'maximum']] as const) {
    if (typeof out[flag] === 'boolean') {
      if (out[flag] && typeof out[bound] === 'number') {
        out[flag] = out[bound];
        delete out[bound];
      } else delete out[flag];
    }
  }
  // GitHub's oneOf alternatives overlap (basic-error vs repository-rule-violation-error: both
  // match {message, documentation_url}), so "exactly one" would reject valid answers; GitHub means "one of these shapes".
  if (Array.isArray(out.oneOf)) {
    out.anyOf = out.anyOf ? [{ anyOf: out.anyOf }, { anyOf: out.oneOf }] : out.oneOf;
    delete out.oneOf;
  }
  // @octokit/openapi's inlined installation lists say `account: allOf [simple-user, enterprise]`,
  // which no account can satisfy; components/schemas/installation says anyOf, as GitHub means.
  if (Array.isArray(out.allOf) && out.allOf.length === 2 && s.allOf?.[0]?.title === 'Simple User' && s.allOf?.[1]?.title === 'Enterprise') {
    out.anyOf = out.allOf;
    delete out.allOf;
  }
  if (s.nullable === true) {
    if (typeof out.type === 'string') out.type = [out.type, 'null'];
    else if (Array.isArray(out.type)) out.type = [...new Set([...out.type, 'null'])];
    else return { anyOf: [out, { type: 'null' }] };
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  }
  return out;
}

// ---- known inaccuracies of the description
//
// Where the description is known to disagree with what GitHub actually sends,
// the description is patched here (and the simulator keeps GitHub's real
// behaviour). Each entry: component schema, JSON pointer inside it, the fix.

export interface Patch {
  schema: string;
  pointer: string;
  why: string;
}

export const NULLABLE_IN_PRACTICE: Patch[] = [
  ...['company', 'email', 'location', 'blog'].map((field) => ({
    schema: 'organization-full',
    pointer: `/properties/${field}`,
    why: 'GitHub answers null for unset org fields: github/rest-api-description#2507, #7058 (GitHub: "updated to allow null for company, email, blog, and location")',
  })),
  { schema: 'issue-search-result-item', pointer: '/properties/body', why: 'an issue without a body has body null, as `issue.body` (nullable) describes; search items are the same issues' },
  ...['pull-request', 'pull-request-simple'].map((schema) => ({
    schema,
    pointer: '/properties/labels/items/properties/description',
    why: 'a label without a description has description null, as `label.description` (nullable) describes',
  })),
];

function applyPatches(doc: Json): string[] {
  const applied: string[] = [];
  for (const p of NULLABLE_IN_PRACTICE) {
    const target = p.pointer.split('/').slice(1).reduce((o: Json, key: string) => o?.[key], doc.components.schemas[p.schema]);
    if (target && typeof target === 'object' && target.nullable !== true) {
      target.nullable = true;
      applied.push(`${p.schema}${p.pointer}`);
    }
  }
  return applied;
}

// ---- descriptions

export interface Operation {
  template: string;
  method: string;
  operationId: string;
  responses: Record<string, Json>;
}

export interface Description {
  name: string;
  doc: Json;
  ajv: Ajv2020;
  base: string;
  /** "GET /repos/{}/{}" -> operation */
  byShape: Map<string, Operation>;
  compiled: Map<string, Documented | undefined>;
  /** GitHub's error body (basic-error with message and documentation_url), for error statuses the description lists without a body. */
  basicError: ValidateFunction;
  patched: string[];
}

/** A path template with its parameters blanked: "/repos/{owner}/{repo}" and the simulator's "/repos/:owner/:repo" both give "/repos/{}/{}". */
export const shapeOf = (template: string) => template.replace(/\{[^}]+\}/g, '{}').replace(/[:*]\w+/g, '{}').replace(/(.)\/$/, '$1');

export function loadDescription(name: string): Description {
  const doc = JSON.parse(readFileSync(join(GENERATED, `${name}.json`), 'utf8'));
  const patched = applyPatches(doc);
  // validateSchema off: checking the converted description against the 2020-12 meta-schema costs more than
  // half of loading it, in every process; openapi.test.ts checks it once (metaSchemaErrors). Code optimisation
  // off: it makes compiling (the cost that remains) about a fifth cheaper, and little is validated per schema.
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true, validateSchema: false, code: { optimize: false } });
  addFormats(ajv);
  // Formats OpenAPI or GitHub define and ajv-formats does not: annotations only.
  for (const format of ['int32', 'int64', 'double', 'float', 'binary', 'timestamp', 'repo.nwo', 'uri-template']) {
    if (!(format in ajv.formats)) ajv.addFormat(format, true);
  }
  const base = `https://openapi.invalid/${name}.json`;
  ajv.addSchema({ $id: base, $defs: Object.fromEntries(Object.entries(doc.components.schemas).map(([k, v]) => [k, toJsonSchema(v, base)])) });
  const byShape = new Map<string, Operation>();
  for (const [template, item] of Object.entries<Json>(doc.paths)) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
      const op = item[method];
      if (op) byShape.set(`${method.toUpperCase()} ${shapeOf(template)}`, { template, method: method.toUpperCase(), operationId: op.operationId, responses: op.responses });
    }
  }
  // basic-error requires no property at all (so any object would pass); every error body GitHub sends has
  // `message` and `documentation_url` (docs.github.com "Troubleshooting the REST API"), so those are required here.
  const basicError = ajv.compile({ $ref: `${base}#/$defs/basic-error`, type: 'object', required: ['message', 'documentation_url'] });
  return { name, doc, ajv, base, byShape, compiled: new Map(), basicError, patched };
}

/** Errors of the converted description (its $defs) against the JSON Schema 2020-12 meta-schema; [] when valid. */
export function metaSchemaErrors(d: Description): string[] {
  const defs = d.ajv.getSchema(d.base)?.schema as Json;
  const checker = new Ajv2020({ strict: false, allErrors: true });
  addFormats(checker);
  return checker.validateSchema(defs) ? [] : (checker.errors ?? []).slice(0, 20).map((e) => `${e.instancePath} ${e.message}`);
}

let cached: Description[] | undefined;

/** Both descriptions, loaded once per process on first use (about a second: two large JSON files and their conversion). */
export function descriptions(): Description[] {
  cached ??= [loadDescription('api.github.com'), loadDescription(newestGhes())];
  return cached;
}

function deref(d: Description, node: Json): Json {
  let n = node;
  for (let i = 0; n && typeof n.$ref === 'string' && i < 10; i++) {
    n = n.$ref.split('/').slice(1).reduce((o: Json, key: string) => o?.[key], d.doc);
  }
  return n;
}

export interface Documented {
  /** The JSON body's validator, null when the response documents no JSON body. */
  validate: ValidateFunction | null;
  /** Documented media types (empty: no body). */
  mediaTypes: string[];
}

/** The operation a request of `method` on a path template (GitHub's or the simulator's route pattern) is, in `d`. */
export function operationOf(d: Description, method: string, template: string): Operation | undefined {
  return d.byShape.get(`${method === 'HEAD' ? 'GET' : method} ${shapeOf(template)}`);
}

/** What the description says about one status of an operation; undefined when the status is not documented. Compiled on first use, then cached. */
export function documentedResponse(d: Description, op: Operation, status: number): Documented | undefined {
  const key = `${op.operationId}:${status}`;
  if (d.compiled.has(key)) return d.compiled.get(key);
  const response = deref(d, op.responses[String(status)] ?? op.responses[`${String(status)[0]}XX`]);
  if (!response) {
    d.compiled.set(key, undefined);
    return undefined;
  }
  const content = response.content ?? {};
  const mediaType = Object.keys(content).find((t) => /json/.test(t));
  const validate = mediaType && content[mediaType].schema ? d.ajv.compile(toJsonSchema(content[mediaType].schema, d.base)) : null;
  const out = { validate, mediaTypes: Object.keys(content) };
  d.compiled.set(key, out);
  return out;
}
