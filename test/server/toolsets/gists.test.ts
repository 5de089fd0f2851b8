import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { textOf, type ServerHandle } from '../../support/serverHarness';
import { appEnv, appUserEnv, serverFor, startSimulator, withServer, type Simulator } from '../../support/simServer';
import { call, mintToken } from '../../unit/simulator/helpers';

// The gists toolset (opt-in) over stdio against the simulator's seeded gists: monalisa has
// "Hello in two languages" (hello.py, hello.rb), "Secret notes" (secret) and "A long log"
// (build.log, 1.5 MB, which GitHub cuts at 1 MB); octocat has one. As monalisa with a classic
// PAT (scope gist) and with a GitHub App user token; every write is read back from the
// simulator. Under the unpinned App every tool refuses before asking, and the simulator refuses
// an installation token as GitHub does.

const TOOLSETS = { GITHUB_TOOLSETS: 'default,gists' };
const GIST_TOOLS = ['list_gists', 'get_gist', 'create_gist', 'update_gist'];
const WRITES = ['create_gist', 'update_gist'];

interface FileMeta {
  filename: string;
  language?: string | null;
  size?: number;
}
interface ListItem {
  id: string;
  description: string | null;
  public: boolean;
  owner?: string | null;
  files: FileMeta[];
  updatedAt: string;
}
interface GistFile extends FileMeta {
  content?: string;
  window?: { offset: number; lines: number; totalLines: number; nextOffset?: number };
  truncated?: boolean;
  rawUrl?: string;
  note?: string;
}
interface Gist {
  id: string;
  description: string | null;
  public: boolean;
  owner?: string | null;
  files: GistFile[];
}
interface Page<T> {
  items: T[];
  hasNextPage: boolean;
}

/** What the simulator holds: filename -> content, as its owner reads it. */
async function stored(sim: Simulator, token: string, id: string): Promise<{ status: number; description?: string; public?: boolean; owner?: string; files: Record<string, string> }> {
  const res = await call(sim, `/gists/${id}`, { auth: `token ${token}` });
  const files = Object.fromEntries(Object.entries<{ content: string }>(res.json?.files ?? {}).map(([name, f]) => [name, f.content]));
  return { status: res.status, description: res.json?.description, public: res.json?.public, owner: res.json?.owner?.login, files };
}

