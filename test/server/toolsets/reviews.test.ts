import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { GitHub } from '../../../src/core/github';
import { parseCoreConfig } from '../../../src/core/config';
import { textOf, type ServerHandle } from '../../support/serverHarness';
import { appEnv, serverFor, startSimulator, type Simulator } from '../../support/simServer';

// Pull request reviews and review threads (REST for reviews and replies, GraphQL for threads),
// under a PAT and under an unpinned App; the simulator's own state is checked after each write.

const api = { owner: 'sim-org', repo: 'api' };

interface Review {
  id: number;
  state: string;
  author: string | null;
  body: string | null;
  commitId: string | null;
  submittedAt?: string;
}
interface Thread {
  id: string;
  isResolved: boolean;
  isOutdated: boolean;
  path: string;
  line: number | null;
  resolvedBy: string | null;
  comments: Array<{ id: string; databaseId: number | null; body: string | null; author: string | null; url: string }>;
}
interface Threads {
  items: Thread[];
  totalCount: number;
  hasNextPage: boolean;
  endCursor: string | null;
}

/** What the simulator holds, read over its REST API with a token of its own. */
async function simGet<T>(sim: Simulator, path: string): Promise<T> {
  const token = sim.createPersonalToken('octocat');
  const res = await fetch(`${sim.apiUrl}${path}`, { headers: { authorization: `token ${token}` } });
  assert.equal(res.status, 200, `${path}: ${res.status}`);
  return (await res.json()) as T;
}

