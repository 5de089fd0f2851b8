import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { textOf, type ServerHandle } from '../../support/serverHarness';
import { appEnv, serverFor, startSimulator, type Simulator } from '../../support/simServer';

// The git toolset (get_repository_tree) and the Git data tools of repos (push_files,
// delete_file, delete_branch, compare_commits, list_tags, get_tag), each under a PAT and an
// unpinned GitHub App (installation 5002 covers sim-org), with the simulator's end state read
// back through its REST API.

const api = { owner: 'sim-org', repo: 'api' };
const web = { owner: 'sim-org', repo: 'web' };

interface Push {
  branch: string;
  commitSha: string;
  htmlUrl: string;
  files: string[];
  createdBranch: boolean;
  initialCommitSha?: string;
}
interface Tree {
  sha: string;
  entries: Array<{ path: string; type: string; mode: string; sha: string; size?: number }>;
  offset: number;
  limit: number;
  total: number;
  remaining: number;
  githubTruncated: boolean;
}
interface Comparison {
  status: string;
  aheadBy: number;
  behindBy: number;
  totalCommits: number;
  baseSha: string;
  mergeBaseSha: string;
  commits: Array<{ sha: string; message: string }>;
  hasNextPage: boolean;
  files?: Array<{ filename: string; status: string; additions: number; patch?: string }>;
  fileTotal?: number;
  fileRemaining?: number;
}

