import { createOAuthDeviceAuth } from '@octokit/auth-oauth-device';
import { request } from '@octokit/request';
import type { Logger } from '../../core/logger';
import { GitHubError } from '../../core/errors';
import type { ServerEnv } from '../mcp/envContract';
import { withGitHub } from '../github/createGitHub';
import type { AppUserCredential, AppUserTokens } from './credentialStore';
import type { RefreshAppUserToken } from './appUserRefresher';

/** The env the core needs to refresh an App-user token (the server never gets the refresh token). */
function refreshEnv(credential: AppUserCredential, base: ServerEnv): ServerEnv {
  return {
    ...base,
    GITHUB_API_URL: credential.apiUrl,
    GITHUB_APP_CLIENT_ID: credential.clientId,
    // The refresh grant needs the client secret; only this short-lived client gets it.
    GITHUB_APP_CLIENT_SECRET: credential.clientSecret,
    GITHUB_APP_USER_TOKEN: credential.token,
    GITHUB_APP_USER_TOKEN_EXPIRES_AT: credential.expiresAt ?? null,
    GITHUB_APP_USER_REFRESH_TOKEN: credential.refreshToken ?? null,
    GITHUB_APP_USER_REFRESH_TOKEN_EXPIRES_AT: credential.refreshTokenExpiresAt ?? null,
  };
}

/** Refresh through the core's App-user strategy, which does the grant and reports the rotated pair. */
export function coreRefresher(baseEnv: () => ServerEnv, log: Logger): RefreshAppUserToken {
  return async (credential, persist) => {
    let rotated: AppUserTokens | undefined;
    await withGitHub(
      refreshEnv(credential, baseEnv()),
      log,
      async (github) => {
        // "GitHub refused the current token": the strategy refreshes it now, before expiry.
        await github.auth.invalidate({ appLevel: false }, `token ${credential.token}`);
      },
      {
        onAppUserRefresh: async (tokens) => {
          rotated = {
            token: tokens.token.reveal(),
            expiresAt: tokens.expiresAt,
            refreshToken: tokens.refreshToken?.reveal(),
            refreshTokenExpiresAt: tokens.refreshTokenExpiresAt,
          };
          await persist(rotated);
        },
      },
    );
    if (!rotated) throw new GitHubError('auth', 'GitHub did not return a refreshed App user token. Sign in as the App user again.');
    return rotated;
  };
}

export interface DeviceVerification {
  userCode: string;
  verificationUri: string;
  expiresInSeconds: number;
}

/**
 * GitHub's device flow for a GitHub App: the user enters a code on GitHub, we poll for the
 * token. It needs no redirect URL registered on the App and works in remote and web VS Code.
 */
export async function deviceFlowTokens(
  apiUrl: string,
  clientId: string,
  onVerification: (v: DeviceVerification) => void,
  signal?: AbortSignal,
): Promise<AppUserTokens> {
  const auth = createOAuthDeviceAuth({
    clientType: 'github-app',
    clientId,
    // oauth-methods derives the web origin (github.com, HOST, SUBDOMAIN.ghe.com) from the API
    // base URL. An aborted signal fails the next poll, which ends the flow.
    request: request.defaults({ baseUrl: apiUrl, ...(signal ? { request: { signal } } : {}) }),
    onVerification: (v) => onVerification({ userCode: v.user_code, verificationUri: v.verification_uri, expiresInSeconds: v.expires_in }),
  });
  const result = (await auth({ type: 'oauth' })) as { token: string; expiresAt?: string; refreshToken?: string; refreshTokenExpiresAt?: string };
  return { token: result.token, expiresAt: result.expiresAt, refreshToken: result.refreshToken, refreshTokenExpiresAt: result.refreshTokenExpiresAt };
}
