import { appendFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';
import { leakLogDir } from './leakLog';

/**
 * Checks every tool result the way MCP clients do (the SDK `Client`, VS Code): the client lists
 * tools first, then validates each result's structuredContent against that tool's advertised
 * outputSchema, and a tool with an outputSchema that returns a non-error result without
 * structuredContent is a failure. Validation is ajv, draft 2020-12 (MCP's default dialect),
 * strict mode, with ajv-formats, so a schema that a stricter client would refuse is caught too.
 *
 * Every verdict is appended to a file in the PYGITHUB_LEAK_LOG folder, so that
 * test/server/zz-conformance.test.ts can check what the whole suite saw.
 */

/** The ajv every suite check uses: draft 2020-12, strict, all errors, formats. */
export function strictAjv(): Ajv2020 {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  return ajv;
}

export type Verdict =
  /** structuredContent validated against the advertised outputSchema. */
  | 'conforms'
  /** structuredContent present but invalid against the advertised outputSchema. */
  | 'violates'
  /** The tool advertises an outputSchema, the result is not an error, and it has no structuredContent. */
  | 'missing-structured'
  /** The advertised outputSchema does not compile under strict ajv, so no client could validate against it. */
  | 'schema-uncompilable'
  /** An isError result without structuredContent: nothing to validate (allowed). */
  | 'error-result'
  /** The tool advertises no outputSchema and returned no structuredContent (allowed). */
  | 'no-output-schema'
  /** The tool advertises no outputSchema but returned structuredContent a client cannot check. */
  | 'unexpected-structured'
  /** The tool was not in tools/list (a test calling a hidden tool on purpose); nothing to validate. */
  | 'unlisted';

export const FAILING_VERDICTS: ReadonlySet<Verdict> = new Set(['violates', 'missing-structured', 'schema-uncompilable', 'unexpected-structured']);

export interface ConformanceRecord {
  label: string;
  tool: string;
  verdict: Verdict;
  isError: boolean;
  /** For failing verdicts: what was wrong (ajv errors, compile error). */
  detail?: string;
}

export class ConformanceError extends Error {
  override name = 'ConformanceError';
  constructor(
    readonly record: ConformanceRecord,
    readonly result: CallToolResult,
  ) {
    super(`${record.tool} result does not conform (${record.verdict}): ${record.detail ?? ''}`);
  }
}

/** Validators for one server's advertised tools, compiled at first use. */
export class ResultChecker {
  readonly #ajv = strictAjv();
  readonly #tools = new Map<string, Tool>();
  readonly #validators = new Map<string, ValidateFunction | Error>();

  constructor(tools: Tool[]) {
    for (const tool of tools) this.#tools.set(tool.name, tool);
  }

  check(label: string, name: string, result: CallToolResult): ConformanceRecord {
    const isError = result.isError === true;
    const base = { label, tool: name, isError };
    const tool = this.#tools.get(name);
    if (!tool) return { ...base, verdict: 'unlisted' };
    const structured = result.structuredContent;
    if (!tool.outputSchema) {
      if (structured !== undefined) return { ...base, verdict: 'unexpected-structured', detail: 'structuredContent returned by a tool without an outputSchema' };
      return { ...base, verdict: isError ? 'error-result' : 'no-output-schema' };
    }
    if (structured === undefined) {
      if (isError) return { ...base, verdict: 'error-result' };
      return { ...base, verdict: 'missing-structured', detail: `${name} advertises an outputSchema but returned a non-error result without structuredContent` };
    }
    const validate = this.#validator(tool);
    if (validate instanceof Error) return { ...base, verdict: 'schema-uncompilable', detail: `outputSchema of ${name} does not compile (ajv 2020-12, strict): ${validate.message}` };
    if (validate(structured)) return { ...base, verdict: 'conforms' };
    return { ...base, verdict: 'violates', detail: describeErrors(validate.errors, 'structuredContent') };
  }

  #validator(tool: Tool): ValidateFunction | Error {
    let validator = this.#validators.get(tool.name);
    if (!validator) {
      try {
        validator = this.#ajv.compile(tool.outputSchema as object);
      } catch (error) {
        validator = error instanceof Error ? error : new Error(String(error));
      }
      this.#validators.set(tool.name, validator);
    }
    return validator;
  }
}

/** ajv errors as one line each: where, what, and the offending parameter. */
export function describeErrors(errors: ErrorObject[] | null | undefined, root: string, limit = 10): string {
  if (!errors?.length) return 'no ajv errors reported';
  const lines = errors.slice(0, limit).map((e) => `${root}${e.instancePath} ${e.message ?? e.keyword} ${JSON.stringify(e.params)}`);
  if (errors.length > limit) lines.push(`… and ${errors.length - limit} more`);
  return lines.join('; ');
}

function logFile(): string {
  return join(leakLogDir(), `${process.pid}.conformance.ndjson`);
}

export function recordConformance(record: ConformanceRecord): void {
  appendFileSync(logFile(), `${JSON.stringify(record)}\n`);
}

/** Every verdict recorded by every test process of this run. (Not *.jsonl: leakLog reads those.) */
export function readConformance(): ConformanceRecord[] {
  const dir = leakLogDir();
  return readdirSync(dir)
    .filter((name) => name.endsWith('.conformance.ndjson'))
    .flatMap((name) => readFileSync(join(dir, name), 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as ConformanceRecord));
}
