import type { createAppAuth } from '@octokit/auth-app';
import type { GitHubClock } from '../clock';
import type { AppInstallationPermissions } from '../config';
import { Secret } from '../secret';
import { REFRESH_MARGIN_MS } from './types';

type AppAuthInterface = ReturnType<typeof createAppAuth>;

export interface InstallationToken {
  token: Secret;
  installationId: number;
  expiresAt: string;
  permissions: AppInstallationPermissions;
  repositorySelection: string;
  repositoryNames?: string[];
}

export interface Narrowing {
  permissions?: AppInstallationPermissions;
  repositoryNames?: string[];
  repositoryIds?: number[];
}


/**
 * PyGithub's AppInstallationAuth token life cycle, on top of auth-app's minting.
 * auth-app caches for 59 minutes of local time; we judge expiry by `expires_at` on
 * GitHub's clock instead, so a token is reused until it nearly expires and no longer.
 */
export class InstallationTokens {
  readonly #cache = new Map<number, InstallationToken>();
  readonly #pending = new Map<number, Promise<InstallationToken>>();

  constructor(
    private readonly appAuth: AppAuthInterface,
    private readonly clock: GitHubClock,
    private readonly defaults: Narrowing = {},
  ) {}

  /** The cached token for an installation, minting one when absent or about to expire. */
  async get(installationId: number): Promise<InstallationToken> {
    const cached = this.#cache.get(installationId);
    if (cached && Date.parse(cached.expiresAt) - this.clock.now() > REFRESH_MARGIN_MS) return cached;
    const pending = this.#pending.get(installationId);
    if (pending) return pending;
    const minting = this.mint(installationId, this.defaults)
      .then((token) => {
        this.#cache.set(installationId, token);
        return token;
      })
      .finally(() => this.#pending.delete(installationId));
    this.#pending.set(installationId, minting);
    return minting;
  }

  /** A fresh token, optionally narrowed; not cached, as GithubIntegration.get_access_token does. */
  async mint(installationId: number, narrowing: Narrowing = {}): Promise<InstallationToken> {
    const ask = () =>
      this.appAuth({
        type: 'installation',
        installationId,
        refresh: true,
        ...(narrowing.permissions ? { permissions: narrowing.permissions } : {}),
        ...(narrowing.repositoryNames ? { repositoryNames: narrowing.repositoryNames } : {}),
        ...(narrowing.repositoryIds ? { repositoryIds: narrowing.repositoryIds } : {}),
      });
    let result;
    try {
      result = await ask();
    } catch (error) {
      // A 401 here is nearly always JWT clock skew; the failed response taught our clock GitHub's time.
      if ((error as { status?: number }).status !== 401) throw error;
      result = await ask();
    }
    return {
      token: new Secret(result.token, { shortLived: true }),
      installationId,
      expiresAt: result.expiresAt,
      permissions: result.permissions as AppInstallationPermissions,
      repositorySelection: result.repositorySelection,
      repositoryNames: result.repositoryNames,
    };
  }

  /** Forgets the cached token if it is the one GitHub rejected (another request may have replaced it already). */
  invalidate(installationId: number, rejectedToken?: string): void {
    const cached = this.#cache.get(installationId);
    if (rejectedToken === undefined || cached?.token.reveal() === rejectedToken) this.#cache.delete(installationId);
  }

  peek(installationId: number): InstallationToken | undefined {
    return this.#cache.get(installationId);
  }
}
