import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { textOf, type ServerHandle } from '../../support/serverHarness';
import { appEnv, serverFor, startSimulator, withServer, type Simulator } from '../../support/simServer';

// search_pull_requests, update_pull_request, update_pull_request_branch, get_pull_request_status,
// get_pull_request_commits, request_pull_request_reviewers and create_pull_request's reviewers,
// under a PAT and an unpinned App; writes are checked by reading the simulator back over REST.

const api = { owner: 'sim-org', repo: 'api' };
const hello = { owner: 'octocat', repo: 'hello-world' };

interface Page<T> {
  items: T[];
  hasNextPage: boolean;
  totalCount?: number;
}
interface Check {
  kind: string;
  name: string;
  status: string;
  conclusion: string | null;
  url: string | null;
}
interface Status {
  pullNumber: number;
  headSha: string;
  state: string;
  total: number;
  counts: Record<string, number>;
  checks: Check[];
  combinedStatus?: string;
}
interface Pull {
  number: number;
  title: string;
  state: string;
  draft?: boolean;
  body: string | null;
  headSha: string;
  base: string;
  commits?: number;
  requestedReviewers?: string[];
  reviewerRequestError?: string;
  requestedTeams?: string[];
}

/** The simulator's own answer, read with a token of octocat (admin of sim-org, owner of hello-world). */
async function simGet(sim: Simulator, path: string): Promise<any> {
  const token = sim.createPersonalToken('octocat');
  const res = await fetch(`${sim.apiUrl}${path}`, { headers: { authorization: `token ${token}`, accept: 'application/vnd.github+json' } });
  assert.equal(res.status, 200, `GET ${path}`);
  return res.json();
}

