import { requireRepo } from '../access';
import { iso } from '../clock';
import { actor, bodyObject, json, type Ctx, type Reply } from '../http/context';
import { ghError, missingField, notFound, validationFailed } from '../http/errors';
import type { Router } from '../http/router';
import { resolveRef } from '../git';
import type { Release, Repo } from '../model';
import { releaseJson } from './releases';

// Release writes (issue 8: releases toolset). They need push access (an installation: contents:
// write). One release per tag; publishing a release whose tag does not exist creates the tag at
// target_commitish (default: the default branch), as GitHub does. A draft creates no tag.

const contentsWrite = { category: 'contents' as const, access: 'write' as const };

function findRelease(repo: Repo, id: string): Release {
  const release = (repo.releases ?? []).find((r) => String(r.id) === id);
  if (!release) throw notFound();
  return release;
}

function flag(body: Record<string, unknown>, name: string): boolean | undefined {
  const value = body[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw validationFailed([{ resource: 'Release', code: 'invalid', field: name }]);
  return value;
}

function text(body: Record<string, unknown>, name: string): string | null | undefined {
  const value = body[name];
  if (value === undefined || value === null) return value;
  if (typeof value !== 'string') throw validationFailed([{ resource: 'Release', code: 'invalid', field: name }]);
  return value;
}

/** Creates the tag when a published release names one the repository does not have. */
function ensureTag(repo: Repo, release: Release): void {
  if (release.draft || repo.tags?.has(release.tagName)) return;
  const commit = resolveRef(repo, release.targetCommitish);
  if (!commit) throw validationFailed([{ resource: 'Release', code: 'invalid', field: 'target_commitish' }]);
  (repo.tags ??= new Map()).set(release.tagName, commit.sha);
}

function checkTag(repo: Repo, tag: string, except?: Release): void {
  if (!tag.trim() || /\s|\.\.|^-|[~^:?*[\\]/.test(tag)) throw validationFailed([{ resource: 'Release', code: 'invalid', field: 'tag_name' }]);
  if ((repo.releases ?? []).some((r) => r !== except && r.tagName === tag)) throw validationFailed([{ resource: 'Release', code: 'already_exists', field: 'tag_name' }]);
}

function createRelease(ctx: Ctx): Reply {
  const repo = requireRepo(ctx, ctx.params.owner, ctx.params.repo, contentsWrite);
  const body = bodyObject(ctx);
  const tagName = text(body, 'tag_name');
  if (!tagName) throw missingField('Release', 'tag_name');
  checkTag(repo, tagName);
  const author = actor(ctx);
  if (!author) throw ghError(403, 'Resource not accessible by integration');
  const draft = flag(body, 'draft') ?? false;
  const now = iso(ctx.services.clock.now());
  const release: Release = {
    id: ctx.services.world.id(),
    tagName,
    targetCommitish: text(body, 'target_commitish') ?? repo.defaultBranch,
    name: text(body, 'name') ?? null,
    body: text(body, 'body') ?? null,
    draft,
    prerelease: flag(body, 'prerelease') ?? false,
    author,
    createdAt: now,
    publishedAt: draft ? null : now,
    assets: [],
  };
  if (!repo.tags?.has(tagName) && !resolveRef(repo, release.targetCommitish)) throw validationFailed([{ resource: 'Release', code: 'invalid', field: 'target_commitish' }]);
  ensureTag(repo, release);
  (repo.releases ??= []).push(release);
  return json(releaseJson(ctx, repo, release), 201);
}

function updateRelease(ctx: Ctx): Reply {
  const repo = requireRepo(ctx, ctx.params.owner, ctx.params.repo, contentsWrite);
  const release = findRelease(repo, ctx.params.id);
  const body = bodyObject(ctx);
  const tagName = text(body, 'tag_name');
  if (tagName !== undefined && tagName !== null) checkTag(repo, tagName, release);
  const draft = flag(body, 'draft');
  const prerelease = flag(body, 'prerelease');
  const name = text(body, 'name');
  const notes = text(body, 'body');
  const target = text(body, 'target_commitish');
  const next: Release = {
    ...release,
    ...(tagName ? { tagName } : {}),
    ...(target ? { targetCommitish: target } : {}),
    ...(name !== undefined ? { name } : {}),
    ...(notes !== undefined ? { body: notes } : {}),
    ...(draft !== undefined ? { draft } : {}),
    ...(prerelease !== undefined ? { prerelease } : {}),
  };
  if (!next.draft && !repo.tags?.has(next.tagName) && !resolveRef(repo, next.targetCommitish)) throw validationFailed([{ resource: 'Release', code: 'invalid', field: 'target_commitish' }]);
  ensureTag(repo, next);
  if (release.draft && !next.draft) next.publishedAt = iso(ctx.services.clock.now());
  if (next.draft) next.publishedAt = null;
  Object.assign(release, next);
  return json(releaseJson(ctx, repo, release));
}

function deleteRelease(ctx: Ctx): Reply {
  const repo = requireRepo(ctx, ctx.params.owner, ctx.params.repo, contentsWrite);
  const release = findRelease(repo, ctx.params.id);
  // The tag stays, as on GitHub.
  repo.releases = (repo.releases ?? []).filter((r) => r !== release);
  return { status: 204 };
}

export function releaseWriteRoutes(router: Router): void {
  router
    .add('GET', '/repos/:owner/:repo/releases/:id', (ctx) => {
      const repo = requireRepo(ctx, ctx.params.owner, ctx.params.repo, { category: 'contents', access: 'read' });
      const release = findRelease(repo, ctx.params.id);
      if (release.draft) requireRepo(ctx, ctx.params.owner, ctx.params.repo, contentsWrite);
      return json(releaseJson(ctx, repo, release));
    })
    .add('POST', '/repos/:owner/:repo/releases', createRelease)
    .add('PATCH', '/repos/:owner/:repo/releases/:id', updateRelease)
    .add('DELETE', '/repos/:owner/:repo/releases/:id', deleteRelease);
}
