import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startSimulator, type Simulator } from '../../simulator';
import { mintToken } from './helpers';

// Review behaviour the OpenAPI drives do not show: who sees pending reviews, one pending
// review per user, replies and Apps, counts on the pull request, outdated threads.

describe('simulator: pull request reviews', () => {
  let sim: Simulator;
  let octocat: string;
  let monalisa: string;

  before(async () => {
    sim = await startSimulator();
    octocat = sim.createPersonalToken('octocat', { scopes: ['repo'] });
    monalisa = sim.createPersonalToken('monalisa', { scopes: ['repo'] });
  });
  after(() => sim.close());

  async function rest(method: string, path: string, token: string, body?: unknown): Promise<{ status: number; json: any }> {
    const res = await fetch(`${sim.apiUrl}${path}`, { method, headers: { authorization: `token ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, json: await res.json() };
  }
  async function threads(): Promise<Array<{ path: string; line: number | null; isOutdated: boolean; comments: { nodes: Array<{ body: string }> } }>> {
    const res = await fetch(`${sim.origin}/api/graphql`, {
      method: 'POST',
      headers: { authorization: `bearer ${octocat}`, 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ repository(owner: "sim-org", name: "api") { pullRequest(number: 1) { reviewThreads(first: 50) { nodes { path line isOutdated comments(first: 10) { nodes { body } } } } } } }' }),
    });
    return ((await res.json()) as any).data.repository.pullRequest.reviewThreads.nodes;
  }

  it('a pending review is seen by its author only, and there is one per user', async () => {
    const pending = await rest('POST', '/repos/sim-org/api/pulls/1/reviews', octocat, { comments: [{ path: 'src/auth.ts', line: 1, body: 'Pending thought' }] });
    assert.equal(pending.json.state, 'PENDING');
    assert.equal(pending.json.submitted_at, undefined);
    const again = await rest('POST', '/repos/sim-org/api/pulls/1/reviews', octocat, {});
    assert.equal(again.status, 422);
    assert.deepEqual(again.json.errors, ['User can only have one pending review per pull request']);
    assert.equal((await rest('GET', `/repos/sim-org/api/pulls/1/reviews/${pending.json.id}`, monalisa)).status, 404);
    assert.deepEqual((await rest('GET', '/repos/sim-org/api/pulls/1/reviews', monalisa)).json, []);
    assert.equal((await rest('GET', '/repos/sim-org/api/pulls/1/comments', octocat)).json.length, 0, 'pending comments are not listed');
    assert.equal((await rest('GET', '/repos/sim-org/api/pulls/1', octocat)).json.review_comments, 0);
    assert.equal((await threads()).length, 1, 'the author sees the pending thread over GraphQL');
    const submitted = await rest('POST', `/repos/sim-org/api/pulls/1/reviews/${pending.json.id}/events`, octocat, { event: 'REQUEST_CHANGES', body: 'Please rename' });
    assert.equal(submitted.json.state, 'CHANGES_REQUESTED');
    assert.equal((await rest('GET', '/repos/sim-org/api/pulls/1', octocat)).json.review_comments, 1);
    const own = await rest('POST', '/repos/sim-org/api/pulls/1/reviews', monalisa, { event: 'REQUEST_CHANGES', body: 'Me?' });
    assert.deepEqual(own.json.errors, ['Can not request changes on your own pull request']);
    const noBody = await rest('POST', '/repos/sim-org/api/pulls/1/reviews', octocat, { event: 'COMMENT' });
    assert.equal(noBody.status, 422);
  });

  it('replies: /replies is not for Apps; in_reply_to is, and joins the same thread', async () => {
    const [comment] = (await rest('GET', '/repos/sim-org/api/pulls/1/comments', octocat)).json;
    const app = (await mintToken(sim, sim.fixtures.installations.simOrg)).json.token as string;
    const refused = await rest('POST', `/repos/sim-org/api/pulls/1/comments/${comment.id}/replies`, app, { body: 'From the App' });
    assert.equal(refused.status, 403);
    assert.equal(refused.json.message, 'Resource not accessible by integration');
    const viaComments = await rest('POST', '/repos/sim-org/api/pulls/1/comments', app, { body: 'From the App', in_reply_to: comment.id });
    assert.equal(viaComments.status, 201);
    assert.equal(viaComments.json.in_reply_to_id, comment.id);
    assert.equal(viaComments.json.user.login, 'sim-app[bot]');
    const reply = await rest('POST', `/repos/sim-org/api/pulls/1/comments/${viaComments.json.id}/replies`, monalisa, { body: 'Renamed' });
    assert.equal(reply.json.in_reply_to_id, comment.id, 'a reply to a reply names the thread\'s first comment');
    const [thread] = await threads();
    assert.deepEqual(thread.comments.nodes.map((c) => c.body), ['Pending thought', 'From the App', 'Renamed']);
  });

  it('a thread whose file changed after the comment is outdated and has no line', async () => {
    await rest('POST', '/repos/sim-org/api/pulls/1/reviews', octocat, { event: 'COMMENT', body: 'One more', comments: [{ path: 'src/index.ts', line: 1, body: 'Fine' }] });
    assert.deepEqual((await threads()).map((t) => [t.path, t.isOutdated, t.line]), [['src/auth.ts', false, 1], ['src/index.ts', false, 1]]);
    const file = await rest('GET', '/repos/sim-org/api/contents/src/auth.ts?ref=feature-auth', octocat);
    const put = await rest('PUT', '/repos/sim-org/api/contents/src/auth.ts', monalisa, { message: 'Rename', branch: 'feature-auth', sha: file.json.sha, content: Buffer.from('export function verify(token: string): boolean {\n  return token.trim().length > 0;\n}\n').toString('base64') });
    assert.equal(put.status, 200);
    assert.deepEqual((await threads()).map((t) => [t.path, t.isOutdated, t.line]), [['src/auth.ts', true, null], ['src/index.ts', false, 1]]);
  });
});
