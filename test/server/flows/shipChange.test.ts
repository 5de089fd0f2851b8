import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { textOf, type ServerHandle } from '../../support/serverHarness';
import { appEnv, serverFor, startSimulator, type Simulator } from '../../support/simServer';
import { call, mintToken } from '../../unit/simulator/helpers';

// An agent ships a change end to end over real stdio: a branch, one commit of three files,
// a comparison with the base, a pull request with a reviewer, its checks, the requested
// reviewer's approval (a second identity on a server of its own), the merge. The end state is
// read back from the simulator's own REST API with a token of the test's own.
//
// Checks: a new head has none, so the flow first sees state "none". Then "CI" reports, outside
// the server, as CI would: a check run created by installation 5002 of sim-app (check runs can
// only be made by an App installation; the test mints that token itself) and a commit status
// posted with octocat's PAT. The flow reads the checks again and merges on success. This is the
// same in both runs; only the identity driving the server differs: monalisa's PAT (write on
// sim-org/api) or the unpinned App acting as installation 5002.

const api = { owner: 'sim-org', repo: 'api' };

const FILES = [
  { path: 'src/health.ts', content: "export function health(): { ok: true } {\n  return { ok: true };\n}\n" },
  { path: 'test/health.test.ts', content: "import { health } from '../src/health';\n\nif (!health().ok) throw new Error('unhealthy');\n" },
  { path: 'docs/health.md', content: '# Health\n\n`GET /health` answers `{ "ok": true }` — naïve but enough.\n' },
];

interface Comparison {
  status: string;
  aheadBy: number;
  behindBy: number;
  totalCommits: number;
  mergeBaseSha: string;
  commits: Array<{ sha: string; message?: string }>;
  files?: Array<{ filename: string; status: string; additions: number; deletions: number }>;
  fileTotal?: number;
}
interface CreatedPull {
  number: number;
  state: string;
  author: string | null;
  head: string;
  base: string;
  headSha: string;
  baseSha: string;
  merged: boolean;
  requestedReviewers?: string[];
  reviewerRequestError?: string;
}
interface Status {
  pullNumber: number;
  headSha: string;
  state: string;
  total: number;
  counts: Record<string, number>;
  checks: Array<{ kind: string; name: string; status: string; conclusion: string | null }>;
}

