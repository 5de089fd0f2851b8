import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { pullSearchQuery } from '../../../src/server/tools/pullRequestUpdates';
import {
  branchUpdateSchema,
  pullCommitSchema,
  pullSearchItemSchema,
  pullStatusSchema,
  reviewRequestSchema,
  shapeBranchUpdate,
  shapePullCommit,
  shapePullSearchItem,
  shapePullStatus,
  shapeReviewRequest,
} from '../../../src/server/tools/shape';
import { content, FIRST_FIT_LISTED, runTool as runHandler, tools, variantsBy, type Fetch, type Json } from '../../support/openapiExamples';

/*
 * The pull request status/update shapers against the response examples in GitHub's OpenAPI
 * description, as sent and stripped to the fields each response schema requires; and two
 * handlers (get_pull_request_status, update_pull_request) run on those examples through a
 * fetch that answers from them, so the summary and the request sequence are checked too.
 */

/** The first example of an operation's answer (a copy), and the answer's schema. */
function response(id: string, status: number): { schema: Json; example: unknown } {
  const { schema, examples } = content(id, status);
  const example = Object.values(examples)[0];
  assert.ok(example !== undefined, `${id} ${status}: no example`);
  return { schema, example: structuredClone(example) };
}

const VARIANTS = variantsBy(FIRST_FIT_LISTED, ['full', 'required-only']);

function strict(schema: z.ZodObject): z.ZodType {
  return schema.strict();
}

