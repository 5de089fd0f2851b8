import assert from 'node:assert/strict';
import { appEnv, type Simulator } from './simServer';

// The two identities every toolset test runs under: a classic PAT of one user, and the GitHub
// App 1001 without a pinned installation (5001 covers octocat's hello-world and private-repo with
// issues: write, contents: read, pull_requests: read; 5002 covers all of sim-org, broadly).
// Under the App a handler that used the App's JWT (`github.client()`) instead of
// `forRepo`/`forOwner`/`forSearch` gets 403 from the simulator, as from GitHub.

export interface Identity {
  /** For test names: "PAT monalisa" or "unpinned App". */
  label: string;
  isApp: boolean;
  /** The login GitHub reports as the author of what this identity writes. */
  author: string;
  /** The server's environment for this identity (plus `extra`). */
  env(sim: Simulator, extra?: Record<string, string>): Record<string, string>;
}

export function identities(user: string, scopes: string[] = ['repo']): Identity[] {
  return [
    { label: `PAT ${user}`, isApp: false, author: user, env: (sim, extra = {}) => ({ GITHUB_TOKEN: sim.createPersonalToken(user, { scopes }), ...extra }) },
    { label: 'unpinned App', isApp: true, author: 'sim-app[bot]', env: (sim, extra = {}) => appEnv(sim, extra) },
  ];
}

/** App-only API calls: installation lookups and token minting, which are made with the JWT. */
const JWT_PATHS = /^\/app(\/|$)|\/installation$/;

/**
 * Runs `act` and checks how its API requests were authenticated: under a PAT all with the token;
 * under the App every request outside the JWT paths as installation `installationId`. So a handler
 * that picked the JWT or the wrong installation fails even where GitHub would have answered.
 */
export async function actsAs<T>(sim: Simulator, identity: Identity, installationId: number, act: () => Promise<T>): Promise<T> {
  const from = sim.stats.requests.length;
  const result = await act();
  const sent = sim.stats.requests.slice(from).filter((r) => r.origin === 'api' || r.origin === 'graphql');
  const work = sent.filter((r) => !(r.auth === 'jwt' && JWT_PATHS.test(r.path)));
  assert.ok(work.length > 0, 'the tool asked GitHub something');
  for (const r of work) {
    const as = r.auth === 'installation' ? `installation ${r.installationId}` : r.auth;
    assert.equal(as, identity.isApp ? `installation ${installationId}` : 'token', `${r.method} ${r.path}`);
  }
  return result;
}
