import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { githubRequest } from '../../../src/server/tools/requests';
import type { ToolContext } from '../../../src/server/tools/defineTool';
import { textOf, type ServerHandle } from '../../support/serverHarness';
import { appEnv, serverFor, startSimulator, type Simulator } from '../../support/simServer';

interface RequestResult {
  status: number;
  headers: Record<string, string>;
  data?: unknown;
  text?: string;
  truncated?: boolean;
}

describe('requests toolset: github_request', () => {
  let sim: Simulator;
  let server: ServerHandle;

  before(async () => {
    sim = await startSimulator();
    server = await serverFor(sim, 'toolsets requests', { GITHUB_TOKEN: sim.createPersonalToken('octocat', { scopes: ['repo'] }), GITHUB_TOOLSETS: 'default,requests' });
  });
  after(async () => {
    await server.close();
    await sim.close();
  });

  it('GET with query parameters returns status, pagination and rate-limit headers, and the JSON', async () => {
    const result = await server.data<RequestResult>('github_request', { path: '/repos/octocat/hello-world/labels', query: { per_page: 2, page: 1 } });
    assert.equal(result.status, 200);
    assert.match(result.headers.link, /rel="next"/);
    assert.match(result.headers['x-ratelimit-remaining'], /^\d+$/);
    assert.ok(result.headers.etag);
    assert.ok(Array.isArray(result.data) && result.data.length === 2);
    for (const name of Object.keys(result.headers)) assert.doesNotMatch(name, /authorization|oauth|token|cookie/i);
  });

  it('HEAD returns headers only', async () => {
    const result = await server.data<RequestResult>('github_request', { method: 'HEAD', path: '/repos/octocat/hello-world' });
    assert.equal(result.status, 200);
    assert.equal(result.data, undefined);
    assert.ok(result.headers.etag);
  });

  it('POST writes, with the body sent as JSON', async () => {
    const result = await server.data<RequestResult>('github_request', {
      method: 'POST',
      path: '/repos/octocat/hello-world/issues',
      body: { title: 'Filed through github_request', labels: ['question'] },
    });
    assert.equal(result.status, 201);
    const issue = result.data as { number: number; title: string };
    assert.equal(issue.title, 'Filed through github_request');
    const read = await server.data<{ labels: string[] }>('get_issue', { owner: 'octocat', repo: 'hello-world', issue_number: issue.number });
    assert.deepEqual(read.labels, ['question']);
  });

  it('a huge response comes back as truncated text with a marker', async () => {
    const result = await server.data<RequestResult>('github_request', { path: '/repos/octocat/hello-world/issues', query: { state: 'all', per_page: 100 } });
    assert.equal(result.truncated, true);
    assert.equal(result.data, undefined);
    assert.match(result.text ?? '', /^\[\{"url":/);
    assert.match(result.text ?? '', /…\[truncated \d+ characters\]$/);
    assert.ok((result.text ?? '').length < 100_100);
  });

  it('404 and 422 are isError results naming the request and the field errors', async () => {
    const missing = await server.call('github_request', { path: '/repos/octocat/no-such-repo' });
    assert.equal(missing.isError, true);
    assert.match(textOf(missing), /GET \/repos\/octocat\/no-such-repo was not found \(404\)/);
    const invalid = await server.call('github_request', { method: 'POST', path: '/repos/octocat/hello-world/issues', body: { body: 'no title' } });
    assert.equal(invalid.isError, true);
    assert.match(textOf(invalid), /422.*Issue\.title missing_field/s);
  });

  it('rejects anything but a relative path, before sending a request', async () => {
    const bad = [
      ['https://evil.example/steal', /path: must be a path, not a URL/],
      ['//evil.example/steal', /path: must be a path, not a URL/],
      ['repos/octocat/hello-world', /must begin with "\/"/],
      ['/repos/octocat/../../user', /path: must be a path without "\." or "\.\." segments/],
      ['/repos/octocat/%2E%2E/x', /path: must be a path without "\." or "\.\." segments/],
      ['/repos/octocat/hello-world?per_page=1', /query argument/],
      ['/repos//hello-world', /path: must be a path without empty segments/],
      ['/repos/octocat/hello-world\\..\\x', /backslash/],
    ] as const;
    const before = sim.stats.requests.length;
    for (const [path, why] of bad) {
      const result = await server.call('github_request', { path });
      assert.equal(result.isError, true, path);
      // The argument grammar every tool shares catches most; github_request's own check the rest.
      assert.match(textOf(result), /^Invalid arguments for github_request: path: |github_request path .* rejected/, path);
      assert.match(textOf(result), why, path);
    }
    assert.equal(sim.stats.requests.length, before, 'no rejected path reached GitHub');
  });

  it('refuses a body with GET, and bad arguments without a crash', async () => {
    const withBody = await server.call('github_request', { path: '/rate_limit', body: { a: 1 } });
    assert.equal(withBody.isError, true);
    assert.match(textOf(withBody), /cannot send a body with GET/);
    for (const args of [{ method: 'TRACE', path: '/rate_limit' }, { path: 42 }, { path: '/rate_limit', query: { a: { nested: true } } }]) {
      const result = await server.call('github_request', args);
      assert.equal(result.isError, true, JSON.stringify(args));
    }
    assert.equal((await server.data<RequestResult>('github_request', { path: '/rate_limit' })).status, 200);
  });
});

describe('github_request in read-only mode', () => {
  let sim: Simulator;
  let server: ServerHandle;

  before(async () => {
    sim = await startSimulator();
    server = await serverFor(sim, 'toolsets requests read-only', { GITHUB_TOKEN: sim.createPersonalToken('octocat', { scopes: ['repo'] }), GITHUB_READ_ONLY: '1', GITHUB_TOOLSETS: 'requests' });
  });
  after(async () => {
    await server.close();
    await sim.close();
  });

  it('is listed with read-only hints, sends GET and refuses writes', async () => {
    const tool = (await server.client.listTools()).tools.find((x) => x.name === 'github_request');
    assert.ok(tool, 'github_request stays in read-only mode');
    assert.equal(tool.annotations?.readOnlyHint, true);
    assert.equal(tool.annotations?.destructiveHint, false);
    assert.match(tool.description ?? '', /read-only .* only GET and HEAD/);
    assert.equal((await server.data<RequestResult>('github_request', { path: '/repos/octocat/hello-world' })).status, 200);
    const before = sim.stats.requests.length;
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      const result = await server.call('github_request', { method, path: '/repos/octocat/hello-world/issues', body: { title: 'nope' } });
      assert.equal(result.isError, true, method);
      assert.match(textOf(result), new RegExp(`read-only.*only sends GET and HEAD.*${method} was not sent`));
    }
    assert.equal(sim.stats.requests.length, before, 'no write reached GitHub');
  });

  it('the handler itself refuses writes whenever the server is read-only', async () => {
    const ctx = { config: { readOnly: true }, github: { client: () => assert.fail('must not build a client') } } as unknown as ToolContext;
    await assert.rejects(githubRequest.handler({ method: 'DELETE', path: '/repos/octocat/hello-world' }, ctx), /read-only.*DELETE was not sent/);
    assert.equal(githubRequest.annotations.readOnlyHint, false, 'it can write when the server is not read-only');
    assert.equal(githubRequest.annotations.destructiveHint, true);
    assert.equal(githubRequest.enforcesReadOnly, true);
  });
});

describe('github_request with App auth routes by path', () => {
  let sim: Simulator;
  let server: ServerHandle;

  before(async () => {
    sim = await startSimulator();
    server = await serverFor(sim, 'toolsets requests app', appEnv(sim, { GITHUB_TOOLSETS: 'requests' }));
  });
  after(async () => {
    await server.close();
    await sim.close();
  });

  it('a /repos/{owner}/{repo} path acts as the installation on that repository, /orgs/{org} as the org\'s', async () => {
    const { octocat, simOrg } = sim.fixtures.installations;
    const repo = await server.data<RequestResult>('github_request', { path: '/repos/octocat/hello-world/issues/1' });
    assert.equal(repo.status, 200);
    const org = await server.data<RequestResult>('github_request', { path: '/orgs/sim-org/repos', query: { per_page: 1 } });
    assert.equal(org.status, 200);
    const seen = sim.stats.requests.filter((r) => r.path.startsWith('/repos/octocat/hello-world/issues/1') || r.path.startsWith('/orgs/sim-org/repos'));
    assert.deepEqual(
      seen.map((r) => [r.path.split('?')[0], r.installationId]),
      [
        ['/repos/octocat/hello-world/issues/1', octocat],
        ['/orgs/sim-org/repos', simOrg],
      ],
    );
  });
});
