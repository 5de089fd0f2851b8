import { z } from 'zod';
import { toGitHubError } from '../../../core/client/errors';
import type { GitHubOctokit } from '../../../core/client/octokit';
import { toPage } from '../../../core/client/pages';
import { GitHubError } from '../../../core/errors';
import type { GitHub } from '../../../core/github';
import { pageInfo, type ToolContext } from '../defineTool';

/**
 * Result shaping for the repos, issues, pull_requests, users and requests tools. Results
 * go into a model's context, so each entity keeps the fields an agent acts on (logins,
 * label names, ISO dates, html_url, counts) and long text is cut with an explicit marker.
 * Every shaper has a zod schema next to it: the tool's output schema is built from it.
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
export type RawLabel = string | { name?: string };

export function login(user: RawUser | null | undefined): string | null {
  return user?.login ?? null;
}

export function labelNames(labels: readonly RawLabel[] | undefined): string[] {
  return (labels ?? []).map((l) => (typeof l === 'string' ? l : (l.name ?? ''))).filter(Boolean);
}

export function logins(users: readonly (RawUser | null)[] | null | undefined): string[] {
  return (users ?? []).flatMap((u) => (u ? [u.login] : []));
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
  const e = error as { status?: unknown; request?: unknown } | undefined;
  return typeof e?.status === 'number' || e?.request ? toGitHubError(error, resource) : error;
}

/**
 * Search belongs to no repository. For an App without a pinned installation, the
 * installation is chosen by the query's first user:/org:/owner:/repo: qualifier; otherwise
 * (or with no qualifier) the default client serves it.
 */
export function searchOwner(query: string): string | undefined {
  return /(?:^|[\s(])(?:user|org|owner|repo):"?([A-Za-z0-9][A-Za-z0-9-]*)/i.exec(query)?.[1];
}

export async function clientForSearch(query: string, github: GitHub): Promise<GitHubOctokit> {
  const owner = github.isApp ? searchOwner(query) : undefined;
  return owner ? github.forOwner(owner) : github.client();
}

/** perPage as asked, else the configured default (GITHUB_PER_PAGE). */
export function perPageOf(args: { perPage?: number }, ctx: ToolContext): number {
  return args.perPage ?? ctx.config.core.perPage;
}

/** `{ items, page, perPage, hasNextPage, totalCount? }`, with hasNextPage from the Link header. */
export { toPage };

/** A page of search results: GitHub adds the total count and whether the search timed out partway. */
export function searchPage<T>(items: T[], response: { headers: { link?: string }; data: { total_count: number; incomplete_results: boolean } }, page: number, perPage: number) {
  return { ...toPage(items, response, page, perPage, response.data.total_count), incompleteResults: response.data.incomplete_results };
}

/** Output shape for a list tool: the item schema plus the shared page fields. */
export function listOutput(item: z.ZodType, extra: z.ZodRawShape = {}): z.ZodRawShape {
  return { items: z.array(item), ...pageInfo, ...extra };
}

export const bodySchema = {
  body: z.string().nullable(),
  bodyTruncated: z.boolean().optional().describe('True when the body was cut; the text ends with "…[truncated N characters]"'),
};
