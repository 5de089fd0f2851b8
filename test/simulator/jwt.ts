import { verify } from 'node:crypto';
import type { App } from './model';

// GitHub App JWT verification with GitHub's own error messages: octokit's
// clock-skew retry recognises them verbatim, so they must not drift.

export const JWT_MESSAGES = {
  undecodable: 'A JSON web token could not be decoded',
  expired: "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires",
  tooFar: "'Expiration time' claim ('exp') is too far in the future",
  issuedInFuture: "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued",
  unknownApp: 'Integration not found',
} as const;

/** GitHub accepts exp up to 10 minutes ahead and a small iat skew. */
const MAX_LIFETIME_SECONDS = 600;
const IAT_SKEW_SECONDS = 60;

export type JwtResult = { ok: true; app: App } | { ok: false; message: string };

export function looksLikeJwt(token: string): boolean {
  return /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(token);
}

function decodeJson(segment: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export function verifyAppJwt(token: string, findApp: (id: number) => App | undefined, nowMs: number): JwtResult {
  const fail = (message: string): JwtResult => ({ ok: false, message });
  const [h, p, s] = token.split('.');
  const header = decodeJson(h);
  const payload = decodeJson(p);
  if (!header || !payload || header.alg !== 'RS256' || !s) return fail(JWT_MESSAGES.undecodable);

  const iss = typeof payload.iss === 'string' && /^\d+$/.test(payload.iss) ? Number(payload.iss) : payload.iss;
  if (typeof iss !== 'number') return fail(JWT_MESSAGES.undecodable);
  const app = findApp(iss);
  if (!app) return fail(JWT_MESSAGES.unknownApp);

  const signatureOk = verify('RSA-SHA256', Buffer.from(`${h}.${p}`), app.publicKey, Buffer.from(s, 'base64url'));
  if (!signatureOk) return fail(JWT_MESSAGES.undecodable);

  const now = Math.floor(nowMs / 1000);
  const { iat, exp } = payload;
  if (typeof iat !== 'number' || !Number.isInteger(iat) || iat > now + IAT_SKEW_SECONDS) return fail(JWT_MESSAGES.issuedInFuture);
  if (typeof exp !== 'number' || exp <= now) return fail(JWT_MESSAGES.expired);
  if (exp > now + MAX_LIFETIME_SECONDS) return fail(JWT_MESSAGES.tooFar);
  return { ok: true, app };
}
