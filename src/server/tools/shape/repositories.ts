import { z } from 'zod';
import { LIMITS, truncate, login, objectOr, type RawUser, type Shaped } from './common';
import { repositorySchema, shapeRepository } from './repos';

/*
 * Sources (OpenAPI components): `repository` (repos/list-for-authenticated-user,
 * apps/list-repos-accessible-to-installation) and `minimal-repository` (repos/list-for-user,
 * repos/list-for-org). Both require full_name, private, fork, description (nullable) and
 * html_url; `repository` also default_branch, language, stargazers_count, updated_at and
 * archived, which minimal-repository leaves optional.
 */
interface RawRepoSummary {
  full_name: string;
  private: boolean;
  fork: boolean;
  description: string | null;
  html_url: string;
  default_branch?: string;
  language?: string | null;
  stargazers_count?: number;
  updated_at?: string | null;
  archived?: boolean;
}

export const repoSummarySchema = z.object({
  fullName: z.string(),
  private: z.boolean(),
  fork: z.boolean(),
  archived: z.boolean().optional(),
  description: z.string().nullable(),
  descriptionTruncated: z.boolean().optional(),
  defaultBranch: z.string().optional(),
  language: z.string().nullable().optional().describe('Main language; null when GitHub detected none'),
  stars: z.number().optional(),
  updatedAt: z.string().nullable().optional(),
  htmlUrl: z.string(),
});

export function shapeRepoSummary(r: RawRepoSummary): Shaped<z.output<typeof repoSummarySchema>> {
  const description = typeof r.description === 'string' ? truncate(r.description, LIMITS.description) : undefined;
  return {
    fullName: r.full_name,
    private: r.private,
    fork: r.fork,
    archived: r.archived,
    description: description ? description.text : r.description === null ? null : undefined,
    descriptionTruncated: description?.truncated || undefined,
    defaultBranch: r.default_branch,
    language: r.language,
    stars: r.stargazers_count,
    updatedAt: r.updated_at,
    htmlUrl: r.html_url,
  };
}

// ---------------------------------------------------------------- forks

/* repos/create-fork answers full-repository (202); parent and source are optional in it. */
export const forkSchema = repositorySchema.extend({
  parent: z.string().optional().describe('owner/name of the repository this is a fork of'),
  note: z.string(),
});

export function shapeFork(r: Parameters<typeof shapeRepository>[0] & { parent?: { full_name?: string } | null }): Shaped<z.output<typeof forkSchema>> {
  return {
    ...shapeRepository(r),
    parent: objectOr(r.parent)?.full_name,
    note: 'GitHub creates forks asynchronously: the contents may take a few moments (longer for big repositories) to appear.',
  };
}

// ---------------------------------------------------------------- collaborators

/*
 * repos/list-collaborators answers `collaborator`: login and role_name required, permissions
 * (pull, triage, push, maintain, admin; all required inside) optional.
 */
interface RawCollaborator {
  login: string;
  role_name: string;
  permissions?: { pull?: boolean; triage?: boolean; push?: boolean; maintain?: boolean; admin?: boolean };
}

export const collaboratorSchema = z.object({
  login: z.string(),
  roleName: z.string().describe('read, triage, write, maintain, admin, or a custom role'),
  permission: z.enum(['admin', 'maintain', 'write', 'triage', 'read']).optional().describe('Highest permission GitHub reported'),
});

const PERMISSION_ORDER = [
  ['admin', 'admin'],
  ['maintain', 'maintain'],
  ['push', 'write'],
  ['triage', 'triage'],
  ['pull', 'read'],
] as const;

export function shapeCollaborator(c: RawCollaborator): Shaped<z.output<typeof collaboratorSchema>> {
  const permissions = objectOr(c.permissions);
  return {
    login: c.login,
    roleName: c.role_name,
    permission: permissions ? PERMISSION_ORDER.find(([key]) => permissions[key] === true)?.[1] : undefined,
  };
}

// ---------------------------------------------------------------- code search

/*
 * search/code answers code-search-result-item: name, path, sha, html_url and repository
 * (minimal-repository, full_name required) required; text_matches optional (only with the
 * text-match media type), each with an optional fragment.
 */
interface RawCodeResult {
  name: string;
  path: string;
  sha: string;
  html_url: string;
  repository: { full_name: string } | null;
  text_matches?: Array<{ fragment?: string } | null>;
}

export const codeResultSchema = z.object({
  repo: z.string().describe('owner/name'),
  path: z.string(),
  sha: z.string().describe('Blob sha of the file'),
  htmlUrl: z.string(),
  fragments: z.array(z.string()).optional().describe(`Matching text around each hit, each cut at ${LIMITS.listBody} characters`),
});

export function shapeCodeResult(r: RawCodeResult): Shaped<z.output<typeof codeResultSchema>> {
  const matches = Array.isArray(r.text_matches) ? r.text_matches : undefined;
  return {
    repo: objectOr(r.repository)?.full_name,
    path: r.path,
    sha: r.sha,
    htmlUrl: r.html_url,
    fragments: matches?.flatMap((m) => (typeof m?.fragment === 'string' ? [truncate(m.fragment, LIMITS.listBody).text] : [])),
  };
}

// ---------------------------------------------------------------- commit search

/*
 * search/commits answers commit-search-result-item: sha, html_url, author (nullable user),
 * commit (author with name, email, date; message) and repository (full_name) required.
 */
interface RawCommitResult {
  sha: string;
  html_url: string;
  author: RawUser | null;
  commit: { message: string; author: { name: string; email: string; date: string } | null };
  repository: { full_name: string } | null;
}

export const commitResultSchema = z.object({
  sha: z.string(),
  message: z.string().describe(`First line of the message, cut at ${LIMITS.listCommitMessage} characters`),
  author: z.string().nullable().describe('GitHub login; null when the commit is not linked to an account'),
  authorName: z.string().optional().describe('Name in the commit'),
  date: z.string().optional().describe('Author date'),
  repo: z.string().describe('owner/name'),
  htmlUrl: z.string(),
});

export function shapeCommitResult(c: RawCommitResult): Shaped<z.output<typeof commitResultSchema>> {
  const commit = objectOr(c.commit);
  const gitAuthor = objectOr(commit?.author);
  const message = typeof commit?.message === 'string' ? truncate(commit.message.split('\n')[0], LIMITS.listCommitMessage).text : undefined;
  return {
    sha: c.sha,
    message,
    author: login(c.author),
    authorName: gitAuthor?.name,
    date: gitAuthor?.date,
    repo: objectOr(c.repository)?.full_name,
    htmlUrl: c.html_url,
  };
}
