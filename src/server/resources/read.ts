import { McpError, type ReadResourceResult } from '@modelcontextprotocol/sdk/types.js';
import { runInCallScope } from '../../core/client/callScope';
import { isRequestError, toGitHubError } from '../../core/client/errors';
import { redact } from '../../core/redact';
import type { ToolRuntime } from '../tools/run';
import { contentUri, parseContentUri, type ContentTarget } from './uri';

/** MCP's code for a resource that does not exist; -32602 (invalid params) for a URI that is not one of ours. */
export const RESOURCE_NOT_FOUND = -32002;
const INVALID_PARAMS = -32602;
const INTERNAL_ERROR = -32603;

/** Larger binaries are refused rather than cut: half a PNG is no use. Base64 makes it a third larger. */
export const MAX_BLOB_BYTES = 256 * 1024;
const MAX_DIR_ENTRIES = 1_000;

const TEXT_TYPES: Record<string, string> = {
  md: 'text/markdown', markdown: 'text/markdown', txt: 'text/plain', html: 'text/html', htm: 'text/html', css: 'text/css', csv: 'text/csv',
  js: 'text/javascript', mjs: 'text/javascript', cjs: 'text/javascript', ts: 'text/x-typescript', tsx: 'text/x-typescript', json: 'application/json',
  yml: 'application/yaml', yaml: 'application/yaml', xml: 'application/xml', svg: 'image/svg+xml', py: 'text/x-python', go: 'text/x-go',
  rs: 'text/x-rust', java: 'text/x-java', c: 'text/x-c', h: 'text/x-c', sh: 'application/x-sh', toml: 'application/toml',
};
const BINARY_TYPES: Record<string, string> = {
  png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp', ico: 'image/x-icon', pdf: 'application/pdf',
  zip: 'application/zip', gz: 'application/gzip', wasm: 'application/wasm', woff: 'font/woff', woff2: 'font/woff2',
};

function extension(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/**
 * resources/read for a repo:// URI: a text file as text with its MIME type, a binary one as a
 * base64 blob up to MAX_BLOB_BYTES, a directory as a JSON listing whose entries carry their own
 * URIs. It runs in a call scope like a tool (deadline, the client's cancel), as the identity's
 * client for that repository (an unpinned App: the installation covering it).
 */
export async function readContent(uri: string, runtime: ToolRuntime, signal?: AbortSignal): Promise<ReadResourceResult> {
  const target = parseContentUri(uri);
  if (typeof target === 'string') throw new McpError(INVALID_PARAMS, target);
  const where = `path ${target.path || '/'} in ${target.owner}/${target.repo}${target.ref ? ` at ${target.ref}` : ''}`;
  let data: unknown;
  try {
    data = await runInCallScope({ label: 'resources/read', timeoutMs: runtime.config.core.callTimeoutMs, signal }, async () => {
      const github = await runtime.github();
      const client = await github.forRepo(target.owner, target.repo);
      return (await client.rest.repos.getContent({ owner: target.owner, repo: target.repo, path: target.path, ref: target.ref })).data;
    });
  } catch (error) {
    throw asMcpError(error, where, runtime);
  }
  return { contents: [shapeContents(uri, target, data, runtime.config.maxResultChars)] };
}

type Contents = ReadResourceResult['contents'][number];

function shapeContents(uri: string, target: ContentTarget, data: unknown, maxChars: number): Contents {
  if (Array.isArray(data)) {
    const entries = data.slice(0, MAX_DIR_ENTRIES).map((raw) => {
      const e = (raw ?? {}) as { name?: unknown; path?: unknown; type?: unknown; size?: unknown };
      const path = typeof e.path === 'string' ? e.path : '';
      return { name: String(e.name ?? ''), type: String(e.type ?? ''), ...(e.type === 'file' && typeof e.size === 'number' ? { size: e.size } : {}), uri: contentUri(target, path) };
    });
    const listing = { path: target.path, entries, ...(data.length > MAX_DIR_ENTRIES ? { truncated: true, total: data.length } : {}) };
    return { uri, mimeType: 'application/json', text: redact(JSON.stringify(listing)) };
  }
  const file = (data ?? {}) as { type?: unknown; content?: unknown; encoding?: unknown; size?: unknown; target?: unknown; submodule_git_url?: unknown };
  if (file.type === 'symlink') return { uri, mimeType: 'text/plain', text: redact(`Symbolic link to ${String(file.target ?? '?')}`) };
  if (file.type === 'submodule') return { uri, mimeType: 'text/plain', text: redact(`Submodule: ${String(file.submodule_git_url ?? '?')}`) };
  const size = typeof file.size === 'number' ? file.size : undefined;
  if (typeof file.content !== 'string' || file.encoding === 'none' || (file.content === '' && size !== 0)) {
    throw new McpError(INTERNAL_ERROR, `GitHub sent no content for ${target.path}${size !== undefined ? ` (${size} bytes)` : ''}; it does not for files over 1 MB. Use a git clone.`);
  }
  const bytes = Buffer.from(file.content, 'base64');
  const text = textOf(bytes);
  const ext = extension(target.path);
  if (text === undefined) {
    if (bytes.length > MAX_BLOB_BYTES) {
      throw new McpError(INTERNAL_ERROR, `${target.path} is a binary file of ${bytes.length} bytes, over this server's ${MAX_BLOB_BYTES}-byte limit for binary resources.`);
    }
    return { uri, mimeType: BINARY_TYPES[ext] ?? 'application/octet-stream', blob: bytes.toString('base64') };
  }
  const mimeType = TEXT_TYPES[ext] ?? 'text/plain';
  const clean = redact(text);
  if (clean.length <= maxChars) return { uri, mimeType, text: clean };
  // Cut at the result ceiling; _meta says so (get_file_contents reads the rest in windows).
  return { uri, mimeType, text: clean.slice(0, maxChars), _meta: { truncated: true, totalChars: clean.length } };
}

/** UTF-8 text, or undefined when the bytes look binary (a NUL byte, or invalid UTF-8). */
function textOf(bytes: Buffer): string | undefined {
  if (bytes.subarray(0, 8000).includes(0)) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** A failure as the JSON-RPC error the client reads: a 404 is "resource not found"; every message redacted. */
export function asMcpError(error: unknown, where: string, runtime: ToolRuntime): McpError {
  if (error instanceof McpError) return error;
  const mapped = toGitHubError(error, where);
  if (!isRequestError(error) && mapped.kind === 'network') runtime.log.error(`resources/read failed: ${(error as Error)?.stack ?? String(error)}`);
  const message = redact(mapped.message).slice(0, 1_500);
  return new McpError(mapped.kind === 'not_found' ? RESOURCE_NOT_FOUND : INTERNAL_ERROR, message);
}