describe('shapers for pull request status, updates and searches, on OpenAPI examples', () => {
  for (const [variant, make] of Object.entries(VARIANTS)) {
    it(`search items (${variant})`, () => {
      const { schema, example } = response('search/issues-and-pull-requests', 200);
      const raw = make(example, schema) as Json;
      for (const item of raw.items) {
        const out = shapePullSearchItem(item);
        assert.ok(strict(pullSearchItemSchema).safeParse(out).success, JSON.stringify(strict(pullSearchItemSchema).safeParse(out).error?.issues));
        assert.equal(out.number, item.number);
        assert.equal(out.repository, item.repository_url.split('/').slice(-2).join('/'));
        assert.equal(out.draft, item.draft);
        assert.equal(out.mergedAt, item.pull_request?.merged_at ?? undefined);
        assert.ok(!('isPullRequest' in out));
      }
    });

    it(`pull request commits (${variant})`, () => {
      const { schema, example } = response('pulls/list-commits', 200);
      const raw = make(example, schema) as Json[];
      assert.ok(raw.length > 0);
      for (const commit of raw) {
        const out = shapePullCommit(commit as never);
        assert.ok(pullCommitSchema.strict().safeParse(out).success, JSON.stringify(out));
        assert.equal(out.sha, commit.sha);
        assert.equal(out.message, commit.commit.message.split('\n')[0]);
        assert.equal(out.author, commit.author?.login ?? null);
        assert.equal(out.authorName, commit.commit.author?.name ?? null);
        assert.equal(out.date, commit.commit.author?.date ?? null);
      }
    });

    it(`combined status and check runs summarised (${variant})`, () => {
      const combined = response('repos/get-combined-status-for-ref', 200);
      const runs = response('checks/list-for-ref', 200);
      const c = make(combined.example, combined.schema) as Json;
      const r = make(runs.example, runs.schema) as Json;
      const out = shapePullStatus(7, 'abc', c, r);
      assert.ok(pullStatusSchema.strict().safeParse(out).success, JSON.stringify(pullStatusSchema.strict().safeParse(out).error?.issues));
      assert.equal(out.total, c.statuses.length + r.check_runs.length);
      assert.deepEqual(new Set(out.checks!.map((x) => x!.name)), new Set([...c.statuses.map((s: Json) => s.context), ...r.check_runs.map((x: Json) => x.name)]));
      assert.equal(Object.values(out.counts!).reduce<number>((n, k) => n + (k ?? 0), 0), out.total);
      assert.equal(out.combinedStatus, c.state);
    });

    it(`branch update and review request (${variant})`, () => {
      const update = response('pulls/update-branch', 202);
      const u = make(update.example, update.schema) as Json;
      const shaped = shapeBranchUpdate(u);
      assert.ok(branchUpdateSchema.strict().safeParse(shaped).success);
      assert.equal(shaped.message, u.message);
      const request = response('pulls/request-reviewers', 201);
      const q = make(request.example, request.schema) as Json;
      const out = shapeReviewRequest(q as never);
      assert.ok(reviewRequestSchema.strict().safeParse(out).success, JSON.stringify(out));
      assert.equal(out.htmlUrl, q.html_url);
      assert.deepEqual(out.requestedReviewers, q.requested_reviewers?.map((x: Json) => x.login));
      assert.deepEqual(out.requestedTeams, q.requested_teams?.map((x: Json) => x.slug));
    });
  }

  it('the summary puts failures first, then what is not done, and counts by conclusion', () => {
    const out = shapePullStatus(
      1,
      'f00',
      { state: 'pending', statuses: [{ context: 'ci/a', state: 'success', target_url: null }, { context: 'ci/b', state: 'pending', target_url: 'https://ci/b' }, { context: 'ci/c', state: 'error', target_url: null }] },
      { total_count: 150, check_runs: [{ name: 'ok', status: 'completed', conclusion: 'success', html_url: 'h', details_url: 'd' }, { name: 'late', status: 'completed', conclusion: 'timed_out', html_url: null, details_url: 'd' }, { name: 'skip', status: 'completed', conclusion: 'skipped', html_url: null, details_url: null }] },
    );
    assert.equal(out.state, 'failure');
    assert.deepEqual(out.checks!.map((c) => c!.name), ['late', 'ci/c', 'ci/b', 'ok', 'skip', 'ci/a']);
    assert.deepEqual(out.counts, { timed_out: 1, error: 1, pending: 1, success: 2, skipped: 1 });
    assert.equal(out.checks![0]!.url, 'd', 'details_url when there is no html_url');
    assert.equal(out.checkRunsTotal, 150);
    const pending = shapePullStatus(1, 'f00', { state: 'success', statuses: [] }, { total_count: 1, check_runs: [{ name: 'q', status: 'queued', conclusion: null, html_url: null, details_url: null }] });
    assert.deepEqual([pending.state, pending.checkRunsTotal], ['pending', undefined]);
    const none = shapePullStatus(1, 'f00', { state: 'pending', statuses: [] }, { total_count: 0, check_runs: [] });
    assert.equal(none.state, 'none');
    // A broken answer (no list) is not summarised as "nothing reported".
    const broken = shapePullStatus(1, 'f00', { state: 'pending' }, { total_count: 0, check_runs: [] });
    assert.equal(broken.state, undefined);
    assert.equal(pullStatusSchema.safeParse(broken).success, false);
  });

  it('a commit message keeps its first line and says when it dropped the rest', () => {
    const base = { sha: 's', author: null, commit: { author: { name: 'N', date: 'D' } } };
    assert.deepEqual(shapePullCommit({ ...base, commit: { ...base.commit, message: 'One line\n' } } as never).messageTruncated, undefined);
    assert.equal(shapePullCommit({ ...base, commit: { ...base.commit, message: 'Title\n\nBody' } } as never).messageTruncated, true);
    const long = shapePullCommit({ ...base, commit: { ...base.commit, message: 'x'.repeat(500) } } as never);
    assert.equal(long.messageTruncated, true);
    assert.match(long.message!, /…\[truncated 300 characters\]$/);
  });

  it('search queries get is:pr once and the owner/repo qualifiers first', () => {
    assert.equal(pullSearchQuery('fix', 'octocat', 'hello-world'), 'repo:octocat/hello-world is:pr fix');
    assert.equal(pullSearchQuery('is:pr fix', 'octocat'), 'user:octocat is:pr fix');
    assert.equal(pullSearchQuery('type:pr org:sim-org', 'sim-org'), 'type:pr org:sim-org');
    assert.equal(pullSearchQuery('repo:a/b is:issue', 'a', 'b'), 'is:pr repo:a/b is:issue');
    assert.equal(pullSearchQuery('is:pull-request'), 'is:pull-request');
    assert.throws(() => pullSearchQuery('x', undefined, 'b'), /repo needs owner/);
  });
});

// ---------------------------------------------------------------- handlers on the examples

interface Exchange {
  method: string;
  path: RegExp;
  status?: number;
  /** The answer, or a function giving the answer for each request in turn. */
  data: unknown;
}

