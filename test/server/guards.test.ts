import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runToExit } from '../support/runToExit';
import { textOf } from '../support/serverHarness';
import { appEnv, startSimulator, withServer, type Simulator } from '../support/simServer';

/**
 * Requests go only where they were meant to go: argument grammar, the base-path fence,
 * github_request's templates, read-only GraphQL, cross-origin redirects, and credentials
 * in the configured URLs. Each case failed before the hardening work.
 */
describe('guards: requests go only where they were meant to go', () => {
  let sim: Simulator;
  let token: string;

  before(async () => {
    sim = await startSimulator();
    token = sim.createPersonalToken('octocat', { scopes: ['repo'] });
  });
  after(() => sim.close());

  const outsideBase = () => sim.stats.requests.filter((r) => r.origin !== 'api');

  it('rejects ".", ".." and empty segments by argument name, before any request', async () => {
    await withServer(sim, 'guards-grammar', { GITHUB_TOKEN: token }, async (server) => {
      sim.stats.reset();
      const cases: Array<[string, Record<string, unknown>, string]> = [
        ['list_issues', { owner: '..', repo: '..' }, 'owner'],
        ['merge_pull_request', { owner: 'octocat', repo: '..', pullNumber: 3 }, 'repo'],
        ['get_repository', { owner: '..', repo: 'user' }, 'owner'],
        ['get_file_contents', { owner: 'octocat', repo: 'hello-world', path: '../../../user' }, 'path'],
        ['get_file_contents', { owner: 'octocat', repo: 'hello-world', path: 'a//b' }, 'path'],
        ['create_branch', { owner: 'octocat', repo: 'hello-world', branch: 'x/../../y' }, 'branch'],
        ['list_commits', { owner: 'octocat', repo: 'hello-world', sha: '.' }, 'sha'],
        ['get_repository', { owner: '', repo: 'hello-world' }, 'owner'],
      ];
      for (const [name, args, argument] of cases) {
        const result = await server.call(name, args);
        assert.equal(result.isError, true, `${name} ${JSON.stringify(args)}`);
        assert.match(textOf(result), new RegExp(`^Invalid arguments for ${name}: .*\\b${argument}: `), `${name} names ${argument}`);
      }
      assert.deepEqual(sim.stats.requests, [], 'no request was sent for any of them');
    });
  });

  it('under App auth, a bad owner gets no JWT-signed installation lookup either', async () => {
    await withServer(sim, 'guards-grammar-app', appEnv(sim), async (server) => {
      sim.stats.reset();
      const result = await server.call('get_repository', { owner: '..', repo: 'installation' });
      assert.equal(result.isError, true);
      assert.match(textOf(result), /owner: must be a GitHub login/);
      assert.deepEqual(sim.stats.requests, []);
    });
  });

  it('github_request sends the path it checked: ":name" is not a template', async () => {
    await withServer(sim, 'guards-template', { GITHUB_TOKEN: token, GITHUB_TOOLSETS: 'requests' }, async (server) => {
      sim.stats.reset();
      const result = await server.call('github_request', { method: 'POST', path: '/:data/:data/steal', body: ['..'] });
      assert.equal(result.isError, true, 'the simulator has no such route');
      assert.equal(sim.stats.requests.length, 1);
      const [sent] = sim.stats.requests;
      assert.equal(sent.url, '/api/v3/%3Adata/%3Adata/steal');
      assert.equal(outsideBase().length, 0);
    });
  });

  it('read-only: a GraphQL mutation in a GET is refused in the transport; a query goes out', async () => {
    await withServer(sim, 'guards-graphql', { GITHUB_TOKEN: token, GITHUB_TOOLSETS: 'requests', GITHUB_READ_ONLY: '1' }, async (server) => {
      sim.stats.reset();
      const mutation = 'mutation { addStar(input: {starrableId: "R_1"}) { clientMutationId } }';
      const refused = await server.call('github_request', { path: '/graphql', query: { query: mutation } });
      assert.equal(refused.isError, true);
      assert.match(textOf(refused), /read-only/i);
      // Hiding the mutation after a comment or a query does not help: the document is parsed.
      const hidden = await server.call('github_request', { path: '/graphql', query: { query: `# query\nquery A { viewer { login } }\n${mutation}` } });
      assert.equal(hidden.isError, true);
      assert.match(textOf(hidden), /read-only/i);
      assert.deepEqual(sim.stats.requests.filter((r) => r.path.startsWith('/graphql')), [], 'no mutation reached GitHub');
      await server.call('github_request', { path: '/graphql', query: { query: '{ viewer { login } }' } });
      assert.equal(sim.stats.requests.filter((r) => r.path.startsWith('/graphql')).length, 1, 'a query is sent');
    });
  });

  it('a 307 to another origin forwards neither the body nor Authorization; a 301 never turns a write into a read', async () => {
    await withServer(sim, 'guards-redirect', { GITHUB_TOKEN: token }, async (server) => {
      sim.otherOrigin.reset();
      const before = (await server.data<{ items: unknown[] }>('list_issue_comments', { owner: 'octocat', repo: 'hello-world', issue_number: 1, perPage: 100 })).items.length;
      sim.hostile.when('/repos/octocat/hello-world/issues/1/comments', { kind: 'redirect', status: 307 }, { method: 'POST' });
      const write = await server.call('add_issue_comment', { owner: 'octocat', repo: 'hello-world', issue_number: 1, body: 'secret draft' });
      assert.equal(write.isError, true, 'a write GitHub redirected was not applied');
      assert.match(textOf(write), /redirect/i);
      // A 301 of a write (a renamed repository) must not turn it into a read that looks like its result.
      sim.hostile.when('/repos/octocat/hello-world/issues/1/comments', { kind: 'redirect', status: 301, to: `${sim.apiUrl}/repos/octocat/hello-world/issues/1/comments` }, { method: 'POST' });
      const moved = await server.call('add_issue_comment', { owner: 'octocat', repo: 'hello-world', issue_number: 1, body: 'moved' });
      assert.equal(moved.isError, true);
      assert.match(textOf(moved), /with 301, moved to \/repos\/octocat\/hello-world\/issues\/1\/comments; the write was not applied/);
      sim.hostile.when('/repos/octocat/hello-world', { kind: 'redirect', status: 307 }, { method: 'GET' });
      await server.call('get_repository', { owner: 'octocat', repo: 'hello-world' });
      for (const received of sim.otherOrigin.received) {
        assert.equal(received.headers.authorization, undefined, `${received.method} ${received.path} carried a credential`);
        assert.equal(received.body, '', `${received.method} ${received.path} carried a body`);
        assert.notEqual(received.method, 'POST');
      }
      const afterCount = (await server.data<{ items: unknown[] }>('list_issue_comments', { owner: 'octocat', repo: 'hello-world', issue_number: 1, perPage: 100 })).items.length;
      assert.equal(afterCount, before, 'no comment was created');
    });
  });

  it('credentials in GITHUB_API_URL or GITHUB_HOST, and line breaks in a token, are configuration errors', async () => {
    const password = 'hunter2-do-not-print';
    const cases: Array<[Record<string, string>, string]> = [
      [{ GITHUB_API_URL: `${sim.origin.replace('://', `://user:${password}@`)}/api/v3`, GITHUB_TOKEN: token }, 'GITHUB_API_URL'],
      [{ GITHUB_HOST: `user:${password}@github.example.com` }, 'GITHUB_HOST'],
      [{ GITHUB_API_URL: sim.apiUrl, GITHUB_TOKEN: `${token.slice(0, 10)}\r\n${password}` }, 'GITHUB_TOKEN'],
    ];
    for (const [env, variable] of cases) {
      const { code, stderr, stdout } = await runToExit(env);
      assert.equal(code, 2, `${variable}: ${stderr}`);
      assert.match(stderr, new RegExp(`${variable}: (must not contain a user name or password|contains a line break)`));
      assert.ok(!stderr.includes(password) && !stdout.includes(password), 'the value is never echoed');
    }
    // A token pasted with the newline a file leaves behind still works.
    await withServer(sim, 'guards-token-newline', { GITHUB_TOKEN: `${token}\r\n` }, async (server) => {
      assert.equal((await server.data<{ login: string }>('get_me')).login, 'octocat');
    });
  });
});
