import { z } from 'zod';
import { isRequestError, toGitHubError } from '../../../core/client/errors';
import { toPage } from '../../../core/client/pages';
import { GitHubError } from '../../../core/errors';
import { pageInfo, type ToolContext } from '../defineTool';

/**
 * Result shaping for the tools. Results go into a model's context, so each entity keeps the
 * fields an agent acts on (logins, label names, ISO dates, html_url, counts) and long text is
 * cut with an explicit marker. Every shaper has a zod schema next to it: the tool's output
 * schema is built from it.
 *
 * What a schema promises, and what a shaper does when GitHub sends less:
 * - A field is required only where GitHub's OpenAPI description marks its source required
 *   for every response the shaper reads (api.github.com, GHEC and GHES 3.17-3.19 agree on
 *   all of them), or where the shaper computes it itself. Everything else is optional and
 *   left out when GitHub leaves it out. Nullable where GitHub says nullable.
 * - A shaper never fills a gap with a made-up value ('' for a sha, 0 for a count, [] for a
 *   list GitHub did not send): the field is left out (or null where null means "none").
 * - A shaper never throws on a missing or null nested object; a required field GitHub failed
 *   to send comes out undefined, and the output check in run.ts reports it.
 * test/unit/server/shape.fixtures.test.ts checks all of this against recorded GitHub
 * responses and the OpenAPI examples, in full, stripped to their required fields, and nulled.
 */

/** Character limits; list items stay small, single-item reads get a larger budget. */
export const LIMITS = {
  listBody: 200,
  body: 20_000,
  comment: 4_000,
  commitMessage: 2_000,
  listCommitMessage: 300,
  description: 300,
  patch: 3_000,
  diff: 100_000,
  fileContent: 100_000,
  requestJson: 100_000,
} as const;

export interface Truncated {
  text: string;
  truncated: boolean;
}

/** Cuts `text` to `limit` characters and says so: "…[truncated N characters]". */
export function truncate(text: string, limit: number): Truncated {
  if (text.length <= limit) return { text, truncated: false };
  let cut = limit;
  // Never split a surrogate pair.
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return { text: `${text.slice(0, cut)}…[truncated ${text.length - cut} characters]`, truncated: true };
}

/** A body and its flag, for spreading into a shaped item: `bodyTruncated` appears only when true. */
export function bodyFields(body: string | null | undefined, limit: number): { body: string | null; bodyTruncated?: true } {
  if (body === null || body === undefined) return { body: null };
  const { text, truncated } = truncate(body, limit);
  return truncated ? { body: text, bodyTruncated: true } : { body: text };
}

export interface RawUser {
  login: string;
}
export type RawLabel = string | { name?: string } | null;

/** The login of a user GitHub sent, else null (no user: a deleted account, or none sent). */
export function login(user: RawUser | Record<string, never> | null | undefined): string | null {
  const value = (user as { login?: unknown } | null | undefined)?.login;
  return typeof value === 'string' ? value : null;
}

/** Label names; undefined when GitHub sent no list at all (not an empty list: that is a claim). */
export function labelNames(labels: readonly RawLabel[] | null | undefined): string[] | undefined {
  if (!Array.isArray(labels)) return undefined;
  return labels.map((l) => (typeof l === 'string' ? l : l && typeof l.name === 'string' ? l.name : '')).filter(Boolean);
}

/** Logins of a list of users: a null list (GitHub's "none", where it allows null) is empty; undefined when GitHub sent no list at all. */
export function logins(users: readonly (RawUser | null)[] | null | undefined): string[] | undefined {
  if (users === null) return [];
  if (!Array.isArray(users)) return undefined;
  return users.flatMap((u) => (u && typeof u.login === 'string' ? [u.login] : []));
}

/** The value itself when it is an object (not null, not an array), else undefined. */
export function objectOr<T extends object>(value: T | null | undefined): T | undefined;
export function objectOr(value: unknown): Record<string, unknown> | undefined;
export function objectOr(value: unknown): object | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
}

/**
 * GitHub's answer when it is a JSON object; otherwise (null, a string, an array where one
 * object was due) a clear error, not a TypeError from deep inside a shaper. After a write,
 * run.ts reports that the write was applied all the same.
 */