function scenario(label: string, env: (sim: Simulator) => Record<string, string>, reviewer: string) {
  describe(`reviews toolset (${label})`, () => {
    let sim: Simulator;
    let server: ServerHandle;
    const pullNumber = 1;

    before(async () => {
      sim = await startSimulator();
      server = await serverFor(sim, `toolsets reviews ${label}`, env(sim));
    });
    after(async () => {
      await server.close();
      await sim.close();
    });

    it('a review with two line comments shows as two threads; a reply joins its thread; resolve and unresolve', async () => {
      const review = await server.data<Review>('create_pull_request_review', {
        ...api,
        pullNumber,
        event: 'COMMENT',
        body: 'A few notes.',
        comments: [
          { path: 'src/auth.ts', line: 2, body: 'Trim before checking?' },
          { path: 'src/index.ts', line: 1, side: 'RIGHT', body: 'Import order.' },
        ],
      });
      assert.equal(review.state, 'COMMENTED');
      assert.equal(review.author, reviewer);
      assert.match(review.commitId ?? '', /^[0-9a-f]{40}$/);

      const threads = await server.data<Threads>('get_pull_request_review_comments', { ...api, pullNumber });
      assert.equal(threads.totalCount, 2);
      assert.equal(threads.hasNextPage, false);
      assert.deepEqual(threads.items.map((t) => `${t.path}:${t.line}`), ['src/auth.ts:2', 'src/index.ts:1']);
      assert.ok(threads.items.every((t) => !t.isResolved && !t.isOutdated && t.resolvedBy === null));
      const [first] = threads.items;
      assert.equal(first.comments.length, 1);
      assert.equal(first.comments[0].body, 'Trim before checking?');
      assert.equal(first.comments[0].author, reviewer.replace(/\[bot\]$/, ''));
      const commentId = first.comments[0].databaseId as number;
      assert.ok(Number.isInteger(commentId));

      const reply = await server.data<{ id: number; inReplyToId?: number; path: string; body: string }>('add_reply_to_pull_request_comment', { ...api, pullNumber, commentId, body: 'Done in the next commit.' });
      assert.equal(reply.inReplyToId, commentId);
      assert.equal(reply.path, 'src/auth.ts');
      const rest = await simGet<Array<{ id: number; in_reply_to_id?: number }>>(sim, `/repos/sim-org/api/pulls/${pullNumber}/comments`);
      assert.equal(rest.find((c) => c.id === reply.id)?.in_reply_to_id, commentId, 'the simulator holds the reply in the thread');

      const again = await server.data<Threads>('get_pull_request_review_comments', { ...api, pullNumber });
      assert.equal(again.totalCount, 2, 'a reply makes no new thread');
      assert.deepEqual(again.items[0].comments.map((c) => c.body), ['Trim before checking?', 'Done in the next commit.']);

      const resolved = await server.data<{ threadId: string; isResolved: boolean; resolvedBy?: string | null }>('resolve_review_thread', { ...api, threadId: first.id });
      assert.deepEqual(resolved, { threadId: first.id, isResolved: true, resolvedBy: reviewer.replace(/\[bot\]$/, '') });
      const afterResolve = await server.data<Threads>('get_pull_request_review_comments', { ...api, pullNumber });
      assert.deepEqual(afterResolve.items.map((t) => t.isResolved), [true, false]);

      const reopened = await server.data<{ isResolved: boolean; resolvedBy?: string | null }>('unresolve_review_thread', { ...api, threadId: first.id });
      assert.equal(reopened.isResolved, false);
      assert.equal(reopened.resolvedBy, null);
      const afterUnresolve = await server.data<Threads>('get_pull_request_review_comments', { ...api, pullNumber });
      assert.deepEqual(afterUnresolve.items.map((t) => t.isResolved), [false, false]);
    });

    it('threads page by cursor', async () => {
      const first = await server.data<Threads>('get_pull_request_review_comments', { ...api, pullNumber, perPage: 1 });
      assert.equal(first.items.length, 1);
      assert.equal(first.hasNextPage, true);
      assert.ok(first.endCursor);
      const second = await server.data<Threads>('get_pull_request_review_comments', { ...api, pullNumber, perPage: 1, after: first.endCursor });
      assert.equal(second.hasNextPage, false);
      assert.notEqual(second.items[0].id, first.items[0].id);
      assert.equal(second.items[0].path, 'src/index.ts');
    });

    it('a pending review is listed as PENDING, then submitted; another is deleted with its comments', async () => {
      const pending = await server.data<Review>('create_pull_request_review', { ...api, pullNumber, comments: [{ path: 'src/auth.ts', line: 1, body: 'Name it verify?' }] });
      assert.equal(pending.state, 'PENDING');
      assert.equal(pending.submittedAt, undefined);
      const listed = await server.data<{ items: Review[] }>('get_pull_request_reviews', { ...api, pullNumber });
      assert.deepEqual(listed.items.map((r) => r.state), ['COMMENTED', 'COMMENTED', 'PENDING']);

      const submitted = await server.data<Review>('submit_pending_pull_request_review', { ...api, pullNumber, event: 'APPROVE', body: 'Ship it.' });
      assert.equal(submitted.id, pending.id);
      assert.equal(submitted.state, 'APPROVED');
      assert.ok(submitted.submittedAt);
      const held = await simGet<{ state: string; body: string }>(sim, `/repos/sim-org/api/pulls/${pullNumber}/reviews/${pending.id}`);
      assert.deepEqual([held.state, held.body], ['APPROVED', 'Ship it.']);
      const threads = await server.data<Threads>('get_pull_request_review_comments', { ...api, pullNumber });
      assert.equal(threads.totalCount, 3, 'the submitted comment is a thread now');

      const doomed = await server.data<Review>('create_pull_request_review', { ...api, pullNumber, body: 'Draft notes', comments: [{ path: 'src/index.ts', line: 4, body: 'Maybe.' }] });
      assert.equal(doomed.state, 'PENDING');
      const deleted = await server.data<Review>('delete_pending_pull_request_review', { ...api, pullNumber });
      assert.equal(deleted.id, doomed.id);
      const reviews = await simGet<Array<{ id: number }>>(sim, `/repos/sim-org/api/pulls/${pullNumber}/reviews`);
      assert.ok(!reviews.some((r) => r.id === doomed.id), 'the simulator no longer has the pending review');
      const left = await server.data<Threads>('get_pull_request_review_comments', { ...api, pullNumber });
      assert.equal(left.totalCount, 3, 'its comment went with it');

      const none = await server.call('submit_pending_pull_request_review', { ...api, pullNumber, event: 'COMMENT', body: 'x' });
      assert.equal(none.isError, true);
      assert.match(textOf(none), /no pending review on sim-org\/api#1/);
    });

    it('errors: a line outside the diff is 422; an unknown pull request or thread is not found', async () => {
      const outside = await server.call('create_pull_request_review', { ...api, pullNumber, event: 'COMMENT', body: 'x', comments: [{ path: 'README.md', line: 1, body: 'Not in the diff' }] });
      assert.equal(outside.isError, true);
      assert.match(textOf(outside), /422.*Path could not be resolved/s);
      const badLine = await server.call('create_pull_request_review', { ...api, pullNumber, event: 'COMMENT', body: 'x', comments: [{ path: 'src/auth.ts', line: 40, body: 'Past the end' }] });
      assert.match(textOf(badLine), /422.*Line could not be resolved/s);
      const reviews = await simGet<unknown[]>(sim, `/repos/sim-org/api/pulls/${pullNumber}/reviews`);
      assert.equal(reviews.length, 3, 'a refused review leaves nothing behind');

      const missing = await server.call('get_pull_request_reviews', { ...api, pullNumber: 4242 });
      assert.match(textOf(missing), /Reviews of pull request sim-org\/api#4242 was not found \(404\)/);
      const noThreads = await server.call('get_pull_request_review_comments', { ...api, pullNumber: 4242 });
      assert.equal(noThreads.isError, true);
      assert.match(textOf(noThreads), /Pull request sim-org\/api#4242 was not found.*Could not resolve to a PullRequest with the number of 4242/s);
      const noThread = await server.call('resolve_review_thread', { ...api, threadId: 'MDIzOlB1bGxSZXF1ZXN0UmV2aWV3VGhyZWFkMQ==' });
      assert.equal(noThread.isError, true);
      assert.match(textOf(noThread), /not found/);
    });
  });
}

scenario('PAT', (sim) => ({ GITHUB_TOKEN: sim.createPersonalToken('octocat', { scopes: ['repo'] }) }), 'octocat');
scenario('unpinned App', (sim) => appEnv(sim), 'sim-app[bot]');

describe('reviews toolset: who may, and read-only mode', () => {
  let sim: Simulator;
  before(async () => {
    sim = await startSimulator();
  });
  after(() => sim.close());

  it('the author cannot approve their own pull request (422)', async () => {
    const server = await serverFor(sim, 'toolsets reviews author', { GITHUB_TOKEN: sim.createPersonalToken('monalisa', { scopes: ['repo'] }) });
    try {
      const result = await server.call('create_pull_request_review', { ...api, pullNumber: 1, event: 'APPROVE' });
      assert.equal(result.isError, true);
      assert.match(textOf(result), /422.*Can not approve your own pull request/s);
    } finally {
      await server.close();
    }
  });

  it('an App installation with pull_requests:read cannot review or resolve (403)', async () => {
    const server = await serverFor(sim, 'toolsets reviews app read-only installation', appEnv(sim));
    try {
      const pulls = await server.data<{ items: Array<{ number: number }> }>('list_pull_requests', { owner: 'octocat', repo: 'hello-world', state: 'all', perPage: 1 });
      const result = await server.call('create_pull_request_review', { owner: 'octocat', repo: 'hello-world', pullNumber: pulls.items[0].number, event: 'COMMENT', body: 'x' });
      assert.equal(result.isError, true);
      assert.match(textOf(result), /403.*Resource not accessible by integration/s);
    } finally {
      await server.close();
    }
  });

  it('GITHUB_READ_ONLY offers only the reads, which still work over GraphQL; a mutation is refused before it is sent', async () => {
    const token = sim.createPersonalToken('octocat', { scopes: ['repo'] });
    // A thread to read and (not) resolve.
    const res = await fetch(`${sim.apiUrl}/repos/sim-org/api/pulls/1/reviews`, {
      method: 'POST',
      headers: { authorization: `token ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ event: 'COMMENT', body: 'Note', comments: [{ path: 'src/auth.ts', line: 2, body: 'Hmm.' }] }),
    });
    assert.equal(res.status, 200);
    const server = await serverFor(sim, 'toolsets reviews read-only', { GITHUB_TOKEN: token, GITHUB_READ_ONLY: '1' });
    let threadId: string;
    try {
      const names = new Set(server.tools.map((t) => t.name));
      for (const name of ['get_pull_request_reviews', 'get_pull_request_review_comments']) assert.ok(names.has(name), name);
      for (const name of ['create_pull_request_review', 'submit_pending_pull_request_review', 'delete_pending_pull_request_review', 'add_reply_to_pull_request_comment', 'resolve_review_thread', 'unresolve_review_thread']) {
        assert.ok(!names.has(name), `${name} is hidden`);
      }
      const threads = await server.data<Threads>('get_pull_request_review_comments', { ...api, pullNumber: 1 });
      assert.equal(threads.totalCount, 1);
      threadId = threads.items[0].id;
    } finally {
      await server.close();
    }
    const github = new GitHub(parseCoreConfig({ GITHUB_API_URL: sim.apiUrl, GITHUB_TOKEN: token, GITHUB_READ_ONLY: 'true', GITHUB_SECONDS_BETWEEN_REQUESTS: '0', GITHUB_SECONDS_BETWEEN_WRITES: '0' }));
    try {
      const client = await github.forRepo('sim-org', 'api');
      const sent = sim.stats.requests.filter((r) => r.origin === 'graphql').length;
      await assert.rejects(
        client.graphql('mutation($id: ID!) { resolveReviewThread(input: { threadId: $id }) { thread { isResolved } } }', { id: threadId }),
        /read-only.*not a GraphQL query/s,
      );
      assert.equal(sim.stats.requests.filter((r) => r.origin === 'graphql').length, sent, 'the mutation never reached the simulator');
      const check = (await client.graphql('query($id: ID!) { node(id: $id) { ... on PullRequestReviewThread { isResolved } } }', { id: threadId })) as { node: { isResolved: boolean } };
      assert.equal(check.node.isResolved, false);
    } finally {
      await github.close();
    }
  });
});
