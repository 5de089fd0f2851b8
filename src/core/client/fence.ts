import { webUrlForApi } from '../hosts';

/**
 * The base-path fence: the only URLs the transport will send to. A tool that builds a path
 * from arguments ("..", "%2e%2e", "..%2F..") cannot reach another part of the host, nor
 * another host, with the credential; that is checked here, below every tool.
 */
export type Place = 'api' | 'graphql' | 'upload' | 'oauth';

export interface Fence {
  /** Where a URL falls, or undefined when it is outside the fence. */
  place(url: URL): Place | undefined;
  /** The path relative to the API base, no query; origin and path for anything else. */
  describe(url: URL): string;
}

// What core auth sends to the web host: auth-oauth-user's refresh grant and the device flow.
const OAUTH_PATHS = ['/login/oauth/access_token', '/login/device/code'];

export function createFence(apiUrl: string): Fence {
  const api = new URL(apiUrl);
  const base = trimSlash(api.pathname);
  const web = new URL(webUrlForApi(apiUrl));
  const webBase = trimSlash(web.pathname);
  const oauth = new Set(OAUTH_PATHS.map((path) => webBase + path));
  // GHES serves GraphQL at /api/graphql, beside /api/v3 rather than below it.
  const graphql = new Set([`${base}/graphql`]);
  if (base.endsWith('/api/v3')) graphql.add(`${base.slice(0, -3)}/graphql`);
  const upload = uploadPlace(api, base, webBase);

  return {
    place(url) {
      if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
      const path = url.pathname;
      // WHATWG parsing already resolved "..", "%2e%2e" and backslashes; an encoded slash could still make one.
      if (path.includes('%') && hasEncodedDotSegment(path)) return undefined;
      if (url.origin === api.origin) {
        if (graphql.has(path)) return 'graphql';
        if (under(path, base)) return 'api';
      }
      if (upload && url.origin === upload.origin && under(path, upload.base)) return 'upload';
      if (url.origin === web.origin && oauth.has(path)) return 'oauth';
      return undefined;
    },
    describe(url) {
      if (url.origin === api.origin && under(url.pathname, base)) return url.pathname.slice(base.length) || '/';
      return `${url.origin}${url.pathname}`;
    },
  };
}

/** Release assets go to uploads.github.com, or below /api/uploads on GHES. */
function uploadPlace(api: URL, base: string, webBase: string): { origin: string; base: string } | undefined {
  if (api.hostname === 'api.github.com') return { origin: 'https://uploads.github.com', base: '' };
  // Assumed to follow the same pattern on GHE.com (api.SUBDOMAIN → uploads.SUBDOMAIN).
  if (api.hostname.endsWith('.ghe.com') && api.hostname.startsWith('api.')) return { origin: `https://uploads.${api.hostname.slice(4)}`, base: '' };
  if (base.endsWith('/api/v3')) return { origin: api.origin, base: `${webBase}/api/uploads` };
  return undefined;
}

/** Segment-aligned: /api/v3x is not under /api/v3. */
function under(path: string, base: string): boolean {
  return base === '' || path === base || (path.startsWith(base) && path.charCodeAt(base.length) === 47 /* / */);
}

function hasEncodedDotSegment(path: string): boolean {
  for (const segment of path.split('/')) {
    if (!segment.includes('%')) continue;
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return true; // malformed escapes: a server might decode them any way it likes
    }
    if (decoded.split(/[\\/]/).some((part) => part === '..' || part === '.')) return true;
  }
  return false;
}

function trimSlash(path: string): string {
  return path.replace(/\/+$/, '');
}
