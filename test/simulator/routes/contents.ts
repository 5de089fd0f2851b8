import { requireRepo } from '../access';
import { commitToBranch, resolveRef, treeSha } from '../git';
import { actor, bodyObject, json, optString, type Ctx, type Reply } from '../http/context';
import { ghError } from '../http/errors';
import type { Router } from '../http/router';
import type { Commit, Repo, Tree } from '../model';
import { nodeId } from '../random';
import { contentJson, gitCommitJson } from '../render/git';

// GET/PUT/DELETE /repos/{owner}/{repo}/contents/{path}, with GitHub's rules:
// updates need the current blob sha, a stale sha is a 409.

const CONTENTS_DOCS = 'https://docs.github.com/rest/repos/contents#create-or-update-file-contents';

function cleanPath(raw: string): string {
  return raw.replace(/^\/+|\/+$/g, '');
}

function getContents(ctx: Ctx): Reply {
  const repo = requireRepo(ctx, ctx.params.owner, ctx.params.repo, { category: 'contents', access: 'read' });
  const ref = ctx.query.get('ref') ?? repo.defaultBranch;
  if (repo.commits.size === 0) throw ghError(404, 'This repository is empty.', 'https://docs.github.com/rest/repos/contents#get-repository-content');
  const commit = resolveRef(repo, ref);
  if (!commit) throw ghError(404, `No commit found for the ref ${ref}`, 'https://docs.github.com/rest/repos/contents#get-repository-content');
  const path = cleanPath(ctx.params.path ?? '');
  const blob = path ? commit.tree.get(path) : undefined;
  if (blob) {
    if (/application\/vnd\.github(\.v3)?\.raw/i.test(String(ctx.headers.accept ?? ''))) {
      return { status: 200, text: blob.content.toString('utf8'), contentType: 'text/plain; charset=utf-8' };
    }
    return json(contentJson(ctx, repo, path, ref, blob, true));
  }
  const prefix = path ? `${path}/` : '';
  const children = new Map<string, Tree>();
  const files: string[] = [];
  for (const [file, fileBlob] of commit.tree) {
    if (!file.startsWith(prefix)) continue;
    const rest = file.slice(prefix.length);
    const slash = rest.indexOf('/');
    if (slash < 0) files.push(file);
    else {
      const dir = prefix + rest.slice(0, slash);
      const sub = children.get(dir) ?? new Map();
      sub.set(rest.slice(slash + 1), fileBlob);
      children.set(dir, sub);
    }
  }
  if (files.length === 0 && children.size === 0) throw ghError(404, 'Not Found', 'https://docs.github.com/rest/repos/contents#get-repository-content');
  const entries = [
    ...files.map((f) => contentJson(ctx, repo, f, ref, commit.tree.get(f) ?? null, false)),
    ...[...children.entries()].map(([dir, sub]) => contentJson(ctx, repo, dir, ref, null, false, treeSha(sub))),
  ].sort((a, b) => (String(a.name) < String(b.name) ? -1 : 1));
  return json(entries);
}

function commitResponse(ctx: Ctx, repo: Repo, commit: Commit): Record<string, unknown> {
  return {
    sha: commit.sha,
    node_id: nodeId('Commit', Number.parseInt(commit.sha.slice(0, 8), 16)),
    ...gitCommitJson(ctx, repo, commit),
    html_url: `${ctx.webBase}/${repo.owner.login}/${repo.name}/commit/${commit.sha}`,
    parents: commit.parents.map((sha) => ({ url: `${ctx.apiBase}/repos/${repo.owner.login}/${repo.name}/git/commits/${sha}`, html_url: `${ctx.webBase}/${repo.owner.login}/${repo.name}/commit/${sha}`, sha })),
  };
}

function invalid(what: string): never {
  throw ghError(422, `Invalid request.\n\n"${what}" wasn't supplied.`, CONTENTS_DOCS);
}

function writeContents(ctx: Ctx, remove: boolean): Reply {
  const repo = requireRepo(ctx, ctx.params.owner, ctx.params.repo, { category: 'contents', access: 'write' });
  const body = bodyObject(ctx);
  const path = cleanPath(ctx.params.path ?? '');
  const message = optString(body.message);
  const content = optString(body.content);
  const sha = optString(body.sha);
  if (message === undefined) invalid('message');
  if (!remove && content === undefined) invalid('content');
  const branch = optString(body.branch) ?? repo.defaultBranch;
  const tipSha = repo.branches.get(branch);
  // An empty repository (no commit yet) takes its first commit here, on the branch named.
  if (!tipSha && (remove || repo.commits.size > 0)) throw ghError(404, `Branch ${branch} not found`, CONTENTS_DOCS);
  const existing = tipSha ? repo.commits.get(tipSha)?.tree.get(path) : undefined;
  if (remove && !existing) throw ghError(404, 'Not Found', CONTENTS_DOCS);
  if (existing && sha === undefined) invalid('sha');
  if (existing && sha !== existing.sha) throw ghError(409, `${path} does not match ${sha}`, CONTENTS_DOCS);
  if (!path) throw ghError(422, 'path cannot be blank', CONTENTS_DOCS);
  let bytes: Buffer | null = null;
  if (!remove) {
    const text = (content ?? '').replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) throw ghError(422, 'content is not valid Base64', CONTENTS_DOCS);
    bytes = Buffer.from(text, 'base64');
  }
  const now = new Date(ctx.services.clock.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const commit = commitToBranch(repo, branch, { [path]: bytes }, message as string, actor(ctx) ?? null, now);
  repo.updatedAt = now;
  const blob = commit.tree.get(path) ?? null;
  return json({ content: blob ? contentJson(ctx, repo, path, branch, blob, false) : null, commit: commitResponse(ctx, repo, commit) }, remove || existing ? 200 : 201);
}

export function contentRoutes(router: Router): void {
  router
    .add('GET', '/repos/:owner/:repo/contents/*path', getContents)
    .add('PUT', '/repos/:owner/:repo/contents/*path', (ctx) => writeContents(ctx, false))
    .add('DELETE', '/repos/:owner/:repo/contents/*path', (ctx) => writeContents(ctx, true))
    .add('GET', '/repos/:owner/:repo/readme', (ctx) => {
      ctx.params.path = 'README.md';
      return getContents(ctx);
    });
}