describe('pull_requests toolset: status, updates and searches (PAT)', () => {
  let sim: Simulator;
  let server: ServerHandle;

  before(async () => {
    sim = await startSimulator();
    // monalisa has write access to sim-org/api and authored its PRs 1 and 2.
    server = await serverFor(sim, 'toolsets pull updates pat', { GITHUB_TOKEN: sim.createPersonalToken('monalisa', { scopes: ['repo'] }) });
  });
  after(async () => {
    await server.close();
    await sim.close();
  });

  it('get_pull_request_status merges statuses and check runs, failing first', async () => {
    const status = await server.data<Status>('get_pull_request_status', { ...api, pullNumber: 1 });
    const pr = await server.data<Pull>('get_pull_request', { ...api, pullNumber: 1 });
    assert.equal(status.headSha, pr.headSha);
    assert.equal(status.state, 'failure');
    assert.equal(status.total, 5);
    assert.deepEqual(status.counts, { failure: 1, in_progress: 1, success: 3 });
    assert.deepEqual(status.checks.map((c) => `${c.kind}:${c.name}:${c.conclusion ?? c.status}`), [
      'check_run:lint:failure',
      'check_run:e2e:in_progress',
      'check_run:test:success',
      'status:ci/coverage:success',
      'status:ci/build:success',
    ]);
    // ci/build reported pending, then success: only the newest counts, as in GitHub's combined status.
    assert.equal(status.combinedStatus, 'success');
    assert.match(status.checks[0].url ?? '', /\/sim-org\/api\/runs\/\d+$/);
    assert.equal(status.checks.find((c) => c.name === 'ci/build')?.url, 'https://ci.example.com/sim-org/api/builds/101');
  });

  it('get_pull_request_status says none when nothing reported, and 404 names the pull request', async () => {
    const none = await server.data<Status>('get_pull_request_status', { ...hello, pullNumber: 3 });
    assert.deepEqual({ state: none.state, total: none.total, checks: none.checks, counts: none.counts }, { state: 'none', total: 0, checks: [], counts: {} });
    const missing = await server.call('get_pull_request_status', { ...api, pullNumber: 4242 });
    assert.equal(missing.isError, true);
    assert.match(textOf(missing), /sim-org\/api#4242 was not found \(404\)/i);
  });

  it('get_pull_request_commits pages with the first message line, login and git name', async () => {
    const first = await server.data<Page<{ sha: string; message: string; author: string | null; authorName: string | null; date: string | null }>>('get_pull_request_commits', { ...api, pullNumber: 1, perPage: 1 });
    assert.equal(first.hasNextPage, true);
    assert.equal(first.items[0].message, 'Add token auth');
    assert.equal(first.items[0].author, 'monalisa');
    assert.equal(first.items[0].authorName, 'Mona Lisa Octocat');
    assert.match(first.items[0].date ?? '', /^\d{4}-\d\d-\d\dT/);
    const second = await server.data<Page<{ message: string }>>('get_pull_request_commits', { ...api, pullNumber: 1, perPage: 1, page: 2 });
    assert.equal(second.hasNextPage, false);
    assert.equal(second.items[0].message, 'Trim tokens');
    const missing = await server.call('get_pull_request_commits', { ...api, pullNumber: 4242 });
    assert.equal(missing.isError, true);
    assert.match(textOf(missing), /404/);
  });

  it('search_pull_requests adds is:pr and the repo qualifier', async () => {
    const open = await server.data<Page<{ number: number; repository: string; draft?: boolean; isPullRequest?: boolean }>>('search_pull_requests', { query: 'is:open', ...api });
    assert.deepEqual(open.items.map((p) => p.number).sort(), [1, 2, 3]);
    assert.ok(open.items.every((p) => p.repository === 'sim-org/api' && p.isPullRequest === undefined));
    assert.equal(open.items.find((p) => p.number === 3)?.draft, true);
    const merged = await server.data<Page<{ number: number; mergedAt?: string }>>('search_pull_requests', { query: 'is:merged', owner: 'sim-org' });
    assert.deepEqual(merged.items.map((p) => p.number), [4]);
    assert.match(merged.items[0].mergedAt ?? '', /^\d{4}-/);
    // Issues 5 and 6 of sim-org/api match "API" but are not pull requests.
    const words = await server.data<Page<{ number: number }>>('search_pull_requests', { query: 'repo:sim-org/api README' });
    assert.deepEqual(words.items.map((p) => p.number), [2]);
    const noOwner = await server.call('search_pull_requests', { query: 'is:open', repo: 'api' });
    assert.equal(noOwner.isError, true);
    assert.match(textOf(noOwner), /repo needs owner/);
  });

  it('update_pull_request changes title, body, state and maintainer_can_modify; the simulator holds them', async () => {
    const updated = await server.data<Pull>('update_pull_request', { ...api, pullNumber: 2, title: 'Rewrite the README', body: 'New words.', maintainer_can_modify: true });
    assert.equal(updated.title, 'Rewrite the README');
    let raw = await simGet(sim, '/repos/sim-org/api/pulls/2');
    assert.deepEqual([raw.title, raw.body, raw.maintainer_can_modify], ['Rewrite the README', 'New words.', true]);
    const closed = await server.data<Pull>('update_pull_request', { ...api, pullNumber: 2, state: 'closed' });
    assert.equal(closed.state, 'closed');
    assert.equal((await simGet(sim, '/repos/sim-org/api/pulls/2')).state, 'closed');
    await server.data('update_pull_request', { ...api, pullNumber: 2, state: 'open' });
    raw = await simGet(sim, '/repos/sim-org/api/pulls/2');
    assert.equal(raw.state, 'open');
  });

  it('update_pull_request refuses no changes, a missing base and a missing pull request', async () => {
    const nothing = await server.call('update_pull_request', { ...api, pullNumber: 2 });
    assert.equal(nothing.isError, true);
    assert.match(textOf(nothing), /at least one change/);
    const badBase = await server.call('update_pull_request', { ...api, pullNumber: 2, base: 'no-such-branch' });
    assert.equal(badBase.isError, true);
    assert.match(textOf(badBase), /422/);
    assert.equal((await simGet(sim, '/repos/sim-org/api/pulls/2')).base.ref, 'main');
    const missing = await server.call('update_pull_request', { ...api, pullNumber: 4242, title: 'x' });
    assert.equal(missing.isError, true);
    assert.match(textOf(missing), /404/);
  });

  it('update_pull_request with draft equal to the current state makes no GraphQL call', async () => {
    sim.stats.reset();
    const pr = await server.data<Pull>('update_pull_request', { ...api, pullNumber: 3, draft: true });
    assert.equal(pr.draft, true);
    assert.ok(!sim.stats.requests.some((r) => /graphql/.test(r.path)), 'no GraphQL request');
  });

  it('update_pull_request draft toggles through GraphQL and reports the final state', async () => {
    const drafted = await server.data<Pull>('update_pull_request', { ...api, pullNumber: 1, draft: true, title: 'Add token auth (WIP)' });
    assert.equal(drafted.draft, true);
    assert.equal(drafted.title, 'Add token auth (WIP)');
    assert.equal((await simGet(sim, '/repos/sim-org/api/pulls/1')).draft, true);
    assert.ok(sim.stats.requests.some((r) => r.method === 'POST' && /graphql$/.test(r.path)), 'the mutation went to GraphQL');
    const ready = await server.data<Pull>('update_pull_request', { ...api, pullNumber: 1, draft: false, title: 'Add token auth' });
    assert.equal(ready.draft, false);
    assert.equal((await simGet(sim, '/repos/sim-org/api/pulls/1')).draft, false);
  });

  it('request_pull_request_reviewers asks a collaborator, refuses the author and an empty request', async () => {
    const requested = await server.data<{ number: number; requestedReviewers: string[] }>('request_pull_request_reviewers', { ...api, pullNumber: 1, reviewers: ['octocat'] });
    assert.deepEqual(requested.requestedReviewers, ['octocat']);
    assert.deepEqual((await simGet(sim, '/repos/sim-org/api/pulls/1')).requested_reviewers.map((u: { login: string }) => u.login), ['octocat']);
    const author = await server.call('request_pull_request_reviewers', { ...api, pullNumber: 1, reviewers: ['monalisa'] });
    assert.equal(author.isError, true);
    assert.match(textOf(author), /422.*author/is);
    const outsider = await server.call('request_pull_request_reviewers', { ...api, pullNumber: 1, reviewers: ['hubot'] });
    assert.equal(outsider.isError, true);
    assert.match(textOf(outsider), /collaborators/);
    const empty = await server.call('request_pull_request_reviewers', { ...api, pullNumber: 1 });
    assert.equal(empty.isError, true);
    assert.deepEqual((await simGet(sim, '/repos/sim-org/api/pulls/1')).requested_reviewers.map((u: { login: string }) => u.login), ['octocat']);
  });

  it('create_pull_request requests reviewers; a refused request still reports the new pull request', async () => {
    await server.data('create_branch', { ...api, branch: 'reviewed-change' });
    await server.data('create_or_update_file', { ...api, branch: 'reviewed-change', path: 'docs/reviewed.md', message: 'Add a reviewed doc', content: '# Reviewed\n' });
    const pr = await server.data<Pull>('create_pull_request', { ...api, title: 'Reviewed change', head: 'reviewed-change', base: 'main', reviewers: ['octocat'] });
    assert.deepEqual(pr.requestedReviewers, ['octocat']);
    assert.equal(pr.reviewerRequestError, undefined);
    assert.deepEqual((await simGet(sim, `/repos/sim-org/api/pulls/${pr.number}`)).requested_reviewers.map((u: { login: string }) => u.login), ['octocat']);

    await server.data('create_branch', { ...api, branch: 'self-reviewed' });
    await server.data('create_or_update_file', { ...api, branch: 'self-reviewed', path: 'docs/self.md', message: 'Add a doc', content: '# Self\n' });
    const result = await server.call('create_pull_request', { ...api, title: 'Self-reviewed', head: 'self-reviewed', base: 'main', reviewers: ['monalisa'] });
    assert.ok(!result.isError, textOf(result));
    const own = result.structuredContent as unknown as Pull;
    assert.equal(own.state, 'open');
    assert.match(own.reviewerRequestError ?? '', /created, but requesting reviewers failed: .*author/);
    const raw = await simGet(sim, `/repos/sim-org/api/pulls/${own.number}`);
    assert.deepEqual([raw.title, raw.requested_reviewers], ['Self-reviewed', []]);
  });

  it('update_pull_request_branch merges main into the head; a moved head, no news and a conflict are 422', async () => {
    const before = await server.data<Pull>('get_pull_request', { ...api, pullNumber: 1 });
    const moved = await server.call('update_pull_request_branch', { ...api, pullNumber: 1, expected_head_sha: 'a'.repeat(40) });
    assert.equal(moved.isError, true);
    assert.match(textOf(moved), /422.*expected head sha/is);
    assert.equal((await simGet(sim, '/repos/sim-org/api/pulls/1')).head.sha, before.headSha, 'nothing changed');

    const done = await server.data<{ message: string }>('update_pull_request_branch', { ...api, pullNumber: 1, expected_head_sha: before.headSha });
    assert.equal(done.message, 'Updating pull request branch.');
    const raw = await simGet(sim, '/repos/sim-org/api/pulls/1');
    assert.notEqual(raw.head.sha, before.headSha);
    const merge = await simGet(sim, `/repos/sim-org/api/commits/${raw.head.sha}`);
    const mainSha = (await simGet(sim, '/repos/sim-org/api/branches/main')).commit.sha;
    assert.deepEqual(merge.parents.map((p: { sha: string }) => p.sha), [before.headSha, mainSha]);
    assert.equal(merge.commit.message, "Merge branch 'main' into feature-auth");
    // main's version bump (PR 4) is now on the head branch.
    const pkg = await simGet(sim, '/repos/sim-org/api/contents/package.json?ref=feature-auth');
    assert.match(Buffer.from(pkg.content, 'base64').toString('utf8'), /"version": "1\.0\.1"/);

    const again = await server.call('update_pull_request_branch', { ...api, pullNumber: 1 });
    assert.equal(again.isError, true);
    assert.match(textOf(again), /no new commits on the base branch/);
    const conflict = await server.call('update_pull_request_branch', { ...api, pullNumber: 2 });
    assert.equal(conflict.isError, true);
    assert.match(textOf(conflict), /merge conflict/);
    const bad = await server.call('update_pull_request_branch', { ...api, pullNumber: 1, expected_head_sha: 'abc' });
    assert.equal(bad.isError, true);
    assert.match(textOf(bad), /expected_head_sha/);
  });

  it('read-only mode hides the writes and keeps the reads', async () => {
    await withServer(sim, 'toolsets pull updates read-only', { GITHUB_TOKEN: sim.createPersonalToken('monalisa', { scopes: ['repo'] }), GITHUB_READ_ONLY: '1' }, async (ro) => {
      const names = new Set(ro.tools.map((t) => t.name));
      for (const read of ['search_pull_requests', 'get_pull_request_status', 'get_pull_request_commits']) assert.ok(names.has(read), read);
      for (const write of ['update_pull_request', 'update_pull_request_branch', 'request_pull_request_reviewers', 'create_pull_request']) assert.ok(!names.has(write), write);
      assert.equal((await ro.data<Status>('get_pull_request_status', { ...api, pullNumber: 2 })).state, 'failure');
    });
  });
});

describe('pull_requests toolset: status, updates and searches (unpinned App)', () => {
  let sim: Simulator;
  let server: ServerHandle;

  before(async () => {
    sim = await startSimulator();
    server = await serverFor(sim, 'toolsets pull updates app', appEnv(sim));
  });
  after(async () => {
    await server.close();
    await sim.close();
  });

  it('get_pull_request_status acts as the sim-org installation; the octocat one lacks the statuses permission', async () => {
    const status = await server.data<Status>('get_pull_request_status', { ...api, pullNumber: 2 });
    assert.equal(status.state, 'failure');
    assert.deepEqual(status.checks.map((c) => `${c.kind}:${c.name}:${c.conclusion}`), ['status:ci/build:failure', 'check_run:test:success']);
    assert.equal(status.combinedStatus, 'failure');
    const refused = await server.call('get_pull_request_status', { ...hello, pullNumber: 3 });
    assert.equal(refused.isError, true);
    assert.match(textOf(refused), /403/);
  });

  it('get_pull_request_commits and search_pull_requests through the installation', async () => {
    const commits = await server.data<Page<{ message: string; author: string | null }>>('get_pull_request_commits', { ...api, pullNumber: 1 });
    assert.deepEqual(commits.items.map((c) => c.message), ['Add token auth', 'Trim tokens']);
    const drafts = await server.data<Page<{ number: number; draft?: boolean }>>('search_pull_requests', { query: 'draft:true', owner: 'sim-org' });
    assert.deepEqual(drafts.items.map((p) => [p.number, p.draft]), [[3, true]]);
  });

  it('update_pull_request and request_pull_request_reviewers write as the App', async () => {
    const pr = await server.data<Pull>('update_pull_request', { ...api, pullNumber: 3, title: 'Docs (draft)', body: 'Started by the App.' });
    assert.equal(pr.title, 'Docs (draft)');
    const raw = await simGet(sim, '/repos/sim-org/api/pulls/3');
    assert.deepEqual([raw.title, raw.body], ['Docs (draft)', 'Started by the App.']);
    const requested = await server.data<{ requestedReviewers: string[] }>('request_pull_request_reviewers', { ...api, pullNumber: 3, reviewers: ['octocat', 'monalisa'] });
    assert.deepEqual(requested.requestedReviewers, ['octocat', 'monalisa']);
    assert.deepEqual((await simGet(sim, '/repos/sim-org/api/pulls/3')).requested_reviewers.map((u: { login: string }) => u.login), ['octocat', 'monalisa']);
    const team = await server.call('request_pull_request_reviewers', { ...api, pullNumber: 3, team_reviewers: ['core'] });
    assert.equal(team.isError, true);
    assert.match(textOf(team), /422/);
    // The octocat installation may only read pull requests.
    const readOnlyInstall = await server.call('update_pull_request', { ...hello, pullNumber: 3, title: 'x' });
    assert.equal(readOnlyInstall.isError, true);
    assert.match(textOf(readOnlyInstall), /403/);
  });

  it('update_pull_request_branch merges main into a draft pull request', async () => {
    const before = (await simGet(sim, '/repos/sim-org/api/pulls/3')).head.sha;
    const done = await server.data<{ message: string; url?: string }>('update_pull_request_branch', { ...api, pullNumber: 3 });
    assert.equal(done.message, 'Updating pull request branch.');
    const after = await simGet(sim, '/repos/sim-org/api/pulls/3');
    assert.notEqual(after.head.sha, before);
    const merge = await simGet(sim, `/repos/sim-org/api/commits/${after.head.sha}`);
    assert.equal(merge.author.login, 'sim-app[bot]');
    assert.equal(merge.parents[0].sha, before);
  });

  it('create_pull_request as the App requests a reviewer', async () => {
    await server.data('create_branch', { ...api, branch: 'app-change' });
    await server.data('create_or_update_file', { ...api, branch: 'app-change', path: 'docs/app.md', message: 'Add an app doc', content: '# App\n' });
    const pr = await server.data<Pull>('create_pull_request', { ...api, title: 'App change', head: 'app-change', base: 'main', reviewers: ['monalisa'] });
    assert.deepEqual(pr.requestedReviewers, ['monalisa']);
    const raw = await simGet(sim, `/repos/sim-org/api/pulls/${pr.number}`);
    assert.deepEqual([raw.user.login, raw.requested_reviewers.map((u: { login: string }) => u.login)], ['sim-app[bot]', ['monalisa']]);
  });
});
