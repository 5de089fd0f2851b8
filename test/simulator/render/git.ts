import { nodeId } from '../random';
import type { FileChange } from '../git';
import type { Commit, FileBlob, Repo } from '../model';
import type { Ctx } from '../http/context';
import { simpleUser } from './accounts';

// Commits, branches, refs and contents entries in GitHub's JSON shapes.

function repoUrl(ctx: Ctx, repo: Repo): string {
  return `${ctx.apiBase}/repos/${repo.owner.login}/${repo.name}`;
}

// Paths and ref names come from requests (any character git allows); GitHub percent-encodes them in the URLs it
// sends, keeping "/" between segments (".../contents/docs/my%20file.md?ref=feature%2Fx"), so every URL stays a
// valid URI (the description's `format: uri`; a raw space or U+202E there is not one).
export const segments = (p: string) => p.split('/').map(encodeURIComponent).join('/');
const query = (v: string) => encodeURIComponent(v);

/** The git-data part of a commit, also returned by PUT contents as `commit`. */
export function gitCommitJson(ctx: Ctx, repo: Repo, c: Commit): Record<string, unknown> {
  const person = { name: c.authorName, email: c.authorEmail, date: c.date };
  return {
    author: person,
    committer: person,
    message: c.message,
    tree: { sha: c.treeSha, url: `${repoUrl(ctx, repo)}/git/trees/${c.treeSha}` },
    url: `${repoUrl(ctx, repo)}/git/commits/${c.sha}`,
    comment_count: 0,
    verification: { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null },
  };
}

export function commitJson(ctx: Ctx, repo: Repo, c: Commit, files?: FileChange[]): Record<string, unknown> {
  const url = `${repoUrl(ctx, repo)}/commits/${c.sha}`;
  const out: Record<string, unknown> = {
    sha: c.sha,
    node_id: nodeId('Commit', Number.parseInt(c.sha.slice(0, 8), 16)),
    commit: gitCommitJson(ctx, repo, c),
    url,
    html_url: `${ctx.webBase}/${repo.owner.login}/${repo.name}/commit/${c.sha}`,
    comments_url: `${url}/comments`,
    author: c.author ? simpleUser(ctx, c.author) : null,
    committer: c.author ? simpleUser(ctx, c.author) : null,
    parents: c.parents.map((sha) => ({ sha, url: `${repoUrl(ctx, repo)}/commits/${sha}`, html_url: `${ctx.webBase}/${repo.owner.login}/${repo.name}/commit/${sha}` })),
  };
  if (files) {
    const additions = files.reduce((n, f) => n + f.additions, 0);
    const deletions = files.reduce((n, f) => n + f.deletions, 0);
    out.stats = { total: additions + deletions, additions, deletions };
    out.files = files.map((f) => fileChangeJson(ctx, repo, f, c.sha));
  }
  return out;
}

export function fileChangeJson(ctx: Ctx, repo: Repo, f: FileChange, ref: string): Record<string, unknown> {
  const out: Record<string, unknown> = {
    sha: f.blob?.sha ?? null,
    filename: f.filename,
    status: f.status,
    additions: f.additions,
    deletions: f.deletions,
    changes: f.additions + f.deletions,
    blob_url: `${ctx.webBase}/${repo.owner.login}/${repo.name}/blob/${segments(ref)}/${segments(f.filename)}`,
    raw_url: `${ctx.webBase}/${repo.owner.login}/${repo.name}/raw/${segments(ref)}/${segments(f.filename)}`,
    contents_url: `${repoUrl(ctx, repo)}/contents/${segments(f.filename)}?ref=${query(ref)}`,
  };
  if (f.patch) out.patch = f.patch;
  return out;
}

export function branchJson(ctx: Ctx, repo: Repo, name: string, sha: string): Record<string, unknown> {
  return { name, commit: { sha, url: `${repoUrl(ctx, repo)}/commits/${sha}` }, protected: repo.protectedBranches?.has(name) ?? false };
}

/** One entry of a contents listing, or (with content) a file response. */
export function contentJson(ctx: Ctx, repo: Repo, path: string, ref: string, blob: FileBlob | null, withContent: boolean, dirSha = ''): Record<string, unknown> {
  const name = path.split('/').pop() ?? path;
  const self = `${repoUrl(ctx, repo)}/contents/${segments(path)}?ref=${query(ref)}`;
  const html = `${ctx.webBase}/${repo.owner.login}/${repo.name}/${blob ? 'blob' : 'tree'}/${segments(ref)}/${segments(path)}`;
  const sha = blob?.sha ?? dirSha;
  const git = `${repoUrl(ctx, repo)}/git/${blob ? 'blobs' : 'trees'}/${sha}`;
  const out: Record<string, unknown> = {
    name,
    path,
    sha,
    size: blob?.content.length ?? 0,
    url: self,
    html_url: html,
    git_url: git,
    download_url: blob ? `${ctx.webBase}/${repo.owner.login}/${repo.name}/raw/${segments(ref)}/${segments(path)}` : null,
    type: blob ? 'file' : 'dir',
  };
  if (withContent && blob) {
    // GitHub wraps base64 content at 60 characters with "\n".
    out.content = (blob.content.toString('base64').match(/.{1,60}/g) ?? []).join('\n') + '\n';
    out.encoding = 'base64';
  }
  out._links = { self, git, html };
  return out;
}
