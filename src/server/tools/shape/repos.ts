import { z } from 'zod';
import { lineWindowSchema, windowLines } from './window';
import { LIMITS, truncate, type RawUser, login, objectOr, defined, type Shaped } from './common';

/*
 * Sources (OpenAPI components): `full-repository` (repos/get) and `repo-search-result-item`
 * (search/repos). Both require full_name, description (nullable), private, fork, archived,
 * default_branch, language (nullable), stargazers_count, forks_count, html_url, updated_at;
 * full-repository also license (nullable), clone_url, homepage (nullable), created_at,
 * pushed_at, open_issues_count. visibility, topics and permissions are optional.
 */
interface RawRepo {
  full_name: string;
  description: string | null;
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
  language: z.string().nullable().describe('Main language; null when GitHub detected none'),
  stars: z.number().optional(),
  forks: z.number().optional(),
  defaultBranch: z.string().optional(),
  updatedAt: z.string().nullable().optional(),
  htmlUrl: z.string(),
});

export function shapeRepositoryListItem(r: RawRepo): Shaped<z.output<typeof repositoryListItemSchema>> {
  return {
    fullName: r.full_name,
    description: typeof r.description === 'string' ? truncate(r.description, LIMITS.description).text : null,
    private: r.private,
    fork: r.fork,
    archived: r.archived,
    // Required and nullable: null is GitHub's own "none", and a missing value is read as that.
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
  topics: z.array(z.string()).optional().describe('Absent when GitHub did not send topics'),
  openIssues: z.number().optional().describe('Open issues plus open pull requests'),
  license: z.string().nullable().describe('SPDX id of the license; null when GitHub recognizes none'),
  homepage: z.string().nullable().optional(),
  cloneUrl: z.string().optional(),
  createdAt: z.string().nullable().optional(),
  pushedAt: z.string().nullable().optional(),
  permissions: z.record(z.string(), z.boolean()).optional().describe('What the configured identity may do here'),
});

export function shapeRepository(r: RawRepo): Shaped<z.output<typeof repositorySchema>> {
  return {
    ...shapeRepositoryListItem(r),
    description: r.description ?? null,
    visibility: r.visibility,
    topics: Array.isArray(r.topics) ? r.topics : undefined,
    openIssues: r.open_issues_count,
    license: objectOr(r.license)?.spdx_id ?? null,
    homepage: r.homepage || undefined,
    cloneUrl: r.clone_url,
    createdAt: r.created_at,
    pushedAt: r.pushed_at,
    permissions: booleansOf(r.permissions),
  };
}

/** Only the boolean entries: the schema promises a map of booleans. */
function booleansOf(value: unknown): Record<string, boolean> | undefined {
  const record = objectOr(value);
  if (!record) return undefined;
  return Object.fromEntries(Object.entries(record).filter((entry): entry is [string, boolean] => typeof entry[1] === 'boolean'));
}

// ---------------------------------------------------------------- contents

/*
 * repos/get-content answers content-directory (an array; each entry requires name, path,
 * sha, size, type), content-file (content and encoding required), content-symlink (target)
 * or content-submodule (submodule_git_url); html_url is nullable in all of them.
 */
export const contentSchema = z.object({
  type: z.enum(['file', 'dir', 'symlink', 'submodule']),
  path: z.string(),
  sha: z.string().optional(),
  size: z.number().optional().describe('Bytes'),
  encoding: z.enum(['utf-8', 'binary', 'none']).optional().describe('utf-8: content holds the text; binary or none: content omitted'),
  content: z.string().optional(),
  window: lineWindowSchema.optional().describe('The lines of a text file returned; read on from nextOffset'),
  note: z.string().optional(),
  target: z.string().optional().describe('Symlink target'),
  submoduleUrl: z.string().optional(),
  entries: z.array(z.object({ name: z.string(), path: z.string(), type: z.string(), size: z.number().optional() })).optional(),
  htmlUrl: z.string().nullable().optional(),
});

interface RawContent {
  type?: string;
  name?: string;
  path?: string;
  sha?: string;
  size?: number;
  html_url?: string | null;
  content?: string;
  encoding?: string;
  target?: string;
  submodule_git_url?: string;
}

