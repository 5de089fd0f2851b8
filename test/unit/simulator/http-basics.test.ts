import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '../../simulator/index';
import { call } from './helpers';

describe('simulator: HTTP conventions', () => {
  let sim: Simulator;
  let auth: string;
  before(async () => {
    sim = await startSimulator();
    auth = `token ${sim.createPersonalToken('octocat')}`;
  });
  after(() => sim.close());

  it('formats Link headers like GitHub, with absolute URLs on the request host', async () => {
    const first = await call(sim, '/repos/octocat/hello-world/issues?state=all&per_page=50', { auth });
    assert.equal(first.json.length, 50);
    const base = `${sim.apiUrl}/repos/octocat/hello-world/issues?state=all&per_page=50`;
    assert.equal(first.headers.get('link'), `<${base}&page=2>; rel="next", <${base}&page=3>; rel="last"`);
    const middle = await call(sim, '/repos/octocat/hello-world/issues?state=all&per_page=50&page=2', { auth });
    assert.equal(middle.headers.get('link'), `<${base}&page=1>; rel="prev", <${base}&page=3>; rel="next", <${base}&page=3>; rel="last", <${base}&page=1>; rel="first"`);
    const last = await call(sim, '/repos/octocat/hello-world/issues?state=all&per_page=50&page=3', { auth });
    assert.equal(last.json.length, 20);
    assert.equal(last.headers.get('link'), `<${base}&page=2>; rel="prev", <${base}&page=1>; rel="first"`);
    const viaLocalhost = await call(sim, sim.apiUrl.replace('127.0.0.1', 'localhost') + '/repos/octocat/hello-world/issues?state=all', { auth });
    assert.match(viaLocalhost.headers.get('link') ?? '', /^<http:\/\/localhost:\d+\/api\/v3\//);
  });

  it('caps per_page at 100 and includes pull requests in the issue list', async () => {
    const all = await call(sim, '/repos/octocat/hello-world/issues?state=all&per_page=500', { auth });
    assert.equal(all.json.length, 100);
    const pulls = all.json.filter((i: { pull_request?: unknown }) => i.pull_request);
    assert.ok(pulls.length > 0);
    assert.ok(pulls.every((i: { html_url: string }) => i.html_url.includes('/pull/')));
  });

  it('answers If-None-Match with 304 and does not count it against the rate limit', async () => {
    const first = await call(sim, '/repos/octocat/hello-world', { auth });
    const etag = first.headers.get('etag') ?? '';
    assert.match(etag, /^W\/"[0-9a-f]{64}"$/);
    const remaining = Number(first.headers.get('x-ratelimit-remaining'));
    const cached = await call(sim, '/repos/octocat/hello-world', { auth, headers: { 'if-none-match': etag } });
    assert.equal(cached.status, 304);
    assert.equal(cached.text, '');
    assert.equal(Number(cached.headers.get('x-ratelimit-remaining')), remaining);
    const fresh = await call(sim, '/repos/octocat/hello-world', { auth });
    assert.equal(Number(fresh.headers.get('x-ratelimit-remaining')), remaining - 1);
    assert.equal(fresh.headers.get('etag'), etag);
  });

  it('sends GitHub\'s rate-limit and identity headers on every response', async () => {
    const res = await call(sim, '/users/hubot');
    assert.equal(res.headers.get('x-ratelimit-limit'), '60');
    assert.equal(res.headers.get('x-ratelimit-resource'), 'core');
    assert.ok(Number(res.headers.get('x-ratelimit-reset')) > sim.clock.now() / 1000);
    assert.ok(res.headers.get('x-github-request-id'));
    assert.equal(res.headers.get('content-type'), 'application/json; charset=utf-8');
    const authed = await call(sim, '/user', { auth });
    assert.equal(authed.headers.get('x-ratelimit-limit'), '5000');
    assert.equal(authed.headers.get('x-oauth-scopes'), 'repo, read:org, user');
    assert.equal(authed.headers.get('x-accepted-oauth-scopes'), '');
    const search = await call(sim, '/search/users?q=octo', { auth });
    assert.equal(search.headers.get('x-ratelimit-resource'), 'search');
    assert.equal(search.headers.get('x-ratelimit-limit'), '30');
  });

  it('uses the sim clock for the Date header', async () => {
    sim.clock.advance(3 * 86_400_000);
    try {
      const res = await call(sim, '/users/octocat');
      const diff = Date.parse(res.headers.get('date') ?? '') - Date.now();
      assert.ok(Math.abs(diff - 3 * 86_400_000) < 5000, `diff ${diff}`);
    } finally {
      sim.clock.advance(-3 * 86_400_000);
    }
  });

  it('returns GitHub\'s 404, 400 and 401 bodies', async () => {
    const missing = await call(sim, '/nope/nothing', { auth });
    assert.equal(missing.status, 404);
    assert.deepEqual(missing.json, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' });
    const badJson = await call(sim, '/repos/octocat/hello-world/issues', { method: 'POST', auth, body: '{"title": ' });
    assert.equal(badJson.status, 400);
    assert.equal(badJson.json.message, 'Problems parsing JSON');
    const badToken = await call(sim, '/user', { auth: `token ghp_${'0'.repeat(36)}` });
    assert.deepEqual(badToken.json, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest', status: '401' });
    const anonymous = await call(sim, '/user');
    assert.equal(anonymous.status, 401);
    assert.equal(anonymous.json.message, 'Requires authentication');
  });

  it('reports the metered core bucket in /rate_limit without charging for it', async () => {
    const a = await call(sim, '/rate_limit', { auth });
    const b = await call(sim, '/rate_limit', { auth });
    assert.equal(a.json.resources.core.remaining, b.json.resources.core.remaining);
    assert.equal(a.json.rate.limit, 5000);
    assert.equal(String(b.json.resources.core.remaining), b.headers.get('x-ratelimit-remaining'));
  });

  it('records requests in stats with their auth kind', async () => {
    sim.stats.reset();
    await call(sim, '/users/octocat');
    await call(sim, '/users/octocat', { auth });
    assert.deepEqual(
      sim.stats.requests.map((r) => [r.method, r.path, r.status, r.auth]),
      [['GET', '/users/octocat', 200, 'none'], ['GET', '/users/octocat', 200, 'token']],
    );
  });

  it('issues unique, realistic tokens and lists every secret', async () => {
    const classic = sim.createPersonalToken('hubot', { scopes: ['public_repo'] });
    const fine = sim.createPersonalToken('hubot', { fineGrained: true });
    assert.match(classic, /^ghp_[0-9A-Za-z]{36}$/);
    assert.match(fine, /^github_pat_[0-9A-Za-z]{22}_[0-9A-Za-z]{59}$/);
    const secrets = sim.secrets();
    for (const s of [classic, fine, sim.fixtures.apps[0].clientSecret, sim.fixtures.apps[0].privateKeyPkcs1Pem, sim.fixtures.users[0].password]) assert.ok(secrets.includes(s));
  });
});
