import { GitHubClock } from './clock';
import type { CoreConfig } from './config';
import { createAuthStrategy } from './auth/factory';
import type { AppAuthStrategy } from './auth/app';
import type { AppUserTokens } from './auth/appUser';
import { createAnonymousAuth } from './auth/token';
import type { AuthStrategy } from './auth/types';
import { createOctokit, type ClientRuntime, type GitHubOctokit } from './client/octokit';
import { createPacer } from './client/resilience';
import { createTransport } from './client/transport';
import { outsideCallScope, withinCallScope } from './client/callScope';
import { toGitHubError } from './client/errors';
import { GitHubError } from './errors';
import { GithubIntegration } from './integration';
import { silentLogger, type Logger } from './logger';

export interface GitHubOptions {
  log?: Logger;
  clock?: GitHubClock;
  onAppUserRefresh?: (tokens: AppUserTokens) => void | Promise<void>;
}

/**
 * The core's entry point: one configured identity and the Octokit clients that act as it.
 * With App auth and no pinned installation, each repository or owner is served by the
 * installation that covers it, looked up once and cached; tokens are minted per
 * installation per token lifetime. Nothing touches the network until a client is used.
 */
export class GitHub {
  readonly clock: GitHubClock;
  readonly auth: AuthStrategy;
  readonly integration: GithubIntegration | undefined;
  readonly #runtime: ClientRuntime;
  readonly #clients = new Map<string, GitHubOctokit>();
  readonly #installationByScope = new Map<string, Promise<number>>();

  constructor(readonly config: CoreConfig, options: GitHubOptions = {}) {
    this.clock = options.clock ?? new GitHubClock();
    const log = options.log ?? silentLogger;
    const transport = createTransport(config, this.clock);
    this.#runtime = { config, transport, log, pacer: createPacer(config), clock: this.clock };
    // Minting and refreshing go out unauthenticated; auth-app and auth-oauth-user add their own headers.
    const bare = createOctokit(this.#runtime, createAnonymousAuth());
    this.auth = createAuthStrategy(config, { clock: this.clock, request: bare.request, log, onAppUserRefresh: options.onAppUserRefresh });
    this.integration = isAppAuth(this.auth) || this.auth.method === 'app_token' ? new GithubIntegration(this, this.auth as AppAuthStrategy) : undefined;
  }

  get isApp(): boolean {
    return this.integration !== undefined;
  }

  /** The client for requests that belong to no repository (search, /user, /rate_limit). */
  async client(): Promise<GitHubOctokit> {
    return this.#clientFor(undefined);
  }

  /** The client that acts on `owner/repo`; for an unpinned App, as the installation covering it. */
  async forRepo(owner: string, repo: string): Promise<GitHubOctokit> {
    if (!this.#needsLookup()) return this.#clientFor(undefined);
    return this.#clientFor(await this.#lookup(`${owner}/${repo}`, () => this.integration!.getRepoInstallation(owner, repo)));
  }

  /** The client that acts for an org or user account. */
  async forOwner(owner: string): Promise<GitHubOctokit> {
    if (!this.#needsLookup()) return this.#clientFor(undefined);
    return this.#clientFor(await this.#lookup(owner, () => this.integration!.getOwnerInstallation(owner)));
  }

  /**
   * The client for a search, which belongs to no repository. For an unpinned App, the
   * installation is chosen by the query's first user:/org:/owner:/repo: qualifier; otherwise
   * (or with no qualifier) the default client serves it.
   */
  async forSearch(query: string): Promise<GitHubOctokit> {
    const owner = this.isApp ? searchOwner(query) : undefined;
    return owner ? this.forOwner(owner) : this.client();
  }

  /**
   * The client for a request whose answer does not depend on who asks (a user search). For an
   * unpinned App any active installation will do: the first one GitHub lists.
   */
  async forAnyone(): Promise<GitHubOctokit> {
    if (!this.#needsLookup()) return this.#clientFor(undefined);
    return this.#clientFor(
      await this.#lookup('any installation', async () => {
        const active = (await this.integration!.listInstallations(1, 100)).items.find((installation) => !installation.suspended_at);
        if (!active) throw new GitHubError('config', 'The GitHub App has no active installation, so it can make no request as one. Install it on an account.');
        return { id: Number(active.id) };
      }),
    );
  }

  /** The client for one installation id (App auth only). */
  forInstallation(installationId: number): GitHubOctokit {
    return this.#clientFor(installationId);
  }

  async close(): Promise<void> {
    await this.#runtime.transport.close();
  }

  #needsLookup(): boolean {
    return isAppAuth(this.auth) && this.auth.pinnedInstallationId === undefined;
  }

  async #lookup(scope: string, find: () => Promise<{ id: number }>): Promise<number> {
    const key = scope.toLowerCase();
    let pending = this.#installationByScope.get(key);
    if (!pending) {
      // Shared by every call, so it runs outside the one that asked first: that call's cancel must not fail the others.
      pending = outsideCallScope(find).then(
        (installation) => installation.id,
        (error: unknown) => {
          this.#installationByScope.delete(key);
          const mapped = toGitHubError(error);
          if (mapped.kind === 'not_found') {
            throw new GitHubError('not_found', `The GitHub App is not installed on ${scope}, so it cannot act there. Install it on that account or repository.`, mapped.details);
          }
          throw mapped;
        },
      );
      this.#installationByScope.set(key, pending);
    }
    return withinCallScope(pending);
  }

  #clientFor(installationId: number | undefined): GitHubOctokit {
    const key = installationId === undefined ? 'default' : `installation:${installationId}`;
    let client = this.#clients.get(key);
    if (!client) {
      client = createOctokit(this.#runtime, this.auth, { installationId });
      this.#clients.set(key, client);
    }
    return client;
  }
}

export function isAppAuth(auth: AuthStrategy): auth is AppAuthStrategy {
  return auth.method === 'app' || auth.method === 'app_installation';
}

/** The account a search query is scoped to, from its first user:, org:, owner: or repo: qualifier. */
export function searchOwner(query: string): string | undefined {
  return /(?:^|[\s(])(?:user|org|owner|repo):"?([A-Za-z0-9][A-Za-z0-9-]*)/i.exec(query)?.[1];
}
