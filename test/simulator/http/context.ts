import type { IncomingHttpHeaders } from 'node:http';
import type { Clock } from '../clock';
import type { OAuthGrants } from '../oauth-grants';
import type { TokenRecord, TokenStore } from '../tokens';
import type { Account, App, Installation } from '../model';
import type { World } from '../world';
import { HttpError } from './errors';
import type { RateLimiter } from './ratelimit';
import type { SignedDownloads } from '../downloads';

/** Shared simulator state, handed to every handler. */
export interface Services {
  world: World;
  tokens: TokenStore;
  clock: Clock;
  grants: OAuthGrants;
  limiter: RateLimiter;
  /** Signed URLs on the other origin (job logs, artifact archives). */
  downloads?: SignedDownloads;
}

export type Principal =
  | { kind: 'none' }
  | { kind: 'user'; user: Account; token?: TokenRecord }
  | { kind: 'installation'; installation: Installation; token: TokenRecord }
  | { kind: 'jwt'; app: App };

export type AuthKind = 'none' | 'basic' | 'token' | 'jwt' | 'installation' | 'user-to-server' | 'oauth';

export interface Ctx {
  services: Services;
  method: string;
  /** Path relative to /api/v3 (or the web path for OAuth routes), without the query. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: unknown;
  params: Record<string, string>;
  principal: Principal;
  /** Absolute bases on the host the client used, for URLs in bodies and Link headers. */
  apiBase: string;
  webBase: string;
  requestId: string;
  ip: string;
  /** Extra response headers a handler wants (Link, X-Accepted-OAuth-Scopes...). */
  resHeaders: Record<string, string>;
}

export interface Reply {
  status: number;
  body?: unknown;
  /** Non-JSON replies (diffs, raw file content, form-encoded OAuth answers). */
  text?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

export const json = (body: unknown, status = 200): Reply => ({ status, body });

export function queryInt(ctx: Ctx, name: string, fallback: number): number {
  const raw = ctx.query.get(name);
  const n = raw === null ? NaN : Number.parseInt(raw, 10);
  return Number.isFinite(n) ? n : fallback;
}

/** The request body as an object; GitHub answers 400 for anything else where a body is required. */
export function bodyObject(ctx: Ctx): Record<string, unknown> {
  const body = ctx.body ?? {};
  if (typeof body !== 'object' || Array.isArray(body)) throw new HttpError(400, { message: 'Problems parsing JSON', documentation_url: 'https://docs.github.com/rest', status: '400' });
  return body as Record<string, unknown>;
}

export function optString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** The account behind a principal, as GitHub would attribute an action to it. */
export function actor(ctx: Ctx): Account | undefined {
  const p = ctx.principal;
  if (p.kind === 'user') return p.user;
  if (p.kind === 'installation') return ctx.services.world.apps.get(p.installation.appId)?.bot;
  if (p.kind === 'jwt') return p.app.bot;
  return undefined;
}
