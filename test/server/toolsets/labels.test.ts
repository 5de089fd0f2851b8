import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { textOf, type ServerHandle } from '../../support/serverHarness';
import { actsAs, identities } from '../../support/identities';
import { serverFor, startSimulator, withServer, type Simulator } from '../../support/simServer';
import { call } from '../../unit/simulator/helpers';

// The labels toolset (opt-in) on octocat/hello-world, as octocat's PAT and as the unpinned App
// (installation 5001: issues: write). Every write is read back from the simulator.

const hello = { owner: 'octocat', repo: 'hello-world' };
const TOOLSETS = { GITHUB_TOOLSETS: 'default,labels' };

interface Label {
  id: number;
  name: string;
  color: string;
  description: string | null;
  isDefault: boolean;
}
interface Page<T> {
  items: T[];
  hasNextPage: boolean;
}

for (const identity of identities('octocat')) describe(`labels toolset (${identity.label})`, () => {
  let sim: Simulator;
  let server: ServerHandle;
  let reader: string;

  before(async () => {
    sim = await startSimulator();
    reader = sim.createPersonalToken('octocat');
    server = await serverFor(sim, `toolsets labels ${identity.label}`, identity.env(sim, TOOLSETS));
  });
  after(async () => {
    await server.close();
    await sim.close();
  });

  const simLabel = (name: string) => call(sim, `/repos/octocat/hello-world/labels/${encodeURIComponent(name)}`, { auth: `token ${reader}` });
  const ins = () => sim.fixtures.installations.octocat;

  it('list_labels lists the repository\'s labels, lean, and pages', async () => {
    const page = await actsAs(sim, identity, ins(), () => server.data<Page<Label>>('list_labels', { ...hello, perPage: 100 }));
    assert.ok(page.items.some((l) => l.name === 'bug' && l.isDefault));
    assert.deepEqual(Object.keys(page.items[0]).sort(), ['color', 'description', 'id', 'isDefault', 'name']);
    const first = await server.data<Page<Label>>('list_labels', { ...hello, perPage: 1 });
    assert.equal(first.items.length, 1);
    assert.equal(first.hasNextPage, page.items.length > 1);
  });

  it('create_label, update_label (rename keeps it on issues), delete_label; each read back', async () => {
    const created = await actsAs(sim, identity, ins(), () => server.data<Label>('create_label', { ...hello, name: 'triage-me', color: '#00AA11', description: 'Needs a look' }));
    assert.deepEqual([created.name, created.color, created.description, created.isDefault], ['triage-me', '00aa11', 'Needs a look', false]);
    assert.equal((await simLabel('triage-me')).json.color, '00aa11');

    const issue = await server.data<{ number: number }>('create_issue', { ...hello, title: 'Labelled', labels: ['triage-me'] });
    const updated = await server.data<Label>('update_label', { ...hello, name: 'TRIAGE-ME', new_name: 'triaged', color: 'ff0000' });
    assert.deepEqual([updated.name, updated.color, updated.description], ['triaged', 'ff0000', 'Needs a look']);
    assert.equal((await simLabel('triage-me')).status, 404);
    const labels = (await call(sim, `/repos/octocat/hello-world/issues/${issue.number}`, { auth: `token ${reader}` })).json.labels.map((l: { name: string }) => l.name);
    assert.deepEqual(labels, ['triaged']);

    assert.deepEqual(await server.data('delete_label', { ...hello, name: 'triaged' }), { deleted: 'triaged' });
    assert.equal((await simLabel('triaged')).status, 404);
    const after = (await call(sim, `/repos/octocat/hello-world/issues/${issue.number}`, { auth: `token ${reader}` })).json.labels;
    assert.deepEqual(after, []);
  });

  it('create_label with a name taken (ignoring case) is GitHub\'s 422', async () => {
    const result = await server.call('create_label', { ...hello, name: 'BUG' });
    assert.equal(result.isError, true);
    assert.match(textOf(result), /already_exists|already exists|422/i);
  });

  it('update_label and delete_label name a missing label (404); update_label with nothing to change asks nothing', async () => {
    for (const [tool, args] of [['update_label', { color: '000000' }], ['delete_label', {}]] as const) {
      const result = await server.call(tool, { ...hello, name: 'no-such-label', ...args });
      assert.equal(result.isError, true, tool);
      assert.match(textOf(result), /no-such-label/);
    }
    const before = sim.stats.requests.length;
    const empty = await server.call('update_label', { ...hello, name: 'bug' });
    assert.equal(empty.isError, true);
    assert.match(textOf(empty), /at least one field/);
    assert.equal(sim.stats.requests.length, before);
  });

  it('a colour that is not hex is refused before GitHub is asked', async () => {
    const result = await server.call('create_label', { ...hello, name: 'x', color: 'red' });
    assert.equal(result.isError, true);
    assert.match(textOf(result), /hex/);
  });

  if (!identity.isApp) {
    it('read-only mode hides the writes; the toolset is opt-in', async () => {
      await withServer(sim, 'toolsets labels read-only', identity.env(sim, { GITHUB_READ_ONLY: '1', ...TOOLSETS }), async (ro) => {
        const names = ro.tools.map((t) => t.name);
        for (const name of ['create_label', 'update_label', 'delete_label']) assert.ok(!names.includes(name), name);
        assert.ok(names.includes('list_labels'));
      });
      await withServer(sim, 'toolsets labels default', identity.env(sim), async (plain) => {
        assert.ok(!plain.tools.some((t) => t.name === 'list_labels'));
      });
    });
  }
});
