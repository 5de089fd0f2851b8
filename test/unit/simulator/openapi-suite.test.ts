import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '../../simulator/index';
import { OpenApiCheck } from '../../simulator/openapi/check';
import { call } from './helpers';

// The simulator's own check of every API answer it sends (startSimulator({ checkOpenApi }),
// SIM_OPENAPI=1 under scripts/run-node-tests.mjs): what it checks, what it leaves alone on
// purpose, and that close() fails with a readable list when something was wrong.

describe('simulator: checks every answer against GitHub\'s OpenAPI description', () => {
  let sim: Simulator;
  let pat: string;
  before(async () => {
    sim = await startSimulator({ checkOpenApi: true });
    pat = `token ${sim.createPersonalToken('octocat')}`;
  });
  after(async () => {
    // The check found nothing in the answers below; close() must still reject once a violation is recorded.
    assert.equal(sim.stats.openApi.violations.length, 0);
    sim.stats.openApi.violations.push({ method: 'GET', path: '/user', status: 200, route: 'GET /user', operations: ['api.github.com: users/get-authenticated'], problems: ['  /login must be string'] });
    await assert.rejects(sim.close(), (error: Error) => {
      assert.match(error.message, /1 answer\(s\) GitHub's OpenAPI description does not allow/);
      assert.match(error.message, /- GET \/user -> 200 \(GET \/user; api\.github\.com: users\/get-authenticated\):\n\s+\/login must be string/);
      return true;
    });
  });

  // Checks run off the simulator's thread; this waits for them.
  const settle = () => sim.openApiFailure();

  it('checks real answers, including errors, and finds nothing wrong with them', async () => {
    const before = sim.stats.openApi.checked;
    assert.equal((await call(sim, '/repos/octocat/hello-world', { auth: pat })).status, 200);
    assert.equal((await call(sim, '/repos/octocat/hello-world/issues/99999', { auth: pat })).status, 404);
    assert.equal((await call(sim, '/user', { auth: 'token ghp_not_a_real_token_0000000000000000' })).status, 401);
    await settle();
    assert.equal(sim.stats.openApi.enabled, true);
    assert.equal(sim.stats.openApi.checked - before, 3);
    assert.deepEqual(sim.stats.openApi.violations, []);
  });

  it('leaves hostile modes and injected faults alone: they are deliberate', async () => {
    const { deliberate } = sim.stats.openApi.skipped;
    sim.hostile.when('/repos/octocat/hello-world', { kind: 'omit-fields', fields: ['name', 'owner'] });
    const omitted = await call(sim, '/repos/octocat/hello-world', { auth: pat });
    assert.equal(omitted.status, 200);
    assert.equal(omitted.json.name, undefined);
    sim.hostile.when('/user', { kind: 'raw', status: 200, body: '{"login": 7}' });
    assert.equal((await call(sim, '/user', { auth: pat })).json.login, 7);
    sim.faults.failNext(1, 503);
    assert.equal((await call(sim, '/user', { auth: pat })).status, 503);
    await settle();
    assert.equal(sim.stats.openApi.skipped.deliberate - deliberate, 3);
    assert.deepEqual(sim.stats.openApi.violations, []);
  });

  it('records unknown paths apart (GitHub answers them 404 too) and skips non-JSON bodies', async () => {
    const { notJson } = sim.stats.openApi.skipped;
    assert.equal((await call(sim, '/no/such/endpoint', { auth: pat })).status, 404);
    assert.equal((await call(sim, '/zen')).status, 200);
    await settle();
    assert.ok(sim.stats.openApi.unrouted.some((u) => u.path === '/no/such/endpoint' && u.status === 404));
    assert.equal(sim.stats.openApi.skipped.notJson - notJson, 1);
    assert.deepEqual(sim.stats.openApi.violations, []);
  });

  it('records a 404 for an operation GitHub has but the simulator lacks as a gap, not a wrong shape', async () => {
    // GET /octocat (meta/get-octocat) is GitHub's, not the simulator's.
    assert.equal((await call(sim, '/octocat', { auth: pat })).status, 404);
    await settle();
    assert.ok(sim.stats.openApi.unrouted.some((u) => u.path === '/octocat' && u.operation === 'meta/get-octocat'));
    assert.ok(sim.stats.openApi.unrouted.some((u) => u.path === '/no/such/endpoint' && u.operation === undefined));
    assert.deepEqual(sim.stats.openApi.violations, []);
  });

  it('percent-encodes ref names and paths in the URLs it sends (format uri), as GitHub does', async () => {
    const sha = (await call(sim, '/repos/octocat/hello-world/git/ref/heads/main', { auth: pat })).json.object.sha;
    const created = await call(sim, '/repos/octocat/hello-world/git/refs', { method: 'POST', auth: pat, body: { ref: 'refs/heads/café/ü', sha } });
    assert.equal(created.status, 201);
    assert.equal(created.json.url, `${sim.apiUrl}/repos/octocat/hello-world/git/refs/heads/caf%C3%A9/%C3%BC`);
    const file = await call(sim, `/repos/octocat/hello-world/contents/README.md?ref=${encodeURIComponent('café/ü')}`, { auth: pat });
    assert.equal(file.status, 200);
    assert.equal(file.json.url, `${sim.apiUrl}/repos/octocat/hello-world/contents/README.md?ref=caf%C3%A9%2F%C3%BC`);
    assert.equal(file.json.html_url, `${sim.origin}/octocat/hello-world/blob/caf%C3%A9/%C3%BC/README.md`);
    await settle();
    assert.deepEqual(sim.stats.openApi.violations, []);
  });

  it('stays off when asked', async () => {
    const quiet = await startSimulator({ checkOpenApi: false });
    try {
      await call(quiet, '/user');
      assert.equal(quiet.stats.openApi.enabled, false);
      assert.equal(quiet.stats.openApi.checked, 0);
    } finally {
      await quiet.close();
    }
  });
});

describe('simulator: the OpenAPI check rejects shapes GitHub would not send', () => {
  const issue = async () => {
    const sim = await startSimulator({ checkOpenApi: false });
    try {
      return (await call(sim, '/repos/octocat/hello-world/issues/1', { auth: `token ${sim.createPersonalToken('octocat')}` })).json;
    } finally {
      await sim.close();
    }
  };
  const observe = (status: number, body: unknown, pattern: string | undefined = '/repos/:owner/:repo/issues/:issue_number') => {
    const check = new OpenApiCheck();
    check.observe({ method: 'GET', path: '/repos/octocat/hello-world/issues/1', pattern, status, contentType: 'application/json', text: JSON.stringify(body) });
    return check;
  };

  it('accepts the real answer and rejects a wrong field, with ajv\'s error in the message', async () => {
    const good = await issue();
    assert.deepEqual(observe(200, good).report.violations, []);
    const bad = observe(200, { ...good, number: '1' });
    assert.equal(bad.report.violations.length, 1);
    assert.match(bad.failure() ?? '', /issues\/get 200 \(\/repos\/octocat\/hello-world\/issues\/1\):\n\s+\/number must be integer/);
  });

  it('rejects a success status the operation does not document, and error bodies that are not GitHub\'s', async () => {
    assert.match(observe(201, await issue()).failure() ?? '', /issues\/get documents no 201 answer/);
    // 401 is not listed for issues/get, but GitHub sends it (bad credentials) with its error body.
    assert.deepEqual(observe(401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' }).report.violations, []);
    assert.match(observe(401, { error: 'nope' }).failure() ?? '', /not GitHub's error body/);
  });

  it('a 5xx without an injected fault is a crash, not an answer', () => {
    assert.match(observe(500, { message: 'Server Error' }).failure() ?? '', /500 without an injected fault/);
  });
});
