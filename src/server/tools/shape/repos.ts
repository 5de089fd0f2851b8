import { z } from 'zod';
import { LIMITS, truncate, type RawUser, login } from './common';

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

// ---------------------------------------------------------------- users

export const userListItemSchema = z.object({ login: z.string(), id: z.number(), type: z.string(), htmlUrl: z.string() });

export function shapeUserListItem(u: { login: string; id: number; type: string; html_url: string }): z.output<typeof userListItemSchema> {
  return { login: u.login, id: u.id, type: u.type, htmlUrl: u.html_url };
}