/** A window of a file's text (at most LIMITS.fileContent characters), a binary file's size, or a directory's entries. */
export function shapeContent(data: unknown, requestedPath: string, lines: { offset: number; limit?: number } = { offset: 0 }): Shaped<z.output<typeof contentSchema>> {
  if (Array.isArray(data)) {
    const entries = data.map((item) => {
      const e = (objectOr(item) ?? {}) as RawContent;
      return { name: e.name, path: e.path, type: e.type, size: e.type === 'file' ? e.size : undefined };
    });
    return { type: 'dir', path: requestedPath, entries };
  }
  const d = (objectOr(data) ?? {}) as RawContent;
  // The path GitHub resolved; the one asked for if it names none.
  const base = { path: d.path ?? requestedPath, sha: d.sha, size: d.size, htmlUrl: d.html_url };
  if (d.type === 'symlink') return { ...base, type: 'symlink', target: d.target };
  if (d.type === 'submodule') return { ...base, type: 'submodule', submoduleUrl: d.submodule_git_url };
  const content = typeof d.content === 'string' ? d.content : undefined;
  const size = typeof d.size === 'number' ? d.size : undefined;
  if (content === undefined || d.encoding === 'none' || (content === '' && size !== 0)) {
    const note =
      size !== undefined && size > 1024 * 1024
        ? 'GitHub does not return the content of files over 1 MB through this API; fetch it from the raw URL or a git clone.'
        : 'GitHub sent no content for this file (it does not for files over 1 MB); fetch it from the raw URL or a git clone.';
    return { ...base, type: 'file', encoding: 'none', note };
  }
  const text = decodeText(Buffer.from(content, 'base64'));
  if (text === undefined) {
    return { ...base, type: 'file', encoding: 'binary', note: size === undefined ? 'Binary file; content not shown.' : `Binary file (${size} bytes); content not shown.` };
  }
  const { text: content_, window } = windowLines(text, lines.offset, lines.limit, LIMITS.fileContent);
  return { ...base, type: 'file', encoding: 'utf-8', content: content_, window };
}

