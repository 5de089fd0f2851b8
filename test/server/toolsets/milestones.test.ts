import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { textOf, type ServerHandle } from '../../support/serverHarness';
import { actsAs, identities } from '../../support/identities';
import { serverFor, startSimulator, withServer, type Simulator } from '../../support/simServer';

// The milestones toolset (opt-in: create and update; list_milestones is in issues) on
// octocat/hello-world, as octocat's PAT and as the unpinned App (5001: issues: write). Writes
// are read back with list_milestones and by assigning an issue to the new milestone.

const hello = { owner: 'octocat', repo: 'hello-world' };
const TOOLSETS = { GITHUB_TOOLSETS: 'default,milestones' };

interface Milestone {
  number: number;
  title: string;
  state: string;
  openIssues: number;
  closedIssues: number;
  dueOn: string | null;
  closedAt: string | null;
  description: string | null;
  htmlUrl: string;
}

for (const identity of identities('octocat')) describe(`milestones toolset (${identity.label})`, () => {
  let sim: Simulator;
  let server: ServerHandle;

  before(async () => {
    sim = await startSimulator();
    server = await serverFor(sim, `toolsets milestones ${identity.label}`, identity.env(sim, TOOLSETS));
  });
  after(async () => {
    await server.close();
    await sim.close();
  });

  const listed = async (state = 'all') => (await server.data<{ items: Milestone[] }>('list_milestones', { ...hello, state, perPage: 100 })).items;

  it('create_milestone, then an issue joins it and update_milestone closes and renames it; read back', async () => {
    const before = (await listed()).map((m) => m.number);
    const created = await actsAs(sim, identity, sim.fixtures.installations.octocat, () =>
      server.data<Milestone>('create_milestone', { ...hello, title: 'v9 planning', description: 'What goes in v9', due_on: '2031-05-04T12:00:00Z' }),
    );
    assert.equal(created.number, Math.max(0, ...before) + 1);
    assert.deepEqual([created.title, created.state, created.openIssues, created.closedAt, created.description], ['v9 planning', 'open', 0, null, 'What goes in v9']);
    assert.match(created.dueOn ?? '', /^2031-05-04T/);
    assert.match(created.htmlUrl, /\/octocat\/hello-world\/milestone\/\d+$/);

    const issue = await server.data<{ milestone?: { number: number } }>('create_issue', { ...hello, title: 'For v9', milestone: created.number });
    assert.equal(issue.milestone?.number, created.number);
    assert.equal((await listed('open')).find((m) => m.number === created.number)?.openIssues, 1);

    const closed = await server.data<Milestone>('update_milestone', { ...hello, milestone_number: created.number, state: 'closed', title: 'v9 (done)' });
    assert.deepEqual([closed.state, closed.title], ['closed', 'v9 (done)']);
    assert.ok(closed.closedAt);
    const back = (await listed('closed')).find((m) => m.number === created.number);
    assert.deepEqual([back?.title, back?.state], ['v9 (done)', 'closed']);
    assert.ok(!(await listed('open')).some((m) => m.number === created.number));
  });

  it('create_milestone with a title that exists is GitHub\'s 422', async () => {
    const first = (await listed())[0];
    const result = await server.call('create_milestone', { ...hello, title: first.title });
    assert.equal(result.isError, true);
    assert.match(textOf(result), /already_exists|already exists|422/i);
  });

  it('update_milestone names a missing milestone (404) and refuses an empty change without asking', async () => {
    const missing = await server.call('update_milestone', { ...hello, milestone_number: 999, state: 'closed' });
    assert.equal(missing.isError, true);
    assert.match(textOf(missing), /milestone 999 of octocat\/hello-world.*404/i);
    const before = sim.stats.requests.length;
    const empty = await server.call('update_milestone', { ...hello, milestone_number: 1 });
    assert.equal(empty.isError, true);
    assert.match(textOf(empty), /at least one field/);
    assert.equal(sim.stats.requests.length, before);
  });

  if (!identity.isApp) {
    it('read-only mode hides the writes; without push access GitHub refuses (403)', async () => {
      await withServer(sim, 'toolsets milestones read-only', identity.env(sim, { GITHUB_READ_ONLY: '1', ...TOOLSETS }), async (ro) => {
        const names = ro.tools.map((t) => t.name);
        assert.ok(!names.includes('create_milestone') && !names.includes('update_milestone'));
      });
      await withServer(sim, 'toolsets milestones hubot', { GITHUB_TOKEN: sim.createPersonalToken('hubot', { scopes: ['repo'] }), ...TOOLSETS }, async (hubot) => {
        const result = await hubot.call('create_milestone', { ...hello, title: 'Not mine' });
        assert.equal(result.isError, true);
        assert.match(textOf(result), /403|push access|permission/i);
      });
    });
  }
});
