import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { textOf, type ServerHandle } from '../support/serverHarness';
import { serverFor, withServer, startSimulator, type Simulator } from '../support/simServer';

describe('every error class becomes an actionable isError result', () => {
  let sim: Simulator;
  let server: ServerHandle;
  const hello = { owner: 'octocat', repo: 'hello-world' };

  before(async () => {
    sim = await startSimulator();
    server = await serverFor(sim, 'errors', { GITHUB_TOKEN: sim.createPersonalToken('octocat', { scopes: ['repo'] }), GITHUB_RETRY: '1', GITHUB_TIMEOUT: '1', GITHUB_TOOLSETS: 'default,requests' });
  });
  afterEach(() => sim.faults.reset());
  after(async () => {
    await server.close();
    await sim.close();
  });

  it('401 says to re-authenticate', async () => {
    await withServer(sim, 'errors 401', { GITHUB_TOKEN: `ghp_${'0'.repeat(36)}` }, async (bad) => {
      const result = await bad.call('get_me');
      assert.equal(result.isError, true);
      assert.match(textOf(result), /401.*Re-authenticate/s);
    });
  });

  it('404 names the resource', async () => {
    const result = await server.call('get_issue', { ...hello, issue_number: 99999 });
    assert.equal(result.isError, true);
    assert.match(textOf(result), /not found \(404\)/i);
    assert.match(textOf(result), /hello-world#99999/);
  });

  it('422 lists the field errors', async () => {
    const result = await server.call('github_request', { method: 'POST', path: '/repos/octocat/hello-world/issues', body: { body: 'no title' } });
    assert.equal(result.isError, true);
    assert.match(textOf(result), /422/);
    assert.match(textOf(result), /Issue\.title missing_field/);
  });

  it('403 secondary rate limit gives Retry-After', async () => {
    sim.faults.secondaryRateLimit(true, 60);
    const result = await server.call('get_repository', hello);
    assert.equal(result.isError, true);
    assert.match(textOf(result), /secondary rate limit/);
    assert.match(textOf(result), /Retry after 60 s/);
  });

  it('403 primary rate limit gives the reset time', async () => {
    sim.faults.exhaustPrimaryRateLimit(true);
    const result = await server.call('get_repository', hello);
    assert.equal(result.isError, true);
    assert.match(textOf(result), /primary rate limit/);
    assert.match(textOf(result), /resets at \d{4}-\d\d-\d\dT/);
  });

  it('a passing 5xx is retried; a lasting one is reported', async () => {
    sim.faults.failNext(1, 502);
    const recovered = await server.call('get_repository', hello);
    assert.ok(!recovered.isError, textOf(recovered));
    sim.faults.failNext(5, 503);
    const failed = await server.call('get_repository', hello);
    assert.equal(failed.isError, true);
    assert.match(textOf(failed), /503.*Try again/s);
  });

  it('a slow response times out with a clear message', async () => {
    sim.faults.slowNext(2, 2500);
    const result = await server.call('get_repository', hello);
    assert.equal(result.isError, true);
    assert.match(textOf(result), /did not answer .* in time/);
  });

  it('a dropped connection is a network error, and the server keeps serving', async () => {
    sim.faults.dropNext(2);
    const result = await server.call('get_repository', hello);
    assert.equal(result.isError, true);
    assert.match(textOf(result), /Could not reach GitHub/);
    assert.ok(!(await server.call('get_repository', hello)).isError);
  });

  it('bad arguments give isError and no crash', async () => {
    const cases: Array<[string, Record<string, unknown>]> = [
      ['get_issue', { ...hello, issue_number: 'seven' }],
      ['get_issue', { owner: 'octocat' }],
      ['list_issues', { ...hello, perPage: 1000 }],
      ['github_request', { method: 'GET', path: 'https://example.com/steal' }],
      ['create_jwt', {}],
      ['no_such_tool', {}],
    ];
    for (const [name, args] of cases) {
      const result = await server.call(name, args);
      assert.equal(result.isError, true, `${name} ${JSON.stringify(args)} should fail`);
      assert.ok(textOf(result).length > 10);
    }
    assert.equal((await server.data<{ login: string }>('get_me')).login, 'octocat', 'still alive');
  });
});
