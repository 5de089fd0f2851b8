import { createOAuthUserAuth } from '@octokit/auth-oauth-user';
import type { request as octokitRequest } from '@octokit/request';
import type { GitHubClock } from '../clock';
import { GitHubError } from '../errors';
import { Secret } from '../secret';
import { REFRESH_MARGIN_MS, type AuthStrategy } from './types';

export interface AppUserTokens {
  token: Secret;
  expiresAt?: string;
  refreshToken?: Secret;
  refreshTokenExpiresAt?: string;
}

export interface AppUserAuthOptions extends AppUserTokens {
  clientId: string;
  clientSecret?: Secret;
  clock: GitHubClock;
  request: typeof octokitRequest;
  /** Called with the rotated pair after every refresh, so a host can persist it. */
  onRefresh?: (tokens: AppUserTokens) => void | Promise<void>;
}

/**
 * PyGithub's Auth.AppUserAuth: an expiring user-to-server token, refreshed with the
 * refresh token (which GitHub rotates) when it expires or GitHub answers 401.
 * auth-oauth-user performs the refresh grant; we decide when, on GitHub's clock.
 */
export function createAppUserAuthStrategy(options: AppUserAuthOptions): AuthStrategy {
  let current: AppUserTokens = {
    token: options.token,
    expiresAt: options.expiresAt,
    refreshToken: options.refreshToken,
    refreshTokenExpiresAt: options.refreshTokenExpiresAt,
  };
  const oauth = createOAuthUserAuth({
    clientType: 'github-app',
    clientId: options.clientId,
    clientSecret: options.clientSecret?.reveal() ?? '',
    token: current.token.reveal(),
    // auth-oauth-user only refreshes tokens that carry an expiry; a far date keeps it from refreshing on its own clock.
    expiresAt: current.expiresAt ?? '9999-12-31T00:00:00.000Z',
    refreshToken: current.refreshToken?.reveal() ?? '',
    refreshTokenExpiresAt: current.refreshTokenExpiresAt ?? '9999-12-31T00:00:00.000Z',
    request: options.request,
  } as Parameters<typeof createOAuthUserAuth>[0]);
  let refreshing: Promise<void> | undefined;

  const expired = (at: string | undefined, margin = 0) => at !== undefined && Date.parse(at) - options.clock.now() <= margin;

  async function refresh(): Promise<void> {
    if (!current.refreshToken) {
      throw new GitHubError('auth', 'The GitHub App user token has expired and no refresh token is configured (GITHUB_APP_USER_REFRESH_TOKEN). Sign in again.');
    }
    if (expired(current.refreshTokenExpiresAt)) {
      throw new GitHubError('auth', `The GitHub App user refresh token expired at ${current.refreshTokenExpiresAt}. Sign in as the App user again.`);
    }
    let result: Record<string, string | undefined>;
    try {
      result = (await oauth({ type: 'refresh' })) as unknown as Record<string, string | undefined>;
    } catch (error) {
      const reason = /bad_refresh_token/.test(String((error as Error).message)) ? 'was rejected as incorrect or expired' : 'could not be used';
      throw new GitHubError('auth', `The GitHub App user refresh token ${reason}. Sign in as the App user again.`);
    }
    current = {
      token: new Secret(result.token as string, { shortLived: true }),
      expiresAt: result.expiresAt,
      refreshToken: result.refreshToken ? new Secret(result.refreshToken, { shortLived: true }) : undefined,
      refreshTokenExpiresAt: result.refreshTokenExpiresAt,
    };
    await options.onRefresh?.(current);
  }

  const refreshOnce = () => (refreshing ??= refresh().finally(() => (refreshing = undefined)));

  return {
    method: 'app_user',
    async authorization() {
      if (expired(current.expiresAt, REFRESH_MARGIN_MS)) await refreshOnce();
      return `token ${current.token.reveal()}`;
    },
    async invalidate(_target, rejected) {
      if (rejected !== `token ${current.token.reveal()}`) return true;
      if (!current.refreshToken) return false;
      await refreshOnce();
      return true;
    },
    facts: () => ({
      method: 'app_user',
      pygithubClass: 'Auth.AppUserAuth',
      tokenKind: 'GitHub App user access token',
      expiresAt: current.expiresAt,
      refreshTokenExpiresAt: current.refreshTokenExpiresAt,
    }),
  };
}