function flow(label: string, env: (sim: Simulator) => Record<string, string>, who: { author: string; reviewer: string }) {
  describe(`flow: ship a change (${label})`, () => {
    let sim: Simulator;
    let server: ServerHandle;
    let readToken: string;
    const branch = `ship-health-${label.replace(/\W+/g, '-').toLowerCase()}`;

    async function rest<T>(path: string): Promise<T> {
      const res = await call(sim, path, { auth: `token ${readToken}` });
      assert.equal(res.status, 200, `${path}: ${res.status} ${res.text.slice(0, 200)}`);
      return res.json as T;
    }

    before(async () => {
      sim = await startSimulator();
      readToken = sim.createPersonalToken('octocat', { scopes: ['repo'] });
      server = await serverFor(sim, `flow ship ${label}`, env(sim));
    });
    after(async () => {
      await server?.close();
      await sim?.close();
    });

    it('branch, push three files, compare, open with a reviewer, see checks, merge; main holds the change', async () => {
      const mainBefore = (await rest<{ object: { sha: string } }>('/repos/sim-org/api/git/ref/heads/main')).object.sha;

      // 1. A branch from main, one commit of three files on it.
      const created = await server.data<{ branch: string; ref: string; sha: string; fromBranch: string }>('create_branch', { ...api, branch });
      assert.deepEqual(created, { branch, ref: `refs/heads/${branch}`, sha: mainBefore, fromBranch: 'main' });
      assert.equal((await rest<{ object: { sha: string } }>(`/repos/sim-org/api/git/ref/heads/${branch}`)).object.sha, mainBefore);

      const pushed = await server.data<{ branch: string; commitSha: string; files: string[]; createdBranch: boolean }>('push_files', {
        ...api,
        branch,
        files: FILES,
        message: 'Add a health endpoint\n\nWith a test and docs.',
      });
      assert.equal(pushed.branch, branch);
      assert.equal(pushed.createdBranch, false, 'the branch existed already');
      assert.deepEqual(pushed.files, FILES.map((f) => f.path));
      assert.match(pushed.commitSha, /^[0-9a-f]{40}$/);
      const onBranch = await rest<{ object: { sha: string } }>(`/repos/sim-org/api/git/ref/heads/${branch}`);
      assert.equal(onBranch.object.sha, pushed.commitSha, 'the branch moved to the pushed commit');
      const commit = await rest<{ parents: Array<{ sha: string }>; files: Array<{ filename: string }>; author: { login: string } | null; commit: { message: string } }>(`/repos/sim-org/api/commits/${pushed.commitSha}`);
      assert.equal(commit.author?.login, who.author, 'the commit is by the acting identity');
      assert.equal(commit.commit.message, 'Add a health endpoint\n\nWith a test and docs.');
      assert.deepEqual(commit.parents.map((p) => p.sha), [mainBefore], 'one commit on top of main');
      assert.deepEqual(commit.files.map((f) => f.filename).sort(), FILES.map((f) => f.path).sort());

      // 2. Compare with the base.
      const cmp = await server.data<Comparison>('compare_commits', { ...api, base: 'main', head: branch });
      assert.equal(cmp.status, 'ahead');
      assert.equal(cmp.aheadBy, 1);
      assert.equal(cmp.behindBy, 0);
      assert.equal(cmp.totalCommits, 1);
      assert.equal(cmp.mergeBaseSha, mainBefore);
      assert.deepEqual(cmp.commits.map((c) => c.sha), [pushed.commitSha]);
      assert.equal(cmp.fileTotal, 3);
      assert.deepEqual(cmp.files?.map((f) => `${f.filename}:${f.status}:+${f.additions}-${f.deletions}`).sort(), [
        'docs/health.md:added:+3-0',
        'src/health.ts:added:+3-0',
        'test/health.test.ts:added:+3-0',
      ]);

      // 3. A pull request with a reviewer.
      const pull = await server.data<CreatedPull>('create_pull_request', {
        ...api,
        title: 'Add a health endpoint',
        head: branch,
        base: 'main',
        body: 'Adds `health()`, a test and docs.',
        reviewers: [who.reviewer],
      });
      assert.equal(pull.state, 'open');
      assert.equal(pull.author, who.author);
      assert.equal(pull.headSha, pushed.commitSha);
      assert.equal(pull.baseSha, mainBefore);
      assert.equal(pull.reviewerRequestError, undefined);
      assert.deepEqual(pull.requestedReviewers, [who.reviewer]);
      // (The simulator has no GET .../requested_reviewers; the pull request renders the requests.)
      const requested = await rest<{ requested_reviewers: Array<{ login: string }> }>(`/repos/sim-org/api/pulls/${pull.number}`);
      assert.deepEqual(requested.requested_reviewers.map((u) => u.login), [who.reviewer], 'the simulator holds the review request');

      // 4. Checks: none yet on a new head; then CI reports and the flow looks again.
      const none = await server.data<Status>('get_pull_request_status', { ...api, pullNumber: pull.number });
      assert.deepEqual({ headSha: none.headSha, state: none.state, total: none.total, checks: none.checks }, { headSha: pushed.commitSha, state: 'none', total: 0, checks: [] });

      const ci = await mintToken(sim, sim.fixtures.installations.simOrg);
      assert.equal(ci.status, 201);
      const run = await call(sim, '/repos/sim-org/api/check-runs', {
        method: 'POST',
        auth: `token ${ci.json.token}`,
        body: { name: 'build', head_sha: pushed.commitSha, status: 'completed', conclusion: 'success', output: { title: 'Build', summary: 'All green' } },
      });
      assert.equal(run.status, 201, run.text);
      assert.deepEqual(run.json.pull_requests.map((p: { number: number }) => p.number), [pull.number], 'the check run belongs to the new pull request');
      const statusPost = await call(sim, `/repos/sim-org/api/statuses/${pushed.commitSha}`, { method: 'POST', auth: `token ${readToken}`, body: { state: 'success', context: 'ci/lint' } });
      assert.equal(statusPost.status, 201, statusPost.text);

      const green = await server.data<Status>('get_pull_request_status', { ...api, pullNumber: pull.number });
      assert.equal(green.state, 'success');
      assert.equal(green.total, 2);
      assert.deepEqual(green.counts, { success: 2 });
      assert.deepEqual(green.checks.map((c) => `${c.kind}:${c.name}:${c.conclusion}`).sort(), ['check_run:build:success', 'status:ci/lint:success']);

      // 5. The requested reviewer (a second identity, with a PAT and a server of its own) approves.
      const reviewerServer = await serverFor(sim, `flow ship ${label} reviewer`, { GITHUB_TOKEN: sim.createPersonalToken(who.reviewer, { scopes: ['repo'] }) });
      let approval: { id: number; state: string; author: string | null; commitId: string | null };
      try {
        approval = await reviewerServer.data('create_pull_request_review', { ...api, pullNumber: pull.number, event: 'APPROVE', body: 'Looks good.' });
      } finally {
        await reviewerServer.close();
      }
      assert.deepEqual([approval.state, approval.author, approval.commitId], ['APPROVED', who.reviewer, pushed.commitSha]);
      const reviews = await rest<Array<{ id: number; state: string; user: { login: string } }>>(`/repos/sim-org/api/pulls/${pull.number}/reviews`);
      assert.deepEqual(reviews.map((r) => [r.id, r.state, r.user.login]), [[approval.id, 'APPROVED', who.reviewer]]);

      // 6. Merge, pinned to the head the flow checked.
      const merged = await server.data<{ merged: boolean; sha: string; message: string }>('merge_pull_request', { ...api, pullNumber: pull.number, sha: pushed.commitSha });
      assert.equal(merged.merged, true);
      assert.match(merged.sha, /^[0-9a-f]{40}$/);

      // 7. End state, from the simulator.
      for (const file of FILES) {
        const held = await rest<{ type: string; encoding: string; content: string }>(`/repos/sim-org/api/contents/${file.path}?ref=main`);
        assert.equal(held.type, 'file');
        assert.equal(Buffer.from(held.content, held.encoding as BufferEncoding).toString('utf8'), file.content, `${file.path} on main`);
      }
      const heldPull = await rest<{ state: string; merged: boolean; merged_by: { login: string } | null; merge_commit_sha: string | null; head: { sha: string } }>(`/repos/sim-org/api/pulls/${pull.number}`);
      assert.equal(heldPull.state, 'closed');
      assert.equal(heldPull.merged, true);
      assert.equal(heldPull.merged_by?.login, who.author);
      assert.equal(heldPull.merge_commit_sha, merged.sha);
      assert.equal(heldPull.head.sha, pushed.commitSha);
      const seen = await server.data<CreatedPull & { mergedBy?: string; mergeCommitSha?: string | null; commits?: number; changedFiles?: number; additions?: number }>('get_pull_request', { ...api, pullNumber: pull.number });
      assert.deepEqual(
        [seen.state, seen.merged, seen.mergedBy, seen.mergeCommitSha, seen.commits, seen.changedFiles, seen.additions],
        ['closed', true, who.author, merged.sha, 1, 3, 9],
        'the tool reads the merged pull request as the simulator holds it',
      );
      const isMerged = await call(sim, `/repos/sim-org/api/pulls/${pull.number}/merge`, { auth: `token ${readToken}` });
      assert.equal(isMerged.status, 204);

      const mainAfter = (await rest<{ object: { sha: string } }>('/repos/sim-org/api/git/ref/heads/main')).object.sha;
      assert.equal(mainAfter, merged.sha, 'main points at the merge commit');
      const mergeCommit = await rest<{ sha: string; parents: Array<{ sha: string }> }>(`/repos/sim-org/api/commits/${merged.sha}`);
      assert.deepEqual(mergeCommit.parents.map((p) => p.sha), [mainBefore, pushed.commitSha], 'a merge commit of the old main and the pushed commit');
      const ancestry = await rest<{ status: string; ahead_by: number; behind_by: number; merge_base_commit: { sha: string } }>(`/repos/sim-org/api/compare/${pushed.commitSha}...main`);
      assert.deepEqual([ancestry.status, ancestry.ahead_by, ancestry.behind_by, ancestry.merge_base_commit.sha], ['ahead', 1, 0, pushed.commitSha], 'the pushed commit is an ancestor of main');
      const after = await server.data<Comparison>('compare_commits', { ...api, base: 'main', head: branch });
      assert.deepEqual([after.status, after.aheadBy, after.behindBy], ['behind', 0, 1], 'nothing left to ship on the branch');
    });

    // GitHub: "Once a requested reviewer submits a review, they are no longer considered a requested
    // reviewer" (description of GET .../pulls/{n}/requested_reviewers). The simulator keeps them
    // requested after their review (test/simulator/routes/reviews.ts createReview/submitReview never
    // touch issue.pull.requestedReviewers), so this fails until the simulator does what GitHub does.
    it('the reviewer who approved is no longer a requested reviewer', async () => {
      const pulls = await rest<Array<{ number: number }>>(`/repos/sim-org/api/pulls?state=closed&head=sim-org:${branch}`);
      assert.equal(pulls.length, 1);
      const held = await rest<{ requested_reviewers: Array<{ login: string }> }>(`/repos/sim-org/api/pulls/${pulls[0].number}`);
      assert.deepEqual(held.requested_reviewers.map((u) => u.login), [], 'the simulator still lists the reviewer as requested');
      const seen = await server.data<{ requestedReviewers?: string[] }>('get_pull_request', { ...api, pullNumber: pulls[0].number });
      assert.deepEqual(seen.requestedReviewers, []);
    });

    it('merging again is refused (405) and main stays where the merge left it', async () => {
      const pulls = await rest<Array<{ number: number; head: { ref: string } }>>(`/repos/sim-org/api/pulls?state=closed&head=sim-org:${branch}`);
      assert.equal(pulls.length, 1);
      const mainBefore = (await rest<{ object: { sha: string } }>('/repos/sim-org/api/git/ref/heads/main')).object.sha;
      const again = await server.call('merge_pull_request', { ...api, pullNumber: pulls[0].number });
      assert.equal(again.isError, true);
      assert.match(textOf(again), /405.*not mergeable/s);
      assert.equal((await rest<{ object: { sha: string } }>('/repos/sim-org/api/git/ref/heads/main')).object.sha, mainBefore);
    });
  });
}

flow('PAT monalisa', (sim) => ({ GITHUB_TOKEN: sim.createPersonalToken('monalisa', { scopes: ['repo'] }) }), { author: 'monalisa', reviewer: 'octocat' });
flow('unpinned App', (sim) => appEnv(sim), { author: 'sim-app[bot]', reviewer: 'monalisa' });
