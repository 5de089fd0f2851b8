import { repoPermissions, requireRepo } from '../access';
import { json, type Ctx, type Reply } from '../http/context';
import { notFound } from '../http/errors';
import { paginate } from '../http/pagination';
import type { Router } from '../http/router';
import type { Release, ReleaseAsset, Repo } from '../model';
import { nodeId } from '../random';
import { simpleUser } from '../render/accounts';

// Releases: drafts only for callers with push access, /latest skips drafts and prereleases,
// a tag GitHub has no published release for is 404.

function assetJson(ctx: Ctx, repo: Repo, release: Release, a: ReleaseAsset): Record<string, unknown> {
  const full = `${repo.owner.login}/${repo.name}`;
  return {
    url: `${ctx.apiBase}/repos/${full}/releases/assets/${a.id}`,
    browser_download_url: `${ctx.webBase}/${full}/releases/download/${release.tagName.split('/').map(encodeURIComponent).join('/')}/${encodeURIComponent(a.name)}`,
    id: a.id,
    node_id: nodeId('ReleaseAsset', a.id),
    name: a.name,
    label: a.label,
    state: 'uploaded',
    content_type: a.contentType,
    size: a.size,
    digest: null,
    download_count: a.downloadCount,
    created_at: a.createdAt,
    updated_at: a.updatedAt,
    uploader: simpleUser(ctx, a.uploader),
  };
}

/** A tag as URL path segments (a tag may hold "/", and any other character a ref allows). */
const tagPath = (tag: string): string => tag.split('/').map(encodeURIComponent).join('/');

export function releaseJson(ctx: Ctx, repo: Repo, r: Release): Record<string, unknown> {
  const full = `${repo.owner.login}/${repo.name}`;
  const url = `${ctx.apiBase}/repos/${full}/releases/${r.id}`;
  // A draft has no tag yet: GitHub links it as "untagged-…".
  const htmlTag = r.draft ? `untagged-${r.id.toString(16)}` : tagPath(r.tagName);
  return {
    url,
    assets_url: `${url}/assets`,
    upload_url: `${ctx.apiBase.replace('/api/v3', '/api/uploads')}/repos/${full}/releases/${r.id}/assets{?name,label}`,
    html_url: `${ctx.webBase}/${full}/releases/tag/${htmlTag}`,
    id: r.id,
    author: simpleUser(ctx, r.author),
    node_id: nodeId('Release', r.id),
    tag_name: r.tagName,
    target_commitish: r.targetCommitish,
    name: r.name,
    draft: r.draft,
    immutable: false,
    prerelease: r.prerelease,
    created_at: r.createdAt,
    updated_at: r.publishedAt ?? r.createdAt,
    published_at: r.publishedAt,
    assets: r.assets.map((a) => assetJson(ctx, repo, r, a)),
    tarball_url: r.draft ? null : `${ctx.apiBase}/repos/${full}/tarball/${tagPath(r.tagName)}`,
    zipball_url: r.draft ? null : `${ctx.apiBase}/repos/${full}/zipball/${tagPath(r.tagName)}`,
    body: r.body,
  };
}

function readable(ctx: Ctx): { repo: Repo; releases: Release[] } {
  const repo = requireRepo(ctx, ctx.params.owner, ctx.params.repo, { category: 'contents', access: 'read' });
  const drafts = repoPermissions(ctx, repo)?.push === true;
  const releases = (repo.releases ?? []).filter((r) => drafts || !r.draft);
  // Newest first, as GitHub lists them.
  return { repo, releases: [...releases].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : b.id - a.id)) };
}

export function releaseRoutes(router: Router): void {
  router
    .add('GET', '/repos/:owner/:repo/releases', (ctx) => {
      const { repo, releases } = readable(ctx);
      return json(paginate(ctx, releases).map((r) => releaseJson(ctx, repo, r)));
    })
    .add('GET', '/repos/:owner/:repo/releases/latest', (ctx) => {
      const { repo, releases } = readable(ctx);
      const latest = releases.find((r) => !r.draft && !r.prerelease);
      if (!latest) throw notFound();
      return json(releaseJson(ctx, repo, latest));
    })
    .add('GET', '/repos/:owner/:repo/releases/tags/*tag', (ctx): Reply => {
      const { repo, releases } = readable(ctx);
      const release = releases.find((r) => !r.draft && r.tagName === ctx.params.tag);
      if (!release) throw notFound();
      return json(releaseJson(ctx, repo, release));
    });
}
