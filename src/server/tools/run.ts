import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { runInCallScope, type AppliedWrite, type CallScope } from '../../core/client/callScope';
import { isRequestError, toGitHubError } from '../../core/client/errors';
import type { GitHub } from '../../core/github';
import { GitHubError } from '../../core/errors';
import { redact } from '../../core/redact';
import type { Progress, ToolContext, ToolDefinition, ToolOutput } from './defineTool';
import { forbiddenKeyProblems, grammarProblems } from './grammar';
import { cleanStrings, clipMessage, describeProblems, issuesByArgument, outputSchemaOf, strictOutputSchemaOf, type Applied } from './result';

export type ToolRuntime = Omit<ToolContext, 'github' | 'progress'> & { github: () => Promise<GitHub> };

const noProgress: Progress = () => {};

/**
 * The progress reporter for a call whose request carried `_meta.progressToken`: MCP wants
 * progress to increase, so a report that does not go further is dropped; messages are
 * redacted, and a failed send never fails the call.
 */
export function progressFor(token: string | number | undefined, send: (notification: { method: 'notifications/progress'; params: Record<string, unknown> }) => Promise<void>): Progress {
  if (token === undefined) return noProgress;
  let last = -Infinity;
  return (done, total, message) => {
    if (!(done > last)) return;
    last = done;
    const params = { progressToken: token, progress: done, ...(total !== undefined ? { total } : {}), ...(message ? { message: clipMessage(redact(message), 200) } : {}) };
    send({ method: 'notifications/progress', params }).catch(() => {});
  };
}

const inputSchemas = new WeakMap<ToolDefinition, z.ZodObject>();

/**
 * Runs one tool call, and is the only place that does: arguments are checked (schema, then
 * GitHub's grammar), the call gets one deadline and the client's cancel signal down to the
 * sockets, and whatever comes back passes redaction, string caps, the output schema and the
 * result ceiling. Every failure is an isError result with an actionable message, never a
 * thrown error, which the SDK would copy verbatim.
 */
export async function runTool(tool: ToolDefinition, rawArgs: unknown, runtime: ToolRuntime, signal?: AbortSignal, progress: Progress = noProgress): Promise<CallToolResult> {
  const args = parseArguments(tool, rawArgs);
  if (typeof args === 'string') return errorResult(`Invalid arguments for ${tool.name}: ${args}`);
  const timeoutMs = runtime.config.core.callTimeoutMs;
  let scope: CallScope | undefined;
  try {
    return await runInCallScope({ label: tool.name, timeoutMs, signal }, async (current) => {
      scope = current;
      try {
        const ctx: ToolContext = { ...runtime, github: await runtime.github(), progress };
        if (tool.needs.user && ctx.github.isApp) throw needsUser(tool.name, tool.needs.user);
        return finish(tool, await tool.handler(args as never, ctx), runtime, current);
      } catch (error) {
        return failure(tool, error, runtime, current);
      }
    });
  } catch (error) {
    // The scope gives up on work that has not settled a second after its deadline or a cancel.
    return failure(tool, error, runtime, scope);
  }
}

export function needsUser(what: string, tokens: string): GitHubError {
  return new GitHubError(
    'permission',
    `${what} needs a user's token: GitHub does not give GitHub Apps (an installation, or the App itself) access to it ("Resource not accessible by integration"). Use ${tokens}.`,
    { status: 403 },
  );
}

/** The parsed arguments, or the problems as one "name: problem; …" string. */
function parseArguments(tool: ToolDefinition, rawArgs: unknown): Record<string, unknown> | string {
  let schema = inputSchemas.get(tool);
  if (!schema) inputSchemas.set(tool, (schema = z.object(tool.input)));
  const parsed = schema.safeParse(rawArgs ?? {});
  const problems = [...forbiddenKeyProblems(rawArgs), ...(parsed.success ? grammarProblems(parsed.data) : issuesByArgument(parsed.error))];
  return problems.length > 0 || !parsed.success ? describeProblems(problems) : parsed.data;
}

