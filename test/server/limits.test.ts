import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { startServer, textOf, type ServerHandle } from '../support/serverHarness';
import { startSimulator, withServer, type Simulator } from '../support/simServer';

/** Peak resident memory of the server process so far (VmHWM), in MB. */
function peakRssMb(server: ServerHandle): number {
  const status = readFileSync(`/proc/${server.transport.child!.pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

/**
 * Bounded memory, size and time, whatever GitHub sends: response caps, per-string and
 * per-result ceilings, oversized stdin messages, one deadline per call, and cancellation
 * that reaches the socket. Each case failed before the hardening work.
 */
describe('limits: bounded memory, size and time', () => {
  let sim: Simulator;
  let token: string;
  const hello = { owner: 'octocat', repo: 'hello-world' };

  before(async () => {
    sim = await startSimulator();
    token = sim.createPersonalToken('octocat', { scopes: ['repo'] });
  });
  after(() => sim.close());

  it('an endless body, a gzip bomb and a 200 MB array end in a clear error, under 300 MB of RSS', async () => {
    await withServer(sim, 'limits-bodies', { GITHUB_TOKEN: token, GITHUB_RETRY: '0' }, async (server) => {
      const cases: Array<[string, Parameters<Simulator['hostile']['when']>[1], string, Record<string, unknown>]> = [
        ['/repos/octocat/hello-world', { kind: 'endless-body' }, 'get_repository', hello],
        ['/repos/octocat/hello-world', { kind: 'gzip-bomb', decodedBytes: 1024 ** 3 }, 'get_repository', hello],
        ['/repos/octocat/hello-world/issues', { kind: 'huge-json-array', bytes: 200 * 1024 ** 2 }, 'list_issues', hello],
      ];
      for (const [path, mode, tool, args] of cases) {
        sim.hostile.when(path, mode);
        const result = await server.call(tool, args);
        assert.equal(result.isError, true, mode.kind);
        assert.match(textOf(result), /larger than 16 MB( once decompressed)? \(GITHUB_MAX_RESPONSE_MB\).*(smaller perPage|narrower)/s, mode.kind);
      }
      const peak = peakRssMb(server);
      console.log(`peak RSS after endless body, gzip bomb and 200 MB array: ${peak.toFixed(0)} MB`);
      assert.ok(peak < 300, `peak RSS ${peak} MB`);
      assert.equal((await server.data<{ fullName: string }>('get_repository', hello)).fullName, 'octocat/hello-world', 'still serving');
    });
  });

  it('caps every string of a result, and the whole result', async () => {
    await withServer(sim, 'limits-strings', { GITHUB_TOKEN: token, GITHUB_MAX_RESULT_CHARS: '20000' }, async (server) => {
      sim.hostile.when('/user', { kind: 'huge-field', field: 'name', chars: 5_000_000 });
      const me = await server.call('get_me');
      assert.ok(!me.isError, textOf(me));
      const name = (me.structuredContent as { name: string }).name;
      assert.ok(name.length < 2_100, `name of ${name.length} characters`);
      assert.match(name, /…\[truncated \d+ characters\]$/);
      assert.ok(textOf(me).length < 3_000);

      const big = await server.call('list_issues', { ...hello, state: 'all', perPage: 100 });
      assert.equal(big.isError, true);
      assert.match(textOf(big), /over the 20000-character ceiling \(GITHUB_MAX_RESULT_CHARS\)\. Ask for less/);
      const small = await server.call('list_issues', { ...hello, perPage: 5 });
      assert.ok(!small.isError, textOf(small));
    });
  });

  it('cuts an echoed argument, so a 1 MB argument does not make a 1 MB error', async () => {
    await withServer(sim, 'limits-echo', { GITHUB_TOKEN: token }, async (server) => {
      const result = await server.call('get_repository', { owner: `${'a'.repeat(60_000)}/..`, repo: 'x' });
      assert.equal(result.isError, true);
      assert.match(textOf(result), /owner: /);
      assert.ok(textOf(result).length < 1_600, `${textOf(result).length} characters`);
      const huge = await server.call('search_issues', { query: 'q'.repeat(1024 * 1024) });
      assert.equal(huge.isError, true);
      assert.match(textOf(huge), /query: is longer than 65536 characters/);
      assert.ok(textOf(huge).length < 1_600);
    });
  });

  it('answers a message over the stdin limit with a JSON-RPC error and stays up', async () => {
    await withServer(sim, 'limits-stdin', { GITHUB_TOKEN: token }, async (server) => {
      const args = { ...hello, path: 'big.txt', message: 'big', content: 'x'.repeat(17 * 1024 * 1024) };
      await assert.rejects(server.client.callTool({ name: 'create_or_update_file', arguments: args }), /over this server's 16\.0 MB limit and was not read; nothing was done/);
      const overContent = await server.call('create_or_update_file', { ...args, content: 'y'.repeat(6 * 1024 * 1024) });
      assert.equal(overContent.isError, true);
      assert.match(textOf(overContent), /content: is over 5 MB/);
      assert.equal((await server.data<{ login: string }>('get_me')).login, 'octocat', 'the session is alive');
      assert.equal(server.transport.child!.exitCode, null);
    });
  });

  it('gives each call one deadline, retries included, and says so', async () => {
    await withServer(sim, 'limits-deadline', { GITHUB_TOKEN: token, GITHUB_CALL_TIMEOUT: '3', GITHUB_TIMEOUT: '1' }, async (server) => {
      sim.hostile.when('/repos/octocat/hello-world', { kind: 'hang' }, { times: 10 });
      const started = Date.now();
      const result = await server.call('get_repository', hello);
      const seconds = (Date.now() - started) / 1000;
      sim.hostile.reset();
      assert.equal(result.isError, true);
      // Each attempt times out after GITHUB_TIMEOUT (1 s), so more than one fits in the 3 s deadline.
      assert.match(textOf(result), /get_repository did not finish within its 3 s deadline \(GITHUB_CALL_TIMEOUT\) after [2-9] attempts at GET \/repos\/octocat\/hello-world/);
      assert.ok(seconds < 4.5, `took ${seconds} s`);
    });
  });
});

/** A GitHub that never answers, and notes when a connection it holds is closed. */
describe('limits: cancellation reaches the socket', () => {
  let hung: Server;
  const requests: Array<{ method: string; closed: boolean }> = [];

  before(async () => {
    hung = createServer((req) => {
      const record = { method: req.method ?? '', closed: false };
      requests.push(record);
      req.socket.once('close', () => (record.closed = true));
    });
    await new Promise<void>((resolve) => hung.listen(0, '127.0.0.1', resolve));
  });
  after(() => {
    hung.closeAllConnections();
    hung.close();
  });

  it('aborts the in-flight request on notifications/cancelled, and never retries a write after it', async () => {
    const env = { GITHUB_API_URL: `http://127.0.0.1:${(hung.address() as AddressInfo).port}/api/v3`, GITHUB_TOKEN: 'ghp_not-checked-here', GITHUB_TIMEOUT: '30', GITHUB_RETRY: '3' };
    const server = await startServer({ label: 'limits-cancel', env });
    try {
      for (const [tool, args] of [
        ['get_repository', { owner: 'octocat', repo: 'hello-world' }],
        ['add_issue_comment', { owner: 'octocat', repo: 'hello-world', issue_number: 1, body: 'once' }],
      ] as const) {
        requests.length = 0;
        const controller = new AbortController();
        const call = server.client.callTool({ name: tool, arguments: args }, undefined, { signal: controller.signal });
        while (requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
        controller.abort();
        await assert.rejects(call, /abort/i);
        const deadline = Date.now() + 3_000;
        while (!requests[0].closed && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
        assert.equal(requests[0].closed, true, `${tool}: the HTTP request was aborted`);
        // Longer than the first retry backoff: nothing is sent again.
        await new Promise((resolve) => setTimeout(resolve, 1_200));
        assert.equal(requests.length, 1, `${tool}: not retried after the cancel`);
      }
    } finally {
      await server.close();
    }
  });
});
