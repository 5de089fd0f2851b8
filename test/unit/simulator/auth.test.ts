import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '../../simulator/index';
import { call } from './helpers';

const basic = (login: string, secret: string) => `Basic ${Buffer.from(`${login}:${secret}`).toString('base64')}`;

describe('simulator: user authentication and repository access', () => {
  let sim: Simulator;
  before(async () => {
    sim = await startSimulator();
  });
  after(() => sim.close());

  const password = (login: string) => sim.fixtures.users.find((u) => u.login === login)?.password ?? '';

  it('accepts Basic login:password and rejects a wrong password', async () => {
    const ok = await call(sim, '/user', { auth: basic('octocat', password('octocat')) });
    assert.equal(ok.status, 200);
    assert.equal(ok.json.login, 'octocat');
    assert.equal(sim.stats.requests.at(-1)?.auth, 'basic');
    const bad = await call(sim, '/user', { auth: basic('octocat', 'wrong') });
    assert.equal(bad.status, 401);
    assert.equal(bad.json.message, 'Bad credentials');
  });

  it('accepts Basic login:token for that login only', async () => {
    const token = sim.createPersonalToken('hubot');
    assert.equal((await call(sim, '/user', { auth: basic('hubot', token) })).json.login, 'hubot');
    assert.equal((await call(sim, '/user', { auth: basic('octocat', token) })).status, 401);
  });

  it('accepts both "token" and "bearer" schemes', async () => {
    const token = sim.createPersonalToken('monalisa');
    assert.equal((await call(sim, '/user', { auth: `token ${token}` })).json.id, 3);
    assert.equal((await call(sim, '/user', { auth: `Bearer ${token}` })).json.id, 3);
  });

  it('hides private repositories (404) from anonymous callers and outsiders', async () => {
    assert.equal((await call(sim, '/repos/octocat/private-repo')).status, 404);
    const monalisa = `token ${sim.createPersonalToken('monalisa')}`;
    assert.equal((await call(sim, '/repos/octocat/private-repo', { auth: monalisa })).status, 404);
    const owner = await call(sim, '/repos/octocat/private-repo', { auth: `token ${sim.createPersonalToken('octocat')}` });
    assert.equal(owner.status, 200);
    assert.equal(owner.json.private, true);
    assert.deepEqual(owner.json.permissions, { admin: true, maintain: true, push: true, triage: true, pull: true });
  });

  it('limits classic tokens by scope: no repo scope, no private repos', async () => {
    const narrow = `token ${sim.createPersonalToken('octocat', { scopes: ['public_repo'] })}`;
    const res = await call(sim, '/repos/octocat/private-repo', { auth: narrow });
    assert.equal(res.status, 404);
    assert.equal(res.headers.get('x-oauth-scopes'), 'public_repo');
    assert.equal(res.headers.get('x-accepted-oauth-scopes'), 'repo');
  });

  it('refuses writes without push access (403) but lets readers open issues', async () => {
    const hubot = `token ${sim.createPersonalToken('hubot')}`;
    const file = await call(sim, '/repos/octocat/private-repo/contents/new.txt', { method: 'PUT', auth: hubot, body: { message: 'x', content: Buffer.from('x').toString('base64') } });
    assert.equal(file.status, 403);
    const ref = await call(sim, '/repos/octocat/hello-world/git/refs', { method: 'POST', auth: hubot, body: { ref: 'refs/heads/hubot', sha: 'a'.repeat(40) } });
    assert.equal(ref.status, 403);
    const issue = await call(sim, '/repos/octocat/hello-world/issues', { method: 'POST', auth: hubot, body: { title: 'Hello from hubot' } });
    assert.equal(issue.status, 201);
    const anonymous = await call(sim, '/repos/octocat/hello-world/issues', { method: 'POST', body: { title: 'anon' } });
    assert.equal(anonymous.status, 401);
  });

  it('user-to-server tokens reach only repositories where the app is installed, with its permissions', async () => {
    const { token, expiresAt } = sim.createAppUserToken('octocat');
    assert.match(token, /^ghu_[0-9A-Za-z]{36}$/);
    assert.ok(Date.parse(expiresAt) > sim.clock.now() + 7 * 3600_000);
    const auth = `token ${token}`;
    assert.equal((await call(sim, '/user', { auth })).json.login, 'octocat');
    assert.equal(sim.stats.requests.at(-1)?.auth, 'user-to-server');
    assert.equal((await call(sim, '/repos/octocat/private-repo', { auth })).status, 200);
    assert.equal((await call(sim, '/repos/hubot/scripts', { auth })).status, 404, 'app 1001 is not installed on hubot');
    const installs = await call(sim, '/user/installations', { auth });
    assert.ok(installs.json.installations.some((i: { id: number }) => i.id === sim.fixtures.installations.simOrg));
    // The octocat installation grants contents:read only.
    const put = await call(sim, '/repos/octocat/hello-world/contents/x.txt', { method: 'PUT', auth, body: { message: 'x', content: 'eA==' } });
    assert.equal(put.status, 403);
    assert.equal(put.json.message, 'Resource not accessible by integration');
  });

  it('expires user-to-server tokens by the sim clock', async () => {
    const { token } = sim.createAppUserToken('hubot', { expiresInSeconds: 60 });
    const auth = `token ${token}`;
    assert.notEqual((await call(sim, '/user', { auth })).status, 401);
    sim.clock.advance(61_000);
    try {
      assert.equal((await call(sim, '/user', { auth })).status, 401);
    } finally {
      sim.clock.advance(-61_000);
    }
  });
});
