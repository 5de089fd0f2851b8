import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runInCallScope, type CallScope } from '../../../src/core/client/callScope';
import type { GitHub } from '../../../src/core/github';
import { github, json, loopback, type Loopback } from './loopback';

// GitHub answers a refused mutation with 200 and `errors` (a NOT_FOUND thread id, a FORBIDDEN
// viewer): that write was not applied, and a tool must not say "do not repeat the write".

describe('applied writes: GraphQL mutations GitHub refused', () => {
  let api: Loopback;
  let gh: GitHub;

  before(async () => {
    api = await loopback((_req, res, seen) => {
      const { query } = JSON.parse(seen.body) as { query: string };
      if (query.startsWith('mutation refused')) return json(res, 200, { data: { resolveReviewThread: null }, errors: [{ type: 'NOT_FOUND', message: 'Could not resolve to a node' }] });
      if (query.startsWith('mutation partly')) return json(res, 200, { data: { a: { clientMutationId: null }, b: null }, errors: [{ type: 'FORBIDDEN', message: 'b refused' }] });
      json(res, 200, { data: { resolveReviewThread: { thread: { isResolved: true } } } });
    });
    gh = github(`${api.origin}/api/v3`);
  });
  after(async () => {
    await gh.close();
    await api.close();
  });

  it('drops a mutation answered with errors and no data, keeps one that did something', async () => {
    let seen: CallScope | undefined;
    await runInCallScope({ label: 'resolve', timeoutMs: 5000 }, async (scope) => {
      seen = scope;
      const octokit = await gh.client();
      await assert.rejects(octokit.graphql('mutation refused { resolveReviewThread(input: {threadId: "x"}) { thread { isResolved } } }'), { name: 'GraphqlResponseError' });
      assert.deepEqual(scope.applied, [], 'refused: nothing applied');
      await assert.rejects(octokit.graphql('mutation partly { a: addStar(input: {starrableId: "x"}) { clientMutationId } b: removeStar(input: {starrableId: "y"}) { clientMutationId } }'), { name: 'GraphqlResponseError' });
      assert.equal(scope.applied.length, 1, 'one of two mutations went through: applied');
      await octokit.graphql('mutation ok { resolveReviewThread(input: {threadId: "x"}) { thread { isResolved } } }');
    });
    assert.deepEqual(seen!.applied.map((w) => [w.method, w.path, w.status]), [
      ['POST', `${api.origin}/api/graphql`, 200],
      ['POST', `${api.origin}/api/graphql`, 200],
    ]);
  });
});
