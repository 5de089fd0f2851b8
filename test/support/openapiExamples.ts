import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { ALL_TOOLS } from '../../src/server/tools/all';
import { describeTool } from '../../src/server/tools/catalog';

/*
 * GitHub's OpenAPI examples (api.github.com) for the shaper tests of each area
 * (test/unit/server/shape.<area>.test.ts): an operation's example answer, the same answer
 * stripped to its required fields or with every nullable field null, and the tool's
 * advertised and strict output validators.
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

export const isNullable = (schema: Json | undefined): boolean => {
  const s = deref(schema);
  return !!s && (s.nullable === true || (s.allOf ?? []).some(isNullable));
};

export function requiredOnly(value: unknown, schema: Json | undefined): unknown {
  if (value === null || typeof value !== 'object') return value;
  const s = objectSchema(schema, value);
  if (Array.isArray(value)) return value.map((item) => requiredOnly(item, s?.items));
  if (!s?.properties) return value;
  const required = new Set<string>(s.required ?? []);
  return Object.fromEntries(Object.entries(value).filter(([k]) => required.has(k)).map(([k, v]) => [k, requiredOnly(v, s.properties[k])]));
}

export function nulled(value: unknown, schema: Json | undefined): unknown {
  if (value === null || typeof value !== 'object') return value;
  const s = objectSchema(schema, value);
  if (Array.isArray(value)) return value.map((item) => nulled(item, s?.items));
  if (!s?.properties) return value;
  const out: Json = { ...(value as Json) };
  for (const [key, property] of Object.entries<Json>(s.properties)) {
    if (isNullable(property)) out[key] = null;
    else if (key in out) out[key] = nulled(out[key], property);
  }
  return out;
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
