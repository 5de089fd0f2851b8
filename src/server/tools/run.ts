import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { toGitHubError } from '../../core/client/errors';
import { GitHubError } from '../../core/errors';
import { redact } from '../../core/redact';
import type { ToolContext, ToolDefinition } from './defineTool';

/**
 * Runs a handler and shapes what comes back, in one place: results and errors both pass
 * the redactor, and every failure is an isError result with an actionable message rather
 * than a thrown error (which the SDK would copy verbatim into the result).
 */
export async function runTool(tool: ToolDefinition, args: unknown, ctx: ToolContext): Promise<CallToolResult> {
  try {
    const output = await tool.handler(args as never, ctx);
    const allowed = ctx.config.exposeTokens ? output.exposedSecrets : undefined;
    if (output.data) {
      const json = redactExcept(JSON.stringify(output.data), allowed);
      return { content: [{ type: 'text', text: json }], structuredContent: JSON.parse(json) as Record<string, unknown> };
    }
    return { content: [{ type: 'text', text: redactExcept(output.text ?? '', allowed) }] };
  } catch (error) {
    const mapped = toGitHubError(error);
    if (!(error instanceof GitHubError) && mapped.kind === 'network' && !(error as { request?: unknown }).request) {
      // Not a request failure at all: a bug or an unexpected value. Say so without internals.
      ctx.log.error(`${tool.name} failed: ${(error as Error)?.stack ?? String(error)}`);
      return errorResult(`${tool.name} failed unexpectedly: ${(error as Error)?.message ?? String(error)}`);
    }
    ctx.log.debug(`${tool.name}: ${mapped.kind}: ${mapped.message}`);
    return errorResult(mapped.message, mapped);
  }
}

function errorResult(message: string, error?: GitHubError): CallToolResult {
  const hint = error?.details.retryAfterSeconds !== undefined ? ` (retry-after: ${error.details.retryAfterSeconds})` : '';
  return { isError: true, content: [{ type: 'text', text: redact(`${message}${hint}`) }] };
}

/** Redacts everything but the values the user opted in to see. */
function redactExcept(text: string, allowed: string[] | undefined): string {
  if (!allowed?.length) return redact(text);
  const placeholders = allowed.map((_, i) => `\u0000exposed${i}\u0000`);
  let masked = text;
  allowed.forEach((value, i) => (masked = masked.split(value).join(placeholders[i])));
  let out = redact(masked);
  allowed.forEach((value, i) => (out = out.split(placeholders[i]).join(value)));
  return out;
}
