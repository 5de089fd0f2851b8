import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { toGitHubError } from '../../core/client/errors';
import { GitHubError } from '../../core/errors';
import type { GitHub } from '../../core/github';
import { redact } from '../../core/redact';
import type { ToolContext, ToolDefinition } from './defineTool';

export type ToolRuntime = Omit<ToolContext, 'github'> & { github: () => Promise<GitHub> };

/**
 * Runs a handler and shapes what comes back, in one place: results and errors both pass
 * the redactor, and every failure (including building the client) is an isError result with
 * an actionable message rather than a thrown error, which the SDK would copy verbatim.
 */
export async function runTool(tool: ToolDefinition, args: unknown, runtime: ToolRuntime): Promise<CallToolResult> {
  try {
    const ctx: ToolContext = { ...runtime, github: await runtime.github() };
    const output = await tool.handler(args as never, ctx);
    const allowed = new Set(ctx.config.exposeTokens ? output.exposedSecrets : []);
    if (output.data) {
      // Each string is redacted on its own: patterns run over JSON text could eat its quotes.
      const data = redactStrings(output.data, allowed) as Record<string, unknown>;
      return { content: [{ type: 'text', text: JSON.stringify(data) }], structuredContent: data };
    }
    return { content: [{ type: 'text', text: redactStrings(output.text ?? '', allowed) as string }] };
  } catch (error) {
    const mapped = toGitHubError(error);
    if (!(error instanceof GitHubError) && mapped.kind === 'network' && !(error as { request?: unknown }).request) {
      // Not a request failure at all: a bug or an unexpected value. Say so without internals.
      runtime.log.error(`${tool.name} failed: ${(error as Error)?.stack ?? String(error)}`);
      return errorResult(`${tool.name} failed unexpectedly: ${(error as Error)?.message ?? String(error)}`);
    }
    runtime.log.debug(`${tool.name}: ${mapped.kind}: ${mapped.message}`);
    return errorResult(mapped.message, mapped);
  }
}

function errorResult(message: string, error?: GitHubError): CallToolResult {
  const hint = error?.details.retryAfterSeconds !== undefined ? ` (retry-after: ${error.details.retryAfterSeconds})` : '';
  return { isError: true, content: [{ type: 'text', text: redact(`${message}${hint}`) }] };
}

/** Redacts every string in a JSON value, except the exact values the user opted in to see. */
function redactStrings(value: unknown, allowed: ReadonlySet<string>): unknown {
  if (typeof value === 'string') return allowed.has(value) ? value : redact(value);
  if (Array.isArray(value)) return value.map((item) => redactStrings(item, allowed));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactStrings(item, allowed)]));
  }
  return value;
}
