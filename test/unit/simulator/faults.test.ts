import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '../../simulator/index';
import { call } from './helpers';

describe('simulator: fault injection', () => {
  let sim: Simulator;
  let auth: string;
  before(async () => {
    sim = await startSimulator();
    auth = `token ${sim.createPersonalToken('octocat')}`;
  });
  afterEach(() => sim.faults.reset());
  after(() => sim.close());

  it('secondary rate limit: 403 with retry-after and GitHub\'s message until disabled', async () => {
    sim.faults.secondaryRateLimit(true, 7);
    const res = await call(sim, '/repos/octocat/hello-world', { auth });
    assert.equal(res.status, 403);
    assert.equal(res.headers.get('retry-after'), '7');
    assert.match(res.json.message, /^You have exceeded a secondary rate limit\. Please wait a few minutes before you try again\./);
    sim.faults.secondaryRateLimit(false);
    assert.equal((await call(sim, '/repos/octocat/hello-world', { auth })).status, 200);
  });

  it('primary rate limit: 403, remaining 0 and a reset in the future', async () => {
    sim.faults.exhaustPrimaryRateLimit(true);
    const res = await call(sim, '/repos/octocat/hello-world', { auth });
    assert.equal(res.status, 403);
    assert.equal(res.headers.get('x-ratelimit-remaining'), '0');
    assert.ok(Number(res.headers.get('x-ratelimit-reset')) > Math.floor(sim.clock.now() / 1000));
    assert.match(res.json.message, /^API rate limit exceeded for user ID 1\./);
    const anon = await call(sim, '/repos/octocat/hello-world');
    assert.match(anon.json.message, /^API rate limit exceeded for 127\.0\.0\.1\./);
  });

  it('failNext answers the next N requests with 5xx, then recovers', async () => {
    sim.faults.failNext(2);
    const a = await call(sim, '/users/octocat');
    const b = await call(sim, '/users/octocat', { auth });
    const c = await call(sim, '/users/octocat');
    assert.deepEqual([a.status, b.status, c.status], [502, 502, 200]);
    assert.equal(a.json.message, 'Server Error');
    sim.faults.failNext(1, 503);
    assert.equal((await call(sim, '/users/octocat')).status, 503);
  });

  it('slowNext delays responses', async () => {
    sim.faults.slowNext(1, 300);
    const t0 = Date.now();
    assert.equal((await call(sim, '/users/octocat')).status, 200);
    assert.ok(Date.now() - t0 >= 280);
    const t1 = Date.now();
    await call(sim, '/users/octocat');
    assert.ok(Date.now() - t1 < 250);
  });

  it('dropNext destroys the socket without a response', async () => {
    sim.faults.dropNext(1);
    await assert.rejects(fetch(`${sim.apiUrl}/users/octocat`));
    assert.equal(sim.stats.requests.at(-1)?.status, 0);
    assert.equal((await call(sim, '/users/octocat')).status, 200);
  });

  it('reset clears every fault', async () => {
    sim.faults.failNext(5);
    sim.faults.secondaryRateLimit(true);
    sim.faults.reset();
    assert.equal((await call(sim, '/users/octocat')).status, 200);
  });
});
