import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runInCallScope, type CallScope } from '../../../src/core/client/callScope';
import type { GitHub } from '../../../src/core/github';
import { github, json, loopback, type Loopback } from './loopback';

describe('applied writes', () => {
  let api: Loopback;
  let gh: GitHub;

  before(async () => {
    api = await loopback((req, res) => {
      const key = `${req.method} ${req.url}`;
      if (key === 'POST /api/v3/repos/o/r/issues') return json(res, 201, { id: 7, number: 3, html_url: 'https://github.example/o/r/issues/3' });
      if (key === 'PATCH /api/v3/repos/o/r/issues/3') return json(res, 200, { id: 'I_kwDO', html_url: 'https://github.example/o/r/issues/3' });
      if (key === 'PUT /api/v3/repos/o/r/labels') return json(res, 200, [{ id: 1 }]);
      if (key === 'DELETE /api/v3/repos/o/r/issues/3/lock') return void res.writeHead(204).end();
      if (key === 'POST /api/v3/repos/o/r/pulls') return json(res, 422, { message: 'Validation Failed' });
      if (req.url === '/api/graphql') return json(res, 200, { data: {} });
      json(res, 200, { id: 99 });
    });
    gh = github(`${api.origin}/api/v3`);
  });
  after(async () => {
    await gh.close();
    await api.close();
  });

  it('records each write GitHub answered 2xx, in order, with id and html_url from the JSON body', async () => {
    let seen: CallScope | undefined;
    await runInCallScope({ label: 'edit', timeoutMs: 5000 }, async (scope) => {
      seen = scope;
      const octokit = await gh.client();
      await octokit.request('GET /repos/{owner}/{repo}', { owner: 'o', repo: 'r' });
      await octokit.request('POST /repos/{owner}/{repo}/issues', { owner: 'o', repo: 'r', title: 't' });
      await octokit.request('PATCH /repos/{owner}/{repo}/issues/{issue_number}', { owner: 'o', repo: 'r', issue_number: 3, title: 'u' });
      await octokit.request('PUT /repos/{owner}/{repo}/labels', { owner: 'o', repo: 'r' });
      await octokit.request('DELETE /repos/{owner}/{repo}/issues/{issue_number}/lock', { owner: 'o', repo: 'r', issue_number: 3 });
      await assert.rejects(octokit.request('POST /repos/{owner}/{repo}/pulls', { owner: 'o', repo: 'r', head: 'h', base: 'main' }));
      await octokit.graphql('query { viewer { login } }');
      await octokit.graphql('mutation { addStar(input: {starrableId: "x"}) { clientMutationId } }');
    });
    assert.deepEqual(seen!.applied, [
      { method: 'POST', path: '/repos/o/r/issues', status: 201, id: 7, htmlUrl: 'https://github.example/o/r/issues/3' },
      { method: 'PATCH', path: '/repos/o/r/issues/3', status: 200, id: 'I_kwDO', htmlUrl: 'https://github.example/o/r/issues/3' },
      { method: 'PUT', path: '/repos/o/r/labels', status: 200 },
      { method: 'DELETE', path: '/repos/o/r/issues/3/lock', status: 204 },
      { method: 'POST', path: `${api.origin}/api/graphql`, status: 200 },
    ]);
    assert.equal(seen!.attempts, 8);
  });

  it('keeps calls apart, and records nothing outside a call', async () => {
    const octokit = await gh.client();
    await octokit.request('POST /repos/{owner}/{repo}/issues', { owner: 'o', repo: 'r', title: 't' });
    const scopes = await Promise.all(
      [1, 2].map((n) =>
        runInCallScope({ label: `call ${n}`, timeoutMs: 5000 }, async (scope) => {
          for (let i = 0; i < n; i++) await octokit.request('POST /repos/{owner}/{repo}/issues', { owner: 'o', repo: 'r', title: 't' });
          return scope;
        }),
      ),
    );
    assert.deepEqual(scopes.map((s) => s.applied.length), [1, 2]);
  });
});
