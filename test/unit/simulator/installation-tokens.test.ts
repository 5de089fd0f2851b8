import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '../../simulator/index';
import { appJwt, call, mintToken } from './helpers';

describe('simulator: installation tokens', () => {
  let sim: Simulator;
  before(async () => {
    sim = await startSimulator({ tokenLifetimeSeconds: 3600 });
  });
  after(() => sim.close());

  it('mints a ghs_ token with the installation permissions and expiry by the sim clock', async () => {
    const before = sim.stats.tokensMinted(sim.fixtures.installations.octocat);
    const res = await mintToken(sim, sim.fixtures.installations.octocat);
    assert.equal(res.status, 201);
    assert.match(res.json.token, /^ghs_[0-9A-Za-z]{36}$/);
    assert.deepEqual(res.json.permissions, { metadata: 'read', issues: 'write', contents: 'read', pull_requests: 'read' });
    assert.equal(res.json.repository_selection, 'selected');
    assert.deepEqual(res.json.repositories.map((r: { full_name: string }) => r.full_name).sort(), ['octocat/hello-world', 'octocat/private-repo']);
    const expires = Date.parse(res.json.expires_at);
    assert.ok(Math.abs(expires - (sim.clock.now() + 3600_000)) < 2000);
    assert.equal(sim.stats.tokensMinted(sim.fixtures.installations.octocat), before + 1);
    assert.ok(sim.secrets().includes(res.json.token));
  });

  it('narrows permissions and repositories, and refuses escalation with GitHub\'s 422 bodies', async () => {
    const id = sim.fixtures.installations.simOrg;
    const narrowed = await mintToken(sim, id, { permissions: { issues: 'read' }, repositories: ['api'] });
    assert.equal(narrowed.status, 201);
    assert.deepEqual(narrowed.json.permissions, { issues: 'read', metadata: 'read' });
    assert.equal(narrowed.json.repository_selection, 'selected');
    assert.deepEqual(narrowed.json.repositories.map((r: { name: string }) => r.name), ['api']);

    const byId = await mintToken(sim, id, { repository_ids: [2000002] });
    assert.deepEqual(byId.json.repositories.map((r: { name: string }) => r.name), ['web']);

    const higher = await mintToken(sim, sim.fixtures.installations.octocat, { permissions: { contents: 'write' } });
    assert.equal(higher.status, 422);
    assert.equal(higher.json.message, 'The permissions requested are not granted to this installation.');
    const missing = await mintToken(sim, id, { permissions: { organization_administration: 'read' } });
    assert.equal(missing.status, 422);
    const outside = await mintToken(sim, sim.fixtures.installations.octocat, { repositories: ['scripts'] });
    assert.equal(outside.status, 422);
    assert.equal(outside.json.message, 'There is at least one repository that does not exist or is not accessible to the parent installation.');
  });

  it('refuses suspended installations and installations of other apps', async () => {
    const suspended = await mintToken(sim, sim.fixtures.installations.suspended);
    assert.equal(suspended.status, 403);
    assert.equal(suspended.json.message, 'This installation has been suspended');
    assert.equal((await mintToken(sim, sim.fixtures.installations.hubot)).status, 404);
  });

  it('enforces the token\'s repositories (404) and permissions (403)', async () => {
    const { json } = await mintToken(sim, sim.fixtures.installations.simOrg, { permissions: { issues: 'read', contents: 'read' }, repositories: ['api'] });
    const auth = `token ${json.token}`;
    assert.equal((await call(sim, '/repos/sim-org/api', { auth })).status, 200);
    assert.equal((await call(sim, '/repos/sim-org/api/issues', { auth })).status, 200);
    assert.equal((await call(sim, '/repos/sim-org/web', { auth })).status, 404);
    assert.equal((await call(sim, '/repos/octocat/hello-world', { auth })).status, 404);
    const write = await call(sim, '/repos/sim-org/api/issues', { method: 'POST', auth, body: { title: 'nope' } });
    assert.equal(write.status, 403);
    assert.equal(write.json.message, 'Resource not accessible by integration');
    const pulls = await call(sim, '/repos/sim-org/api/pulls', { auth });
    assert.equal(pulls.status, 403, 'pull_requests was not granted to this token');
    const user = await call(sim, '/user', { auth });
    assert.equal(user.status, 403);
    assert.equal(sim.stats.requests.at(-1)?.auth, 'installation');
    assert.equal(sim.stats.requests.at(-1)?.installationId, sim.fixtures.installations.simOrg);
  });

  it('lets a write token create issues attributed to the app bot', async () => {
    const { json } = await mintToken(sim, sim.fixtures.installations.octocat);
    const res = await call(sim, '/repos/octocat/hello-world/issues', { method: 'POST', auth: `token ${json.token}`, body: { title: 'From the app' } });
    assert.equal(res.status, 201);
    assert.equal(res.json.user.login, 'sim-app[bot]');
    assert.equal(res.json.user.type, 'Bot');
  });

  it('expires tokens by the sim clock: 401 Bad credentials afterwards', async () => {
    const { json } = await mintToken(sim, sim.fixtures.installations.octocat);
    const auth = `token ${json.token}`;
    const ok = await call(sim, '/repos/octocat/hello-world', { auth });
    assert.equal(ok.status, 200);
    assert.ok(ok.headers.get('github-authentication-token-expiration'), 'expiring tokens carry the expiration header');
    sim.clock.advance(3601_000);
    try {
      const expired = await call(sim, '/repos/octocat/hello-world', { auth });
      assert.equal(expired.status, 401);
      assert.deepEqual(expired.json, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest', status: '401' });
    } finally {
      sim.clock.advance(-3601_000);
    }
  });

  it('lists installation repositories with pagination', async () => {
    const { json } = await mintToken(sim, sim.fixtures.installations.simOrg);
    const page1 = await call(sim, '/installation/repositories?per_page=20', { auth: `token ${json.token}` });
    assert.equal(page1.status, 200);
    assert.equal(page1.json.total_count, 36);
    assert.equal(page1.json.repository_selection, 'all');
    assert.equal(page1.json.repositories.length, 20);
    assert.match(page1.headers.get('link') ?? '', /per_page=20&page=2>; rel="next", <[^>]*per_page=20&page=2>; rel="last"/);
    const page2 = await call(sim, '/installation/repositories?per_page=20&page=2', { auth: `token ${json.token}` });
    assert.equal(page2.json.repositories.length, 16);
  });

  it('paginates /app/installations (45 for app 1001)', async () => {
    const auth = `Bearer ${appJwt(sim)}`;
    const first = await call(sim, '/app/installations?per_page=100', { auth });
    assert.equal(first.json.length, 45);
    assert.equal(first.headers.get('link'), null);
    const paged = await call(sim, '/app/installations', { auth });
    assert.equal(paged.json.length, 30);
    assert.match(paged.headers.get('link') ?? '', /page=2>; rel="next"/);
    assert.equal(paged.json[0].account.login, 'octocat');
    assert.equal(paged.json[0].target_type, 'User');
  });

  it('revokes a token with DELETE /installation/token', async () => {
    const { json } = await mintToken(sim, sim.fixtures.installations.octocat);
    const auth = `token ${json.token}`;
    assert.equal((await call(sim, '/installation/token', { method: 'DELETE', auth })).status, 204);
    assert.equal((await call(sim, '/repos/octocat/hello-world', { auth })).status, 401);
  });
});