describe('gists toolset (PAT monalisa, scope gist)', () => {
  let sim: Simulator;
  let server: ServerHandle;
  let mona: string;
  let octo: string;
  const ids: Record<string, string> = {};

  before(async () => {
    sim = await startSimulator();
    mona = sim.createPersonalToken('monalisa', { scopes: ['gist'] });
    octo = sim.createPersonalToken('octocat', { scopes: ['repo'] });
    server = await serverFor(sim, 'toolsets gists pat', { GITHUB_TOKEN: mona, ...TOOLSETS });
    const mine = await server.data<Page<ListItem>>('list_gists', {});
    for (const g of mine.items) ids[g.description ?? ''] = g.id;
    ids.octocat = (await call(sim, '/users/octocat/gists', { auth: `token ${octo}` })).json[0].id;
  });
  after(async () => {
    await server.close();
    await sim.close();
  });

  it('the toolset is opt-in', async () => {
    await withServer(sim, 'toolsets gists default', { GITHUB_TOKEN: mona }, async (plain) => {
      for (const name of GIST_TOOLS) assert.ok(!plain.tools.some((t) => t.name === name), name);
    });
  });

  it('list_gists: your own, secret ones too, newest first, files without content', async () => {
    const page = await server.data<Page<ListItem>>('list_gists', {});
    assert.deepEqual(page.items.map((g) => [g.description, g.public, g.owner]), [
      ['A long log', true, 'monalisa'],
      ['Secret notes', false, 'monalisa'],
      ['Hello in two languages', true, 'monalisa'],
    ]);
    assert.deepEqual(page.items[2].files.map((f) => [f.filename, f.language]), [['hello.py', 'Python'], ['hello.rb', 'Ruby']]);
    assert.deepEqual(Object.keys(page.items[2].files[0]).sort(), ['filename', 'language', 'size']);
    assert.equal(page.hasNextPage, false);
  });

  it('list_gists: another user\'s public ones; since; pages', async () => {
    const octocats = await server.data<Page<ListItem>>('list_gists', { username: 'octocat' });
    assert.deepEqual(octocats.items.map((g) => [g.id, g.owner, g.description]), [[ids.octocat, 'octocat', null]]);
    const secret = (await server.data<Page<ListItem>>('list_gists', {})).items.find((g) => g.description === 'Secret notes')!;
    const since = await server.data<Page<ListItem>>('list_gists', { since: secret.updatedAt });
    assert.deepEqual(since.items.map((g) => g.description), ['A long log', 'Secret notes']);
    const first = await server.data<Page<ListItem>>('list_gists', { perPage: 2 });
    assert.equal(first.items.length, 2);
    assert.equal(first.hasNextPage, true);
    const last = await server.data<Page<ListItem>>('list_gists', { perPage: 2, page: 2 });
    assert.deepEqual(last.items.map((g) => g.description), ['Hello in two languages']);
    assert.equal(last.hasNextPage, false);
    const unknown = await server.call('list_gists', { username: 'nobody-here' });
    assert.equal(unknown.isError, true);
    assert.match(textOf(unknown), /gists of nobody-here.*404/is);
  });

  it('get_gist: every file\'s text with its window', async () => {
    const gist = await server.data<Gist>('get_gist', { gist_id: ids['Hello in two languages'] });
    assert.equal(gist.public, true);
    assert.deepEqual(gist.files.map((f) => [f.filename, f.content, f.window]), [
      ['hello.py', 'print("Hello, World!")\n', { offset: 0, lines: 1, totalLines: 1 }],
      ['hello.rb', 'puts "Hello, World!"\n', { offset: 0, lines: 1, totalLines: 1 }],
    ]);
  });

  it('get_gist: GitHub\'s 1 MB cut is flagged with the raw URL, and the text is read in windows', async () => {
    const id = ids['A long log'];
    const gist = await server.data<Gist>('get_gist', { gist_id: id });
    const [log] = gist.files;
    assert.equal(log.truncated, true);
    assert.ok(log.size! > 1024 * 1024);
    assert.match(log.rawUrl!, new RegExp(`/gist/monalisa/${id}/raw/[0-9a-f]{40}/build\\.log$`));
    assert.ok(log.content!.length <= 100_000);
    const w = log.window!;
    assert.equal(w.lines, log.content!.split('\n').length - 1);
    assert.ok(w.totalLines * 53 <= 1024 * 1024 + 53, 'only what GitHub sent is counted');
    assert.equal(w.nextOffset, w.lines);
    const next = await server.data<Gist>('get_gist', { gist_id: id, filename: 'build.log', offset: w.nextOffset, limit: 2 });
    assert.deepEqual(next.files[0].window, { offset: w.lines, lines: 2, totalLines: w.totalLines, nextOffset: w.lines + 2 });
    assert.equal(next.files[0].content, 'INFO 2024-01-01T00:00:00Z a line of a long build log\n'.repeat(2));
  });

  it('get_gist: an unknown id is a 404 that names it; an id that is not hex is refused before GitHub is asked', async () => {
    const missing = await server.call('get_gist', { gist_id: 'deadbeefdeadbeefdeadbeefdeadbeef' });
    assert.equal(missing.isError, true);
    assert.match(textOf(missing), /gist deadbeefdeadbeefdeadbeefdeadbeef.*404/is);
    const before = sim.stats.requests.length;
    const bad = await server.call('get_gist', { gist_id: '../user' });
    assert.equal(bad.isError, true);
    assert.equal(sim.stats.requests.length, before);
  });

  it('create_gist: a secret gist, hidden from others\' lists but readable by id', async () => {
    const made = await server.data<Gist>('create_gist', { description: 'Made by a test', files: { 'a.txt': 'alpha\n', 'b.md': '# beta\n' } });
    assert.equal(made.public, false);
    assert.deepEqual(made.files.map((f) => f.filename), ['a.txt', 'b.md']);
    assert.ok(made.files.every((f) => f.content === undefined), 'no content after a write');
    assert.deepEqual(await stored(sim, mona, made.id), { status: 200, description: 'Made by a test', public: false, owner: 'monalisa', files: { 'a.txt': 'alpha\n', 'b.md': '# beta\n' } });
    const othersSee = (await call(sim, '/users/monalisa/gists', { auth: `token ${octo}` })).json.map((g: { id: string }) => g.id);
    assert.ok(!othersSee.includes(made.id) && othersSee.includes(ids['A long log']));
    assert.equal((await stored(sim, octo, made.id)).status, 200, 'reachable by id');
    const pub = await server.data<Gist>('create_gist', { public: true, files: { 'p.txt': 'public\n' } });
    assert.equal((await stored(sim, mona, pub.id)).public, true);
    ids.made = made.id;
  });

  it('create_gist: blank content is GitHub\'s 422; no gist is made', async () => {
    const count = (await call(sim, '/gists?per_page=100', { auth: `token ${mona}` })).json.length;
    const result = await server.call('create_gist', { files: { 'empty.txt': '   ' } });
    assert.equal(result.isError, true);
    assert.match(textOf(result), /422/);
    assert.equal((await call(sim, '/gists?per_page=100', { auth: `token ${mona}` })).json.length, count);
  });

  it('update_gist: change, rename, add and delete files, and the description', async () => {
    const id = ids.made;
    assert.ok(id, 'create_gist ran first');
    const updated = await server.data<Gist>('update_gist', {
      gist_id: id,
      description: 'Changed by a test',
      files: { 'a.txt': { filename: 'renamed.txt' }, 'b.md': null, 'c.txt': { content: 'gamma\n' } },
    });
    assert.deepEqual(updated.files.map((f) => f.filename), ['c.txt', 'renamed.txt']);
    assert.deepEqual(await stored(sim, mona, id), { status: 200, description: 'Changed by a test', public: false, owner: 'monalisa', files: { 'c.txt': 'gamma\n', 'renamed.txt': 'alpha\n' } });
    await server.data('update_gist', { gist_id: id, files: { 'renamed.txt': { content: 'alpha 2\n', filename: 'final.txt' } } });
    assert.deepEqual((await stored(sim, mona, id)).files, { 'c.txt': 'gamma\n', 'final.txt': 'alpha 2\n' });
  });

  it('update_gist: deleting a file the gist lacks is GitHub\'s 422, and nothing changes', async () => {
    const before = await stored(sim, mona, ids.made);
    const result = await server.call('update_gist', { gist_id: ids.made, files: { 'final.txt': { content: 'lost\n' }, 'nope.txt': null } });
    assert.equal(result.isError, true);
    assert.match(textOf(result), /422/);
    assert.deepEqual(await stored(sim, mona, ids.made), before);
  });

  it('update_gist: someone else\'s gist is a 404 that says what it can mean, and it is unchanged', async () => {
    const before = await stored(sim, octo, ids.octocat);
    const result = await server.call('update_gist', { gist_id: ids.octocat, description: 'Not yours' });
    assert.equal(result.isError, true);
    assert.match(textOf(result), /404.*not yours.*gist scope/s);
    assert.deepEqual(await stored(sim, octo, ids.octocat), before);
  });

  it('a token without the gist scope reads gists but cannot write them; the error says why', async () => {
    await withServer(sim, 'toolsets gists no scope', { GITHUB_TOKEN: octo, ...TOOLSETS }, async (plain) => {
      const secret = await plain.data<Gist>('get_gist', { gist_id: ids['Secret notes'] });
      assert.equal(secret.files[0].content, '# Notes\n\nNot for everyone.\n');
      const count = (await call(sim, '/gists', { auth: `token ${octo}` })).json.length;
      const result = await plain.call('create_gist', { files: { 'x.txt': 'x' } });
      assert.equal(result.isError, true);
      assert.match(textOf(result), /404.*gist scope/s);
      assert.equal((await call(sim, '/gists', { auth: `token ${octo}` })).json.length, count);
    });
  });

  it('read-only mode keeps the reads and hides the writes', async () => {
    await withServer(sim, 'toolsets gists read-only', { GITHUB_TOKEN: mona, GITHUB_READ_ONLY: '1', ...TOOLSETS }, async (ro) => {
      const names = ro.tools.map((t) => t.name);
      for (const name of WRITES) assert.ok(!names.includes(name), name);
      assert.ok(names.includes('list_gists') && names.includes('get_gist'));
    });
  });
});

