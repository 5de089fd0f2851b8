import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runToExit } from '../support/runToExit';
import { textOf } from '../support/serverHarness';
import { serverFor, withServer, startSimulator, type Simulator } from '../support/simServer';

describe('process hygiene, laziness and read-only mode', () => {
  let sim: Simulator;
  before(async () => (sim = await startSimulator()));
  after(() => sim.close());

  it('makes no network call at startup or for tools/list (lazy)', async () => {
    sim.stats.reset();
    await withServer(sim, 'lazy', { GITHUB_TOKEN: sim.createPersonalToken('octocat') }, async (server) => {
      await server.client.listTools();
      assert.equal(sim.stats.requests.length, 0);
      await server.data('get_me');
      assert.equal(sim.stats.requests.length, 1);
    });
  });

  it('GITHUB_LAZY=false checks credentials at startup and fails fast on bad ones', async () => {
    const exit = await runToExit({ GITHUB_API_URL: sim.apiUrl, GITHUB_TOKEN: `ghp_${'1'.repeat(36)}`, GITHUB_LAZY: 'false' });
    assert.notEqual(exit.code, 0);
    assert.match(exit.stderr, /startup check failed.*401/);
    assert.equal(exit.stdout, '');
  });

  it('exits cleanly on stdin EOF and on SIGTERM', async () => {
    const eof = await serverFor(sim, 'eof', {});
    await eof.close();
    assert.equal(await eof.transport.exitCode, 0);

    const term = await serverFor(sim, 'sigterm', {});
    await term.client.listTools();
    term.transport.child!.kill('SIGTERM');
    assert.equal(await term.transport.exitCode, 0);
    assert.match(term.transport.stderr, /shutting down \(SIGTERM\)/);
    await term.close();
  });

  it('accepts the same options as CLI flags', async () => {
    await withServer(sim, 'flags', { GITHUB_TOKEN: sim.createPersonalToken('octocat') }, async (server) => {
      const names = (await server.client.listTools()).tools.map((t) => t.name);
      assert.ok(names.includes('list_issues') && !names.includes('create_issue') && !names.includes('get_repository'));
    }, ['--toolsets=issues', '--read-only']);
  });

  it('read-only mode registers no write tool and never writes', async () => {
    await withServer(sim, 'read-only', { GITHUB_TOKEN: sim.createPersonalToken('octocat', { scopes: ['repo'] }), GITHUB_READ_ONLY: '1', GITHUB_TOOLSETS: 'all' }, async (server) => {
      sim.stats.reset();
      const tools = (await server.client.listTools()).tools;
      const writes = tools.filter((t) => t.annotations?.readOnlyHint === false).map((t) => t.name);
      assert.deepEqual(writes, []);
      for (const name of ['create_issue', 'update_issue', 'create_or_update_file', 'merge_pull_request', 'create_branch']) {
        assert.ok(!tools.some((t) => t.name === name), `${name} registered in read-only mode`);
        const result = await server.call(name, { owner: 'octocat', repo: 'hello-world', title: 'x' });
        assert.equal(result.isError, true);
        // Refused because it does not exist here, not because a write was tried and failed.
        assert.match(textOf(result), new RegExp(`Unknown tool "${name}": this server does not offer it`));
      }
      const post = await server.call('github_request', { method: 'POST', path: '/repos/octocat/hello-world/issues', body: { title: 'x' } });
      assert.equal(post.isError, true);
      assert.match(textOf(post), /read-only/i);
      const get = await server.call('github_request', { method: 'GET', path: '/repos/octocat/hello-world' });
      assert.ok(!get.isError, textOf(get));
      const writesSeen = sim.stats.requests.filter((r) => r.method !== 'GET' && r.method !== 'HEAD');
      assert.deepEqual(writesSeen, []);
    });
  });
});
