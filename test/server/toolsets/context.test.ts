import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { textOf, type ServerHandle } from '../../support/serverHarness';
import { actsAs, identities } from '../../support/identities';
import { serverFor, startSimulator, type Simulator } from '../../support/simServer';

// The context toolset (get_me, auth_status, get_rate_limit, get_teams, get_team_members) as
// octocat (PAT with repo and read:org; admin of sim-org) and as the unpinned App, which answers
// for sim-org as installation 5002 (members: read) and for octocat as 5001.

interface Page<T> {
  items: T[];
  hasNextPage: boolean;
}
interface Status {
  method: string;
  authenticated: boolean;
  identity?: string;
  scopes?: string[];
  appId?: number;
  installationId?: number;
  problem?: string;
}
interface RateLimit {
  resources: Record<string, { limit?: number; remaining?: number; used?: number }>;
}

for (const identity of identities('octocat', ['repo', 'read:org'])) describe(`context toolset (${identity.label})`, () => {
  let sim: Simulator;
  let server: ServerHandle;

  before(async () => {
    sim = await startSimulator();
    server = await serverFor(sim, `toolsets context ${identity.label}`, identity.env(sim));
  });
  after(async () => {
    await server.close();
    await sim.close();
  });

  it('get_me names the account this server acts as', async () => {
    const me = await server.data<{ login?: string; id: number; type: string }>('get_me');
    assert.equal(me.login, identity.author);
    assert.equal(me.type, identity.isApp ? 'Bot' : 'User');
    if (identity.isApp) assert.equal(me.id, sim.fixtures.apps[0].id, 'GET /app answers with the App');
    else assert.equal(me.id, 1);
  });

  it('auth_status reports the method and the identity GitHub answered, and no problem', async () => {
    const status = await server.data<Status>('auth_status');
    assert.equal(status.authenticated, true);
    assert.equal(status.problem, undefined);
    assert.equal(status.identity, identity.author);
    if (identity.isApp) {
      assert.equal(status.method, 'app');
      assert.equal(status.appId, sim.fixtures.apps[0].id);
      assert.equal(status.installationId, undefined, 'no installation is pinned');
      assert.equal(status.scopes, undefined);
    } else {
      assert.equal(status.method, 'token');
      assert.deepEqual([...(status.scopes ?? [])].sort(), ['read:org', 'repo']);
    }
  });

  it('get_rate_limit with an owner asks as that owner\'s installation; without one only a PAT can ask', async () => {
    for (const [owner, installation] of [['sim-org', sim.fixtures.installations.simOrg], ['octocat', sim.fixtures.installations.octocat]] as const) {
      const limits = await actsAs(sim, identity, installation, () => server.data<RateLimit>('get_rate_limit', { owner }));
      assert.equal(typeof limits.resources.core?.remaining, 'number', owner);
      assert.equal(typeof limits.resources.search?.limit, 'number', owner);
    }
    const plain = await server.call('get_rate_limit', {});
    if (identity.isApp) {
      assert.equal(plain.isError, true, 'an unpinned App has no one quota to report');
      assert.match(textOf(plain), /Name the repository or owner/);
    } else {
      assert.ok(!plain.isError, textOf(plain));
      assert.equal(typeof (plain.structuredContent as unknown as RateLimit).resources.core?.remaining, 'number');
    }
  });

  it('get_teams and get_team_members for sim-org answer as its installation', async () => {
    const teams = await actsAs(sim, identity, sim.fixtures.installations.simOrg, () => server.data<Page<{ slug: string; parent?: string | null }>>('get_teams', { org: 'sim-org' }));
    assert.deepEqual(teams.items.map((t) => t.slug), ['core', 'reviewers', 'security'], 'an org owner and a members: read installation see the secret team');
    const members = await actsAs(sim, identity, sim.fixtures.installations.simOrg, () => server.data<Page<{ login: string }>>('get_team_members', { org: 'sim-org', team_slug: 'core' }));
    assert.deepEqual(members.items.map((m) => m.login), ['octocat', 'monalisa']);
    const missing = await server.call('get_team_members', { org: 'sim-org', team_slug: 'no-such-team' });
    assert.equal(missing.isError, true);
    assert.match(textOf(missing), /404/);
  });

  it('get_teams without org: the PAT\'s own teams; the App has no user and says to pass org', async () => {
    const before = sim.stats.requests.length;
    const mine = await server.call('get_teams', {});
    if (identity.isApp) {
      assert.equal(mine.isError, true);
      assert.match(textOf(mine), /pass org/);
      assert.equal(sim.stats.requests.slice(before).some((r) => r.path === '/user/teams'), false, 'nothing was asked');
    } else {
      assert.ok(!mine.isError, textOf(mine));
      const items = (mine.structuredContent as unknown as Page<{ org?: string; slug: string }>).items;
      assert.deepEqual(items.map((t) => `${t.org}/${t.slug}`), ['sim-org/core', 'sim-org/security']);
    }
  });
});
