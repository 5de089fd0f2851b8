import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { textOf, type ServerHandle } from '../support/serverHarness';
import { appEnv, serverFor, withServer, startSimulator, type Simulator } from '../support/simServer';

type Installation = { id: number; account: string; accountType: string; repositorySelection: string; suspended: boolean; permissions: Record<string, string> };
type Page<T> = { items: T[]; page: number; perPage: number; hasNextPage: boolean; totalCount?: number };

describe('apps toolset (GithubIntegration)', () => {
  let sim: Simulator;
  let server: ServerHandle;
  before(async () => {
    sim = await startSimulator();
    server = await serverFor(sim, 'apps', appEnv(sim));
  });
  after(async () => {
    await server.close();
    await sim.close();
  });

  it('get_app returns the App from GET /app', async () => {
    const app = await server.data<{ id: number; slug: string; name: string; permissions: Record<string, string> }>('get_app');
    assert.equal(app.id, sim.fixtures.apps[0].id);
    assert.equal(app.slug, sim.fixtures.apps[0].slug);
    assert.ok(Object.keys(app.permissions).length > 0);
  });

  it('list_installations paginates every installation through the Link header', async () => {
    const seen: number[] = [];
    let page = 1;
    let last: Page<Installation>;
    do {
      last = await server.data<Page<Installation>>('list_installations', { page, perPage: 20 });
      seen.push(...last.items.map((i) => i.id));
      page++;
    } while (last.hasNextPage && page < 10);
    assert.equal(last.hasNextPage, false);
    assert.ok(page > 2, 'needed more than one page');
    assert.equal(new Set(seen).size, seen.length, 'no installation twice');
    assert.ok(seen.includes(sim.fixtures.installations.octocat) && seen.includes(sim.fixtures.installations.simOrg));
  });

  it('get_installation finds one by id, repository, org or user', async () => {
    const byId = await server.data<Installation>('get_installation', { installation_id: sim.fixtures.installations.simOrg });
    assert.equal(byId.account, 'sim-org');
    assert.equal(byId.accountType, 'Organization');
    assert.equal((await server.data<Installation>('get_installation', { owner: 'octocat', repo: 'hello-world' })).id, sim.fixtures.installations.octocat);
    assert.equal((await server.data<Installation>('get_installation', { org: 'sim-org' })).id, sim.fixtures.installations.simOrg);
    const byUser = await server.data<Installation>('get_installation', { username: 'octocat' });
    assert.equal(byUser.repositorySelection, 'selected');
  });

  it('get_installation wants exactly one way of finding it', async () => {
    for (const args of [{}, { org: 'sim-org', username: 'octocat' }, { owner: 'octocat' }]) {
      const result = await server.call('get_installation', args);
      assert.equal(result.isError, true, JSON.stringify(args));
      assert.match(textOf(result), /exactly one of/);
    }
    const missing = await server.call('get_installation', { org: 'no-such-org' });
    assert.equal(missing.isError, true);
    assert.match(textOf(missing), /not found/i);
  });

  it('list_installation_repositories pages through an installation\'s repositories', async () => {
    const first = await server.data<Page<{ fullName: string }>>('list_installation_repositories', { installation_id: sim.fixtures.installations.simOrg, perPage: 10 });
    assert.equal(first.items.length, 10);
    assert.equal(first.hasNextPage, true);
    assert.ok((first.totalCount ?? 0) > 10);
    assert.ok(first.items.every((r) => r.fullName.startsWith('sim-org/')));
    const selected = await server.data<Page<{ fullName: string }>>('list_installation_repositories', { installation_id: sim.fixtures.installations.octocat });
    assert.deepEqual(selected.items.map((r) => r.fullName).sort(), ['octocat/hello-world', 'octocat/private-repo']);
    assert.equal(selected.hasNextPage, false);
  });

  it('create_installation_token narrows permissions and repositories and withholds the token', async () => {
    const result = await server.call('create_installation_token', {
      installation_id: sim.fixtures.installations.simOrg,
      permissions: { issues: 'read' },
      repositories: ['api'],
    });
    assert.ok(!result.isError, textOf(result));
    const token = result.structuredContent as { permissions: Record<string, string>; repositories: string[]; expiresAt: string; token?: string; tokenWithheld?: string };
    // GitHub always adds metadata: read to a narrowed token.
    assert.deepEqual(token.permissions, { issues: 'read', metadata: 'read' });
    assert.deepEqual(token.repositories, ['api']);
    assert.ok(Date.parse(token.expiresAt) > sim.clock.now());
    assert.equal(token.token, undefined);
    assert.match(token.tokenWithheld ?? '', /GITHUB_EXPOSE_TOKENS=1/);
    assert.doesNotMatch(textOf(result), /ghs_/);
  });

  it('create_installation_token reports escalation (422) and suspension (403) clearly', async () => {
    const escalate = await server.call('create_installation_token', { installation_id: sim.fixtures.installations.octocat, permissions: { administration: 'write' } });
    assert.equal(escalate.isError, true);
    assert.match(textOf(escalate), /422/);
    const suspended = await server.call('create_installation_token', { installation_id: sim.fixtures.installations.suspended });
    assert.equal(suspended.isError, true);
    assert.match(textOf(suspended), /suspended/i);
  });

  it('create_jwt signs with PyGithub\'s claims and withholds the JWT', async () => {
    const result = await server.data<{ claims: { iat: number; exp: number; iss: string }; jwt?: string }>('create_jwt');
    const now = Math.floor(Date.now() / 1000);
    assert.ok(Math.abs(result.claims.iat - (now - 60)) <= 2, `iat ${result.claims.iat} should be now-60`);
    assert.equal(result.claims.exp - result.claims.iat, 360);
    assert.equal(result.claims.iss, String(sim.fixtures.apps[0].id));
    assert.equal(result.jwt, undefined);
    const custom = await server.data<{ claims: { iat: number; exp: number } }>('create_jwt', { expiration: 600 });
    assert.equal(custom.claims.exp - custom.claims.iat, 660);
    const tooLong = await server.call('create_jwt', { expiration: 601 });
    assert.equal(tooLong.isError, true);
  });

  it('with GITHUB_EXPOSE_TOKENS=1 the token and JWT are returned, and they work', async () => {
    await withServer(sim, 'apps exposing tokens', appEnv(sim, { GITHUB_EXPOSE_TOKENS: '1' }), async (exposing) => {
      const minted = await exposing.data<{ token: string }>('create_installation_token', { installation_id: sim.fixtures.installations.octocat });
      assert.match(minted.token, /^ghs_/);
      const response = await fetch(`${sim.apiUrl}/installation/repositories`, { headers: { authorization: `token ${minted.token}` } });
      assert.equal(response.status, 200);
      const { jwt } = await exposing.data<{ jwt: string }>('create_jwt');
      const app = await fetch(`${sim.apiUrl}/app`, { headers: { authorization: `Bearer ${jwt}` } });
      assert.equal(app.status, 200);
    });
  });

  it('the apps toolset is absent without App auth', async () => {
    await withServer(sim, 'apps absent', { GITHUB_TOKEN: sim.createPersonalToken('octocat'), GITHUB_TOOLSETS: 'all' }, async (plain) => {
      const names = (await plain.client.listTools()).tools.map((t) => t.name);
      assert.ok(!names.includes('get_app') && names.includes('get_me'));
    });
  });
});