export function objectAnswer<T>(data: T, resource: string): T {
  if (objectOr(data)) return data;
  const what = data === null ? 'null' : Array.isArray(data) ? 'a list' : data === '' || data === undefined ? 'empty' : `a ${typeof data}`;
  throw new GitHubError('server', `GitHub's answer for ${resource} could not be read: it is ${what}, not a JSON object.`);
}

/** Drops the keys whose value is undefined, so a result's JSON shows what GitHub left out. */
export function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/**
 * Awaits a request and, if GitHub refuses it, names the resource in the error
 * ("Issue octocat/hello-world#7 was not found (404)…"). Anything that is not a
 * request failure (a bug) passes through untouched, so run.ts still reports it as one.
 */
export async function about<T>(resource: string, request: Promise<T>): Promise<T> {
  try {
    return await request;
  } catch (error) {
    throw named(error, resource);
  }
}

/** The error to rethrow: a request failure mapped with the resource named, anything else as it was. */
export function named(error: unknown, resource: string): unknown {
  if (error instanceof GitHubError) return error;
  return isRequestError(error) ? toGitHubError(error, resource) : error;
}

/** perPage as asked, else the configured default (GITHUB_PER_PAGE). */
export function perPageOf(args: { perPage?: number }, ctx: ToolContext): number {
  return args.perPage ?? ctx.config.core.perPage;
}

/** `{ items, page, perPage, hasNextPage, totalCount? }`, with hasNextPage from the Link header. */
export { toPage };

/**
 * Shapes each item of a list GitHub sent. When it sent no list (a broken answer) the result is
 * undefined rather than an empty list, which would claim there is nothing; a null item is
 * shaped as an empty object, so one bad entry cannot throw.
 */
export function shapeEach<T, R>(items: readonly T[] | null | undefined, shape: (item: T) => R): R[] | undefined {
  if (!Array.isArray(items)) return undefined;
  return items.map((item) => shape((objectOr(item) ?? {}) as T));
}

/** A page of search results: GitHub adds the total count and whether the search timed out partway. */
export function searchPage<T>(items: T[] | undefined, response: { headers: { link?: string }; data: { total_count: number; incomplete_results: boolean } }, page: number, perPage: number) {
  return { ...toPage(items, response, page, perPage, response.data?.total_count), incompleteResults: response.data?.incomplete_results };
}

/** Output shape for a list tool: the item schema plus the shared page fields. */
export function listOutput(item: z.ZodType, extra: z.ZodRawShape = {}): z.ZodRawShape {
  return { items: z.array(item), ...pageInfo, ...extra };
}

/** Output shape for a cursor-paged list tool (cursorPagination). */
export function cursorOutput(item: z.ZodType): z.ZodRawShape {
  return { items: z.array(item), perPage: pageInfo.perPage, hasNextPage: pageInfo.hasNextPage, nextCursor: z.string().optional().describe('Pass as `after` for the next page') };
}

/** `{ items, perPage, hasNextPage, nextCursor? }`, the cursor read from the Link header's next URL. */
export function cursorPage<T>(items: T[] | undefined, response: { headers: { link?: string } }, perPage: number): Record<string, unknown> {
  const next = /<([^>]+)>;\s*rel="next"/.exec(response.headers.link ?? '')?.[1];
  let nextCursor: string | undefined;
  if (next) {
    try {
      nextCursor = new URL(next).searchParams.get('after') ?? undefined;
    } catch {
      nextCursor = undefined;
    }
  }
  return { items, perPage, hasNextPage: next !== undefined, ...(nextCursor ? { nextCursor } : {}) };
}

export const bodySchema = {
  body: z.string().nullable().describe('Markdown text; null when there is none'),
  bodyTruncated: z.boolean().optional().describe('True when the body was cut; the text ends with "…[truncated N characters]"'),
};

/**
 * What a shaper returns: its schema's output, except that any field may be undefined. A
 * field the schema requires is undefined only when GitHub broke its own contract; run.ts
 * checks every result against the schema and reports that, rather than a shaper throwing.
 */
export type Shaped<T> = T extends readonly (infer U)[] ? (Shaped<U> | undefined)[] : T extends object ? { [K in keyof T]?: Shaped<T[K]> } : T;
