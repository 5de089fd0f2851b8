import fc from 'fast-check';
import type { ErrorObject } from 'ajv/dist/2020';

/**
 * Argument generators for the fuzz test, driven by the JSON Schema a tool advertises in tools/list.
 * Values mix plausible ones (so calls get past the schema and reach the simulator), edge cases of the
 * right type (the argument grammar's business: "..", NUL, bidi overrides, lone surrogates, URLs,
 * huge numbers) and values of the wrong type (the schema's business). Whether a value is valid is
 * not decided here: the test asks ajv, against the advertised schema.
 */

export type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  additionalProperties?: JsonSchema | boolean;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  format?: string;
};

/** Strings that path-, ref- and URL-building code gets wrong. */
export function edgeStrings(otherOrigin: string): string[] {
  return [
    '', ' ', '.', '..', '...', '../', '/..', 'a/../b', '../../../../etc/passwd', '/', '//', 'a//b', './a', 'a/./b', 'a/',
    '%2e%2e', '%2E%2E/%2e%2e', '..%2f..%2f', 'a%2Fb', '%00', '%', '\\', '..\\..\\x', 'a\\b',
    '\u0000', 'a\u0000b', '\u202E', 'gnp.exe\u202Etxt', '\u2066x\u2069', '\uFEFF', '\u200B', '\uD800', 'a\uDC00b', '\uDBFF\uDFFF', '\uDFFF\uD800',
    '\n', 'a\r\nX-Injected: 1', '\t', ' leading', 'trailing ',
    'https://evil.example/x', 'http://evil.example', '//evil', '//evil.example/x', '///evil', 'http://127.0.0.1:1/x', `${otherOrigin}/x`, otherOrigin.replace(/^https?:/, ''),
    'javascript:alert(1)', 'file:///etc/passwd', '@evil.example', 'user@evil.example', '?x=1', '#frag', 'a?b=1#c', ':', 'a:b', '~', '*', '-',
    'refs/heads/main', 'HEAD', 'HEAD~1', 'main..other', 'a.lock', '@{-1}',
    '<script>alert(1)</script>', '\'"`', '${x}', '{{x}}', 'null', 'undefined', 'true', 'NaN', '__proto__', 'constructor', 'prototype', '0', '-1', '1e308',
    '🦄', 'e\u0301', '\u0130', 'ﬁ', 'A'.repeat(257), '/'.repeat(300), '../'.repeat(200),
  ];
}

/** A smaller set every string argument gets once, deterministically. */
export const CORE_EDGE_STRINGS = ['', '.', '..', 'a/../b', '../../x', '%2e%2e', '\u0000', '\u202E', '\uD800', 'https://evil.example/x', '//evil', 'a\r\nX-Injected: 1'];

export const EDGE_NUMBERS = [
  0, -0, 1, -1, 1.5, -0.5, 2, 3, 14, 15, 100, 101, 600, 601, 2 ** 31 - 1, 2 ** 31, 2 ** 32, Number.MAX_SAFE_INTEGER, 2 ** 53, 2 ** 53 + 2, -(2 ** 53), 1e21, 1e308, -1e308, 5e-324,
];

/** Deterministic wrong-type and boundary numbers every numeric argument gets once. */
export const CORE_EDGE_NUMBERS: unknown[] = [-1, 0, 1.5, 2 ** 53, 1e308, '1'];

/** Plausible values by argument name, from the simulator's fixtures, so calls reach real routes. */
const PLAUSIBLE: Record<string, unknown[]> = {
  owner: ['octocat', 'sim-org', 'hubot'],
  repo: ['hello-world', 'api', 'private-repo', 'web'],
  org: ['sim-org'],
  username: ['octocat', 'hubot'],
  issue_number: [1, 3, 5, 6, 13],
  pullNumber: [1, 2, 3, 4, 13],
  installation_id: [5001, 5002, 6001],
  milestone: [1],
  path: ['README.md', '', 'src', 'docs/x.md'],
  ref: ['main'],
  sha: ['main'],
  branch: ['main', 'fuzz-branch'],
  from_branch: ['main'],
  head: ['main', 'feature'],
  base: ['main'],
  query: ['hello', 'repo:octocat/hello-world is:open', 'octo'],
  title: ['fuzz'],
  body: ['fuzz body'],
  message: ['fuzz commit'],
  content: ['hello\n'],
  labels: [['bug']],
  assignees: [['octocat']],
  expiration: [60, 600],
  page: [1, 2],
  perPage: [1, 30, 100],
};

