import type { Ctx } from './context';
import type { RateInfo } from './ratelimit';

// GitHub's response headers: rate limits, request id, Date from the sim
// clock, token metadata (scopes, expiration) and the usual fixed set.

const EXPOSED = [
  'ETag', 'Link', 'Location', 'Retry-After', 'X-GitHub-OTP', 'X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Used',
  'X-RateLimit-Resource', 'X-RateLimit-Reset', 'X-OAuth-Scopes', 'X-Accepted-OAuth-Scopes', 'X-Poll-Interval', 'X-GitHub-Media-Type',
  'X-GitHub-SSO', 'X-GitHub-Request-Id', 'Deprecation', 'Sunset',
].join(', ');

/** "2024-05-01 12:00:00 UTC", the format of github-authentication-token-expiration. */
function expirationStamp(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, ' UTC');
}

export function tokenHeaders(ctx: Ctx): Record<string, string> {
  const out: Record<string, string> = {};
  const p = ctx.principal;
  const token = p.kind === 'user' || p.kind === 'installation' ? p.token : undefined;
  if (token && (token.kind === 'pat' || token.kind === 'oauth')) {
    out['x-oauth-scopes'] = (token.scopes ?? []).join(', ');
    out['x-accepted-oauth-scopes'] = ctx.resHeaders['x-accepted-oauth-scopes'] ?? '';
  }
  if (token?.expiresAt) out['github-authentication-token-expiration'] = expirationStamp(token.expiresAt);
  return out;
}

export interface FinishInfo {
  now: number;
  requestId: string;
  rate: RateInfo | undefined;
  api: boolean;
  authenticated: boolean;
  get: boolean;
}

export function finishHeaders(headers: Record<string, string>, info: FinishInfo): void {
  headers.date = new Date(info.now).toUTCString();
  headers['x-github-request-id'] = info.requestId;
  if (!info.api) return;
  if (info.rate) {
    headers['x-ratelimit-limit'] = String(info.rate.limit);
    headers['x-ratelimit-remaining'] = String(info.rate.remaining);
    headers['x-ratelimit-reset'] = String(info.rate.reset);
    headers['x-ratelimit-used'] = String(info.rate.used);
    headers['x-ratelimit-resource'] = info.rate.resource;
  }
  headers['x-github-api-version-selected'] = '2022-11-28';
  headers['x-github-media-type'] = 'github.v3; format=json';
  headers['x-github-enterprise-version'] = '3.14.0';
  headers['x-content-type-options'] = 'nosniff';
  headers['access-control-allow-origin'] = '*';
  headers['access-control-expose-headers'] = EXPOSED;
  headers.vary = 'Accept, Authorization, Cookie, X-GitHub-OTP, Accept-Encoding';
  if (info.get) headers['cache-control'] = `${info.authenticated ? 'private' : 'public'}, max-age=60, s-maxage=60`;
}
