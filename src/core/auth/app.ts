import { createAppAuth } from '@octokit/auth-app';
import type { request as octokitRequest } from '@octokit/request';
import type { GitHubClock } from '../clock';
import type { AppInstallationPermissions, CoreConfig } from '../config';
import type { Logger } from '../logger';
import type { Secret } from '../secret';
import { GitHubError } from '../errors';
import { InstallationTokens } from './installation';
import { createJwtSigner, type SignedJwt } from './jwt';
import type { AuthStrategy, RequestTarget } from './types';

export interface AppAuthOptions {
  appId: number;
  privateKey: Secret;
  installationId?: number;
  permissions?: AppInstallationPermissions;
  jwt: CoreConfig['jwt'];
  clock: GitHubClock;
  request: typeof octokitRequest;
  log: Logger;
}

export interface AppAuthStrategy extends AuthStrategy {
  readonly appId: number;
  readonly pinnedInstallationId?: number;
  readonly installations: InstallationTokens;
  /** A JWT on GitHub's clock; `expirySeconds` overrides jwt_expiry for one token. */
  createJwt(expirySeconds?: number): SignedJwt;
}

/**
 * PyGithub's Auth.AppAuth and, with an installation id, Auth.AppInstallationAuth.
 * App-level routes get the JWT; everything else gets the token of the installation
 * the request targets (the pinned one, or the one the caller looked up for a repo).
 */
export function createAppAuthStrategy(options: AppAuthOptions): AppAuthStrategy {
  const sign = createJwtSigner({ appId: options.appId, privateKeyPem: options.privateKey.reveal(), ...options.jwt });
  const createJwt = (expirySeconds?: number) => sign(options.clock.nowSeconds(), expirySeconds);
  const appAuth = createAppAuth({
    appId: options.appId,
    // Our clock already carries the skew GitHub reported, so auth-app's own correction is not added.
    createJwt: async () => {
      const { jwt, expiresAt } = createJwt();
      return { jwt, expiresAt };
    },
    request: options.request,
    log: { warn: (message: string) => options.log.warn(message), debug: () => {}, info: () => {}, error: (m: string) => options.log.error(m) },
  });
  const installations = new InstallationTokens(appAuth, options.clock, { permissions: options.permissions });
  const method = options.installationId ? 'app_installation' : 'app';

  const installationFor = (target: RequestTarget): number => {
    const id = target.installationId ?? options.installationId;
    if (id === undefined) {
      throw new GitHubError(
        'config',
        'This request is not tied to a repository or owner, so the App cannot tell which installation to act as. ' +
          'Name the repository or owner, or pin one with GITHUB_APP_INSTALLATION_ID.',
      );
    }
    return id;
  };

  return {
    method,
    appId: options.appId,
    pinnedInstallationId: options.installationId,
    installations,
    createJwt,
    async authorization(target) {
      if (target.appLevel) return `Bearer ${createJwt().jwt}`;
      return `token ${(await installations.get(installationFor(target))).token.reveal()}`;
    },
    async invalidate(target, rejected) {
      // A JWT is re-signed on the corrected clock; an installation token is minted afresh.
      if (!target.appLevel) installations.invalidate(installationFor(target), rejected.replace(/^token /, ''));
      return true;
    },
    facts() {
      const token = options.installationId ? installations.peek(options.installationId) : undefined;
      return {
        method,
        pygithubClass: options.installationId ? 'Auth.AppInstallationAuth' : 'Auth.AppAuth',
        appId: options.appId,
        installationId: options.installationId,
        tokenKind: options.installationId ? 'GitHub App installation access token' : 'JWT (installation tokens per repository owner)',
        expiresAt: token?.expiresAt,
        permissions: token?.permissions ?? options.permissions,
      };
    },
  };
}
