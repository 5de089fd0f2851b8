import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { textOf, type ServerHandle } from '../../support/serverHarness';
import { appEnv, serverFor, startSimulator, type Simulator } from '../../support/simServer';
import { call, mintToken } from '../../unit/simulator/helpers';

// An agent reviews a pull request end to end over real stdio: it reads the pull request, its
// files, diff, checks and earlier reviews, leaves a REQUEST_CHANGES review with two line
// comments on lines it found in the diff, lists the threads, replies to one and resolves it.
// The end state is then read back from the simulator itself (REST and GraphQL, with a token
// of the test's own), not from the tool replies.
//
// sim-org/api#1 is monalisa's, so the acting identities are octocat (PAT; sim-org admin) and
// the unpinned App (sim-app[bot] through installation 5002): neither is the author, so
// REQUEST_CHANGES is allowed. The reply goes through add_reply_to_pull_request_comment, which
// posts .../comments with in_reply_to: GitHub (and the simulator) allow that to Apps, unlike
// .../comments/{id}/replies, which the App run also checks is refused to the installation.

const api = { owner: 'sim-org', repo: 'api' };
const pullNumber = 1;

interface Pull {
  number: number;
  state: string;
  author: string | null;
  head: string;
  headSha: string;
  merged: boolean;
  changedFiles?: number;
}
interface FileChange {
  filename: string;
  status: string;
  additions: number;
  patch?: string;
}
interface Status {
  headSha: string;
  state: string;
  total: number;
  checks: Array<{ kind: string; name: string; conclusion: string | null }>;
}
interface Review {
  id: number;
  state: string;
  author: string | null;
  commitId: string | null;
  body?: string | null;
}
interface Thread {
  id: string;
  isResolved: boolean;
  path: string;
  line: number | null;
  resolvedBy: string | null;
  comments: Array<{ databaseId: number | null; body: string | null; author: string | null }>;
}
interface Threads {
  items: Thread[];
  totalCount: number;
}

interface RestComment {
  id: number;
  pull_request_review_id: number | null;
  in_reply_to_id?: number;
  path: string;
  line: number | null;
  body: string;
  user: { login: string };
}

/** Added lines on the new side, per file, read from a unified diff. */
function addedLines(diff: string): Map<string, number[]> {
  const out = new Map<string, number[]>();
  let file: string | undefined;
  let line = 0;
  for (const text of diff.split('\n')) {
    const header = /^\+\+\+ (?:b\/(.+)|\/dev\/null)$/.exec(text);
    if (header) {
      file = header[1];
      continue;
    }
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(text);
    if (hunk) {
      line = Number(hunk[1]);
      continue;
    }
    if (!file || text.startsWith('---') || text.startsWith('diff ') || text.startsWith('index ')) continue;
    if (text.startsWith('+')) {
      out.set(file, [...(out.get(file) ?? []), line]);
      line++;
    } else if (text.startsWith(' ')) line++;
  }
  return out;
}

