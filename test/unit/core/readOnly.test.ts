import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { GitHubClock } from '../../../src/core/clock';
import { createTransport, type Transport } from '../../../src/core/client/transport';
import { GitHubError } from '../../../src/core/errors';
import type { GitHub } from '../../../src/core/github';
import { config, github, json, loopback, type Loopback } from './loopback';

describe('read-only guard (GITHUB_READ_ONLY) in the transport', () => {
  let api: Loopback;
  let gh: GitHub;
  let transport: Transport;
  let base: string;

  before(async () => {
    api = await loopback((_req, res) => json(res, 200, { data: {} }));
    base = `${api.origin}/api/v3`;
    gh = github(base, { GITHUB_READ_ONLY: 'true' });
    transport = createTransport(config(base, { GITHUB_READ_ONLY: 'true' }), new GitHubClock());
  });
  after(async () => {
    await gh.close();
    await transport.close();
    await api.close();
  });

  const refused = (error: unknown) => {
    assert.ok(error instanceof GitHubError, String(error));
    assert.equal(error.kind, 'permission');
    assert.match(error.message, /^The server is read-only \(GITHUB_READ_ONLY\), so .+ was not sent: /);
    return true;
  };
  const sentNothing = async (fn: () => Promise<unknown>) => {
    const before = api.seen.length;
    await assert.rejects(fn(), refused);
    assert.equal(api.seen.length, before);
  };
  const graphql = (query: string, url = `${api.origin}/api/graphql`) => transport.fetch(url, { method: 'POST', body: JSON.stringify({ query }) });

  it('refuses every write a tool can make, through Octokit, before it is sent', async () => {
    const octokit = await gh.client();
    await sentNothing(() => octokit.request('POST /repos/{owner}/{repo}/issues', { owner: 'o', repo: 'r', title: 't' }));
    await sentNothing(() => octokit.request('PATCH /repos/{owner}/{repo}', { owner: 'o', repo: 'r', name: 'x' }));
    await sentNothing(() => octokit.request('PUT /user/starred/{owner}/{repo}', { owner: 'o', repo: 'r' }));
    await sentNothing(() => octokit.request('DELETE /repos/{owner}/{repo}', { owner: 'o', repo: 'r' }));
    await assert.rejects(octokit.request('POST /repos/{owner}/{repo}/issues', { owner: 'o', repo: 'r', title: 't' }), /POST \/repos\/o\/r\/issues was not sent: it would change something on GitHub\./);
    await octokit.request('GET /repos/{owner}/{repo}', { owner: 'o', repo: 'r' });
    await transport.fetch(`${base}/user`, { method: 'HEAD' });
  });

  it('lets auth through: installation tokens and the OAuth token, refresh and device endpoints', async () => {
    const before = api.seen.length;
    await transport.fetch(`${base}/app/installations/42/access_tokens`, { method: 'POST', body: '{}' });
    await transport.fetch(`${api.origin}/login/oauth/access_token`, { method: 'POST', body: '{}' });
    await transport.fetch(`${api.origin}/login/device/code`, { method: 'POST', body: '{}' });
    assert.equal(api.seen.length, before + 3);
    await sentNothing(() => transport.fetch(`${base}/app/installations/42/suspended`, { method: 'PUT' }));
    await sentNothing(() => transport.fetch(`${base}/app/installations/42`, { method: 'DELETE' }));
  });

  it('sends GraphQL queries, on github.com\'s /graphql and on GHES\'s /api/graphql, and refuses anything else', async () => {
    const before = api.seen.length;
    await graphql('query { viewer { login } }');
    await graphql('{ viewer { login } }');
    await graphql('query Q { viewer { ...F } } fragment F on User { login }');
    await graphql('query { viewer { login } }', `${base}/graphql`);
    assert.equal(api.seen.length, before + 4);
    await sentNothing(() => graphql('mutation { addStar(input: {starrableId: "x"}) { clientMutationId } }'));
    await sentNothing(() => graphql('query A { viewer { login } } mutation B { addStar(input: {starrableId: "x"}) { clientMutationId } }'));
    await sentNothing(() => graphql('subscription { x }'));
    await sentNothing(() => graphql('fragment F on User { login }'));
    await sentNothing(() => graphql('query { viewer { login }'));
    await sentNothing(() => transport.fetch(`${api.origin}/api/graphql`, { method: 'POST', body: 'not json' }));
    await sentNothing(() => transport.fetch(`${api.origin}/api/graphql`, { method: 'POST', body: '[{"query":"{ viewer { login } }"}]' }));
  });

  it('refuses GET /graphql?query=mutation… the same way', async () => {
    const mutation = encodeURIComponent('mutation { addStar(input: {starrableId: "x"}) { clientMutationId } }');
    await sentNothing(() => transport.fetch(`${api.origin}/api/graphql?query=${mutation}`));
    await transport.fetch(`${api.origin}/api/graphql?query=${encodeURIComponent('{ viewer { login } }')}`);
  });

  it('refuses a mutation from octokit.graphql as a GitHubError', async () => {
    const octokit = await gh.client();
    await sentNothing(() => octokit.graphql('mutation { addStar(input: {starrableId: "x"}) { clientMutationId } }'));
    assert.deepEqual(await octokit.graphql('query { viewer { login } }'), {});
  });

  it('sends writes when the server is not read-only', async () => {
    const writable = createTransport(config(base), new GitHubClock());
    const before = api.seen.length;
    await writable.fetch(`${base}/repos/o/r/issues`, { method: 'POST', body: '{}' });
    await writable.fetch(`${api.origin}/api/graphql`, { method: 'POST', body: JSON.stringify({ query: 'mutation { x }' }) });
    assert.equal(api.seen.length, before + 2);
    await writable.close();
  });
});