/** github_request's path is a REST path; its plausible values are the API's, not a file's. */
const PLAUSIBLE_BY_TOOL: Record<string, Record<string, unknown[]>> = {
  github_request: {
    path: ['/repos/octocat/hello-world', '/rate_limit', '/user', '/repos/octocat/hello-world/issues'],
    method: ['GET', 'HEAD', 'POST'],
    query: [{ per_page: 1 }],
    body: [{ title: 'fuzz' }],
  },
};

function types(schema: JsonSchema): string[] {
  if (Array.isArray(schema.type)) return schema.type;
  if (schema.type) return [schema.type];
  if (schema.enum) return [...new Set(schema.enum.map((v) => (v === null ? 'null' : typeof v)))];
  return [];
}

export function plausibleValues(tool: string, name: string, schema: JsonSchema): unknown[] {
  const own = PLAUSIBLE_BY_TOOL[tool]?.[name] ?? PLAUSIBLE[name];
  if (own) return own;
  if (schema.enum) return schema.enum;
  const t = types(schema)[0];
  if (t === 'string') return ['x'];
  if (t === 'integer' || t === 'number') return [1];
  if (t === 'boolean') return [true, false];
  if (t === 'array') return [[]];
  if (t === 'object') return [{}];
  return ['x'];
}

/** The first plausible value of every required argument: a call that gets past the schema. */
export function baselineArgs(tool: string, schema: JsonSchema): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const name of schema.required ?? []) args[name] = plausibleValues(tool, name, schema.properties?.[name] ?? {})[0];
  return args;
}

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));

function edgeString(otherOrigin: string): fc.Arbitrary<string> {
  const pieces = fc.oneof(fc.constantFrom(...edgeStrings(otherOrigin)), fc.string({ maxLength: 8 }), loneSurrogate, fc.constantFrom('/', '..', '.', '%2e', '\u0000', '\u202E'));
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...edgeStrings(otherOrigin)) },
    { weight: 2, arbitrary: fc.array(pieces, { minLength: 1, maxLength: 5 }).map((parts) => parts.join('')) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  );
}

const edgeNumber = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...EDGE_NUMBERS) },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  { weight: 1, arbitrary: fc.maxSafeInteger() },
);

/** Anything JSON can carry, including shapes no schema expects. */
export const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(null, true, false, 0, -1, '', '1', 'true', [], [null], {}, { '': 1 }, [[[]]]),
  fc.jsonValue({ maxDepth: 2 }),
);

/** A value of roughly the right type for `schema`, drawn from edge cases. */
export function edgeValue(schema: JsonSchema, otherOrigin: string, depth = 0): fc.Arbitrary<unknown> {
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches?.length) return fc.oneof(...branches.map((b) => edgeValue(b, otherOrigin, depth + 1)));
  if (schema.enum) {
    const variants = schema.enum.flatMap((v) => (typeof v === 'string' ? [v.toLowerCase(), v.toUpperCase(), ` ${v}`, `${v}\u0000`] : []));
    return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...schema.enum) }, { weight: 1, arbitrary: variants.length ? fc.constantFrom(...variants) : wrongValue });
  }
  const options = types(schema).map((t): fc.Arbitrary<unknown> => {
    switch (t) {
      case 'string':
        return edgeString(otherOrigin);
      case 'integer':
      case 'number':
        return edgeNumber;
      case 'boolean':
        return fc.boolean();
      case 'null':
        return fc.constant(null);
      case 'array':
        return depth > 2 ? fc.constant([]) : fc.array(schema.items ? edgeValue(schema.items, otherOrigin, depth + 1) : wrongValue, { maxLength: 5 });
      case 'object': {
        const values = typeof schema.additionalProperties === 'object' ? edgeValue(schema.additionalProperties, otherOrigin, depth + 1) : wrongValue;
        return depth > 2 ? fc.constant({}) : fc.dictionary(fc.oneof(fc.constantFrom('', '..', '__proto__', 'constructor', 'a b', '\u0000'), fc.string({ maxLength: 6 })), values, { maxKeys: 4 });
      }
      default:
        return wrongValue;
    }
  });
  return options.length ? fc.oneof(...options) : wrongValue;
}