function flow(label: string, env: (sim: Simulator) => Record<string, string>, reviewer: { rest: string; graphql: string; installation?: number }) {
  describe(`flow: review a pull request (${label})`, () => {
    let sim: Simulator;
    let server: ServerHandle;
    let readToken: string;

    /** The simulator's own REST answer, read with a token that is not the server's. */
    async function rest<T>(path: string): Promise<T> {
      const res = await fetch(`${sim.apiUrl}${path}`, { headers: { authorization: `token ${readToken}`, accept: 'application/vnd.github+json' } });
      assert.equal(res.status, 200, `${path}: ${res.status}`);
      return (await res.json()) as T;
    }
    async function graphql<T>(query: string, variables: Record<string, unknown>): Promise<T> {
      const res = await fetch(`${sim.origin}/api/graphql`, {
        method: 'POST',
        headers: { authorization: `bearer ${readToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      assert.equal(res.status, 200);
      const body = (await res.json()) as { data?: T; errors?: unknown };
      assert.equal(body.errors, undefined, JSON.stringify(body.errors));
      return body.data as T;
    }

    before(async () => {
      sim = await startSimulator();
      readToken = sim.createPersonalToken('octocat', { scopes: ['repo'] });
      server = await serverFor(sim, `flow review ${label}`, env(sim));
    });
    after(async () => {
      await server?.close();
      await sim?.close();
    });

    it('reads, reviews with two line comments, replies, resolves; the simulator holds all of it', async () => {
      // 1. Read the pull request and what it changes.
      const pull = await server.data<Pull>('get_pull_request', { ...api, pullNumber });
      assert.equal(pull.state, 'open');
      assert.equal(pull.merged, false);
      assert.equal(pull.author, 'monalisa');
      assert.notEqual(pull.author, reviewer.rest, 'the reviewer is not the author');

      const files = await server.data<{ items: FileChange[] }>('get_pull_request_files', { ...api, pullNumber });
      assert.deepEqual(files.items.map((f) => `${f.filename}:${f.status}`).sort(), ['src/auth.ts:added', 'src/index.ts:modified']);
      assert.equal(files.items.length, pull.changedFiles);

      const diffResult = await server.call('get_pull_request_diff', { ...api, pullNumber });
      assert.equal(diffResult.isError, undefined);
      const diff = textOf(diffResult);
      assert.match(diff, /^diff --git a\/src\/auth\.ts b\/src\/auth\.ts$/m);
      const added = addedLines(diff);
      const authLines = added.get('src/auth.ts') ?? [];
      const indexLines = added.get('src/index.ts') ?? [];
      assert.equal(authLines.length, files.items.find((f) => f.filename === 'src/auth.ts')?.additions, 'the diff and the file list agree');
      assert.ok(authLines.length > 0 && indexLines.length > 0, 'both files add lines');

      // 2. Its checks and the reviews so far.
      const status = await server.data<Status>('get_pull_request_status', { ...api, pullNumber });
      assert.equal(status.headSha, pull.headSha);
      assert.equal(status.state, 'failure', 'the seeded lint check run failed');
      assert.equal(status.checks[0].name, 'lint');
      assert.equal(status.total, 5);

      const before = await server.data<{ items: Review[] }>('get_pull_request_reviews', { ...api, pullNumber });
      assert.deepEqual(before.items, [], 'nobody has reviewed yet');

      // 3. A review with two line comments on lines the diff adds.
      const authLine = authLines[authLines.length - 1];
      const indexLine = indexLines[0];
      const review = await server.data<Review>('create_pull_request_review', {
        ...api,
        pullNumber,
        event: 'REQUEST_CHANGES',
        body: 'Two things before this can go in.',
        commitId: pull.headSha,
        comments: [
          { path: 'src/auth.ts', line: authLine, body: 'Reject whitespace-only tokens explicitly?' },
          { path: 'src/index.ts', line: indexLine, side: 'RIGHT', body: 'Keep imports sorted.' },
        ],
      });
      assert.equal(review.state, 'CHANGES_REQUESTED');
      assert.equal(review.author, reviewer.rest);
      assert.equal(review.commitId, pull.headSha);

      // 4. The threads, then a reply to the first and resolving it.
      const threads = await server.data<Threads>('get_pull_request_review_comments', { ...api, pullNumber });
      assert.equal(threads.totalCount, 2);
      assert.deepEqual(threads.items.map((t) => `${t.path}:${t.line}`), [`src/auth.ts:${authLine}`, `src/index.ts:${indexLine}`]);
      assert.ok(threads.items.every((t) => !t.isResolved && t.comments.length === 1));
      const [thread, other] = threads.items;
      const firstId = thread.comments[0].databaseId;
      assert.ok(Number.isInteger(firstId));

      const reply = await server.data<{ id: number; inReplyToId?: number; reviewId: number | null; author: string | null; path: string }>('add_reply_to_pull_request_comment', {
        ...api,
        pullNumber,
        commentId: firstId,
        body: 'Answering my own note: a test for "  " would settle it.',
      });
      assert.equal(reply.inReplyToId, firstId);
      assert.equal(reply.path, 'src/auth.ts');
      assert.equal(reply.author, reviewer.rest);

      const resolved = await server.data<{ threadId: string; isResolved: boolean; resolvedBy?: string | null }>('resolve_review_thread', { ...api, threadId: thread.id });
      assert.deepEqual(resolved, { threadId: thread.id, isResolved: true, resolvedBy: reviewer.graphql });

      const again = await server.data<Threads>('get_pull_request_review_comments', { ...api, pullNumber });
      assert.equal(again.totalCount, 2, 'the reply opened no new thread');
      const byId = new Map(again.items.map((t) => [t.id, t]));
      assert.equal(byId.get(thread.id)?.isResolved, true);
      assert.equal(byId.get(thread.id)?.resolvedBy, reviewer.graphql);
      assert.deepEqual(byId.get(thread.id)?.comments.map((c) => c.databaseId), [firstId, reply.id]);
      assert.equal(byId.get(other.id)?.isResolved, false);

      if (reviewer.installation !== undefined) {
        // What the tool avoids: GitHub does not enable .../comments/{id}/replies for Apps.
        const minted = await mintToken(sim, reviewer.installation);
        assert.equal(minted.status, 201);
        const refused = await call(sim, `/repos/sim-org/api/pulls/${pullNumber}/comments/${firstId}/replies`, { method: 'POST', auth: `token ${minted.json.token}`, body: { body: 'via /replies' } });
        assert.equal(refused.status, 403);
        assert.match(refused.json.message, /Resource not accessible by integration/);
      }

      // 5. End state, read from the simulator with the test's own token.
      const held = await rest<{ id: number; state: string; body: string; user: { login: string }; commit_id: string }>(`/repos/sim-org/api/pulls/${pullNumber}/reviews/${review.id}`);
      assert.deepEqual([held.state, held.body, held.user.login, held.commit_id], ['CHANGES_REQUESTED', 'Two things before this can go in.', reviewer.rest, pull.headSha]);
      const reviews = await rest<Array<{ id: number; state: string }>>(`/repos/sim-org/api/pulls/${pullNumber}/reviews`);
      // As on GitHub, a lone review comment (the reply) comes with a COMMENTED review of its own.
      assert.ok(reply.reviewId !== null && reply.reviewId !== review.id);
      assert.deepEqual(reviews.map((r) => [r.id, r.state]), [[review.id, 'CHANGES_REQUESTED'], [reply.reviewId, 'COMMENTED']]);

      const comments = await rest<RestComment[]>(`/repos/sim-org/api/pulls/${pullNumber}/comments`);
      assert.equal(comments.length, 3);
      const ofReview = comments.filter((c) => c.pull_request_review_id === review.id && c.in_reply_to_id === undefined);
      assert.deepEqual(ofReview.map((c) => `${c.path}:${c.line}:${c.body}`), [
        `src/auth.ts:${authLine}:Reject whitespace-only tokens explicitly?`,
        `src/index.ts:${indexLine}:Keep imports sorted.`,
      ]);
      const heldReply = comments.find((c) => c.id === reply.id);
      assert.equal(heldReply?.in_reply_to_id, firstId, 'the reply joined the first thread');
      assert.equal(heldReply?.user.login, reviewer.rest);

      const counted = await rest<{ review_comments: number }>(`/repos/sim-org/api/pulls/${pullNumber}`);
      assert.equal(counted.review_comments, 3, 'two line comments and the reply');
      const seen = await server.data<Pull & { reviewComments?: number }>('get_pull_request', { ...api, pullNumber });
      assert.equal(seen.reviewComments, 3);

      const state = await graphql<{ repository: { pullRequest: { reviewThreads: { totalCount: number; nodes: Array<{ id: string; isResolved: boolean; resolvedBy: { login: string } | null; comments: { nodes: Array<{ databaseId: number; body: string }> } }> } } } }>(
        'query($owner: String!, $name: String!, $number: Int!) { repository(owner: $owner, name: $name) { pullRequest(number: $number) { reviewThreads(first: 10) { totalCount nodes { id isResolved resolvedBy { login } comments(first: 10) { nodes { databaseId body } } } } } } }',
        { owner: 'sim-org', name: 'api', number: pullNumber },
      );
      const nodes = state.repository.pullRequest.reviewThreads.nodes;
      assert.equal(state.repository.pullRequest.reviewThreads.totalCount, 2);
      const heldThread = nodes.find((t) => t.id === thread.id);
      assert.equal(heldThread?.isResolved, true);
      assert.equal(heldThread?.resolvedBy?.login, reviewer.graphql);
      assert.deepEqual(heldThread?.comments.nodes.map((c) => c.databaseId), [firstId, reply.id]);
      assert.equal(nodes.find((t) => t.id === other.id)?.isResolved, false);
    });

    it('a comment on a line outside the diff is refused and changes nothing', async () => {
      const outside = await server.call('create_pull_request_review', {
        ...api,
        pullNumber,
        event: 'COMMENT',
        body: 'x',
        comments: [{ path: 'src/auth.ts', line: 99, body: 'Past the end' }],
      });
      assert.equal(outside.isError, true);
      assert.match(textOf(outside), /422.*Line could not be resolved/s);
      const reviews = await rest<unknown[]>(`/repos/sim-org/api/pulls/${pullNumber}/reviews`);
      assert.equal(reviews.length, 2, 'the refused review left nothing behind: the review and the reply\'s');
    });
  });
}

flow('PAT octocat', (sim) => ({ GITHUB_TOKEN: sim.createPersonalToken('octocat', { scopes: ['repo'] }) }), { rest: 'octocat', graphql: 'octocat' });
flow('unpinned App', (sim) => appEnv(sim), { rest: 'sim-app[bot]', graphql: 'sim-app', installation: 5002 });
