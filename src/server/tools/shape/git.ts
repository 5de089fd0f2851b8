import { z } from 'zod';
import { defined, objectOr, type Shaped } from './common';
import { commitListItemSchema, fileChangeSchema, shapeCommitListItem, shapeFileChange } from './repos';

// ---------------------------------------------------------------- trees

/*
 * git/get-tree answers git-tree: sha, tree and truncated required; each entry requires path,
 * mode, type and sha (size only for blobs, url optional).
 */
interface RawTreeEntry {
  path: string;
  mode: string;
  type: string;
  sha: string;
  size?: number;
}

interface RawTree {
  sha: string;
  tree: RawTreeEntry[];
  truncated: boolean;
}

export const treeEntrySchema = z.object({
  path: z.string(),
  type: z.string().describe('blob (file), tree (directory) or commit (submodule)'),
  mode: z.string().describe('100644 file, 100755 executable, 120000 symlink, 040000 directory, 160000 submodule'),
  sha: z.string(),
  size: z.number().optional().describe('Bytes; files only'),
});

export const treeWindowSchema = z.object({
  sha: z.string().describe('Sha of the tree listed'),
  entries: z.array(treeEntrySchema),
  offset: z.number().int(),
  limit: z.number().int(),
  total: z.number().int().describe('Entries matching path_filter in what GitHub sent'),
  remaining: z.number().int().describe('Entries after this window; pass offset + limit to read on'),
  githubTruncated: z.boolean().describe('True when GitHub itself cut the listing (over 100,000 entries or 7 MB): list a subdirectory by its sha instead'),
});

export interface TreeWindow {
  offset: number;
  limit: number;
  pathFilter?: string;
}

/** One window of a tree's entries, after the path prefix filter. */
export function shapeTreeWindow(t: RawTree, window: TreeWindow): Shaped<z.output<typeof treeWindowSchema>> {
  const all = Array.isArray(t.tree) ? t.tree.map((e) => (objectOr(e) ?? {}) as RawTreeEntry) : undefined;
  const filter = window.pathFilter?.replace(/^\/+/, '');
  const matching = all && filter ? all.filter((e) => typeof e.path === 'string' && e.path.startsWith(filter)) : all;
  const entries = matching?.slice(window.offset, window.offset + window.limit).map((e) => defined({ path: e.path, type: e.type, mode: e.mode, sha: e.sha, size: typeof e.size === 'number' ? e.size : undefined }));
  return {
    sha: t.sha,
    entries,
    offset: window.offset,
    limit: window.limit,
    total: matching?.length,
    remaining: matching ? Math.max(0, matching.length - window.offset - window.limit) : undefined,
    githubTruncated: t.truncated,
  };
}

// ---------------------------------------------------------------- push_files

/* git/create-commit answers git-commit (sha, html_url required); the files are the paths the tool wrote. */
export const pushResultSchema = z.object({
  branch: z.string(),
  commitSha: z.string(),
  htmlUrl: z.string(),
  files: z.array(z.string()).describe('Paths written by the commit'),
  createdBranch: z.boolean().describe('True when the branch did not exist and was created from the default branch'),
  initialCommitSha: z.string().optional().describe('Only for an empty repository: the first commit, made through the contents API with the first file, that the push builds on'),
});

export function shapePushResult(
  commit: { sha: string; html_url: string },
  extra: { branch: string; files: string[]; createdBranch: boolean; initialCommitSha?: string },
): Shaped<z.output<typeof pushResultSchema>> {
  return defined({ branch: extra.branch, commitSha: commit?.sha, htmlUrl: commit?.html_url, files: extra.files, createdBranch: extra.createdBranch, initialCommitSha: extra.initialCommitSha });
}

// ---------------------------------------------------------------- delete_file, delete_branch

/* repos/delete-file answers file-commit: content (null after a deletion) and commit required, none of their fields. */
export const deletedFileSchema = z.object({
  path: z.string(),
  deletedSha: z.string().describe('Blob sha of the file that was deleted'),
  commit: z.object({ sha: z.string().optional(), message: z.string().optional(), htmlUrl: z.string().optional() }),
});

export function shapeDeletedFile(data: { commit: { sha?: string; message?: string; html_url?: string } }, path: string, deletedSha: string): Shaped<z.output<typeof deletedFileSchema>> {
  const commit = objectOr(data?.commit);
  return { path, deletedSha, commit: commit ? defined({ sha: commit.sha, message: commit.message, htmlUrl: commit.html_url }) : undefined };
}

export const deletedBranchSchema = z.object({
  branch: z.string(),
  deleted: z.literal(true),
  sha: z.string().describe('The commit the branch pointed at; create_branch-style recreation needs it'),
});

// ---------------------------------------------------------------- compare

/*
 * repos/compare-commits-with-basehead answers commit-comparison: status, ahead_by, behind_by,
 * total_commits, commits, base_commit, merge_base_commit and html_url required; files optional.
 */
interface RawComparison {
  status: string;
  ahead_by: number;
  behind_by: number;
  total_commits: number;
  html_url: string;
  base_commit: { sha: string };
  merge_base_commit: { sha: string };
  commits: Parameters<typeof shapeCommitListItem>[0][];
  files?: Parameters<typeof shapeFileChange>[0][];
}

