import { z } from 'zod';
import { toGitHubError } from '../../core/client/errors';
import type { GitHubOctokit } from '../../core/client/octokit';
import { toPage } from '../../core/client/pages';
import { GitHubError } from '../../core/errors';
import type { GitHub } from '../../core/github';
import { pageInfo, type ToolContext } from './defineTool';

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
function bodyFields(body: string | null | undefined, limit: number): { body: string | null; bodyTruncated?: true } {
  if (body === null || body === undefined) return { body: null };
  const { text, truncated } = truncate(body, limit);
  return truncated ? { body: text, bodyTruncated: true } : { body: text };
}

interface RawUser {
  login: string;
}
type RawLabel = string | { name?: string };

export function login(user: RawUser | null | undefined): string | null {
  return user?.login ?? null;
}

export function labelNames(labels: readonly RawLabel[] | undefined): string[] {
  return (labels ?? []).map((l) => (typeof l === 'string' ? l : (l.name ?? ''))).filter(Boolean);
}

function logins(users: readonly (RawUser | null)[] | null | undefined): string[] {
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
export function pageOf<T>(items: T[], response: { headers: { link?: string } }, page: number, perPage: number, totalCount?: number) {
  return { ...toPage(items, response, page, perPage, totalCount) };
}

/** Output shape for a list tool: the item schema plus the shared page fields. */
export function listOutput(item: z.ZodType, extra: z.ZodRawShape = {}): z.ZodRawShape {
  return { items: z.array(item), ...pageInfo, ...extra };
}

const bodySchema = {
  body: z.string().nullable(),
  bodyTruncated: z.boolean().optional().describe('True when the body was cut; the text ends with "…[truncated N characters]"'),
};

// ---------------------------------------------------------------- issues

interface RawIssue {
  number: number;
  title: string;
  state: string;
  state_reason?: string | null;
  user?: RawUser | null;
  labels?: RawLabel[];
  assignees?: (RawUser | null)[] | null;
  comments?: number;
  created_at: string;
  updated_at: string;
  closed_at?: string | null;
  html_url: string;
  body?: string | null;
  pull_request?: unknown;
  repository_url?: string;
  locked?: boolean;
  author_association?: string;
  milestone?: { title: string; number: number } | null;
  closed_by?: RawUser | null;
}

export const issueListItemSchema = z.object({
  number: z.number(),
  title: z.string(),
  state: z.string(),
  stateReason: z.string().optional(),
  isPullRequest: z.boolean().describe('GitHub lists pull requests among issues; true for those'),
  repository: z.string().optional().describe('owner/name (search results only)'),
  author: z.string().nullable(),
  labels: z.array(z.string()),
  assignees: z.array(z.string()),
  comments: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  closedAt: z.string().optional(),
  htmlUrl: z.string(),
  ...bodySchema,
});

/** A lean list entry: the body is a preview of LIMITS.listBody characters. */
export function shapeIssueListItem(issue: RawIssue, withRepository = false): z.output<typeof issueListItemSchema> {
  return { ...issueFields(issue, withRepository), ...bodyFields(issue.body, LIMITS.listBody) };
}

function issueFields(issue: RawIssue, withRepository: boolean) {
  return {
    number: issue.number,
    title: issue.title,
    state: issue.state,
    stateReason: issue.state_reason ?? undefined,
    isPullRequest: issue.pull_request !== undefined && issue.pull_request !== null,
    repository: withRepository && issue.repository_url ? issue.repository_url.split('/').slice(-2).join('/') : undefined,
    author: login(issue.user),
    labels: labelNames(issue.labels),
    assignees: logins(issue.assignees),
    comments: issue.comments ?? 0,
    createdAt: issue.created_at,
    updatedAt: issue.updated_at,
    closedAt: issue.closed_at ?? undefined,
    htmlUrl: issue.html_url,
  };
}

export const issueSchema = issueListItemSchema.extend({
  locked: z.boolean().optional(),
  authorAssociation: z.string().optional(),
  milestone: z.object({ number: z.number(), title: z.string() }).optional(),
  closedBy: z.string().optional(),
});

/** One issue in full; the body is kept up to LIMITS.body characters. */
export function shapeIssue(issue: RawIssue): z.output<typeof issueSchema> {
  return {
    ...issueFields(issue, false),
    locked: issue.locked,
    authorAssociation: issue.author_association,
    milestone: issue.milestone ? { number: issue.milestone.number, title: issue.milestone.title } : undefined,
    closedBy: issue.closed_by?.login,
    ...bodyFields(issue.body, LIMITS.body),
  };
}

interface RawComment {
  id: number;
  user?: RawUser | null;
  body?: string | null;
  created_at: string;
  updated_at: string;
  html_url: string;
}

export const commentSchema = z.object({
  id: z.number(),
  author: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  htmlUrl: z.string(),
  ...bodySchema,
});

export function shapeComment(c: RawComment): z.output<typeof commentSchema> {
  return { id: c.id, author: login(c.user), createdAt: c.created_at, updatedAt: c.updated_at, htmlUrl: c.html_url, ...bodyFields(c.body, LIMITS.comment) };
}

// ---------------------------------------------------------------- repositories

interface RawRepo {
  full_name: string;
  description?: string | null;
  private: boolean;
  visibility?: string;
  fork?: boolean;
  archived?: boolean;
  default_branch?: string;
  language?: string | null;
  topics?: string[];
  stargazers_count?: number;
  forks_count?: number;
  open_issues_count?: number;
  license?: { spdx_id?: string | null } | null;
  html_url: string;
  clone_url?: string;
  homepage?: string | null;
  created_at?: string | null;
  updated_at?: string | null;
  pushed_at?: string | null;
  permissions?: { admin?: boolean; maintain?: boolean; push?: boolean; triage?: boolean; pull?: boolean };
}

export const repositoryListItemSchema = z.object({
  fullName: z.string(),
  description: z.string().nullable(),
  private: z.boolean(),
  fork: z.boolean().optional(),
  archived: z.boolean().optional(),
  language: z.string().nullable(),
  stars: z.number().optional(),
  forks: z.number().optional(),
  defaultBranch: z.string().optional(),
  updatedAt: z.string().nullable().optional(),
  htmlUrl: z.string(),
});

export function shapeRepositoryListItem(r: RawRepo): z.output<typeof repositoryListItemSchema> {
  return {
    fullName: r.full_name,
    description: r.description ? truncate(r.description, LIMITS.description).text : null,
    private: r.private,
    fork: r.fork,
    archived: r.archived,
    language: r.language ?? null,
    stars: r.stargazers_count,
    forks: r.forks_count,
    defaultBranch: r.default_branch,
    updatedAt: r.updated_at,
    htmlUrl: r.html_url,
  };
}

export const repositorySchema = repositoryListItemSchema.extend({
  visibility: z.string().optional(),
  topics: z.array(z.string()),
  openIssues: z.number().optional().describe('Open issues plus open pull requests'),
  license: z.string().nullable(),
  homepage: z.string().nullable().optional(),
  cloneUrl: z.string().optional(),
  createdAt: z.string().nullable().optional(),
  pushedAt: z.string().nullable().optional(),
  permissions: z.record(z.string(), z.boolean()).optional().describe('What the configured identity may do here'),
});

export function shapeRepository(r: RawRepo): z.output<typeof repositorySchema> {
  return {
    ...shapeRepositoryListItem(r),
    description: r.description ?? null,
    visibility: r.visibility,
    topics: r.topics ?? [],
    openIssues: r.open_issues_count,
    license: r.license?.spdx_id ?? null,
    homepage: r.homepage || undefined,
    cloneUrl: r.clone_url,
    createdAt: r.created_at,
    pushedAt: r.pushed_at,
    permissions: r.permissions,
  };
}

// ---------------------------------------------------------------- commits and changed files

interface RawFile {
  filename: string;
  status: string;
  additions: number;
  deletions: number;
  changes?: number;
  previous_filename?: string;
  patch?: string;
}

export const fileChangeSchema = z.object({
  filename: z.string(),
  status: z.string().describe('added, removed, modified, renamed, copied, changed or unchanged'),
  additions: z.number(),
  deletions: z.number(),
  previousFilename: z.string().optional(),
  patch: z.string().optional().describe('Unified diff hunk for this file; absent for binary or very large files'),
  patchTruncated: z.boolean().optional(),
});

export function shapeFileChange(f: RawFile): z.output<typeof fileChangeSchema> {
  const patch = f.patch === undefined ? undefined : truncate(f.patch, LIMITS.patch);
  return {
    filename: f.filename,
    status: f.status,
    additions: f.additions,
    deletions: f.deletions,
    previousFilename: f.previous_filename,
    patch: patch?.text,
    patchTruncated: patch?.truncated || undefined,
  };
}

interface RawCommit {
  sha: string;
  html_url: string;
  commit: { message: string; author?: { name?: string; date?: string } | null; committer?: { name?: string; date?: string } | null };
  author?: RawUser | Record<string, never> | null;
  committer?: RawUser | Record<string, never> | null;
  parents?: { sha: string }[];
  stats?: { additions?: number; deletions?: number; total?: number };
  files?: RawFile[];
}

export const commitListItemSchema = z.object({
  sha: z.string(),
  message: z.string(),
  messageTruncated: z.boolean().optional(),
  author: z.string().nullable().describe('GitHub login of the author, or the git author name when the email maps to no account'),
  date: z.string().nullable().describe('Author date'),
  htmlUrl: z.string(),
});

function commitAuthor(c: RawCommit): string | null {
  const user = c.author as RawUser | null | undefined;
  return user?.login ?? c.commit.author?.name ?? null;
}

export function shapeCommitListItem(c: RawCommit): z.output<typeof commitListItemSchema> {
  const message = truncate(c.commit.message, LIMITS.listCommitMessage);
  return {
    sha: c.sha,
    message: message.text,
    messageTruncated: message.truncated || undefined,
    author: commitAuthor(c),
    date: c.commit.author?.date ?? null,
    htmlUrl: c.html_url,
  };
}

export const commitSchema = commitListItemSchema.extend({
  committer: z.string().nullable(),
  parents: z.array(z.string()),
  stats: z.object({ additions: z.number(), deletions: z.number(), total: z.number() }).optional(),
  files: z.array(fileChangeSchema),
});

export function shapeCommit(c: RawCommit): z.output<typeof commitSchema> {
  const message = truncate(c.commit.message, LIMITS.commitMessage);
  const committer = c.committer as RawUser | null | undefined;
  return {
    ...shapeCommitListItem(c),
    message: message.text,
    messageTruncated: message.truncated || undefined,
    committer: committer?.login ?? c.commit.committer?.name ?? null,
    parents: (c.parents ?? []).map((p) => p.sha),
    stats: c.stats ? { additions: c.stats.additions ?? 0, deletions: c.stats.deletions ?? 0, total: c.stats.total ?? 0 } : undefined,
    files: (c.files ?? []).map(shapeFileChange),
  };
}

// ---------------------------------------------------------------- pull requests

interface RawPull {
  number: number;
  title: string;
  state: string;
  draft?: boolean;
  user?: RawUser | null;
  labels?: RawLabel[];
  created_at: string;
  updated_at: string;
  closed_at?: string | null;
  merged_at?: string | null;
  html_url: string;
  body?: string | null;
  head: { ref: string; sha: string; label?: string; repo?: { full_name: string } | null };
  base: { ref: string; sha: string };
  merged?: boolean;
  mergeable?: boolean | null;
  mergeable_state?: string;
  merged_by?: RawUser | null;
  merge_commit_sha?: string | null;
  assignees?: (RawUser | null)[] | null;
  requested_reviewers?: (RawUser | null)[] | null;
  comments?: number;
  review_comments?: number;
  commits?: number;
  additions?: number;
  deletions?: number;
  changed_files?: number;
}

export const pullListItemSchema = z.object({
  number: z.number(),
  title: z.string(),
  state: z.string(),
  draft: z.boolean(),
  merged: z.boolean(),
  author: z.string().nullable(),
  head: z.string().describe('Head branch'),
  base: z.string().describe('Base branch'),
  labels: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
  closedAt: z.string().optional(),
  mergedAt: z.string().optional(),
  htmlUrl: z.string(),
  ...bodySchema,
});

export function shapePullListItem(p: RawPull): z.output<typeof pullListItemSchema> {
  return { ...pullFields(p), ...bodyFields(p.body, LIMITS.listBody) };
}

function pullFields(p: RawPull) {
  return {
    number: p.number,
    title: p.title,
    state: p.state,
    draft: p.draft ?? false,
    merged: p.merged ?? Boolean(p.merged_at),
    author: login(p.user),
    head: p.head.ref,
    base: p.base.ref,
    labels: labelNames(p.labels),
    createdAt: p.created_at,
    updatedAt: p.updated_at,
    closedAt: p.closed_at ?? undefined,
    mergedAt: p.merged_at ?? undefined,
    htmlUrl: p.html_url,
  };
}

export const pullSchema = pullListItemSchema.extend({
  headSha: z.string(),
  headRepo: z.string().nullable().describe('owner/name of the head repository (differs from the base for forks; null if deleted)'),
  baseSha: z.string(),
  mergeable: z.boolean().nullable().optional().describe('null while GitHub is still computing it'),
  mergeableState: z.string().optional(),
  mergedBy: z.string().optional(),
  mergeCommitSha: z.string().nullable().optional(),
  assignees: z.array(z.string()),
  requestedReviewers: z.array(z.string()),
  comments: z.number().optional(),
  reviewComments: z.number().optional(),
  commits: z.number().optional(),
  additions: z.number().optional(),
  deletions: z.number().optional(),
  changedFiles: z.number().optional(),
});

export function shapePull(p: RawPull): z.output<typeof pullSchema> {
  return {
    ...pullFields(p),
    headSha: p.head.sha,
    headRepo: p.head.repo?.full_name ?? null,
    baseSha: p.base.sha,
    mergeable: p.mergeable,
    mergeableState: p.mergeable_state,
    mergedBy: p.merged_by?.login,
    mergeCommitSha: p.merge_commit_sha,
    assignees: logins(p.assignees),
    requestedReviewers: logins(p.requested_reviewers),
    comments: p.comments,
    reviewComments: p.review_comments,
    commits: p.commits,
    additions: p.additions,
    deletions: p.deletions,
    changedFiles: p.changed_files,
    ...bodyFields(p.body, LIMITS.body),
  };
}

// ---------------------------------------------------------------- users

export const userListItemSchema = z.object({ login: z.string(), id: z.number(), type: z.string(), htmlUrl: z.string() });

export function shapeUserListItem(u: { login: string; id: number; type: string; html_url: string }): z.output<typeof userListItemSchema> {
  return { login: u.login, id: u.id, type: u.type, htmlUrl: u.html_url };
}
