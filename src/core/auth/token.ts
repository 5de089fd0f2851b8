import type { Secret } from '../secret';
import { tokenKind, type AuthStrategy } from './types';

/** PyGithub's Auth.Token: one constant token for every request. */
export function createTokenAuth(token: Secret): AuthStrategy {
  return {
    method: 'token',
    authorization: async () => `token ${token.reveal()}`,
    invalidate: async () => false,
    facts: () => ({ method: 'token', pygithubClass: 'Auth.Token', tokenKind: tokenKind(token.reveal()) }),
  };
}

/** No credentials: public data only, at the anonymous rate limit. */
export function createAnonymousAuth(): AuthStrategy {
  return {
    method: 'none',
    authorization: async () => undefined,
    invalidate: async () => false,
    facts: () => ({ method: 'none', pygithubClass: 'none' }),
  };
}