describe('gists toolset (GitHub App user token of monalisa)', () => {
  let sim: Simulator;

  before(async () => (sim = await startSimulator()));
  after(() => sim.close());

  const userEnv = (appIndex: number) => {
    const app = sim.fixtures.apps[appIndex];
    return { ...appUserEnv(app, sim.createAppUserToken('monalisa', { appId: app.id })), ...TOOLSETS };
  };

  it('acts as its user: lists her secret gist, and creates one she owns (App 1001 holds gists: write)', async () => {
    await withServer(sim, 'toolsets gists app user', userEnv(0), async (server) => {
      const page = await server.data<Page<ListItem>>('list_gists', {});
      assert.ok(page.items.some((g) => g.description === 'Secret notes' && !g.public));
      const from = sim.stats.requests.length;
      const made = await server.data<Gist>('create_gist', { files: { 'u2s.txt': 'as the user\n' } });
      const sent = sim.stats.requests.slice(from).filter((r) => r.origin === 'api');
      assert.ok(sent.length > 0 && sent.every((r) => r.auth === 'user-to-server'), sent.map((r) => r.auth).join());
      const mona = sim.createPersonalToken('monalisa', { scopes: ['gist'] });
      assert.deepEqual(await stored(sim, mona, made.id), { status: 200, description: null, public: false, owner: 'monalisa', files: { 'u2s.txt': 'as the user\n' } });
    });
  });

  it('an App without the Gists permission (1002): her list comes back empty, and a write is refused', async () => {
    await withServer(sim, 'toolsets gists app user without gists', userEnv(1), async (server) => {
      assert.deepEqual((await server.data<Page<ListItem>>('list_gists', {})).items, []);
      const result = await server.call('create_gist', { files: { 'x.txt': 'x\n' } });
      assert.equal(result.isError, true);
      assert.match(textOf(result), /403.*not accessible by integration/is);
    });
  });
});

