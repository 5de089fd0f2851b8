import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GitHubError } from '../../../src/core/errors';
import { silentLogger } from '../../../src/core/logger';
import { createPacer, installResilience, rateLimitWait } from '../../../src/core/client/resilience';

type Wrapped = (request: (options: object) => Promise<{ data: unknown; headers: Record<string, string> }>, options: Record<string, unknown>) => Promise<unknown>;

/** The hook resilience installs, driven with a fake request and a sleep that records instead of waiting. */
function harness(retries = 2, log = silentLogger) {
  let wrapped: Wrapped | undefined;
  const sleeps: number[] = [];
  installResilience({ wrap: (_name, hook) => (wrapped = hook as unknown as Wrapped) }, {
    pacer: { wait: async () => {} },
    retries,
    log,
    clock: { now: () => 1_000_000_000_000 },
    sleep: async (ms) => void sleeps.push(ms),
  });
  return { run: wrapped!, sleeps };
}

const requestError = (status: number | undefined, headers: Record<string, string> = {}) =>
  Object.assign(new Error(`status ${status}`), { status, request: {}, response: status ? { headers } : undefined });

const ok = (data: unknown) => ({ data, headers: { 'content-type': 'application/json' } });

describe('resilience hook', () => {
  it('retries a GET after 5xx and network failures with exponential backoff', async () => {
    const { run, sleeps } = harness(3);
    const failures = [requestError(502), requestError(undefined)];
    let calls = 0;
    const result = await run(async () => {
      calls++;
      const failure = failures.shift();
      if (failure) throw failure;
      return ok({ fine: true });
    }, { method: 'GET', url: '/x' });
    assert.deepEqual((result as { data: unknown }).data, { fine: true });
    assert.equal(calls, 3);
    assert.deepEqual(sleeps, [500, 1000]);
  });

  it('logs a refused connection as one, not as the status 500 Octokit gives it', async () => {
    const warnings: string[] = [];
    const { run } = harness(1, { ...silentLogger, warn: (message: string) => void warnings.push(message) });
    // What Octokit throws when fetch fails: status 500, no response, fetch's error as the cause.
    const refused = Object.assign(new Error('fetch failed'), { status: 500, request: {}, cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }) });
    await assert.rejects(run(async () => {
      throw refused;
    }, { method: 'GET', url: '/user' }));
    assert.deepEqual(warnings, ['GET /user failed: the connection was refused (ECONNREFUSED); retry 1 of 1 in 500 ms']);
    const real502: string[] = [];
    await assert.rejects(harness(1, { ...silentLogger, warn: (message: string) => void real502.push(message) }).run(async () => {
      throw requestError(502);
    }, { method: 'GET', url: '/user' }));
    assert.deepEqual(real502, ['GET /user failed: status 502; retry 1 of 1 in 500 ms']);
  });

  it('never retries a write after a 5xx, nor a GitHubError, nor a 4xx', async () => {
    for (const [method, error] of [['POST', requestError(502)], ['GET', new GitHubError('config', 'no installation')], ['GET', requestError(404)]] as const) {
      const { run, sleeps } = harness(3);
      let calls = 0;
      await assert.rejects(run(async () => {
        calls++;
        throw error;
      }, { method, url: '/x' }));
      assert.equal(calls, 1, `${method} ${String(error)}`);
      assert.deepEqual(sleeps, []);
    }
  });

  it('never retries a refusal of the transport, and hands it back unwrapped', async () => {
    const { run, sleeps } = harness(3);
    const refusal = new GitHubError('too_large', 'too large');
    let calls = 0;
    // How Octokit wraps whatever fetch throws: a RequestError-like error, status 500, the original as cause.
    const wrapped = Object.assign(requestError(500), { cause: refusal });
    await assert.rejects(run(async () => {
      calls++;
      throw wrapped;
    }, { method: 'GET', url: '/x' }), (error: unknown) => error === refusal);
    assert.equal(calls, 1);
    assert.deepEqual(sleeps, []);
  });

  it('hands back a refusal that fails the body mid-read as it is', async () => {
    const { run } = harness(0);
    const refusal = new GitHubError('too_large', 'too large');
    const failing = new ReadableStream({ pull: (controller) => controller.error(refusal) });
    await assert.rejects(run(async () => ({ data: failing, headers: { 'content-type': 'application/json' } }), { method: 'GET', url: '/x' }), (error: unknown) => error === refusal);
  });

  it('waits out a short rate limit once, for writes too, and gives up on a long one', async () => {
    const short = harness();
    let calls = 0;
    await short.run(async () => {
      if (calls++ === 0) throw requestError(403, { 'retry-after': '2' });
      return ok({});
    }, { method: 'POST', url: '/x' });
    assert.equal(calls, 2);
    assert.deepEqual(short.sleeps, [2000]);

    const long = harness();
    await assert.rejects(long.run(async () => {
      throw requestError(403, { 'retry-after': '120' });
    }, { method: 'GET', url: '/x' }), /status 403/);
    assert.deepEqual(long.sleeps, []);
  });

  it('parses JSON natively, keeps text, and hands binary bodies back as bytes', async () => {
    const { run } = harness();
    const stream = (text: string | Uint8Array) => new Response(text).body;
    const json = await run(async () => ({ data: stream('{"a":1}'), headers: { 'content-type': 'application/json; charset=utf-8' } }), { method: 'GET', url: '/x' });
    assert.deepEqual((json as { data: unknown }).data, { a: 1 });
    // A success that is not JSON, or is JSON null, is an error every caller can read, not a string or null to trip over.
    for (const body of ['{"a":', 'null']) {
      await assert.rejects(run(async () => ({ data: stream(body), headers: { 'content-type': 'application/json' } }), { method: 'GET', url: '/x' }), (error: unknown) => {
        assert.ok(error instanceof GitHubError);
        assert.equal(error.kind, 'server');
        assert.match(error.message, /GitHub answered GET \/x with (a body that is not valid JSON|JSON null).*nothing in it could be read/);
        return true;
      });
    }
    const bytes = await run(async () => ({ data: stream(new Uint8Array([0x1f, 0x8b, 0])), headers: { 'content-type': 'application/x-gzip' } }), { method: 'GET', url: '/x' });
    assert.ok((bytes as { data: unknown }).data instanceof ArrayBuffer);
  });

  it('turns a body that breaks mid-read into a network error, not a bug', async () => {
    const { run } = harness(0);
    const failing = new ReadableStream({ pull: (controller) => controller.error(new Error('socket hang up')) });
    await assert.rejects(run(async () => ({ data: failing, headers: { 'content-type': 'application/json' } }), { method: 'GET', url: '/repos/o/r' }), (error: unknown) => {
      assert.ok(error instanceof GitHubError);
      assert.equal(error.kind, 'network');
      return true;
    });
  });
});