function finish(tool: ToolDefinition, output: ToolOutput, runtime: ToolRuntime, scope: CallScope): CallToolResult {
  const allowed = new Set(runtime.config.exposeTokens ? output.exposedSecrets : []);
  const ceiling = runtime.config.maxResultChars;
  if (!output.data) {
    const text = cleanStrings(output.text ?? '', allowed, ceiling) as string;
    return { content: [{ type: 'text', text }] };
  }
  const data = cleanStrings(output.data, allowed) as Record<string, unknown>;
  // Checked against the schema as declared: a write tool advertises a lenient one only so
  // that an incomplete answer can still be reported, with `applied`, as the success it was.
  const checked = strictOutputSchemaOf(tool)?.safeParse(data);
  if (checked && !checked.success) return unreadableAnswer(tool, data, checked.error, runtime, scope);
  // Parsing also drops fields the schema does not declare, so a client's strict check passes.
  const conforming = (checked?.data ?? data) as Record<string, unknown>;
  const text = JSON.stringify(conforming);
  if (text.length > ceiling) {
    const tooLarge = `The result of ${tool.name} would be ${text.length} characters, over the ${ceiling}-character ceiling (GITHUB_MAX_RESULT_CHARS).`;
    const applied = wasWrite(tool) ? lastApplied(scope) : undefined;
    if (applied) return appliedResult(tool, {}, { ...applied, note: `GitHub applied the write. ${tooLarge} Do not repeat the write.` });
    return errorResult(`${tooLarge} Ask for less: a smaller perPage, a narrower path, query or range.`);
  }
  return { content: [{ type: 'text', text }], structuredContent: conforming };
}

/**
 * GitHub answered, but not with what the result promises. A read says so; a write tool keeps
 * the fields that are fine and adds `applied`, because reporting an applied write as a
 * failure invites the model to post it twice.
 */
function unreadableAnswer(tool: ToolDefinition, data: Record<string, unknown>, error: z.ZodError, runtime: ToolRuntime, scope: CallScope): CallToolResult {
  const problems = describeProblems(issuesByArgument(error));
  runtime.log.warn(`${tool.name}: GitHub's answer does not fit the result schema: ${problems}`);
  // The transport records every write GitHub answered with a 2xx; with none, nothing changed.
  const applied = wasWrite(tool) ? lastApplied(scope) : undefined;
  if (!applied) {
    return errorResult(`GitHub's answer for ${tool.name} lacked what the result needs (${problems}). Nothing was changed. The host may run an older GitHub Enterprise Server; github_request shows the raw answer.`);
  }
  const schema = outputSchemaOf(tool)!;
  const kept = Object.fromEntries(Object.entries(data).filter(([key, value]) => schema.shape[key]?.safeParse(value).success));
  return appliedResult(tool, kept, { ...applied, note: `GitHub applied the write, but its answer lacked part of the result (${problems}). Do not repeat the write.` });
}

function failure(tool: ToolDefinition, error: unknown, runtime: ToolRuntime, scope: CallScope | undefined): CallToolResult {
  const mapped = toGitHubError(error);
  const unexpected = !isRequestError(error) && mapped.kind === 'network';
  if (unexpected) {
    // A bug or an unexpected value, not a request failure: the stack goes to the log, not to the model.
    runtime.log.error(`${tool.name} failed: ${(error as Error)?.stack ?? String(error)}`);
  } else {
    runtime.log.debug(`${tool.name}: ${mapped.kind}: ${mapped.message}`);
  }
  const message = unexpected ? `${tool.name} failed unexpectedly: ${(error as Error)?.message ?? String(error)}` : mapped.message;
  const applied = wasWrite(tool) ? lastApplied(scope) : undefined;
  if (applied) {
    // The write went through and something after it failed (a follow-up read, the shaping).
    return appliedResult(tool, {}, { ...applied, note: `GitHub applied the write; what came after it failed: ${clipMessage(redact(message), 500)} Do not repeat the write.` });
  }
  const hint = mapped.details.retryAfterSeconds !== undefined ? ` (retry-after: ${mapped.details.retryAfterSeconds})` : '';
  return errorResult(`${message}${hint}`);
}

function appliedResult(tool: ToolDefinition, kept: Record<string, unknown>, applied: Applied): CallToolResult {
  const data = tool.output ? { ...kept, applied } : undefined;
  const text = data ? JSON.stringify(data) : applied.note;
  return { content: [{ type: 'text', text }], ...(data ? { structuredContent: data } : {}) };
}

function wasWrite(tool: ToolDefinition): boolean {
  return !tool.annotations.readOnlyHint;
}

/** The last write GitHub applied in this call; minting tokens is the identity's business, not the tool's. */
function lastApplied(scope: CallScope | undefined): Omit<Applied, 'note'> | undefined {
  const writes = (scope?.applied ?? []).filter((write: AppliedWrite) => !/\/access_tokens$|\/login\/(oauth|device)\//.test(write.path));
  const last = writes.at(-1);
  if (!last) return undefined;
  return { method: last.method, path: last.path, status: last.status, ...(last.id !== undefined ? { id: last.id } : {}), ...(last.htmlUrl ? { htmlUrl: last.htmlUrl } : {}) };
}

function errorResult(message: string): CallToolResult {
  return { isError: true, content: [{ type: 'text', text: clipMessage(redact(message)) }] };
}
