import { Secret } from '../secret';
import type { AuthStrategy } from './types';

/** PyGithub's Auth.Login and Auth.NetrcAuth: HTTP Basic with a login and a password (or token). */
export function createBasicAuth(method: 'login' | 'netrc', login: string, password: Secret): AuthStrategy {
  const header = new Secret(`Basic ${Buffer.from(`${login}:${password.reveal()}`).toString('base64')}`);
  return {
    method,
    authorization: async () => header.reveal(),
    invalidate: async () => false,
    facts: () => ({ method, pygithubClass: method === 'login' ? 'Auth.Login' : 'Auth.NetrcAuth', login }),
  };
}