describe('gists toolset (unpinned App)', () => {
  let sim: Simulator;
  let server: ServerHandle;

  before(async () => {
    sim = await startSimulator();
    server = await serverFor(sim, 'toolsets gists app', appEnv(sim, TOOLSETS));
  });
  after(async () => {
    await server.close();
    await sim.close();
  });

  const calls: Array<[string, Record<string, unknown>]> = [
    ['list_gists', {}],
    ['list_gists', { username: 'monalisa' }],
    ['get_gist', { gist_id: 'deadbeef' }],
    ['create_gist', { files: { 'a.txt': 'a' } }],
    ['update_gist', { gist_id: 'deadbeef', description: 'x' }],
  ];
  for (const [name, args] of calls) {
    it(`${name} ${JSON.stringify(args)} refuses with the reason, without asking GitHub`, async () => {
      const before = sim.stats.requests.length;
      const result = await server.call(name, args);
      assert.equal(result.isError, true);
      assert.match(textOf(result), /needs a user's token.*GitHub Apps.*personal access token.*App user token/s);
      assert.equal(sim.stats.requests.slice(before).filter((r) => r.origin === 'api').length, 0);
    });
  }

  it('GitHub (the simulator) refuses an installation token on every gist endpoint, so the refusal is no guess', async () => {
    const token = (await mintToken(sim, sim.fixtures.installations.simOrg)).json.token;
    const auth = `token ${token}`;
    const id = (await call(sim, '/users/monalisa/gists')).json[0].id;
    const requests: Array<[string, string, unknown?]> = [
      ['GET', '/gists'],
      ['GET', '/users/monalisa/gists'],
      ['GET', `/gists/${id}`],
      ['POST', '/gists', { files: { 'a.txt': { content: 'a' } } }],
      ['PATCH', `/gists/${id}`, { description: 'x' }],
    ];
    for (const [method, path, body] of requests) {
      const res = await call(sim, path, { method, auth, body });
      assert.equal(res.status, 403, `${method} ${path}`);
      assert.equal(res.json.message, 'Resource not accessible by integration');
    }
  });
});
