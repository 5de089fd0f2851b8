import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { textOf, type ServerHandle } from '../../support/serverHarness';
import { identities } from '../../support/identities';
import { serverFor, startSimulator, type Simulator } from '../../support/simServer';

// search_users as hubot (a PAT without scopes) and as the unpinned App. A user search names no
// repository or owner, yet GitHub answers it for any installation token (the App's JWT is refused).
// Under the unpinned App the two searches below fail today: the tool refuses with "not tied to a
// repository or owner" and has no owner argument to name one.

interface UserPage {
  items: Array<{ login: string; id: number; type: string; htmlUrl: string }>;
  page: number;
  perPage: number;
  hasNextPage: boolean;
  totalCount?: number;
  incompleteResults: boolean;
}

for (const identity of identities('hubot', [])) describe(`users toolset (${identity.label})`, () => {
  let sim: Simulator;
  let server: ServerHandle;

  before(async () => {
    sim = await startSimulator();
    server = await serverFor(sim, `toolsets users ${identity.label}`, identity.env(sim));
  });
  after(async () => {
    await server.close();
    await sim.close();
  });

  it('search_users finds accounts by login, with lean entries', async () => {
    const found = await server.data<UserPage>('search_users', { query: 'monalisa' });
    assert.deepEqual(found.items.map((u) => [u.login, u.type]), [['monalisa', 'User']]);
    assert.equal(found.totalCount, 1);
    assert.match(found.items[0].htmlUrl, /\/monalisa$/);
    assert.deepEqual(Object.keys(found.items[0]).sort(), ['htmlUrl', 'id', 'login', 'type']);
  });

  it('search_users pages with hasNextPage true then false', async () => {
    const first = await server.data<UserPage>('search_users', { query: 'type:org', perPage: 25 });
    assert.equal(first.hasNextPage, true);
    assert.ok(first.items.every((u) => u.type === 'Organization'));
    const lastPage = Math.ceil((first.totalCount ?? 0) / 25);
    assert.ok(lastPage >= 2, `expected several pages of organizations, got ${first.totalCount}`);
    const last = await server.data<UserPage>('search_users', { query: 'type:org', perPage: 25, page: lastPage });
    assert.equal(last.hasNextPage, false);
    assert.equal(last.items.length, (first.totalCount ?? 0) - 25 * (lastPage - 1));
  });

  it('an empty query is refused before GitHub is asked', async () => {
    const before = sim.stats.requests.length;
    const result = await server.call('search_users', { query: '' });
    assert.equal(result.isError, true);
    assert.match(textOf(result), /query/);
    assert.equal(sim.stats.requests.length, before);
  });
});
