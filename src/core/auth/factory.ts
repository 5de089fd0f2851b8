import type { request as octokitRequest } from '@octokit/request';
import type { GitHubClock } from '../clock';
import type { CoreConfig } from '../config';
import type { Logger } from '../logger';
import { createAppAuthStrategy } from './app';
import { createAppTokenAuth } from './appToken';
import { createAppUserAuthStrategy, type AppUserTokens } from './appUser';
import { createBasicAuth } from './login';
import { createAnonymousAuth, createTokenAuth } from './token';
import type { AuthStrategy } from './types';

export interface AuthDependencies {
  clock: GitHubClock;
  /** An unauthenticated request function on the configured base URL, for minting and refreshing. */
  request: typeof octokitRequest;
  log: Logger;
  onAppUserRefresh?: (tokens: AppUserTokens) => void | Promise<void>;
}

export function createAuthStrategy(config: CoreConfig, deps: AuthDependencies): AuthStrategy {
  const auth = config.auth;
  switch (auth.method) {
    case 'none':
      return createAnonymousAuth();
    case 'token':
      return createTokenAuth(auth.token);
    case 'login':
    case 'netrc':
      return createBasicAuth(auth.method, auth.login, auth.password);
    case 'app':
      return createAppAuthStrategy({ ...auth, jwt: config.jwt, clock: deps.clock, request: deps.request, log: deps.log });
    case 'app_token':
      return createAppTokenAuth(auth.jwt);
    case 'app_user':
      return createAppUserAuthStrategy({ ...auth, clock: deps.clock, request: deps.request, onRefresh: deps.onAppUserRefresh });
  }
}
