import type { Ctx } from '../http/context';
import type { Commit, FileBlob, Repo, TagObject } from '../model';
import { nodeId } from '../random';
import type { TreeEntry } from '../gitStore';
import { gitCommitJson, segments } from './git';

// Git data objects (blobs, trees, git commits, refs, tag objects) in GitHub's JSON shapes.

function repoUrl(ctx: Ctx, repo: Repo): string {
  return `${ctx.apiBase}/repos/${repo.owner.login}/${repo.name}`;
}

function shaNode(type: string, sha: string): string {
  return nodeId(type, Number.parseInt(sha.slice(0, 8), 16));
}

export function blobJson(ctx: Ctx, repo: Repo, blob: FileBlob): Record<string, unknown> {
  return {
    sha: blob.sha,
    node_id: shaNode('Blob', blob.sha),
    size: blob.content.length,
    url: `${repoUrl(ctx, repo)}/git/blobs/${blob.sha}`,
    // Like the contents API: base64 wrapped at 60 characters.
    content: (blob.content.toString('base64').match(/.{1,60}/g) ?? []).join('\n') + '\n',
    encoding: 'base64',
  };
}

export function treeJson(ctx: Ctx, repo: Repo, sha: string, entries: TreeEntry[], truncated: boolean): Record<string, unknown> {
  return {
    sha,
    url: `${repoUrl(ctx, repo)}/git/trees/${sha}`,
    tree: entries.map((e) => ({
      path: e.path,
      mode: e.mode,
      type: e.type,
      sha: e.sha,
      ...(e.type === 'blob' ? { size: e.size } : {}),
      url: `${repoUrl(ctx, repo)}/git/${e.type === 'blob' ? 'blobs' : 'trees'}/${e.sha}`,
    })),
    truncated,
  };
}

/** git/get-commit and git/create-commit: the git object with its own sha, html_url and parents. */
export function gitCommitObjectJson(ctx: Ctx, repo: Repo, commit: Commit): Record<string, unknown> {
  return {
    sha: commit.sha,
    node_id: shaNode('Commit', commit.sha),
    ...gitCommitJson(ctx, repo, commit),
    html_url: `${ctx.webBase}/${repo.owner.login}/${repo.name}/commit/${commit.sha}`,
    parents: commit.parents.map((sha) => ({ sha, url: `${repoUrl(ctx, repo)}/git/commits/${sha}`, html_url: `${ctx.webBase}/${repo.owner.login}/${repo.name}/commit/${sha}` })),
  };
}

/** A ref of any kind: `ref` is the full name (refs/heads/x, refs/tags/y). */
export function anyRefJson(ctx: Ctx, repo: Repo, ref: string, sha: string, type: 'commit' | 'tag'): Record<string, unknown> {
  return {
    ref,
    node_id: Buffer.from(`REF_${repo.id}_${ref}`).toString('base64'),
    url: `${repoUrl(ctx, repo)}/git/${segments(ref)}`,
    object: { sha, type, url: `${repoUrl(ctx, repo)}/git/${type === 'tag' ? 'tags' : 'commits'}/${sha}` },
  };
}

export function tagObjectJson(ctx: Ctx, repo: Repo, tag: TagObject): Record<string, unknown> {
  const kind = tag.objectType === 'tag' ? 'tags' : `${tag.objectType}s`;
  return {
    node_id: shaNode('Tag', tag.sha),
    sha: tag.sha,
    url: `${repoUrl(ctx, repo)}/git/tags/${tag.sha}`,
    tag: tag.tag,
    message: tag.message,
    tagger: tag.tagger,
    object: { sha: tag.objectSha, type: tag.objectType, url: `${repoUrl(ctx, repo)}/git/${kind}/${tag.objectSha}` },
    verification: { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null },
  };
}

/** One entry of GET /repos/{o}/{r}/tags: the name and the commit it finally points at. */
export function tagListJson(ctx: Ctx, repo: Repo, name: string, commitSha: string): Record<string, unknown> {
  return {
    name,
    commit: { sha: commitSha, url: `${repoUrl(ctx, repo)}/commits/${commitSha}` },
    zipball_url: `${repoUrl(ctx, repo)}/zipball/refs/tags/${segments(name)}`,
    tarball_url: `${repoUrl(ctx, repo)}/tarball/refs/tags/${segments(name)}`,
    node_id: Buffer.from(`REF_${repo.id}_refs/tags/${name}`).toString('base64'),
  };
}
