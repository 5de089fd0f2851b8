import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { textOf, type ServerHandle } from '../../support/serverHarness';
import { actsAs, identities } from '../../support/identities';
import { serverFor, startSimulator, withServer, type Simulator } from '../../support/simServer';
import { call } from '../../unit/simulator/helpers';

// Release writes (releases toolset, opt-in) on sim-org/api, as octocat's PAT (an org admin) and
// as the unpinned App (5002: contents: write). Each write is read back from the simulator; under
// the App, octocat/hello-world's installation (contents: read) is refused by GitHub.

const api = { owner: 'sim-org', repo: 'api' };
const TOOLSETS = { GITHUB_TOOLSETS: 'default,releases' };

interface Release {
  id: number;
  tagName: string;
  name: string | null;
  draft: boolean;
  prerelease: boolean;
  author: string | null;
  targetCommitish: string;
  publishedAt: string | null;
  body?: string | null;
}

for (const identity of identities('octocat')) describe(`release writes (${identity.label})`, () => {
  let sim: Simulator;
  let server: ServerHandle;
  let reader: string;

  before(async () => {
    sim = await startSimulator();
    reader = sim.createPersonalToken('octocat');
    server = await serverFor(sim, `toolsets releases ${identity.label}`, identity.env(sim, TOOLSETS));
  });
  after(async () => {
    await server.close();
    await sim.close();
  });

  const simRelease = (id: number) => call(sim, `/repos/sim-org/api/releases/${id}`, { auth: `token ${reader}` });

  it('create_release publishes and creates the tag; update_release edits; delete_release removes it, the tag stays', async () => {
    const created = await actsAs(sim, identity, sim.fixtures.installations.simOrg, () =>
      server.data<Release>('create_release', { ...api, tag: 'v5.0.0', name: 'Five', body: 'Big one', prerelease: true }),
    );
    assert.deepEqual([created.tagName, created.name, created.draft, created.prerelease, created.author, created.targetCommitish, created.body], ['v5.0.0', 'Five', false, true, identity.author, 'main', 'Big one']);
    assert.ok(created.publishedAt);
    assert.equal((await call(sim, '/repos/sim-org/api/git/ref/tags/v5.0.0', { auth: `token ${reader}` })).status, 200, 'the tag exists');

    const updated = await server.data<Release>('update_release', { ...api, release_id: created.id, prerelease: false, body: 'Notes, edited' });
    assert.deepEqual([updated.prerelease, updated.body, updated.name], [false, 'Notes, edited', 'Five']);
    const read = (await simRelease(created.id)).json;
    assert.deepEqual([read.prerelease, read.body], [false, 'Notes, edited']);

    assert.deepEqual(await server.data('delete_release', { ...api, release_id: created.id }), { deleted: created.id });
    assert.equal((await simRelease(created.id)).status, 404);
    assert.equal((await call(sim, '/repos/sim-org/api/git/ref/tags/v5.0.0', { auth: `token ${reader}` })).status, 200, 'the tag stays');
  });

  it('a draft gets no tag until update_release publishes it', async () => {
    const draft = await server.data<Release>('create_release', { ...api, tag: 'v6.0.0', draft: true });
    assert.deepEqual([draft.draft, draft.publishedAt], [true, null]);
    assert.equal((await call(sim, '/repos/sim-org/api/git/ref/tags/v6.0.0', { auth: `token ${reader}` })).status, 404);
    const published = await server.data<Release>('update_release', { ...api, release_id: draft.id, draft: false });
    assert.equal(published.draft, false);
    assert.ok(published.publishedAt);
    assert.equal((await call(sim, '/repos/sim-org/api/releases/tags/v6.0.0', { auth: `token ${reader}` })).json.id, draft.id);
  });

  it('create_release for a tag that has a release is GitHub\'s 422; a missing release is a 404 naming it', async () => {
    const taken = await server.call('create_release', { ...api, tag: 'v1.0.0' });
    assert.equal(taken.isError, true);
    assert.match(textOf(taken), /already_exists|already exists|422/i);
    for (const [tool, extra] of [['update_release', { name: 'x' }], ['delete_release', {}]] as const) {
      const result = await server.call(tool, { ...api, release_id: 424242, ...extra });
      assert.equal(result.isError, true, tool);
      assert.match(textOf(result), /release 424242 of sim-org\/api.*404/i);
    }
  });

  it('a tag that is no valid ref name is refused before GitHub is asked', async () => {
    const before = sim.stats.requests.length;
    const result = await server.call('create_release', { ...api, tag: 'bad tag' });
    assert.equal(result.isError, true);
    assert.equal(sim.stats.requests.length, before);
  });

  if (identity.isApp) {
    it('where the installation has contents: read only, GitHub refuses the write (403)', async () => {
      const result = await server.call('create_release', { owner: 'octocat', repo: 'hello-world', tag: 'v7' });
      assert.equal(result.isError, true);
      assert.match(textOf(result), /403|not accessible|permission/i);
      assert.ok(!(await call(sim, '/repos/octocat/hello-world/releases', { auth: `token ${reader}` })).json.some((r: { tag_name: string }) => r.tag_name === 'v7'));
    });
  } else {
    it('read-only mode hides the release writes and keeps the reads', async () => {
      await withServer(sim, 'toolsets releases read-only', identity.env(sim, { GITHUB_READ_ONLY: '1', ...TOOLSETS }), async (ro) => {
        const names = ro.tools.map((t) => t.name);
        for (const name of ['create_release', 'update_release', 'delete_release']) assert.ok(!names.includes(name), name);
        assert.ok(names.includes('list_releases'));
      });
    });
  }
});
