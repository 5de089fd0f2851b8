import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '../../simulator/index';
import { call } from './helpers';

const b64 = (text: string) => Buffer.from(text).toString('base64');

describe('simulator: issues, contents, refs and pull requests', () => {
  let sim: Simulator;
  let auth: string;
  before(async () => {
    sim = await startSimulator();
    auth = `token ${sim.createPersonalToken('octocat')}`;
  });
  after(() => sim.close());

  it('validates and creates issues, which later reads see', async () => {
    const missing = await call(sim, '/repos/octocat/hello-world/issues', { method: 'POST', auth, body: { body: 'no title' } });
    assert.equal(missing.status, 422);
    assert.deepEqual(missing.json, { message: 'Validation Failed', errors: [{ resource: 'Issue', code: 'missing_field', field: 'title' }], documentation_url: 'https://docs.github.com/rest', status: '422' });
    const created = await call(sim, '/repos/octocat/hello-world/issues', { method: 'POST', auth, body: { title: 'New bug', labels: ['bug'], assignees: ['octocat'] } });
    assert.equal(created.status, 201);
    assert.equal(created.json.number, 121);
    assert.deepEqual(created.json.labels.map((l: { name: string }) => l.name), ['bug']);
    const read = await call(sim, '/repos/octocat/hello-world/issues/121', { auth });
    assert.equal(read.json.title, 'New bug');
    assert.equal(read.json.assignee.login, 'octocat');
    const comment = await call(sim, '/repos/octocat/hello-world/issues/121/comments', { method: 'POST', auth, body: { body: 'First!' } });
    assert.equal(comment.status, 201);
    const comments = await call(sim, '/repos/octocat/hello-world/issues/121/comments', { auth });
    assert.deepEqual(comments.json.map((c: { body: string }) => c.body), ['First!']);
    const closed = await call(sim, '/repos/octocat/hello-world/issues/121', { method: 'PATCH', auth, body: { state: 'closed' } });
    assert.equal(closed.json.state, 'closed');
    assert.equal(closed.json.state_reason, 'completed');
    assert.equal(closed.json.closed_by.login, 'octocat');
  });

  it('filters and sorts the issue list', async () => {
    const bugs = await call(sim, '/repos/octocat/hello-world/issues?state=all&labels=bug&per_page=100', { auth });
    assert.ok(bugs.json.length > 0);
    assert.ok(bugs.json.every((i: { labels: Array<{ name: string }> }) => i.labels.some((l) => l.name === 'bug')));
    const closed = await call(sim, '/repos/octocat/hello-world/issues?state=closed&per_page=100', { auth });
    assert.ok(closed.json.every((i: { state: string }) => i.state === 'closed'));
    const asc = await call(sim, '/repos/octocat/hello-world/issues?state=all&direction=asc&per_page=3', { auth });
    assert.deepEqual(asc.json.map((i: { number: number }) => i.number), [1, 2, 3]);
    const byHubot = await call(sim, '/repos/octocat/hello-world/issues?state=all&creator=hubot&per_page=100', { auth });
    assert.ok(byHubot.json.length > 0 && byHubot.json.every((i: { user: { login: string } }) => i.user.login === 'hubot'));
  });

  it('reads, creates and updates files with GitHub\'s sha rules', async () => {
    const readme = await call(sim, '/repos/octocat/hello-world/contents/README.md', { auth });
    assert.equal(readme.json.type, 'file');
    assert.equal(readme.json.encoding, 'base64');
    assert.match(Buffer.from(readme.json.content, 'base64').toString(), /^# Hello World/);
    const dir = await call(sim, '/repos/octocat/hello-world/contents/src', { auth });
    assert.deepEqual(dir.json.map((e: { name: string; type: string }) => [e.name, e.type]), [['hello.js', 'file']]);
    assert.equal((await call(sim, '/repos/octocat/hello-world/contents/missing.md', { auth })).status, 404);

    const noSha = await call(sim, '/repos/octocat/hello-world/contents/README.md', { method: 'PUT', auth, body: { message: 'edit', content: b64('new') } });
    assert.equal(noSha.status, 422);
    const stale = await call(sim, '/repos/octocat/hello-world/contents/README.md', { method: 'PUT', auth, body: { message: 'edit', content: b64('new'), sha: '0'.repeat(40) } });
    assert.equal(stale.status, 409);
    const updated = await call(sim, '/repos/octocat/hello-world/contents/README.md', { method: 'PUT', auth, body: { message: 'edit readme', content: b64('# New\n'), sha: readme.json.sha } });
    assert.equal(updated.status, 200);
    assert.equal(updated.json.commit.message, 'edit readme');
    const created = await call(sim, '/repos/octocat/hello-world/contents/docs/new.md', { method: 'PUT', auth, body: { message: 'add', content: b64('hi\n') } });
    assert.equal(created.status, 201);
    const reread = await call(sim, '/repos/octocat/hello-world/contents/README.md', { auth });
    assert.equal(Buffer.from(reread.json.content, 'base64').toString(), '# New\n');
    const commit = await call(sim, `/repos/octocat/hello-world/commits/${updated.json.commit.sha}`, { auth });
    assert.deepEqual(commit.json.files.map((f: { filename: string; status: string }) => [f.filename, f.status]), [['README.md', 'modified']]);
    assert.equal(commit.json.stats.additions, 1);
    const log = await call(sim, '/repos/octocat/hello-world/commits?path=README.md', { auth });
    assert.equal(log.json[0].sha, updated.json.commit.sha);
  });

  it('creates branches via git refs and refuses duplicates', async () => {
    const main = await call(sim, '/repos/sim-org/api/git/ref/heads/main', { auth });
    assert.equal(main.status, 200);
    assert.equal(main.json.ref, 'refs/heads/main');
    const sha = main.json.object.sha;
    const created = await call(sim, '/repos/sim-org/api/git/refs', { method: 'POST', auth, body: { ref: 'refs/heads/topic', sha } });
    assert.equal(created.status, 201);
    const dup = await call(sim, '/repos/sim-org/api/git/refs', { method: 'POST', auth, body: { ref: 'refs/heads/topic', sha } });
    assert.equal(dup.status, 422);
    assert.equal(dup.json.message, 'Reference already exists');
    const branches = await call(sim, '/repos/sim-org/api/branches', { auth });
    assert.ok(branches.json.some((b: { name: string; commit: { sha: string } }) => b.name === 'topic' && b.commit.sha === sha));
  });

  it('serves pull requests as JSON and as a diff, with mergeability', async () => {
    const one = await call(sim, '/repos/sim-org/api/pulls/1', { auth });
    assert.equal(one.json.mergeable, true);
    assert.equal(one.json.head.ref, 'feature-auth');
    assert.equal(one.json.changed_files, 2);
    const two = await call(sim, '/repos/sim-org/api/pulls/2', { auth });
    assert.equal(two.json.mergeable, false);
    const diff = await call(sim, '/repos/sim-org/api/pulls/1', { auth, headers: { accept: 'application/vnd.github.v3.diff' } });
    assert.match(diff.headers.get('content-type') ?? '', /^text\/plain/);
    assert.match(diff.text, /^diff --git a\/src\/auth\.ts b\/src\/auth\.ts\nnew file mode 100644/);
    const files = await call(sim, '/repos/sim-org/api/pulls/1/files', { auth });
    assert.deepEqual(files.json.map((f: { filename: string }) => f.filename), ['src/auth.ts', 'src/index.ts']);
    assert.equal((await call(sim, '/repos/sim-org/api/pulls/5', { auth })).status, 404, '#5 is an issue');
  });

  it('creates PRs with GitHub\'s validation and merges them', async () => {
    const same = await call(sim, '/repos/sim-org/api/pulls', { method: 'POST', auth, body: { title: 't', head: 'main', base: 'main' } });
    assert.equal(same.status, 422);
    assert.equal(same.json.errors[0].message, 'No commits between main and main');
    const dup = await call(sim, '/repos/sim-org/api/pulls', { method: 'POST', auth, body: { title: 't', head: 'feature-auth', base: 'main' } });
    assert.equal(dup.status, 422);
    assert.match(dup.json.errors[0].message, /A pull request already exists for sim-org:feature-auth/);

    await call(sim, '/repos/sim-org/api/git/refs', { method: 'POST', auth, body: { ref: 'refs/heads/feature-x', sha: (await call(sim, '/repos/sim-org/api/git/ref/heads/main', { auth })).json.object.sha } });
    await call(sim, '/repos/sim-org/api/contents/x.txt', { method: 'PUT', auth, body: { message: 'x', content: b64('x\n'), branch: 'feature-x' } });
    const pr = await call(sim, '/repos/sim-org/api/pulls', { method: 'POST', auth, body: { title: 'Add x', head: 'feature-x', base: 'main', body: 'adds x' } });
    assert.equal(pr.status, 201);
    const wrongSha = await call(sim, `/repos/sim-org/api/pulls/${pr.json.number}/merge`, { method: 'PUT', auth, body: { sha: '1'.repeat(40) } });
    assert.equal(wrongSha.status, 409);
    const merged = await call(sim, `/repos/sim-org/api/pulls/${pr.json.number}/merge`, { method: 'PUT', auth, body: { merge_method: 'squash', sha: pr.json.head.sha } });
    assert.equal(merged.status, 200);
    assert.equal(merged.json.merged, true);
    const after = await call(sim, `/repos/sim-org/api/pulls/${pr.json.number}`, { auth });
    assert.equal(after.json.merged, true);
    assert.equal(after.json.state, 'closed');
    assert.equal((await call(sim, '/repos/sim-org/api/contents/x.txt', { auth })).status, 200, 'merged file is on main');
    const conflict = await call(sim, '/repos/sim-org/api/pulls/2/merge', { method: 'PUT', auth, body: {} });
    assert.equal(conflict.status, 405);
    assert.equal(conflict.json.message, 'Pull Request is not mergeable');
  });

  it('searches issues, repositories and users', async () => {
    const prs = await call(sim, '/search/issues?q=repo:octocat/hello-world+is:pr', { auth });
    assert.ok(prs.json.total_count >= 12);
    assert.ok(prs.json.items.every((i: { pull_request?: unknown }) => i.pull_request));
    const bugs = await call(sim, `/search/issues?q=${encodeURIComponent('repo:sim-org/api is:issue label:bug 500')}`, { auth });
    assert.deepEqual(bugs.json.items.map((i: { title: string }) => i.title), ['API returns 500 on empty body']);
    const paged = await call(sim, '/search/issues?q=repo:octocat/hello-world', { auth });
    assert.equal(paged.json.items.length, 30);
    assert.match(paged.headers.get('link') ?? '', /rel="next"/);
    const repos = await call(sim, '/search/repositories?q=org:sim-org+service-', { auth });
    assert.equal(repos.json.total_count, 32);
    const anonRepos = await call(sim, '/search/repositories?q=private-repo');
    assert.equal(anonRepos.json.total_count, 0, 'private repos stay hidden');
    const users = await call(sim, '/search/users?q=octo', { auth });
    assert.deepEqual(users.json.items.map((u: { login: string }) => u.login), ['octocat', 'monalisa'], 'matches login or name');
    const orgs = await call(sim, '/search/users?q=org+type:org', { auth });
    assert.equal(orgs.json.total_count, 43);
    assert.equal((await call(sim, '/search/issues', { auth })).status, 422);
  });
});
