import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { textOf, type ServerHandle } from '../../support/serverHarness';
import { actsAs, identities } from '../../support/identities';
import { serverFor, startSimulator, type Simulator } from '../../support/simServer';

// Every pull_requests tool of pullRequests.ts on sim-org/api, as monalisa (PAT, write access) and
// as the unpinned App (installation 5002); on octocat/hello-world neither may merge.

const api = { owner: 'sim-org', repo: 'api' };
const hello = { owner: 'octocat', repo: 'hello-world' };

interface Page<T> {
  items: T[];
  hasNextPage: boolean;
}
/** What the simulator holds, read over its REST API with a token of its own. */
async function simGet(sim: Simulator, path: string): Promise<any> {
  const res = await fetch(`${sim.apiUrl}${path}`, { headers: { authorization: `token ${sim.createPersonalToken('octocat', { scopes: ['repo'] })}` } });
  assert.equal(res.status, 200, `${path}: ${res.status}`);
  return res.json();
}

interface PullItem {
  number: number;
  title: string;
  state: string;
  draft: boolean;
  merged: boolean;
  author: string | null;
  head: string;
  base: string;
  body: string | null;
}

// monalisa has write access to sim-org/api.
for (const identity of identities('monalisa')) describe(`pull_requests toolset (${identity.label})`, () => {
  let sim: Simulator;
  let server: ServerHandle;

  before(async () => {
    sim = await startSimulator();
    server = await serverFor(sim, `toolsets pull_requests ${identity.label}`, identity.env(sim));
  });
  after(async () => {
    await server.close();
    await sim.close();
  });

  it('list_pull_requests filters by state, head and base', async () => {
    const { simOrgApi } = sim.fixtures;
    const open = await actsAs(sim, identity, sim.fixtures.installations.simOrg, () => server.data<Page<PullItem>>('list_pull_requests', api));
    assert.deepEqual(open.items.map((p) => p.number).sort(), [simOrgApi.mergeablePull, simOrgApi.conflictingPull, simOrgApi.draftPull].sort());
    const all = await server.data<Page<PullItem>>('list_pull_requests', { ...api, state: 'all' });
    const merged = all.items.find((p) => p.number === simOrgApi.mergedPull);
    assert.equal(merged?.merged, true);
    assert.equal(all.items.find((p) => p.number === simOrgApi.draftPull)?.draft, true);
    const byHead = await server.data<Page<PullItem>>('list_pull_requests', { ...api, head: 'feature-auth' });
    assert.deepEqual(byHead.items.map((p) => p.head), ['feature-auth']);
    const byBase = await server.data<Page<PullItem>>('list_pull_requests', { ...api, base: 'no-such-base' });
    assert.deepEqual(byBase.items, []);
  });

  it('list_pull_requests pages with hasNextPage true then false', async () => {
    const first = await server.data<Page<PullItem>>('list_pull_requests', { ...api, state: 'all', perPage: 3 });
    assert.equal(first.hasNextPage, true);
    const second = await server.data<Page<PullItem>>('list_pull_requests', { ...api, state: 'all', perPage: 3, page: 2 });
    assert.equal(second.hasNextPage, false);
    assert.equal(first.items.length + second.items.length, 4);
  });

  it('get_pull_request reports mergeability and branch tips', async () => {
    const { mergeablePull, conflictingPull } = sim.fixtures.simOrgApi;
    const pr = await server.data<PullItem & { mergeable: boolean; headSha: string; headRepo: string; changedFiles: number; commits: number }>('get_pull_request', { ...api, pullNumber: mergeablePull });
    assert.equal(pr.mergeable, true);
    assert.equal(pr.head, 'feature-auth');
    assert.equal(pr.headRepo, 'sim-org/api');
    assert.match(pr.headSha, /^[0-9a-f]{40}$/);
    assert.equal(pr.changedFiles, 2);
    assert.equal(pr.commits, 2);
    const conflict = await server.data<{ mergeable: boolean }>('get_pull_request', { ...api, pullNumber: conflictingPull });
    assert.equal(conflict.mergeable, false);
  });

  it('get_pull_request 404 names the pull request', async () => {
    const result = await server.call('get_pull_request', { ...api, pullNumber: 4242 });
    assert.equal(result.isError, true);
    assert.match(textOf(result), /Pull request sim-org\/api#4242 was not found \(404\)/);
  });

  it('get_pull_request_files pages over the changed files', async () => {
    const pullNumber = sim.fixtures.simOrgApi.mergeablePull;
    const first = await server.data<Page<{ filename: string; status: string; patch?: string }>>('get_pull_request_files', { ...api, pullNumber, perPage: 1 });
    assert.equal(first.hasNextPage, true);
    const second = await server.data<Page<{ filename: string; status: string }>>('get_pull_request_files', { ...api, pullNumber, perPage: 1, page: 2 });
    assert.equal(second.hasNextPage, false);
    assert.deepEqual([...first.items, ...second.items].map((f) => `${f.status} ${f.filename}`).sort(), ['added src/auth.ts', 'modified src/index.ts']);
    assert.match(first.items[0].patch ?? '', /^@@ /);
  });

  it('get_pull_request_diff returns the unified diff as text, without structured content', async () => {
    const result = await server.call('get_pull_request_diff', { ...api, pullNumber: sim.fixtures.simOrgApi.mergeablePull });
    assert.ok(!result.isError, textOf(result));
    assert.equal(result.structuredContent, undefined);
    const diff = textOf(result);
    assert.match(diff, /^diff --git a\/src\/auth\.ts b\/src\/auth\.ts$/m);
    assert.match(diff, /^\+  return token\.trim\(\)\.length > 0;$/m);
  });

  it('create_pull_request opens a PR; a huge diff is read in two windows; merge squashes it', async () => {
    await server.data('create_branch', { ...api, branch: 'big-change' });
    await server.data('create_or_update_file', { ...api, branch: 'big-change', path: 'data/big.txt', message: 'Add big file', content: `${'line of data\n'.repeat(10_000)}` });
    const pr = await actsAs(sim, identity, sim.fixtures.installations.simOrg, () =>
      server.data<PullItem>('create_pull_request', { ...api, title: 'Add big file', head: 'big-change', base: 'main', body: 'Big.', draft: false }),
    );
    assert.equal(pr.state, 'open');
    assert.equal(pr.author, identity.author);
    assert.equal(pr.head, 'big-change');

    const diff = textOf(await server.call('get_pull_request_diff', { ...api, pullNumber: pr.number }));
    assert.ok(diff.length < 100_200, `diff of ${diff.length} characters should be windowed`);
    const next = /\n…\[lines 1-(\d+) of (\d+); the next window starts at offset (\d+)\]$/.exec(diff);
    assert.ok(next, `the first window says where the next starts: ${diff.slice(-200)}`);
    assert.equal(next[1], next[3]);
    const rest = textOf(await server.call('get_pull_request_diff', { ...api, pullNumber: pr.number, offset: Number(next[3]) }));
    assert.ok(!rest.includes('the next window starts'), 'the second window reaches the end');
    assert.match(rest, /^\+line of data$/m);

    const merged = await actsAs(sim, identity, sim.fixtures.installations.simOrg, () =>
      server.data<{ merged: boolean; sha: string }>('merge_pull_request', { ...api, pullNumber: pr.number, merge_method: 'squash', commit_title: 'Add big file (squashed)' }),
    );
    assert.equal(merged.merged, true);
    const after = await server.data<PullItem>('get_pull_request', { ...api, pullNumber: pr.number });
    assert.equal(after.merged, true);
    assert.equal(after.state, 'closed');
    const held = await simGet(sim, `/repos/sim-org/api/pulls/${pr.number}`);
    assert.equal(held.merged, true);
    assert.equal(held.merged_by.login, identity.author);
    assert.equal(held.user.login, identity.author);
    const tip = await simGet(sim, '/repos/sim-org/api/commits/main');
    assert.equal(tip.sha, merged.sha);
    assert.equal(tip.commit.message.split('\n')[0], 'Add big file (squashed)');
  });

  it('create_pull_request 422 lists the field errors', async () => {
    const result = await server.call('create_pull_request', { ...api, title: 'x', head: 'no-such-branch', base: 'main' });
    assert.equal(result.isError, true);
    assert.match(textOf(result), /422.*PullRequest\.head invalid/s);
  });

  it('merge_pull_request refuses a conflicting PR and a moved head', async () => {
    const { conflictingPull, mergeablePull } = sim.fixtures.simOrgApi;
    const conflict = await server.call('merge_pull_request', { ...api, pullNumber: conflictingPull });
    assert.equal(conflict.isError, true);
    assert.match(textOf(conflict), /405.*not mergeable/i);
    const moved = await server.call('merge_pull_request', { ...api, pullNumber: mergeablePull, sha: '0'.repeat(40) });
    assert.equal(moved.isError, true);
    assert.match(textOf(moved), /409/);
    const stillOpen = await server.data<PullItem>('get_pull_request', { ...api, pullNumber: mergeablePull });
    assert.equal(stillOpen.merged, false);
  });

  it('on octocat/hello-world neither may merge: monalisa lacks push access, installation 5001 has contents: read', async () => {
    const open = await actsAs(sim, identity, sim.fixtures.installations.octocat, () => server.data<Page<PullItem>>('list_pull_requests', { ...hello, perPage: 1 }));
    const pullNumber = open.items[0].number;
    const refused = await actsAs(sim, identity, sim.fixtures.installations.octocat, () => server.call('merge_pull_request', { ...hello, pullNumber }));
    assert.equal(refused.isError, true);
    assert.match(textOf(refused), identity.isApp ? /403[\s\S]*Resource not accessible by integration/ : /403[\s\S]*Must have push access/);
    const held = await simGet(sim, `/repos/octocat/hello-world/pulls/${pullNumber}`);
    assert.equal(held.merged, false);
    assert.equal(held.state, 'open');
  });

  it('bad arguments are isError results without a crash', async () => {
    for (const args of [{ ...api, pullNumber: -1 }, { ...api, pullNumber: 1, merge_method: 'fast-forward' }, { ...api }]) {
      const result = await server.call('merge_pull_request', args);
      assert.equal(result.isError, true, JSON.stringify(args));
    }
    assert.equal((await server.data<PullItem>('get_pull_request', { ...api, pullNumber: 1 })).number, 1);
  });
});
