import type { GitHub } from '../../core/github';
import type { Logger } from '../../core/logger';
import { UserFacingError } from '../errorText';
import type { IdentityResolver } from '../mcp/identities';
import { createGitHub } from './createGitHub';

/**
 * One core GitHub client per App for the tree and the App commands, so installation
 * tokens minted while browsing are reused until they near expiry. Dropped whenever Apps
 * or settings change.
 */
export class AppClients {
  readonly #clients = new Map<number, Promise<GitHub>>();

  constructor(
    private readonly identities: IdentityResolver,
    private readonly log: Logger,
  ) {}

  forApp(appId: number): Promise<GitHub> {
    let client = this.#clients.get(appId);
    if (!client) {
      client = this.#create(appId);
      client.catch(() => this.#clients.delete(appId));
      this.#clients.set(appId, client);
    }
    return client;
  }

  async #create(appId: number): Promise<GitHub> {
    const identity = await this.identities.app(appId);
    if (!identity) throw new UserFacingError(`GitHub App ${appId} is not configured (or its private key is missing). Add it again.`);
    return createGitHub(this.identities.env(identity), this.log);
  }

  reset(): void {
    const old = [...this.#clients.values()];
    this.#clients.clear();
    for (const client of old) void client.then((github) => github.close()).catch(() => undefined);
  }

  dispose(): void {
    this.reset();
  }
}
