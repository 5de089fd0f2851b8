import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { textOf, type ServerHandle } from '../../support/serverHarness';
import { actsAs, identities } from '../../support/identities';
import { serverFor, startSimulator, type Simulator } from '../../support/simServer';

// Every repos tool of repos.ts, as octocat (PAT; owner of hello-world, admin of sim-org) and as the
// unpinned App, which reads hello-world as installation 5001 (contents: read, so its writes there
// are refused) and reads and writes sim-org/api as installation 5002. Writes go to `writable`.

const hello = { owner: 'octocat', repo: 'hello-world' };
const api = { owner: 'sim-org', repo: 'api' };

interface Page<T> {
  items: T[];
  page: number;
  perPage: number;
  hasNextPage: boolean;
  totalCount?: number;
}

/** What the simulator holds, read over its REST API with a token of its own. */
async function simGet(sim: Simulator, path: string): Promise<{ status: number; json: any }> {
  const res = await fetch(`${sim.apiUrl}${path}`, { headers: { authorization: `token ${sim.createPersonalToken('octocat', { scopes: ['repo'] })}` } });
  return { status: res.status, json: await res.json() };
}

for (const identity of identities('octocat')) describe(`repos toolset (${identity.label})`, () => {
  let sim: Simulator;
  let server: ServerHandle;
  const writable = identity.isApp ? api : hello;
  const writableName = `${writable.owner}/${writable.repo}`;
  const installationOf = (target: { owner: string }) => (target.owner === 'octocat' ? sim.fixtures.installations.octocat : sim.fixtures.installations.simOrg);

  before(async () => {
    sim = await startSimulator();
    server = await serverFor(sim, `toolsets repos ${identity.label}`, identity.env(sim, { GITHUB_TOOLSETS: 'default,requests' }));
  });
  after(async () => {
    await server.close();
    await sim.close();
  });

  it('get_repository returns a lean summary with permissions, not the whole payload', async () => {
    const repo = await actsAs(sim, identity, installationOf(hello), () => server.data<Record<string, unknown>>('get_repository', hello));
    assert.equal(repo.fullName, 'octocat/hello-world');
    assert.equal(repo.defaultBranch, 'main');
    assert.deepEqual(repo.topics, ['example', 'octocat']);
    assert.equal((repo.permissions as Record<string, boolean>).push, !identity.isApp, 'the owner may push; installation 5001 has contents: read');
    assert.equal(repo.owner, undefined, 'no nested owner object');
  });

  it('get_repository of a missing repository names it', async () => {
    const result = await server.call('get_repository', { owner: 'octocat', repo: 'no-such-repo' });
    assert.equal(result.isError, true);
    // An App learns which installation covers a repository from GitHub, which says 404 for a missing one.
    assert.match(textOf(result), identity.isApp ? /App is not installed on octocat\/no-such-repo/ : /Repository octocat\/no-such-repo was not found \(404\)/);
  });

  it('search_repositories pages with hasNextPage from the Link header', async () => {
    const first = await actsAs(sim, identity, installationOf(api), () => server.data<Page<{ fullName: string }>>('search_repositories', { query: 'org:sim-org', perPage: 20 }));
    assert.equal(first.hasNextPage, true);
    assert.equal(first.items.length, 20);
    assert.ok(first.items.every((r) => r.fullName.startsWith('sim-org/')));
    const last = Math.ceil((first.totalCount ?? 0) / 20);
    const final = await server.data<Page<{ fullName: string }>>('search_repositories', { query: 'org:sim-org', perPage: 20, page: last });
    assert.equal(final.hasNextPage, false);
    assert.ok(final.items.length > 0);
  });

  it('get_file_contents decodes a text file and lists a directory', async () => {
    const file = await actsAs(sim, identity, installationOf(hello), () =>
      server.data<{ type: string; encoding: string; content: string; sha: string }>('get_file_contents', { ...hello, path: 'src/hello.js' }),
    );
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
    const old = await actsAs(sim, identity, installationOf(api), () => server.data<{ content: string }>('get_file_contents', { ...api, path: 'package.json', ref: 'fix-typo' }));
    assert.match(old.content, /"version": "1\.0\.1"/);
    const missing = await server.call('get_file_contents', { ...hello, path: 'nope/missing.txt' });
    assert.equal(missing.isError, true);
    assert.match(textOf(missing), /Path nope\/missing\.txt in octocat\/hello-world was not found \(404\)/);
  });

  it('list_branches and list_commits page through history', async () => {
    const branches = await actsAs(sim, identity, installationOf(api), () => server.data<Page<{ name: string; sha: string }>>('list_branches', api));
    assert.deepEqual(branches.items.map((b) => b.name).sort(), ['conflict-readme', 'feature-auth', 'fix-typo', 'main', 'wip-docs']);
    const first = await actsAs(sim, identity, installationOf(hello), () => server.data<Page<{ sha: string; message: string; author: string }>>('list_commits', { ...hello, perPage: 2 }));
    assert.equal(first.hasNextPage, true);
    assert.deepEqual(first.items.map((c) => c.message), ['Add license', 'Greet by name']);
    const second = await server.data<Page<{ message: string }>>('list_commits', { ...hello, perPage: 2, page: 2 });
    assert.equal(second.hasNextPage, false);
    assert.deepEqual(second.items.map((c) => c.message), ['Initial commit']);
  });

  it('get_commit lists changed files with patches', async () => {
    type Commit = { message: string; author: string; parents: string[]; files: Array<{ filename: string; status: string; additions: number; deletions: number; patch?: string }> };
    const commit = await actsAs(sim, identity, installationOf(api), () => server.data<Commit>('get_commit', { ...api, sha: 'feature-auth' }));
    assert.equal(commit.message, 'Trim tokens');
    assert.equal(commit.author, 'monalisa');
    assert.equal(commit.parents.length, 1);
    assert.deepEqual(commit.files.map((f) => [f.filename, f.status, f.additions, f.deletions]), [['src/auth.ts', 'modified', 1, 1]]);
    assert.match(commit.files[0].patch ?? '', /\+  return token\.trim\(\)\.length > 0;/);
  });

  it('create_or_update_file creates, refuses to overwrite without sha, then updates with it', async () => {
    const args = { ...writable, path: 'notes/tool-test.md', message: 'Add notes' };
    const created = await actsAs(sim, identity, installationOf(writable), () =>
      server.data<{ created: boolean; sha: string; commit: { sha: string } }>('create_or_update_file', { ...args, content: 'Grüße\n' }),
    );
    assert.equal(created.created, true);
    const commit = await simGet(sim, `/repos/${writableName}/commits/${created.commit.sha}`);
    assert.equal(commit.json.author?.login, identity.author, 'GitHub attributes the commit to the identity');
    const read = await server.data<{ content: string; sha: string }>('get_file_contents', { ...writable, path: 'notes/tool-test.md' });
    assert.equal(read.content, 'Grüße\n', 'content is base64-encoded UTF-8 on the way in');

    const refused = await server.call('create_or_update_file', { ...args, content: 'clobber' });
    assert.equal(refused.isError, true);
    assert.match(textOf(refused), new RegExp(`File notes/tool-test\\.md in ${writableName} already exists.*get_file_contents.*sha`));

    const updated = await server.data<{ created: boolean; sha: string }>('create_or_update_file', { ...args, content: 'v2\n', message: 'Update notes', sha: read.sha });
    assert.equal(updated.created, false);
    assert.notEqual(updated.sha, read.sha);
    const held = await simGet(sim, `/repos/${writableName}/contents/notes/tool-test.md`);
    assert.equal(Buffer.from(held.json.content, 'base64').toString(), 'v2\n');
  });

  it('get_file_contents reports binary files by size and cuts huge text with a marker', async () => {
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0xff, 0xfe]);
    await server.data('github_request', { method: 'PUT', path: `/repos/${writableName}/contents/media/logo.png`, body: { message: 'Add logo', content: bytes.toString('base64') } });
    const binary = await server.data<{ encoding: string; size: number; content?: string; note: string }>('get_file_contents', { ...writable, path: 'media/logo.png' });
    assert.equal(binary.encoding, 'binary');
    assert.equal(binary.size, bytes.length);
    assert.equal(binary.content, undefined);
    assert.match(binary.note, /Binary file \(14 bytes\)/);

    const line = 'The quick brown fox jumps over the lazy dog.\n';
    const huge = line.repeat(Math.ceil(150_000 / line.length));
    await server.data('create_or_update_file', { ...writable, path: 'docs/huge.txt', message: 'Add huge file', content: huge });
    type Windowed = { content: string; size: number; window: { offset: number; lines: number; totalLines: number; nextOffset?: number } };
    const first = await server.data<Windowed>('get_file_contents', { ...writable, path: 'docs/huge.txt' });
    assert.equal(first.size, huge.length);
    assert.ok(first.content.length <= 100_000 && first.content.endsWith('\n'), 'a window holds whole lines, within the character budget');
    assert.equal(first.window.totalLines, huge.split('\n').length - 1);
    assert.equal(first.window.nextOffset, first.window.lines);
    const rest = await server.data<Windowed>('get_file_contents', { ...writable, path: 'docs/huge.txt', offset: first.window.nextOffset });
    assert.equal(rest.window.nextOffset, undefined, 'the second window reaches the end');
    assert.equal(first.content + rest.content, huge, 'the windows join up to the file');
    const three = await server.data<Windowed>('get_file_contents', { ...writable, path: 'docs/huge.txt', offset: 10, limit: 3 });
    assert.equal(three.content, line.repeat(3));
    assert.deepEqual(three.window, { offset: 10, lines: 3, totalLines: first.window.totalLines, nextOffset: 13 });
  });

  it('create_branch starts from the default branch, and a second time is a 422', async () => {
    const main = await server.data<Page<{ name: string; sha: string }>>('list_branches', writable);
    const mainSha = main.items.find((b) => b.name === 'main')?.sha;
    const branch = await actsAs(sim, identity, installationOf(writable), () =>
      server.data<{ sha: string; fromBranch: string; ref: string }>('create_branch', { ...writable, branch: 'tool-test-branch' }),
    );
    assert.equal(branch.fromBranch, 'main');
    assert.equal(branch.sha, mainSha);
    assert.equal(branch.ref, 'refs/heads/tool-test-branch');
    assert.equal((await simGet(sim, `/repos/${writableName}/branches/tool-test-branch`)).json.commit?.sha, mainSha);
    const again = await server.call('create_branch', { ...writable, branch: 'tool-test-branch' });
    assert.equal(again.isError, true);
    assert.match(textOf(again), /422.*already exists/i);
  });

  it('create_branch from a missing branch names it', async () => {
    const result = await server.call('create_branch', { ...writable, branch: 'x', from_branch: 'no-such-branch' });
    assert.equal(result.isError, true);
    assert.match(textOf(result), /no-such-branch/);
  });

  it('writing contents on octocat/hello-world: its owner may; installation 5001 (contents: read) is refused', async () => {
    const branch = await actsAs(sim, identity, installationOf(hello), () => server.call('create_branch', { ...hello, branch: 'who-may' }));
    const file = await server.call('create_or_update_file', { ...hello, path: 'notes/who-may.md', message: 'Who may', content: 'x\n' });
    const heldBranch = await simGet(sim, '/repos/octocat/hello-world/branches/who-may');
    const heldFile = await simGet(sim, '/repos/octocat/hello-world/contents/notes/who-may.md');
    if (identity.isApp) {
      for (const result of [branch, file]) {
        assert.equal(result.isError, true);
        assert.match(textOf(result), /403[\s\S]*Resource not accessible by integration/);
      }
      assert.deepEqual([heldBranch.status, heldFile.status], [404, 404], 'nothing was written');
    } else {
      assert.ok(!branch.isError && !file.isError, `${textOf(branch)} ${textOf(file)}`);
      assert.deepEqual([heldBranch.status, heldFile.status], [200, 200]);
    }
  });

  it('bad arguments are isError results, and the server keeps serving', async () => {
    for (const args of [{ owner: 'octocat' }, { ...hello, path: 7 }, { ...hello, ref: 5 }]) {
      const result = await server.call('get_file_contents', args);
      assert.equal(result.isError, true, JSON.stringify(args));
    }
    assert.equal((await server.data<{ fullName: string }>('get_repository', hello)).fullName, 'octocat/hello-world');
  });
});