export const comparisonSchema = z.object({
  status: z.string().describe('identical, ahead (head has commits base lacks), behind, or diverged'),
  aheadBy: z.number(),
  behindBy: z.number(),
  totalCommits: z.number(),
  baseSha: z.string(),
  mergeBaseSha: z.string(),
  htmlUrl: z.string(),
  commits: z.array(commitListItemSchema).describe('Commits on head not on base, oldest first: this page of them'),
  page: z.number().int(),
  perPage: z.number().int(),
  hasNextPage: z.boolean().describe('Whether GitHub reports another page of commits'),
  files: z.array(fileChangeSchema).optional().describe('Changed files (merge base to head) in this window; absent when GitHub sent none'),
  fileOffset: z.number().int(),
  fileTotal: z.number().int().optional().describe('Files GitHub listed (it lists at most 300)'),
  fileRemaining: z.number().int().optional(),
});

export function shapeComparison(
  c: RawComparison,
  window: { page: number; perPage: number; hasNextPage: boolean; fileOffset: number; fileLimit: number },
): Shaped<z.output<typeof comparisonSchema>> {
  const files = Array.isArray(c.files) ? c.files : undefined;
  return {
    status: c.status,
    aheadBy: c.ahead_by,
    behindBy: c.behind_by,
    totalCommits: c.total_commits,
    baseSha: objectOr(c.base_commit)?.sha,
    mergeBaseSha: objectOr(c.merge_base_commit)?.sha,
    htmlUrl: c.html_url,
    commits: Array.isArray(c.commits) ? c.commits.map((x) => shapeCommitListItem(objectOr(x) ?? ({} as never))) : undefined,
    page: window.page,
    perPage: window.perPage,
    hasNextPage: window.hasNextPage,
    files: files?.slice(window.fileOffset, window.fileOffset + window.fileLimit).map((f) => shapeFileChange(objectOr(f) ?? ({} as never))),
    fileOffset: window.fileOffset,
    fileTotal: files?.length,
    fileRemaining: files ? Math.max(0, files.length - window.fileOffset - window.fileLimit) : undefined,
  };
}

// ---------------------------------------------------------------- tags

/* repos/list-tags answers tag items: name and commit (with sha) required. */
export const tagListItemSchema = z.object({ name: z.string(), sha: z.string().describe('The commit the tag points at') });

export function shapeTagListItem(t: { name: string; commit: { sha: string } }): Shaped<z.output<typeof tagListItemSchema>> {
  return { name: t.name, sha: objectOr(t.commit)?.sha };
}

/*
 * get_tag: git/get-ref (git-ref: ref and object with sha and type required) and, for an
 * annotated tag, git/get-tag (git-tag: tag, sha, message, tagger with name, email and date,
 * and object with sha and type all required).
 */
export const tagSchema = z.object({
  name: z.string(),
  annotated: z.boolean().describe('True for an annotated tag (a tag object with message and tagger); false for a lightweight tag (a ref straight to a commit)'),
  tagSha: z.string().optional().describe('Sha of the tag object (annotated tags)'),
  message: z.string().optional(),
  tagger: z.object({ name: z.string().optional(), email: z.string().optional(), date: z.string().optional() }).optional(),
  target: z.object({ sha: z.string(), type: z.string().describe('commit, tree, blob or tag') }),
  verified: z.boolean().optional().describe('Whether GitHub verified the tag signature'),
});

interface RawGitTag {
  tag: string;
  sha: string;
  message: string;
  tagger: { name?: string; email?: string; date?: string };
  object: { sha: string; type: string };
  verification?: { verified?: boolean };
}

export function shapeAnnotatedTag(t: RawGitTag, name: string): Shaped<z.output<typeof tagSchema>> {
  const tagger = objectOr(t.tagger);
  const object = objectOr(t.object);
  const verified = objectOr(t.verification)?.verified;
  return defined({
    name: typeof t.tag === 'string' ? t.tag : name,
    annotated: true,
    tagSha: t.sha,
    message: t.message,
    tagger: tagger ? defined({ name: tagger.name, email: tagger.email, date: tagger.date }) : undefined,
    target: object ? { sha: object.sha, type: object.type } : undefined,
    verified: typeof verified === 'boolean' ? verified : undefined,
  });
}

export function shapeLightweightTag(ref: { object: { sha: string; type: string } }, name: string): Shaped<z.output<typeof tagSchema>> {
  const object = objectOr(ref?.object);
  return { name, annotated: false, target: object ? { sha: object.sha, type: object.type } : undefined };
}

/** GitHub's 409 "Git Repository is empty." (its Git data API refuses a repository without a commit). */
export function isEmptyRepository(error: unknown): boolean {
  const e = error as { status?: unknown; details?: { status?: unknown }; message?: unknown; response?: { data?: { message?: unknown } } } | undefined;
  const status = e?.status ?? e?.details?.status;
  const message = `${String(e?.response?.data?.message ?? '')} ${String(e?.message ?? '')}`;
  return status === 409 && /Git Repository is empty/i.test(message);
}
