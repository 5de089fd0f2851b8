import { z } from 'zod';
import { bodyFields, LIMITS, login, type RawUser, type Shaped } from './common';

/*
 * Source (OpenAPI component): `release` (repos/list-releases, get-latest-release,
 * get-release-by-tag). Required: id, tag_name, target_commitish, name (nullable), draft,
 * prerelease, created_at, published_at (nullable), author, html_url and assets, each asset
 * with name, size, download_count and browser_download_url. body is optional and nullable.
 */
interface RawAsset {
  name: string;
  size: number;
  download_count: number;
  browser_download_url: string;
  content_type?: string;
}

interface RawRelease {
  id: number;
  tag_name: string;
  target_commitish: string;
  name: string | null;
  draft: boolean;
  prerelease: boolean;
  created_at: string;
  published_at: string | null;
  author: RawUser | null;
  html_url: string;
  body?: string | null;
  assets: (RawAsset | null)[];
}

const assetSchema = z.object({
  name: z.string(),
  size: z.number().describe('Bytes'),
  downloadCount: z.number(),
  browserDownloadUrl: z.string(),
});

export const releaseSchema = z.object({
  id: z.number(),
  tagName: z.string(),
  name: z.string().nullable(),
  draft: z.boolean(),
  prerelease: z.boolean(),
  author: z.string().nullable().describe('Login of the author; null for a deleted account'),
  targetCommitish: z.string().describe('Branch or sha the tag is (or will be) created from'),
  createdAt: z.string(),
  publishedAt: z.string().nullable().describe('null for a draft'),
  htmlUrl: z.string(),
  body: z.string().nullable().optional().describe('Release notes (Markdown); absent when GitHub sent none'),
  bodyTruncated: z.boolean().optional().describe('True when the body was cut; the text ends with "…[truncated N characters]"'),
  assets: z.array(assetSchema),
});

function shape(r: RawRelease, limit: number): Shaped<z.output<typeof releaseSchema>> {
  return {
    id: r.id,
    tagName: r.tag_name,
    name: r.name,
    draft: r.draft,
    prerelease: r.prerelease,
    author: login(r.author),
    targetCommitish: r.target_commitish,
    createdAt: r.created_at,
    publishedAt: r.published_at,
    htmlUrl: r.html_url,
    ...(r.body === undefined ? {} : bodyFields(r.body, limit)),
    assets: Array.isArray(r.assets)
      ? r.assets.map((a) => ({ name: a?.name, size: a?.size, downloadCount: a?.download_count, browserDownloadUrl: a?.browser_download_url }))
      : undefined,
  };
}

/** A release in a list: notes cut to a preview. */
export function shapeReleaseListItem(r: RawRelease): Shaped<z.output<typeof releaseSchema>> {
  return shape(r, LIMITS.listBody);
}

export function shapeRelease(r: RawRelease): Shaped<z.output<typeof releaseSchema>> {
  return shape(r, LIMITS.body);
}