/** Reads the simulator's state as GitHub would show it, with a token of its own. */
async function rest(sim: Simulator, token: string, path: string): Promise<{ status: number; json: any }> {
  const res = await fetch(`${sim.apiUrl}${path}`, { headers: { authorization: `token ${token}`, accept: 'application/vnd.github+json' } });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

describe('git data tools', () => {
  let sim: Simulator;
  let reader: string;
  const servers: Record<'pat' | 'app', ServerHandle> = {} as never;

  before(async () => {
    sim = await startSimulator();
    reader = sim.createPersonalToken('octocat', { scopes: ['repo'] });
    // monalisa may write to every sim-org repository; the App's installation 5002 covers them all.
    [servers.pat, servers.app] = await Promise.all([
      serverFor(sim, 'toolsets git pat', { GITHUB_TOKEN: sim.createPersonalToken('monalisa', { scopes: ['repo'] }) }),
      serverFor(sim, 'toolsets git app', appEnv(sim)),
    ]);
  });
  after(async () => {
    await Promise.all(Object.values(servers).map((s) => s?.close()));
    await sim.close();
  });

  for (const who of ['pat', 'app'] as const) {
    it(`${who}: create branch -> push three files in one commit -> compare with base -> tree shows them`, async () => {
      const server = servers[who];
      const branch = `flow-${who}`;
      const mainSha = (await rest(sim, reader, '/repos/sim-org/api/git/ref/heads/main')).json.object.sha;
      await server.data('create_branch', { ...api, branch });
      const files = [
        { path: `flow/${who}/one.md`, content: '# one\n' },
        { path: `flow/${who}/deeper/two.txt`, content: 'two\nlines\n' },
        { path: 'README.md', content: `# api\n\nRewritten by ${who}.\n` },
      ];
      const push = await server.data<Push>('push_files', { ...api, branch, files, message: `Three files by ${who}` });
      assert.equal(push.createdBranch, false);
      assert.deepEqual(push.files, files.map((f) => f.path));
      assert.match(push.htmlUrl, new RegExp(`/sim-org/api/commit/${push.commitSha}$`));

      // The simulator's end state: one new commit on the branch, parent main, holding all three files.
      const tip = await rest(sim, reader, `/repos/sim-org/api/git/ref/heads/${branch}`);
      assert.equal(tip.json.object.sha, push.commitSha);
      const commit = await rest(sim, reader, `/repos/sim-org/api/git/commits/${push.commitSha}`);
      assert.deepEqual(commit.json.parents.map((p: { sha: string }) => p.sha), [mainSha]);
      assert.equal(commit.json.message, `Three files by ${who}`);
      for (const f of files) {
        const content = await rest(sim, reader, `/repos/sim-org/api/contents/${f.path}?ref=${branch}`);
        assert.equal(Buffer.from(content.json.content, 'base64').toString('utf8'), f.content, f.path);
      }
      assert.equal((await rest(sim, reader, '/repos/sim-org/api/git/ref/heads/main')).json.object.sha, mainSha, 'main did not move');

      const cmp = await server.data<Comparison>('compare_commits', { ...api, base: 'main', head: branch });
      assert.equal(cmp.status, 'ahead');
      assert.equal(cmp.aheadBy, 1);
      assert.equal(cmp.behindBy, 0);
      assert.equal(cmp.mergeBaseSha, mainSha);
      assert.equal(cmp.baseSha, mainSha);
      assert.deepEqual(cmp.commits.map((c) => c.sha), [push.commitSha]);
      assert.deepEqual(cmp.files?.map((f) => `${f.status} ${f.filename}`).sort(), [`added flow/${who}/deeper/two.txt`, `added flow/${who}/one.md`, 'modified README.md']);
      assert.equal(cmp.files?.find((f) => f.filename === `flow/${who}/deeper/two.txt`)?.additions, 2);
      assert.match(cmp.files?.find((f) => f.filename === 'README.md')?.patch ?? '', new RegExp(`\\+Rewritten by ${who}\\.`));

      const tree = await server.data<Tree>('get_repository_tree', { ...api, tree_sha: branch, recursive: true, path_filter: `flow/${who}/` });
      assert.equal(tree.sha, commit.json.tree.sha);
      assert.equal(tree.githubTruncated, false);
      assert.deepEqual(tree.entries.map((e) => `${e.type} ${e.path}`), [`tree flow/${who}/deeper`, `blob flow/${who}/deeper/two.txt`, `blob flow/${who}/one.md`]);
      const one = tree.entries.find((e) => e.path === `flow/${who}/one.md`);
      assert.equal(one?.size, 6);
      assert.equal(one?.mode, '100644');
      const blob = await rest(sim, reader, `/repos/sim-org/api/git/blobs/${one?.sha}`);
      assert.equal(Buffer.from(blob.json.content, 'base64').toString('utf8'), '# one\n');
    });

    it(`${who}: push_files creates a missing branch from the default branch`, async () => {
      const branch = `fresh-${who}`;
      const mainSha = (await rest(sim, reader, '/repos/sim-org/web/git/ref/heads/main')).json.object.sha;
      assert.equal((await rest(sim, reader, `/repos/sim-org/web/git/ref/heads/${branch}`)).status, 404);
      const push = await servers[who].data<Push>('push_files', { ...web, branch, files: [{ path: 'a.txt', content: 'a\n' }, { path: 'b/c.txt', content: 'c\n' }], message: 'New branch' });
      assert.equal(push.createdBranch, true);
      const commit = await rest(sim, reader, `/repos/sim-org/web/git/commits/${push.commitSha}`);
      assert.deepEqual(commit.json.parents.map((p: { sha: string }) => p.sha), [mainSha]);
      assert.equal((await rest(sim, reader, `/repos/sim-org/web/git/ref/heads/${branch}`)).json.object.sha, push.commitSha);
    });

    it(`${who}: delete_file deletes with the sha it looks up, and names a missing file`, async () => {
      const server = servers[who];
      const branch = `delete-${who}`;
      await server.data('push_files', { ...web, branch, files: [{ path: 'doomed.txt', content: 'bye\n' }], message: 'Add a file to delete' });
      const before = await rest(sim, reader, `/repos/sim-org/web/contents/doomed.txt?ref=${branch}`);
      const deleted = await server.data<{ path: string; deletedSha: string; commit: { sha: string; message: string } }>('delete_file', { ...web, path: 'doomed.txt', message: 'Remove it', branch });
      assert.equal(deleted.deletedSha, before.json.sha);
      assert.equal(deleted.commit.message, 'Remove it');
      assert.equal((await rest(sim, reader, `/repos/sim-org/web/contents/doomed.txt?ref=${branch}`)).status, 404);
      assert.equal((await rest(sim, reader, `/repos/sim-org/web/git/ref/heads/${branch}`)).json.object.sha, deleted.commit.sha);
      const again = await server.call('delete_file', { ...web, path: 'doomed.txt', message: 'Again', branch });
      assert.equal(again.isError, true);
      assert.match(textOf(again), /File doomed\.txt in sim-org\/web on delete-\w+ was not found \(404\)/);
    });

    it(`${who}: delete_file with a stale sha is refused and deletes nothing`, async () => {
      const result = await servers[who].call('delete_file', { ...api, path: 'package.json', message: 'Stale', sha: 'f'.repeat(40) });
      assert.equal(result.isError, true);
      assert.match(textOf(result), /409/);
      assert.equal((await rest(sim, reader, '/repos/sim-org/api/contents/package.json')).status, 200);
    });

    it(`${who}: delete_branch deletes, and refuses the default and protected branches before asking GitHub`, async () => {
      const server = servers[who];
      const branch = `gone-${who}`;
      await server.data('create_branch', { ...web, branch });
      const tipSha = (await rest(sim, reader, `/repos/sim-org/web/git/ref/heads/${branch}`)).json.object.sha;
      const deleted = await server.data<{ branch: string; deleted: boolean; sha: string }>('delete_branch', { ...web, branch });
      assert.deepEqual(deleted, { branch, deleted: true, sha: tipSha });
      assert.equal((await rest(sim, reader, `/repos/sim-org/web/git/ref/heads/${branch}`)).status, 404);

      sim.stats.reset();
      const main = await server.call('delete_branch', { ...web, branch: 'main' });
      assert.equal(main.isError, true);
      assert.match(textOf(main), /Branch main is the default branch of sim-org\/web; it cannot be deleted/);
      const release = await server.call('delete_branch', { ...web, branch: 'release' });
      assert.equal(release.isError, true);
      assert.match(textOf(release), /Branch release of sim-org\/web is protected; remove its branch protection first/);
      assert.equal(sim.stats.requests.filter((r) => r.method === 'DELETE').length, 0, 'no DELETE reached GitHub');
      assert.equal((await rest(sim, reader, '/repos/sim-org/web/git/ref/heads/release')).status, 200);

      const missing = await server.call('delete_branch', { ...web, branch: 'no-such-branch' });
      assert.equal(missing.isError, true);
      assert.match(textOf(missing), /Branch no-such-branch of sim-org\/web was not found \(404\)/);
    });

    it(`${who}: list_tags and get_tag tell annotated from lightweight tags`, async () => {
      const server = servers[who];
      const tags = await server.data<{ items: Array<{ name: string; sha: string }>; hasNextPage: boolean }>('list_tags', api);
      const names = tags.items.map((t) => t.name);
      assert.ok(names.includes('v1.0.0') && names.includes('v1.0.1'), names.join(', '));
      assert.ok(names.indexOf('v1.0.1') < names.indexOf('v1.0.0'), 'newest first');
      const firstCommit = (await rest(sim, reader, '/repos/sim-org/api/commits?per_page=100')).json.at(-1).sha;
      assert.equal(tags.items.find((t) => t.name === 'v1.0.0')?.sha, firstCommit, 'the annotated tag lists the commit, not the tag object');

      const annotated = await server.data<{ annotated: boolean; tagSha: string; message: string; tagger: { name: string }; target: { sha: string; type: string } }>('get_tag', { ...api, tag: 'v1.0.0' });
      assert.equal(annotated.annotated, true);
      assert.equal(annotated.message, 'First release\n');
      assert.equal(annotated.tagger.name, 'The Octocat');
      assert.deepEqual(annotated.target, { sha: firstCommit, type: 'commit' });
      assert.notEqual(annotated.tagSha, firstCommit);
      const light = await server.data<{ annotated: boolean; tagSha?: string; target: { sha: string; type: string } }>('get_tag', { ...api, tag: 'v1.0.1' });
      assert.equal(light.annotated, false);
      assert.equal(light.tagSha, undefined);
      assert.equal(light.target.type, 'commit');
      assert.equal(light.target.sha, tags.items.find((t) => t.name === 'v1.0.1')?.sha);
      const missing = await server.call('get_tag', { ...api, tag: 'v9.9.9' });
      assert.equal(missing.isError, true);
      assert.match(textOf(missing), /Tag v9\.9\.9 of sim-org\/api was not found \(404\)/);
    });
  }

  it('get_repository_tree windows the entries and reports what remains', async () => {
    const server = servers.app;
    const all = await server.data<Tree>('get_repository_tree', { ...api, recursive: true, limit: 1000 });
    assert.deepEqual(all.entries.map((e) => `${e.type} ${e.path}`), ['blob README.md', 'blob package.json', 'tree src', 'blob src/index.ts']);
    assert.equal(all.total, 4);
    const first = await server.data<Tree>('get_repository_tree', { ...api, recursive: true, limit: 3 });
    assert.deepEqual(first.entries, all.entries.slice(0, 3));
    assert.equal(first.remaining, all.total - 3);
    const rest2 = await server.data<Tree>('get_repository_tree', { ...api, recursive: true, offset: 3, limit: 1000 });
    assert.deepEqual(rest2.entries, all.entries.slice(3));
    assert.equal(rest2.remaining, 0);
    const top = await server.data<Tree>('get_repository_tree', { ...api, tree_sha: 'v1.0.0' });
    assert.deepEqual(top.entries.map((e) => `${e.type} ${e.path}`), ['blob README.md', 'blob package.json', 'tree src']);
    const src = await server.data<Tree>('get_repository_tree', { ...api, tree_sha: top.entries[2].sha });
    assert.deepEqual(src.entries.map((e) => e.path), ['index.ts'], 'a subtree by its sha lists paths relative to it');
    const missing = await server.call('get_repository_tree', { ...api, tree_sha: 'no-such-ref' });
    assert.equal(missing.isError, true);
    assert.match(textOf(missing), /Tree no-such-ref of sim-org\/api was not found \(404\)/);
  });

  it('get_repository_tree says when GitHub cut the listing', async () => {
    sim.hostile.when('/repos/sim-org/api/git/trees/main', {
      kind: 'raw',
      status: 200,
      body: JSON.stringify({ sha: 'a'.repeat(40), url: 'u', truncated: true, tree: [{ path: 'x', mode: '100644', type: 'blob', sha: 'b'.repeat(40), size: 1 }] }),
    });
    const tree = await servers.pat.data<Tree>('get_repository_tree', { ...api, recursive: true });
    assert.equal(tree.githubTruncated, true);
    assert.equal(tree.total, 1);
  });

  it('compare_commits pages commits, windows files and reports divergence', async () => {
    const server = servers.pat;
    // feature-auth has 2 commits main lacks; main has moved on since (a merge and a README change).
    const page1 = await server.data<Comparison>('compare_commits', { ...api, base: 'main', head: 'feature-auth', perPage: 1, fileLimit: 1 });
    assert.equal(page1.status, 'diverged');
    assert.equal(page1.aheadBy, 2);
    assert.ok(page1.behindBy > 0);
    assert.deepEqual(page1.commits.map((c) => c.message), ['Add token auth']);
    assert.equal(page1.hasNextPage, true);
    assert.equal(page1.files?.length, 1);
    assert.equal(page1.fileTotal, 2);
    assert.equal(page1.fileRemaining, 1);
    const page2 = await server.data<Comparison>('compare_commits', { ...api, base: 'main', head: 'feature-auth', perPage: 1, page: 2, fileOffset: 1 });
    assert.deepEqual(page2.commits.map((c) => c.message), ['Trim tokens']);
    assert.equal(page2.hasNextPage, false);
    assert.equal(page2.fileRemaining, 0);
    const same = await server.data<Comparison>('compare_commits', { ...api, base: 'main', head: 'main' });
    assert.equal(same.status, 'identical');
    const behind = await server.data<Comparison>('compare_commits', { ...api, base: 'main', head: 'v1.0.0' });
    assert.equal(behind.status, 'behind');
    assert.equal(behind.aheadBy, 0);
    const missing = await server.call('compare_commits', { ...api, base: 'main', head: 'no-such-branch' });
    assert.equal(missing.isError, true);
    assert.match(textOf(missing), /Comparison main\.\.\.no-such-branch in sim-org\/api was not found \(404\)/);
  });

  it('push_files into an empty repository (PAT, default branch): the first commit, then one with the rest', async () => {
    const empty = { owner: 'sim-org', repo: 'empty' };
    const tree = await servers.pat.call('get_repository_tree', empty);
    assert.equal(tree.isError, true);
    assert.match(textOf(tree), /Repository sim-org\/empty is empty: it has no commit/);
    const files = [
      { path: 'README.md', content: '# empty no more\n' },
      { path: 'src/main.ts', content: 'export {};\n' },
      { path: 'docs/guide.md', content: '# Guide\n' },
    ];
    const push = await servers.pat.data<Push>('push_files', { ...empty, branch: 'main', files, message: 'Start the project' });
    assert.equal(push.createdBranch, false);
    assert.match(push.initialCommitSha ?? '', /^[0-9a-f]{40}$/);
    assert.equal((await rest(sim, reader, '/repos/sim-org/empty/git/ref/heads/main')).json.object.sha, push.commitSha);
    const commit = await rest(sim, reader, `/repos/sim-org/empty/git/commits/${push.commitSha}`);
    assert.deepEqual(commit.json.parents.map((p: { sha: string }) => p.sha), [push.initialCommitSha]);
    const first = await rest(sim, reader, `/repos/sim-org/empty/git/commits/${push.initialCommitSha}`);
    assert.deepEqual(first.json.parents, []);
    const listed = await servers.pat.data<Tree>('get_repository_tree', { ...empty, recursive: true });
    assert.deepEqual(listed.entries.filter((e) => e.type === 'blob').map((e) => e.path), ['README.md', 'docs/guide.md', 'src/main.ts']);
  });

  it('push_files into an empty repository (App, a new branch): the branch starts at the first commit', async () => {
    const fresh = await startSimulator();
    const server = await serverFor(fresh, 'toolsets git app empty', appEnv(fresh));
    try {
      const token = fresh.createPersonalToken('octocat', { scopes: ['repo'] });
      const empty = { owner: 'sim-org', repo: 'empty' };
      const one = await server.data<Push>('push_files', { ...empty, branch: 'feature', files: [{ path: 'only.txt', content: 'one\n' }], message: 'Just one' });
      assert.equal(one.createdBranch, true);
      assert.equal(one.commitSha, one.initialCommitSha ?? one.commitSha);
      const main = await rest(fresh, token, '/repos/sim-org/empty/git/ref/heads/main');
      const feature = await rest(fresh, token, '/repos/sim-org/empty/git/ref/heads/feature');
      assert.equal(main.json.object.sha, one.commitSha, 'the first commit lands on the default branch');
      assert.equal(feature.json.object.sha, one.commitSha);
      const commit = await rest(fresh, token, `/repos/sim-org/empty/git/commits/${one.commitSha}`);
      assert.equal(commit.json.author.name !== undefined, true);
      assert.equal((await rest(fresh, token, '/repos/sim-org/empty/contents/only.txt?ref=feature')).status, 200);
    } finally {
      await server.close();
      await fresh.close();
    }
  });

  it('push_files refuses bad file paths and duplicates before any request', async () => {
    sim.stats.reset();
    for (const [files, pattern] of [
      [[{ path: '../escape.txt', content: 'x' }], /files\[0\]: must be a path without "\." or "\.\." segments/],
      [[{ path: 'a.txt', content: 'x' }, { path: '/a.txt', content: 'y' }], /files\[1\]: a\.txt is listed twice/],
    ] as const) {
      const result = await servers.pat.call('push_files', { ...api, branch: 'main', files, message: 'Bad' });
      assert.equal(result.isError, true);
      assert.match(textOf(result), pattern);
    }
    assert.equal(sim.stats.requests.length, 0);
  });

  it('push_files: GitHub\'s 422 for a path it refuses leaves the branch where it was', async () => {
    const before = (await rest(sim, reader, '/repos/sim-org/web/git/ref/heads/main')).json.object.sha;
    const result = await servers.app.call('push_files', { ...web, branch: 'main', files: [{ path: 'ok.txt', content: 'ok' }, { path: '.git/hooks/post-checkout', content: 'x' }], message: 'Sneaky' });
    assert.equal(result.isError, true);
    assert.match(textOf(result), /422/);
    assert.match(textOf(result), /malformed path component/);
    assert.equal((await rest(sim, reader, '/repos/sim-org/web/git/ref/heads/main')).json.object.sha, before);
  });

  it('an installation that does not cover the repository gets 404, not another installation', async () => {
    const result = await servers.app.call('list_tags', { owner: 'hubot', repo: 'scripts' });
    assert.equal(result.isError, true);
    assert.match(textOf(result), /hubot\/scripts/);
  });

  it('read-only mode hides push_files, delete_file and delete_branch and keeps the reads', async () => {
    const server = await serverFor(sim, 'toolsets git read-only', { GITHUB_TOKEN: sim.createPersonalToken('monalisa', { scopes: ['repo'] }), GITHUB_READ_ONLY: '1' });
    try {
      const names = server.tools.map((t) => t.name);
      for (const write of ['push_files', 'delete_file', 'delete_branch']) assert.ok(!names.includes(write), write);
      for (const read of ['get_repository_tree', 'compare_commits', 'list_tags', 'get_tag']) assert.ok(names.includes(read), read);
      const refused = await server.call('push_files', { ...api, branch: 'main', files: [{ path: 'x', content: 'x' }], message: 'No' });
      assert.equal(refused.isError, true);
    } finally {
      await server.close();
    }
  });
});
