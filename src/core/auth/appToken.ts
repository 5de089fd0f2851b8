import type { Secret } from '../secret';
import { decodeJwtClaims } from './jwt';
import type { AuthStrategy } from './types';

/** PyGithub's Auth.AppAuthToken: a JWT made elsewhere, sent as is until it expires. */
export function createAppTokenAuth(jwt: Secret): AuthStrategy {
  const claims = decodeJwtClaims(jwt.reveal());
  const exp = typeof claims?.exp === 'number' ? new Date(claims.exp * 1000).toISOString() : undefined;
  const iss = Number(claims?.iss);
  return {
    method: 'app_token',
    authorization: async () => `Bearer ${jwt.reveal()}`,
    invalidate: async () => false,
    facts: () => ({ method: 'app_token', pygithubClass: 'Auth.AppAuthToken', tokenKind: 'JWT', expiresAt: exp, appId: Number.isFinite(iss) ? iss : undefined }),
  };
}