describe('rateLimitWait', () => {
  const now = Date.parse('2026-11-25T12:00:00Z');
  it('reads Retry-After as seconds or an HTTP date, and the reset time on GitHub\'s clock', () => {
    assert.equal(rateLimitWait(requestError(403, { 'retry-after': '30' }), now), 30);
    assert.equal(rateLimitWait(requestError(429, { 'retry-after': 'Wed, 25 Nov 2026 12:00:45 GMT' }), now), 45);
    assert.equal(rateLimitWait(requestError(403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(now / 1000 + 100) }), now), 101);
  });

  it('says nothing for a 403 that is not a rate limit', () => {
    assert.equal(rateLimitWait(requestError(403, {}), now), undefined);
    assert.equal(rateLimitWait(requestError(404, { 'retry-after': '5' }), now), undefined);
  });
});

describe('pacer', () => {
  it('spaces requests by seconds_between_requests and writes by seconds_between_writes', async () => {
    const sleeps: number[] = [];
    const pacer = createPacer({ secondsBetweenRequests: 0.25, secondsBetweenWrites: 1 }, async (ms) => void sleeps.push(ms));
    await pacer.wait(false);
    await pacer.wait(false);
    await pacer.wait(true);
    await pacer.wait(true);
    // Slots are reserved at once, so each wait is measured from the previous slot, not from now.
    const expected = [250, 500, 1500];
    assert.equal(sleeps.length, 3);
    sleeps.forEach((ms, i) => assert.ok(Math.abs(ms - expected[i]) <= 30, `wait ${i}: ${ms} ms, expected about ${expected[i]}`));
  });
});
