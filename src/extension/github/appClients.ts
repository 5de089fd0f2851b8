import type { GitHub } from '../../core/github';
import type { Logger } from '../../core/logger';
import { UserFacingError } from '../errorText';
import type { IdentityResolver } from '../mcp/identities';
import { createGitHub } from './createGitHub';

/** What AppClients needs of a client: the core's GitHub in the extension, a fake in unit tests. */
export interface Closable {
  close(): Promise<void>;
}

/**
 * One core GitHub client per App for the tree and the App commands, so installation
 * tokens minted while browsing are reused until they near expiry. Dropped whenever Apps
 * or settings change.
 */
export class AppClients<C extends Closable> {
  #clients = new Map<number, Promise<C>>();
  #disposed = false;

  constructor(
    private readonly create: (appId: number) => Promise<C>,
    private readonly log: Logger,
  ) {}

  forApp(appId: number): Promise<C> {
    if (this.#disposed) return Promise.reject(new Error('the extension is shutting down'));
    let client = this.#clients.get(appId);
    if (!client) {
      const created = this.create(appId);
      client = created;
      this.#clients.set(appId, created);
      // Only this promise's own entry: a reset may already have put a newer one in its place.
      created.catch(() => {
        if (this.#clients.get(appId) === created) this.#clients.delete(appId);
      });
    }
    return client;
  }

  /** Forgets every client; each is closed once it exists, also one still being created now. */
  reset(): void {
    const old = [...this.#clients.values()];
    this.#clients = new Map();
    for (const client of old) {
      void client.then(
        (github) => github.close().catch((error: unknown) => this.log.debug(`closing a client: ${(error as Error).message}`)),
        () => undefined,
      );
    }
  }

  dispose(): void {
    this.#disposed = true;
    this.reset();
  }
}

export type GitHubClients = AppClients<GitHub>;

/** The extension's clients: each built from the App's identity, exactly as its server would be. */
export function gitHubClients(identities: IdentityResolver, log: Logger): GitHubClients {
  return new AppClients(async (appId) => {
    const identity = await identities.app(appId);
    if (!identity) throw new UserFacingError(`GitHub App ${appId} is not configured (or its private key is missing). Add it again.`);
    return createGitHub(identities.env(identity), log);
  }, log);
}