const OMIT = Symbol('omit');

/** Arguments for one call: each argument plausible, edge-case, wrong-typed or left out; sometimes an unknown extra. */
export function argsArbitrary(tool: string, schema: JsonSchema, otherOrigin: string): fc.Arbitrary<Record<string, unknown>> {
  const required = new Set(schema.required ?? []);
  const fields: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, prop] of Object.entries(schema.properties ?? {})) {
    const value = fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...plausibleValues(tool, name, prop)) },
      { weight: 4, arbitrary: edgeValue(prop, otherOrigin) },
      { weight: 1, arbitrary: wrongValue },
    );
    // Required arguments go missing now and then; optional ones are left out about half the time.
    fields[name] = fc.option(value, { nil: OMIT as unknown as undefined, freq: required.has(name) ? 12 : 2 });
  }
  const extra = fc.option(fc.tuple(fc.constantFrom('unknown_argument', 'Owner', 'constructor', 'toString'), wrongValue), { freq: 8, nil: undefined });
  return fc.record({ fields: fc.record(fields), extra }).map(({ fields: picked, extra: more }) => {
    const args: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(picked)) if (value !== (OMIT as unknown)) args[name] = value;
    if (more) args[more[0]] = more[1];
    return args;
  });
}

/** Deep nesting, for arguments that take any JSON: a naive recursive walk would overflow. */
export function deeplyNested(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
}

/**
 * The top-level arguments ajv blames, from its errors against the advertised input schema:
 * the first segment of each error's path, or the missing/additional property for errors at the root.
 */
export function offendingArguments(errors: ErrorObject[] | null | undefined): string[] {
  const names = new Set<string>();
  for (const error of errors ?? []) {
    if (error.instancePath) {
      names.add(error.instancePath.split('/')[1].replace(/~1/g, '/').replace(/~0/g, '~'));
    } else if (error.keyword === 'required') {
      names.add(String((error.params as { missingProperty: string }).missingProperty));
    } else if (error.keyword === 'additionalProperties') {
      names.add(String((error.params as { additionalProperty: string }).additionalProperty));
    } else {
      names.add('(arguments)');
    }
  }
  return [...names];
}

/** A call's arguments, printable: long strings shortened, control, bidi and surrogate characters escaped. */
export function showArgs(args: unknown): string {
  const text = JSON.stringify(args, (_key, value: unknown) => {
    if (typeof value === 'string' && value.length > 80) return `<${value.length} chars ${JSON.stringify(value.slice(0, 20))}…>`;
    if (typeof value === 'number' && !Number.isSafeInteger(value) && Number.isInteger(value)) return `${value} (unsafe)`;
    return value;
  });
  // JSON.stringify already escapes lone surrogates and C0 controls; escape bidi and zero-width too.
  const shown = (text ?? 'undefined').replace(/[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return shown.length > 400 ? `${shown.slice(0, 400)}…` : shown;
}

/** A 32-bit seed for one tool and pass, derived from the run's seed, so a replay regenerates the same calls. */
export function derivedSeed(seed: number, ...parts: string[]): number {
  let h = seed >>> 0;
  for (const ch of parts.join('\u0000')) h = Math.imul(h ^ ch.codePointAt(0)!, 0x01000193) >>> 0;
  return h;
}
