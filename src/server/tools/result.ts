import { z } from 'zod';
import { redact } from '../../core/redact';
import type { ToolDefinition } from './defineTool';
import { LIMITS } from './shape/common';

/**
 * What every tool result passes through on its way to the model: redaction, a cap on each
 * string, validation against the advertised output schema, and one ceiling for the whole
 * result. Shapers cut the long texts they know (bodies, patches) with their own limits; this
 * catches everything else, such as a 50 MB `name` from a hostile or broken host.
 */

/** Fields whose shapers allow long text; every other string is a name, a URL or a date. */
const LONG_TEXT_FIELDS = new Set(['body', 'content', 'patch', 'diff', 'text', 'message', 'data']);
export const FIELD_LIMIT = 2_000;
/** Above every shaper's own limit and its marker, so text a shaper cut is not cut again. */
export const LONG_TEXT_LIMIT = Math.max(...Object.values(LIMITS)) + 1_000;

/**
 * Set on a write tool's result when GitHub applied the write but its answer could not be
 * read in full; the model must not repeat the write.
 */
export const appliedSchema = z
  .object({
    method: z.string(),
    path: z.string(),
    status: z.number().int(),
    id: z.union([z.number(), z.string()]).optional(),
    htmlUrl: z.string().optional(),
    note: z.string(),
  })
  .describe('Set when the write was applied but its answer could not be read in full: do not repeat it');

export type Applied = z.output<typeof appliedSchema>;

const outputSchemas = new WeakMap<ToolDefinition, z.ZodObject | undefined>();
const strictSchemas = new WeakMap<ToolDefinition, z.ZodObject | undefined>();

/** The output schema as the tool declares it, every field as required as it says. */
export function strictOutputSchemaOf(tool: ToolDefinition): z.ZodObject | undefined {
  if (!strictSchemas.has(tool)) strictSchemas.set(tool, tool.output ? z.object(tool.output) : undefined);
  return strictSchemas.get(tool);
}

/**
 * The output schema a tool advertises. A write tool's fields are all optional, because a
 * write GitHub applied is reported even when GitHub's answer lacks a field (GHES versions,
 * preview media types); `applied` then says so.
 */
export function outputSchemaOf(tool: ToolDefinition): z.ZodObject | undefined {
  if (!outputSchemas.has(tool)) {
    const shape = tool.output;
    const schema = !shape ? undefined : tool.annotations.readOnlyHint ? strictOutputSchemaOf(tool) : z.object(shape).partial().extend({ applied: appliedSchema.optional() });
    outputSchemas.set(tool, schema);
  }
  return outputSchemas.get(tool);
}

/** Redacts and caps every string in a JSON value, except the exact values the user opted in to see. */
export function cleanStrings(value: unknown, allowed: ReadonlySet<string>, limit = FIELD_LIMIT): unknown {
  if (typeof value === 'string') {
    if (allowed.has(value)) return value;
    return cut(redact(value), limit);
  }
  if (Array.isArray(value)) return value.map((item) => cleanStrings(item, allowed, limit));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, cleanStrings(item, allowed, LONG_TEXT_FIELDS.has(key) || limit === LONG_TEXT_LIMIT ? LONG_TEXT_LIMIT : FIELD_LIMIT)]),
    );
  }
  return value;
}

/** Cuts text and says so, as the shapers do; never splits a surrogate pair. */
export function cut(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const end = /[\ud800-\udbff]/.test(text.charAt(limit - 1)) ? limit - 1 : limit;
  return `${text.slice(0, end)}…[truncated ${text.length - end} characters]`;
}

/** Error texts keep their beginning (what failed) and their end (what to do), whatever sits between. */
export function clipMessage(text: string, limit = 1_500): string {
  if (text.length <= limit) return text;
  const head = Math.floor(limit * 0.6);
  const tail = limit - head;
  return `${text.slice(0, head)}…[${text.length - limit} characters cut]…${text.slice(-tail)}`;
}

/** Problems as [top-level argument, "path: message"]; zod never includes the values themselves. */
export function issuesByArgument(error: z.ZodError): Array<[string, string]> {
  return error.issues.map((issue) => {
    const argument = String(issue.path[0] ?? '(arguments)');
    return [argument, `${issue.path.join('.') || argument}: ${issue.message}`];
  });
}

/** One problem per top-level argument, so every bad argument is named and none twice. */
export function describeProblems(problems: Iterable<[string, string]>): string {
  const first = new Map<string, string>();
  for (const [argument, text] of problems) if (!first.has(argument)) first.set(argument, text);
  return [...first.values()].join('; ');
}