/** UTF-8 text, or undefined when the bytes look binary (a NUL byte, or invalid UTF-8). */
export function decodeText(bytes: Buffer): string | undefined {
  if (bytes.subarray(0, 8000).includes(0)) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/*
 * repos/create-or-update-file-contents answers file-commit: content (required, nullable) and
 * commit (required), with none of their own fields required.
 */
export const fileCommitSchema = z.object({
  path: z.string(),
  created: z.boolean().describe('True if the file is new'),
  sha: z.string().optional().describe('Blob sha of the new content; absent when GitHub did not send it'),
  htmlUrl: z.string().nullable().optional(),
  commit: z.object({ sha: z.string().optional(), message: z.string().optional(), htmlUrl: z.string().optional() }),
});

interface RawFileCommit {
  content: { path?: string; sha?: string; html_url?: string | null } | null;
  commit: { sha?: string; message?: string; html_url?: string };
}

export function shapeFileCommit(response: { status: number; data: RawFileCommit }, requestedPath: string): Shaped<z.output<typeof fileCommitSchema>> {
  const content = objectOr(response.data?.content);
  const commit = objectOr(response.data?.commit);
  return defined({
    // The path GitHub wrote; the one asked for if it names none.
    path: content?.path ?? requestedPath,
    created: response.status === 201,
    sha: content?.sha,
    htmlUrl: content?.html_url,
    commit: commit ? defined({ sha: commit.sha, message: commit.message, htmlUrl: commit.html_url }) : undefined,
  });
}

// ---------------------------------------------------------------- branches and refs

/* short-branch (repos/list-branches) requires name, commit (with sha) and protected. */
export const branchSchema = z.object({ name: z.string(), sha: z.string(), protected: z.boolean() });

export function shapeBranch(b: { name: string; commit: { sha: string }; protected: boolean }): Shaped<z.output<typeof branchSchema>> {
  return { name: b.name, sha: objectOr(b.commit)?.sha, protected: b.protected };
}

/* git-ref (git/create-ref) requires ref and object (with sha). branch and fromBranch are the names the tool used. */
export const createdBranchSchema = z.object({ branch: z.string(), ref: z.string(), sha: z.string(), fromBranch: z.string() });

export function shapeCreatedBranch(created: { ref: string; object: { sha: string } }, branch: string, fromBranch: string): Shaped<z.output<typeof createdBranchSchema>> {
  return { branch, ref: created?.ref, sha: objectOr(created?.object)?.sha, fromBranch };
}

// ---------------------------------------------------------------- commits and changed files

/*
 * diff-entry (pulls/list-files, commit files) requires filename, status, additions and
 * deletions; previous_filename and patch are optional.
 */
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

export function shapeFileChange(f: RawFile): Shaped<z.output<typeof fileChangeSchema>> {
  const patch = typeof f.patch === 'string' ? truncate(f.patch, LIMITS.patch) : undefined;
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

/*
 * commit (repos/list-commits, repos/get-commit) requires sha, html_url, commit (with message,
 * and author and committer, both nullable git users whose name and date are optional),
 * author and committer (nullable; a user, or an empty object when the email maps to no
 * account) and parents (each with sha). stats and files are optional, and so are
 * stats.additions, stats.deletions and stats.total.
 */
interface RawGitUser {
  name?: string;
  date?: string;
}

interface RawCommit {
  sha: string;
  html_url: string;
  commit: { message: string; author: RawGitUser | null; committer: RawGitUser | null };
  author: RawUser | Record<string, never> | null;
  committer: RawUser | Record<string, never> | null;
  parents: { sha: string }[];
  stats?: { additions?: number; deletions?: number; total?: number };
  files?: RawFile[];
}

export const commitListItemSchema = z.object({
  sha: z.string(),
  message: z.string(),
  messageTruncated: z.boolean().optional(),
  author: z.string().nullable().describe('GitHub login of the author, or the git author name when the email maps to no account'),
  date: z.string().nullable().describe('Author date; null when GitHub gives none'),
  htmlUrl: z.string(),
});

function gitUser(c: RawCommit, which: 'author' | 'committer'): RawGitUser | undefined {
  return objectOr(objectOr(c.commit)?.[which]);
}

function person(c: RawCommit, which: 'author' | 'committer'): string | null {
  const name = gitUser(c, which)?.name;
  return login(c[which]) ?? (typeof name === 'string' ? name : null);
}

function message(c: RawCommit, limit: number) {
  const text = objectOr(c.commit)?.message;
  return typeof text === 'string' ? truncate(text, limit) : undefined;
}

export function shapeCommitListItem(c: RawCommit): Shaped<z.output<typeof commitListItemSchema>> {
  const cut = message(c, LIMITS.listCommitMessage);
  return {
    sha: c.sha,
    message: cut?.text,
    messageTruncated: cut?.truncated || undefined,
    author: person(c, 'author'),
    date: gitUser(c, 'author')?.date ?? null,
    htmlUrl: c.html_url,
  };
}

export const commitSchema = commitListItemSchema.extend({
  committer: z.string().nullable().describe('GitHub login of the committer, or the git committer name'),
  parents: z.array(z.string()),
  stats: z.object({ additions: z.number().optional(), deletions: z.number().optional(), total: z.number().optional() }).optional(),
  files: z.array(fileChangeSchema).optional().describe('Absent when GitHub sent no file list'),
});

export function shapeCommit(c: RawCommit): Shaped<z.output<typeof commitSchema>> {
  const cut = message(c, LIMITS.commitMessage);
  const stats = objectOr(c.stats);
  return {
    ...shapeCommitListItem(c),
    message: cut?.text,
    messageTruncated: cut?.truncated || undefined,
    committer: person(c, 'committer'),
    parents: Array.isArray(c.parents) ? c.parents.map((p) => objectOr(p)?.sha) : undefined,
    stats: stats ? defined({ additions: stats.additions, deletions: stats.deletions, total: stats.total }) : undefined,
    files: Array.isArray(c.files) ? c.files.map((f) => shapeFileChange(objectOr(f) ?? ({} as RawFile))) : undefined,
  };
}

// ---------------------------------------------------------------- users

/* user-search-result-item (search/users) requires login, id, type and html_url. */
export const userListItemSchema = z.object({ login: z.string(), id: z.number(), type: z.string(), htmlUrl: z.string() });

export function shapeUserListItem(u: { login: string; id: number; type: string; html_url: string }): Shaped<z.output<typeof userListItemSchema>> {
  return { login: u.login, id: u.id, type: u.type, htmlUrl: u.html_url };
}
