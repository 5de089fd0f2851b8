import { z } from 'zod';
import { GitHubError } from '../../core/errors';
import type { GitHub } from '../../core/github';
import type { GitHubOctokit } from '../../core/client/octokit';
import { defineTool, isReadOnlyFor, type ToolContext, type ToolDefinition, DESTRUCTIVE } from './defineTool';
import { about, LIMITS, truncate } from './shape';

/**
 * github_request: PyGithub's `requester.requestJsonAndCheck` escape hatch, for any REST
 * endpoint the other tools do not cover. The path is always relative to the configured
 * API base URL, so a request can never leave it (and never carries the credential elsewhere).
 */

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
const READ_METHODS: readonly string[] = ['GET', 'HEAD'];
/** Response headers worth showing; authentication and scope headers are never returned. */
const SHOWN_HEADERS = ['link', 'etag', 'last-modified', 'location', 'content-type', 'retry-after', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset', 'x-ratelimit-used', 'x-ratelimit-resource'];

const input = {
  method: z.enum(METHODS).default('GET'),
  path: z.string().min(1).describe('Relative to the API base URL, e.g. "/repos/o/r/labels"; no host, query string or ".."'),
  query: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  body: z.union([z.record(z.string(), z.unknown()), z.array(z.unknown())]).optional().describe('JSON; not with GET or HEAD'),
};

const output = {
  status: z.number(),
  headers: z.record(z.string(), z.string()).describe('Selected response headers: link (pagination), etag, rate-limit counters, location…'),
  data: z.unknown().optional().describe('Parsed JSON response body, when it fits'),
  text: z.string().optional().describe('The body as text: non-JSON responses, or JSON too large to return whole'),
  truncated: z.boolean().optional().describe('True when text was cut; it ends with "…[truncated N characters]"'),
};

const description =
  `A raw request to a GitHub REST endpoint no other tool covers. Returns status, selected headers (link, etag, rate limits) and the JSON data; bodies over ${LIMITS.requestJson} characters come back as truncated text. ` +
  'Methods other than GET and HEAD may change data; a read-only server sends only GET and HEAD.';

async function handler(args: { method: (typeof METHODS)[number]; path: string; query?: Record<string, string | number | boolean>; body?: unknown }, ctx: ToolContext) {
  const { method, query, body } = args;
  if (isReadOnlyFor(githubRequest, ctx.config) && !READ_METHODS.includes(method)) {
    throw new GitHubError('permission', `This server is read-only (GITHUB_READ_ONLY or GITHUB_READ_ONLY_TOOLSETS), so github_request only sends GET and HEAD; the ${method} was not sent.`);
  }
  const segments = checkPath(args.path);
  if (body !== undefined && READ_METHODS.includes(method)) {
    throw new GitHubError('validation', `github_request cannot send a body with ${method}; put parameters in query instead.`);
  }
  const search = query ? new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)])).toString() : '';
  // Octokit expands ":name" (and "{name}") in a URL from the request's parameters, the body
  // among them: "/:data/:data/steal" with body [".."] once went out as "/steal". An encoded
  // colon means the same to GitHub and nothing to Octokit, so the path checked is the path sent.
  const sent = args.path.replace(/:/g, '%3A');
  const url = search ? `${sent}?${search}` : sent;
  const client = await clientForPath(segments, ctx.github);
  const response = await about(`${method} ${args.path}`, client.request({ method, url, ...(body !== undefined ? { data: body } : {}) }));
  return { data: { status: response.status, headers: pickHeaders(response.headers), ...shapeBody(response.data) } };
}

/**
 * It may write, so its hints say so; it enforces read-only mode itself (GET and HEAD only),
 * which is why the registry keeps it, marked read-only, when the server is read-only.
 */
export const githubRequest = defineTool({
  name: 'github_request',
  toolset: 'requests',
  title: 'GitHub REST request',
  description,
  input,
  output,
  annotations: DESTRUCTIVE,
  needs: {},
  enforcesReadOnly: true,
  handler,
});

export const requestsTools: ToolDefinition[] = [githubRequest];

/** Accepts only "/a/b/c" paths below the base URL; returns the decoded segments. */
export function checkPath(path: string): string[] {
  const reject = (why: string): never => {
    throw new GitHubError('validation', `github_request path ${JSON.stringify(path)} rejected: ${why}. Give a path relative to the API base URL, such as "/repos/octocat/hello-world/issues".`);
  };
  if (/^[a-z][a-z0-9+.-]*:/i.test(path)) reject('absolute URLs are not accepted');
  if (path.startsWith('//')) reject('scheme-relative URLs ("//host/…") are not accepted');
  if (!path.startsWith('/')) reject('it must begin with "/"');
  if (/[?#]/.test(path)) reject('query strings and fragments belong in the query argument');
  if (/[\s\\{}]|[\u0000-\u001f\u007f]/.test(path)) reject('it contains whitespace, a backslash, a brace or a control character');
  const raw = path.slice(1).split('/');
  if (raw.slice(0, -1).some((s) => s === '')) reject('empty segments ("//") are not accepted');
  return raw.filter(Boolean).map((segment) => {
    let decoded = '';
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      reject(`the segment ${JSON.stringify(segment)} is not valid percent-encoding`);
    }
    if (decoded === '.' || decoded === '..') reject('"." and ".." segments are not accepted');
    return decoded;
  });
}

/** A repository path acts as the installation covering that repository; an org or user path as that account's. */
async function clientForPath(segments: string[], github: GitHub): Promise<GitHubOctokit> {
  const [root, first, second] = segments.map((s) => s.toLowerCase());
  if (root === 'repos' && first && second) return github.forRepo(segments[1], segments[2]);
  if ((root === 'orgs' || root === 'users') && first) return github.forOwner(segments[1]);
  return github.client();
}

function pickHeaders(headers: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of SHOWN_HEADERS) {
    const value = headers[name];
    if (value !== undefined && value !== null) out[name] = String(value);
  }
  return out;
}

function shapeBody(data: unknown): { data?: unknown; text?: string; truncated?: boolean } {
  if (data === undefined || data === null || data === '') return {};
  if (data instanceof ArrayBuffer) return { text: `(binary response, ${data.byteLength} bytes, not shown)` };
  if (typeof data === 'string') {
    const cut = truncate(data, LIMITS.requestJson);
    return cut.truncated ? { text: cut.text, truncated: true } : { text: cut.text };
  }
  const json = JSON.stringify(data);
  if (json.length <= LIMITS.requestJson) return { data };
  return { text: truncate(json, LIMITS.requestJson).text, truncated: true };
}
