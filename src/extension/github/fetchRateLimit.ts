import type { Logger } from '../../core/logger';
import type { IdentityResolver } from '../mcp/identities';
import { labelFor, type Identity } from '../mcp/identity';
import type { GitHubClients } from './appClients';
import { withGitHub } from './createGitHub';
import type { RateLimit } from './rateLimits';

interface RateLimitBody {
  resources?: { core?: { limit: number; remaining: number; reset: number } };
  rate?: { limit: number; remaining: number; reset: number };
}

/**
 * Each identity's core rate limit. An App answers as one of its installations, through the
 * tree's cached client, so no new installation token is minted each time.
 */
export function rateLimitFetcher(identities: IdentityResolver, clients: GitHubClients, log: Logger): () => Promise<Array<RateLimit | undefined>> {
  const one = async (identity: Identity): Promise<RateLimit | undefined> => {
    const label = labelFor(identity);
    try {
      const body =
        identity.kind === 'app'
          ? (await (await (await clients.forApp(identity.appId)).forAnyone()).request('GET /rate_limit')).data
          : await withGitHub(identities.env(identity), log, async (github) => (await (await github.client()).request('GET /rate_limit')).data);
      const core = (body as RateLimitBody).resources?.core ?? (body as RateLimitBody).rate;
      return core && { label, limit: core.limit, remaining: core.remaining, reset: core.reset };
    } catch (error) {
      log.debug(`no rate limit for ${label}: ${(error as Error).message}`);
      return undefined;
    }
  };
  return async () => Promise.all((await identities.all()).map(one));
}