async function runTool(name: string, args: Json, exchanges: Exchange[]): Promise<{ data: Json; requests: string[] }> {
  const requests: string[] = [];
  const fetch: Fetch = async (url, init) => {
    const { pathname } = new URL(String(url));
    const method = (init?.method ?? 'GET').toUpperCase();
    requests.push(`${method} ${pathname}${init?.body && method !== 'GET' ? ` ${String(init.body)}` : ''}`);
    const hit = exchanges.find((e) => e.method === method && e.path.test(pathname));
    return new Response(JSON.stringify(hit ? (typeof hit.data === 'function' ? (hit.data as () => unknown)() : hit.data) : { message: 'no payload' }), { status: hit ? (hit.status ?? 200) : 599, headers: { 'content-type': 'application/json' } });
  };
  const { output } = await runHandler(name, args, fetch);
  const tool = tools.get(name)!;
  const parsed = z.object(tool.output!).strict().safeParse(output.data);
  assert.ok(parsed.success, `${name}: ${JSON.stringify(parsed.error?.issues)}`);
  return { data: output.data as Json, requests };
}

describe('pull request handlers on OpenAPI examples', () => {
  it('get_pull_request_status reads the head sha, then the statuses and check runs of that sha', async () => {
    const pull = response('pulls/get', 200).example as Json;
    const { data, requests } = await runTool('get_pull_request_status', { owner: 'octocat', repo: 'Hello-World', pullNumber: 1347 }, [
      { method: 'GET', path: /\/pulls\/1347$/, data: pull },
      { method: 'GET', path: /\/commits\/[^/]+\/status$/, data: response('repos/get-combined-status-for-ref', 200).example },
      { method: 'GET', path: /\/commits\/[^/]+\/check-runs$/, data: response('checks/list-for-ref', 200).example },
    ]);
    assert.equal(data.headSha, pull.head.sha);
    assert.ok(requests.includes(`GET /repos/octocat/Hello-World/commits/${pull.head.sha}/status`), requests.join('\n'));
    assert.ok(requests.includes(`GET /repos/octocat/Hello-World/commits/${pull.head.sha}/check-runs`), requests.join('\n'));
  });

  it('update_pull_request patches the REST fields and skips GraphQL when draft already matches', async () => {
    const pull = response('pulls/update', 200).example as Json;
    const { data, requests } = await runTool('update_pull_request', { owner: 'octocat', repo: 'Hello-World', pullNumber: 1347, title: 'new title', draft: pull.draft }, [
      { method: 'PATCH', path: /\/pulls\/1347$/, data: pull },
    ]);
    assert.deepEqual(requests, ['PATCH /repos/octocat/Hello-World/pulls/1347 {"title":"new title"}']);
    assert.equal(data.number, pull.number);
  });

  it('update_pull_request toggles draft through GraphQL with the node id, then reads the final state', async () => {
    const pull = response('pulls/get', 200).example as Json;
    const answers = [pull, { ...pull, draft: true }];
    const { data, requests } = await runTool('update_pull_request', { owner: 'octocat', repo: 'Hello-World', pullNumber: 1347, draft: true }, [
      { method: 'POST', path: /^\/graphql$/, data: { data: { convertPullRequestToDraft: { pullRequest: { isDraft: true } } } } },
      { method: 'GET', path: /\/pulls\/1347$/, data: () => answers.shift() },
    ]);
    assert.equal(requests.length, 3, requests.join('\n'));
    assert.equal(requests[0], 'GET /repos/octocat/Hello-World/pulls/1347');
    const body = JSON.parse(requests[1].replace(/^POST \/graphql /, '')) as { query: string; variables: { id: string } };
    assert.match(body.query, /convertPullRequestToDraft\(input: \{ pullRequestId: \$id \}\)/);
    assert.equal(body.variables.id, pull.node_id);
    assert.equal(requests[2], 'GET /repos/octocat/Hello-World/pulls/1347');
    assert.equal(data.draft, true);
  });

  it('a GraphQL refusal becomes a clear error, not a network failure', async () => {
    // That the transport then reports no applied write is test/unit/core/appliedGraphql.test.ts.
    const pull = { ...(response('pulls/get', 200).example as Json), draft: true };
    await assert.rejects(
      runTool('update_pull_request', { owner: 'octocat', repo: 'Hello-World', pullNumber: 1347, draft: false }, [
        { method: 'GET', path: /\/pulls\/1347$/, data: pull },
        { method: 'POST', path: /^\/graphql$/, data: { data: null, errors: [{ type: 'UNPROCESSABLE', message: 'Pull request is closed' }] } },
      ]),
      (error: Error & { kind?: string }) => error.kind === 'validation' && /GraphQL request for marking pull request octocat\/Hello-World#1347 ready for review: Pull request is closed/.test(error.message),
    );
  });
});
