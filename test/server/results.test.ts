import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { textOf } from '../support/serverHarness';
import { startSimulator, withServer, type Simulator } from '../support/simServer';

/**
 * Results every client accepts, and honest outcomes: a write GitHub applied is never a
 * failure, odd answers and odd input give clear errors, and no stack trace reaches stderr
 * for an expected failure. Each case failed before the hardening work.
 */
describe('results: honest outcomes for odd answers and odd input', () => {
  let sim: Simulator;
  let token: string;
  const hello = { owner: 'octocat', repo: 'hello-world' };
  const comments = '/repos/octocat/hello-world/issues/2/comments';

  before(async () => {
    sim = await startSimulator();
    token = sim.createPersonalToken('octocat', { scopes: ['repo'] });
  });
  after(() => sim.close());

  it('a created comment without updated_at is a success, posted once', async () => {
    await withServer(sim, 'results-omit', { GITHUB_TOKEN: token }, async (server) => {
      const count = async () => (await server.data<{ items: unknown[] }>('list_issue_comments', { ...hello, issue_number: 2, perPage: 100 })).items.length;
      const before = await count();
      sim.hostile.when(comments, { kind: 'omit-fields', fields: ['updated_at'] }, { method: 'POST' });
      const result = await server.call('add_issue_comment', { ...hello, issue_number: 2, body: 'posted once' });
      assert.ok(!result.isError, textOf(result));
      assert.equal((result.structuredContent as { body: string }).body, 'posted once');
      assert.equal(await count(), before + 1);
    });
  });

  it('a write answered with a null or broken body still says it was applied, with its path', async () => {
    await withServer(sim, 'results-null-write', { GITHUB_TOKEN: token }, async (server) => {
      for (const body of ['null', '{"oops']) {
        sim.hostile.when(comments, { kind: 'raw', status: 201, body }, { method: 'POST' });
        const result = await server.call('add_issue_comment', { ...hello, issue_number: 2, body: `answered with ${body}` });
        assert.ok(!result.isError, `${body}: ${textOf(result)}`);
        const applied = (result.structuredContent as { applied?: { method: string; path: string; status: number; note: string } }).applied;
        assert.ok(applied, textOf(result));
        assert.deepEqual([applied.method, applied.path, applied.status], ['POST', comments, 201]);
        assert.match(applied.note, /Do not repeat the write/);
      }
    });
  });

  it('a read answered with null or malformed JSON is a clear error, without internals', async () => {
    await withServer(sim, 'results-null-read', { GITHUB_TOKEN: token }, async (server) => {
      for (const body of ['null', '{"oops', '']) {
        sim.hostile.when('/repos/octocat/hello-world', { kind: 'raw', status: 200, body }, { method: 'GET' });
        const result = await server.call('get_repository', hello);
        assert.equal(result.isError, true, body);
        assert.match(textOf(result), /GitHub answered GET \/repos\/octocat\/hello-world with (JSON null|a body that is not valid JSON).*nothing in it could be read|GitHub's answer for (get_repository|repository octocat\/hello-world) (lacked what the result needs|could not be read)/i, body);
        assert.doesNotMatch(textOf(result), /Cannot read properties|Output validation error|TypeError/, body);
      }
      assert.doesNotMatch(server.transport.stderr, /\n\s+at /, 'no stack trace for an expected failure');
    });
  });

  it('a lone surrogate is named, not "URI malformed"', async () => {
    await withServer(sim, 'results-surrogate', { GITHUB_TOKEN: token }, async (server) => {
      for (const [tool, args, argument] of [
        ['search_issues', { query: 'bug \ud800' }, 'query'],
        ['get_file_contents', { ...hello, path: 'a\udc00b' }, 'path'],
        ['create_issue', { ...hello, title: 'x', labels: ['ok', '\ud83d'] }, 'labels'],
      ] as const) {
        const result = await server.call(tool, args);
        assert.equal(result.isError, true);
        assert.match(textOf(result), new RegExp(`${argument}: contains an unpaired UTF-16 surrogate`));
        assert.doesNotMatch(textOf(result), /URI malformed/);
      }
      assert.doesNotMatch(server.transport.stderr, /URI malformed|\n\s+at /);
    });
  });

  it('auth_status under Basic and netrc auth conforms to its own schema', async () => {
    const login = sim.fixtures.users.find((u) => u.login === 'octocat')!;
    await withServer(sim, 'results-basic', { GITHUB_LOGIN: 'octocat', GITHUB_PASSWORD: login.password }, async (server) => {
      const tools = (await server.client.listTools()).tools;
      const schema = tools.find((t) => t.name === 'auth_status')!.outputSchema!;
      const status = await server.data<Record<string, unknown>>('auth_status');
      assert.equal(status.authenticated, true);
      for (const key of Object.keys(status)) assert.ok(key in (schema.properties ?? {}), `auth_status returned ${key}, which its schema does not declare`);
    });
  });
});
