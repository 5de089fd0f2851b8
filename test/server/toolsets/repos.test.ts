import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { textOf, type ServerHandle } from '../../support/serverHarness';
import { appEnv, serverFor, startSimulator, type Simulator } from '../../support/simServer';

const hello = { owner: 'octocat', repo: 'hello-world' };
const api = { owner: 'sim-org', repo: 'api' };

interface Page<T> {
  items: T[];
  page: number;
  perPage: number;
  hasNextPage: boolean;
  totalCount?: number;
}

describe('repos toolset', () => {
  let sim: Simulator;
  let server: ServerHandle;

  before(async () => {
    sim = await startSimulator();
    server = await serverFor(sim, 'toolsets repos', { GITHUB_TOKEN: sim.createPersonalToken('octocat', { scopes: ['repo'] }), GITHUB_TOOLSETS: 'default,requests' });
  });
  after(async () => {
    await server.close();
    await sim.close();
  });

  it('get_repository returns a lean summary with permissions, not the whole payload', async () => {
    const repo = await server.data<Record<string, unknown>>('get_repository', hello);
    assert.equal(repo.fullName, 'octocat/hello-world');
    assert.equal(repo.defaultBranch, 'main');
    assert.deepEqual(repo.topics, ['example', 'octocat']);
    assert.equal((repo.permissions as Record<string, boolean>).push, true);
    assert.equal(repo.owner, undefined, 'no nested owner object');
  });

  it('get_repository 404 names the repository', async () => {
    const result = await server.call('get_repository', { owner: 'octocat', repo: 'no-such-repo' });
    assert.equal(result.isError, true);
    assert.match(textOf(result), /Repository octocat\/no-such-repo was not found \(404\)/);
  });

  it('search_repositories pages with hasNextPage from the Link header', async () => {
    const first = await server.data<Page<{ fullName: string }>>('search_repositories', { query: 'org:sim-org', perPage: 20 });
    assert.equal(first.hasNextPage, true);
    assert.equal(first.items.length, 20);
    assert.ok(first.items.every((r) => r.fullName.startsWith('sim-org/')));
    const last = Math.ceil((first.totalCount ?? 0) / 20);
    const final = await server.data<Page<{ fullName: string }>>('search_repositories', { query: 'org:sim-org', perPage: 20, page: last });
    assert.equal(final.hasNextPage, false);
    assert.ok(final.items.length > 0);
  });

  it('get_file_contents decodes a text file and lists a directory', async () => {
    const file = await server.data<{ type: string; encoding: string; content: string; sha: string }>('get_file_contents', { ...hello, path: 'src/hello.js' });
    assert.equal(file.type, 'file');
    assert.equal(file.encoding, 'utf-8');
    assert.match(file.content, /Hello, \$\{name\}!/);
    assert.match(file.sha, /^[0-9a-f]{40}$/);
    const root = await server.data<{ type: string; entries: Array<{ name: string; type: string }> }>('get_file_contents', hello);
    assert.equal(root.type, 'dir');
    assert.deepEqual(
      root.entries.map((e) => `${e.type}:${e.name}`).sort(),
      ['dir:docs', 'dir:src', 'file:LICENSE', 'file:README.md'],
    );
  });

  it('get_file_contents at an older ref, and a 404 that names the path', async () => {
    const old = await server.data<{ content: string }>('get_file_contents', { ...api, path: 'package.json', ref: 'fix-typo' });
    assert.match(old.content, /"version": "1\.0\.1"/);
    const missing = await server.call('get_file_contents', { ...hello, path: 'nope/missing.txt' });
    assert.equal(missing.isError, true);
    assert.match(textOf(missing), /Path nope\/missing\.txt in octocat\/hello-world was not found \(404\)/);
  });

  it('list_branches and list_commits page through history', async () => {
    const branches = await server.data<Page<{ name: string; sha: string }>>('list_branches', api);
    assert.deepEqual(branches.items.map((b) => b.name).sort(), ['conflict-readme', 'feature-auth', 'fix-typo', 'main', 'wip-docs']);
    const first = await server.data<Page<{ sha: string; message: string; author: string }>>('list_commits', { ...hello, perPage: 2 });
    assert.equal(first.hasNextPage, true);
    assert.deepEqual(first.items.map((c) => c.message), ['Add license', 'Greet by name']);
    const second = await server.data<Page<{ message: string }>>('list_commits', { ...hello, perPage: 2, page: 2 });
    assert.equal(second.hasNextPage, false);
    assert.deepEqual(second.items.map((c) => c.message), ['Initial commit']);
  });

  it('get_commit lists changed files with patches', async () => {
    const commit = await server.data<{ message: string; author: string; parents: string[]; files: Array<{ filename: string; status: string; additions: number; deletions: number; patch?: string }> }>(
      'get_commit',
      { ...api, sha: 'feature-auth' },
    );
    assert.equal(commit.message, 'Trim tokens');
    assert.equal(commit.author, 'monalisa');
    assert.equal(commit.parents.length, 1);
    assert.deepEqual(commit.files.map((f) => [f.filename, f.status, f.additions, f.deletions]), [['src/auth.ts', 'modified', 1, 1]]);
    assert.match(commit.files[0].patch ?? '', /\+  return token\.trim\(\)\.length > 0;/);
  });

  it('create_or_update_file creates, refuses to overwrite without sha, then updates with it', async () => {
    const args = { ...hello, path: 'notes/tool-test.md', message: 'Add notes' };
    const created = await server.data<{ created: boolean; sha: string; commit: { sha: string } }>('create_or_update_file', { ...args, content: 'Grüße\n' });
    assert.equal(created.created, true);
    const read = await server.data<{ content: string; sha: string }>('get_file_contents', { ...hello, path: 'notes/tool-test.md' });
    assert.equal(read.content, 'Grüße\n', 'content is base64-encoded UTF-8 on the way in');

    const refused = await server.call('create_or_update_file', { ...args, content: 'clobber' });
    assert.equal(refused.isError, true);
    assert.match(textOf(refused), /File notes\/tool-test\.md in octocat\/hello-world already exists.*get_file_contents.*sha/);

    const updated = await server.data<{ created: boolean; sha: string }>('create_or_update_file', { ...args, content: 'v2\n', message: 'Update notes', sha: read.sha });
    assert.equal(updated.created, false);
    assert.notEqual(updated.sha, read.sha);
  });

  it('get_file_contents reports binary files by size and cuts huge text with a marker', async () => {
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0xff, 0xfe]);
    await server.data('github_request', { method: 'PUT', path: '/repos/octocat/hello-world/contents/media/logo.png', body: { message: 'Add logo', content: bytes.toString('base64') } });
    const binary = await server.data<{ encoding: string; size: number; content?: string; note: string }>('get_file_contents', { ...hello, path: 'media/logo.png' });
    assert.equal(binary.encoding, 'binary');
    assert.equal(binary.size, bytes.length);
    assert.equal(binary.content, undefined);
    assert.match(binary.note, /Binary file \(14 bytes\)/);

    const line = 'The quick brown fox jumps over the lazy dog.\n';
    const huge = line.repeat(Math.ceil(150_000 / line.length));
    await server.data('create_or_update_file', { ...hello, path: 'docs/huge.txt', message: 'Add huge file', content: huge });
    type Windowed = { content: string; size: number; window: { offset: number; lines: number; totalLines: number; nextOffset?: number } };
    const first = await server.data<Windowed>('get_file_contents', { ...hello, path: 'docs/huge.txt' });
    assert.equal(first.size, huge.length);
    assert.ok(first.content.length <= 100_000 && first.content.endsWith('\n'), 'a window holds whole lines, within the character budget');
    assert.equal(first.window.totalLines, huge.split('\n').length - 1);
    assert.equal(first.window.nextOffset, first.window.lines);
    const rest = await server.data<Windowed>('get_file_contents', { ...hello, path: 'docs/huge.txt', offset: first.window.nextOffset });
    assert.equal(rest.window.nextOffset, undefined, 'the second window reaches the end');
    assert.equal(first.content + rest.content, huge, 'the windows join up to the file');
    const three = await server.data<Windowed>('get_file_contents', { ...hello, path: 'docs/huge.txt', offset: 10, limit: 3 });
    assert.equal(three.content, line.repeat(3));
    assert.deepEqual(three.window, { offset: 10, lines: 3, totalLines: first.window.totalLines, nextOffset: 13 });
  });

  it('create_branch starts from the default branch, and a second time is a 422', async () => {
    const main = await server.data<Page<{ name: string; sha: string }>>('list_branches', hello);
    const mainSha = main.items.find((b) => b.name === 'main')?.sha;
    const branch = await server.data<{ sha: string; fromBranch: string; ref: string }>('create_branch', { ...hello, branch: 'tool-test-branch' });
    assert.equal(branch.fromBranch, 'main');
    assert.equal(branch.sha, mainSha);
    assert.equal(branch.ref, 'refs/heads/tool-test-branch');
    const again = await server.call('create_branch', { ...hello, branch: 'tool-test-branch' });
    assert.equal(again.isError, true);
    assert.match(textOf(again), /422.*already exists/i);
  });

  it('create_branch from a missing branch names it', async () => {
    const result = await server.call('create_branch', { ...hello, branch: 'x', from_branch: 'no-such-branch' });
    assert.equal(result.isError, true);
    assert.match(textOf(result), /no-such-branch/);
  });

  it('bad arguments are isError results, and the server keeps serving', async () => {
    for (const args of [{ owner: 'octocat' }, { ...hello, path: 7 }, { ...hello, ref: 5 }]) {
      const result = await server.call('get_file_contents', args);
      assert.equal(result.isError, true, JSON.stringify(args));
    }
    assert.equal((await server.data<{ fullName: string }>('get_repository', hello)).fullName, 'octocat/hello-world');
  });
});

describe('repos toolset with App auth (no pinned installation)', () => {
  let sim: Simulator;
  let server: ServerHandle;

  before(async () => {
    sim = await startSimulator();
    server = await serverFor(sim, 'toolsets repos app', appEnv(sim));
  });
  after(async () => {
    await server.close();
    await sim.close();
  });

  it('acts on a repository as the installation covering it', async () => {
    const repo = await server.data<{ fullName: string }>('get_repository', hello);
    assert.equal(repo.fullName, 'octocat/hello-world');
    assert.ok(sim.stats.tokensMinted(sim.fixtures.installations.octocat) >= 1, 'minted a token for the octocat installation');
  });

  it('search_repositories picks the installation from a user: qualifier', async () => {
    const before = sim.stats.tokensMinted(sim.fixtures.installations.simOrg);
    const found = await server.data<Page<{ fullName: string }>>('search_repositories', { query: 'user:sim-org api', perPage: 5 });
    assert.ok(found.items.some((r) => r.fullName === 'sim-org/api'));
    assert.equal(sim.stats.tokensMinted(sim.fixtures.installations.simOrg), before + 1);
  });
});
