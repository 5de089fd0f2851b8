import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { textOf, type ServerHandle } from '../../support/serverHarness';
import { actsAs, identities } from '../../support/identities';
import { serverFor, startSimulator, withServer, type Simulator } from '../../support/simServer';
import { call } from '../../unit/simulator/helpers';

// The orgs and stargazers toolsets (opt-in), as octocat's PAT and as the unpinned App. Org
// reads act as the org's installation (5002: members: read); starring is a user's act, so
// under the App those tools refuse before asking, and the simulator refuses an installation
// token as GitHub does. Stars are read back from the simulator.

const TOOLSETS = { GITHUB_TOOLSETS: 'default,orgs,stargazers' };

interface Page<T> {
  items: T[];
  hasNextPage: boolean;
  totalCount?: number;
}

for (const identity of identities('octocat')) describe(`orgs and stargazers toolsets (${identity.label})`, () => {
  let sim: Simulator;
  let server: ServerHandle;
  let reader: string;

  before(async () => {
    sim = await startSimulator();
    reader = sim.createPersonalToken('octocat');
    server = await serverFor(sim, `toolsets orgs ${identity.label}`, identity.env(sim, TOOLSETS));
  });
  after(async () => {
    await server.close();
    await sim.close();
  });

  const starred = async () => ((await call(sim, '/user/starred?per_page=100', { auth: `token ${reader}` })).json as Array<{ full_name: string }>).map((r) => r.full_name).sort();

  it('search_orgs finds organizations only', async () => {
    const found = await server.data<Page<{ login: string; type: string }>>('search_orgs', { query: 'sim-org' });
    assert.ok(found.items.some((o) => o.login === 'sim-org'));
    assert.ok(found.items.every((o) => o.type === 'Organization'));
    const users = await server.data<Page<{ login: string }>>('search_orgs', { query: 'monalisa' });
    assert.deepEqual(users.items, [], 'a user is no organization');
  });

  it('list_org_members lists logins, filtered by role, as the org\'s installation under the App', async () => {
    const all = await actsAs(sim, identity, sim.fixtures.installations.simOrg, () => server.data<Page<{ login: string }>>('list_org_members', { org: 'sim-org' }));
    assert.deepEqual(all.items.map((m) => m.login).sort(), ['monalisa', 'octocat']);
    assert.deepEqual(Object.keys(all.items[0]), ['login']);
    const admins = await server.data<Page<{ login: string }>>('list_org_members', { org: 'sim-org', role: 'admin' });
    assert.deepEqual(admins.items.map((m) => m.login), ['octocat']);
  });

  it('list_org_members names a missing organization', async () => {
    const result = await server.call('list_org_members', { org: 'nobody-here' });
    assert.equal(result.isError, true);
    assert.match(textOf(result), /nobody-here/);
  });

  it('list_starred_repositories with a username lists that user\'s public stars', async () => {
    const page = await server.data<Page<{ fullName: string }>>('list_starred_repositories', { username: 'octocat' });
    const names = page.items.map((r) => r.fullName).sort();
    assert.deepEqual(names, ['hubot/scripts', 'sim-org/api']);
  });

  if (identity.isApp) {
    for (const [name, args] of [['list_starred_repositories', {}], ['star_repository', { owner: 'sim-org', repo: 'web' }], ['unstar_repository', { owner: 'sim-org', repo: 'api' }]] as const) {
      it(`${name} refuses clearly under the App, without asking GitHub`, async () => {
        const before = sim.stats.requests.filter((r) => r.origin === 'api').length;
        const result = await server.call(name, args);
        assert.equal(result.isError, true);
        assert.match(textOf(result), /user's token.*GitHub Apps/s);
        assert.equal(sim.stats.requests.filter((r) => r.origin === 'api').length, before);
      });
    }
    it('GitHub (the simulator) refuses starring with an installation token too', async () => {
      const { mintToken } = await import('../../unit/simulator/helpers');
      const token = (await mintToken(sim, sim.fixtures.installations.simOrg)).json.token;
      const res = await call(sim, '/user/starred/sim-org/web', { method: 'PUT', auth: `token ${token}` });
      assert.deepEqual([res.status, res.json.message], [403, 'Resource not accessible by integration']);
    });
  } else {
    it('star_repository and unstar_repository change your stars and the count; list_starred_repositories reads them back', async () => {
      const count = async () => (await call(sim, '/repos/sim-org/web', { auth: `token ${reader}` })).json.stargazers_count as number;
      const before = await count();
      assert.deepEqual(await server.data('star_repository', { owner: 'sim-org', repo: 'web' }), { starred: 'sim-org/web' });
      assert.deepEqual(await starred(), ['hubot/scripts', 'sim-org/api', 'sim-org/web']);
      assert.equal(await count(), before + 1);
      await server.data('star_repository', { owner: 'sim-org', repo: 'web' });
      assert.equal(await count(), before + 1, 'starring twice counts once');
      const mine = await server.data<Page<{ fullName: string }>>('list_starred_repositories', {});
      assert.equal(mine.items[0].fullName, 'sim-org/web', 'most recently starred first');
      assert.deepEqual(await server.data('unstar_repository', { owner: 'sim-org', repo: 'web' }), { unstarred: 'sim-org/web' });
      assert.deepEqual(await starred(), ['hubot/scripts', 'sim-org/api']);
      assert.equal(await count(), before);
    });

    it('star_repository names a repository that does not exist (404)', async () => {
      const result = await server.call('star_repository', { owner: 'octocat', repo: 'nothing-here' });
      assert.equal(result.isError, true);
      assert.match(textOf(result), /octocat\/nothing-here.*404/i);
    });

    it('read-only mode hides star and unstar; the toolsets are opt-in', async () => {
      await withServer(sim, 'toolsets stargazers read-only', identity.env(sim, { GITHUB_READ_ONLY: '1', ...TOOLSETS }), async (ro) => {
        const names = ro.tools.map((t) => t.name);
        assert.ok(!names.includes('star_repository') && !names.includes('unstar_repository'));
        for (const read of ['list_starred_repositories', 'search_orgs', 'list_org_members']) assert.ok(names.includes(read), read);
      });
      await withServer(sim, 'toolsets orgs default', identity.env(sim), async (plain) => {
        for (const name of ['search_orgs', 'list_org_members', 'list_starred_repositories']) assert.ok(!plain.tools.some((t) => t.name === name), name);
      });
    });
  }
});
