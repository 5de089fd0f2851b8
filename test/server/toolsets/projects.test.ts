import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { textOf, type ServerHandle } from '../../support/serverHarness';
import { actsAs, identities } from '../../support/identities';
import { serverFor, startSimulator, withServer, type Simulator } from '../../support/simServer';
import { call } from '../../unit/simulator/helpers';
import { PROJECT_SEED } from '../../simulator/routes/projects';

// The projects toolset (opt-in, Projects v2 over REST), as octocat's PAT (repo + project) and as the
// unpinned App. sim-org's project #1 is read and changed as the sim-org installation (5002,
// organization_projects: write); octocat's own project only with the PAT (GitHub gives
// installations no user projects, so under the App the tools refuse before asking).
// Writes are checked against the simulator's state, read back over REST with a reader token.

const TOOLSETS = { GITHUB_TOOLSETS: 'default,projects' };
const F = PROJECT_SEED.org;
const ORG = { owner: 'sim-org', owner_type: 'org', project_number: 1 } as const;
const USER = { owner: 'octocat', owner_type: 'user', project_number: 1 } as const;

interface Page<T> {
  items: T[];
  hasNextPage: boolean;
  nextCursor?: string;
}
interface Item {
  id: number;
  contentType: string;
  title?: string;
  number?: number;
  state?: string;
  repository?: string;
  url?: string;
  fields?: Record<string, unknown>;
  body?: string | null;
}
type RawItem = { id: number; content_type: string; content: { number?: number; title?: string }; fields: Array<{ id: number; name: string; value: unknown }> };

for (const identity of identities('octocat', ['repo', 'project'])) describe(`projects toolset (${identity.label})`, () => {
  let sim: Simulator;
  let server: ServerHandle;
  let reader: string;

  before(async () => {
    sim = await startSimulator();
    reader = sim.createPersonalToken('octocat', { scopes: ['read:project'] });
    server = await serverFor(sim, `toolsets projects ${identity.label}`, identity.env(sim, TOOLSETS));
  });
  after(async () => {
    await server.close();
    await sim.close();
  });

  const simItems = async (owner = 'orgs/sim-org', fields = ''): Promise<RawItem[]> => {
    const res = await call(sim, `/${owner}/projectsV2/1/items?per_page=100${fields ? `&fields=${fields}` : ''}`, { auth: `token ${reader}` });
    assert.equal(res.status, 200, res.text);
    return res.json as RawItem[];
  };
  const valueOf = (item: RawItem | undefined, fieldId: number) => item?.fields.find((f) => f.id === fieldId)?.value;
  const asOrg = <T>(act: () => Promise<T>) => actsAs(sim, identity, sim.fixtures.installations.simOrg, act);

  it('list_projects and get_project read an organization\'s project as its installation', async () => {
    const page = await asOrg(() => server.data<Page<{ number: number; title: string; public: boolean; owner: string; state?: string }>>('list_projects', { owner: 'sim-org', owner_type: 'org' }));
    assert.deepEqual(page.items.map((p) => [p.number, p.title, p.public, p.owner, p.state]), [[1, 'Roadmap', false, 'sim-org', 'open']]);
    assert.equal(page.hasNextPage, false);
    const one = await asOrg(() => server.data<{ title: string; description: string | null; creator: string; latestStatus: unknown }>('get_project', ORG));
    assert.deepEqual([one.title, one.description, one.creator, one.latestStatus], ['Roadmap', 'What sim-org builds next.', 'octocat', null]);
  });

  it('list_project_fields pages by cursor and gives option and iteration ids', async () => {
    const first = await asOrg(() => server.data<Page<{ id: number; name: string; dataType: string }>>('list_project_fields', { ...ORG, perPage: 4 }));
    assert.deepEqual(first.items.map((f) => f.name), ['Title', 'Status', 'Priority', 'Notes']);
    assert.equal(first.hasNextPage, true);
    assert.ok(first.nextCursor);
    const rest = await server.data<Page<{ id: number; name: string; dataType: string; iterations?: Record<string, { title: string; startDate: string; duration: number; completed?: boolean }> }>>('list_project_fields', { ...ORG, after: first.nextCursor, perPage: 50 });
    assert.deepEqual(rest.items.map((f) => f.dataType), ['number', 'date', 'iteration', 'assignees', 'labels', 'repository']);
    assert.equal(rest.hasNextPage, false);
    const sprint = rest.items.find((f) => f.name === 'Sprint');
    assert.deepEqual(sprint?.iterations, {
      'it-1': { title: 'Sprint 1', startDate: '2024-01-01', duration: 14, completed: true },
      'it-2': { title: 'Sprint 2', startDate: '2024-01-15', duration: 14, completed: false },
    });
    const all = await server.data<Page<{ name: string; options?: Record<string, string> }>>('list_project_fields', ORG);
    assert.deepEqual(all.items.find((f) => f.name === 'Status')?.options, { 'st-todo': 'Todo', 'st-doing': 'In Progress', 'st-done': 'Done' });
  });

  it('list_project_items is lean by default and gives field values by name for `fields`', async () => {
    const plain = await asOrg(() => server.data<Page<Item>>('list_project_items', ORG));
    assert.deepEqual(
      plain.items.map((i) => [i.contentType, i.number ?? null, i.repository ?? null]),
      [['Issue', 5, 'sim-org/api'], ['PullRequest', 1, 'sim-org/api'], ['Issue', 6, 'sim-org/api'], ['PullRequest', 3, 'sim-org/api'], ['DraftIssue', null, null]],
    );
    assert.equal(plain.items[4].title, 'Plan the v2 API');
    assert.match(plain.items[1].url ?? '', /\/sim-org\/api\/pull\/1$/);
    assert.deepEqual(plain.items[0].fields, {}, 'only Title was sent, and the title is top-level');
    const rich = await server.data<Page<Item>>('list_project_items', { ...ORG, fields: [F.status, F.priority, F.estimate, F.sprint, F.due, F.notes, F.labels, F.assignees, F.repository], perPage: 2 });
    assert.equal(rich.items.length, 2);
    assert.equal(rich.hasNextPage, true);
    assert.deepEqual(rich.items[0].fields, { Status: 'Todo', Priority: 'High', Estimate: 3, Sprint: 'Sprint 1', Due: null, Notes: null, Labels: ['bug'], Assignees: ['monalisa'], Repository: 'sim-org/api' });
    assert.deepEqual(rich.items[1].fields?.Status, 'In Progress');
    assert.deepEqual(rich.items[1].fields?.Due, '2024-02-15');
    const next = await server.data<Page<Item>>('list_project_items', { ...ORG, perPage: 2, after: rich.nextCursor });
    assert.deepEqual(next.items.map((i) => i.number), [6, 3]);
  });

  it('list_project_items passes GitHub\'s filter (query)', async () => {
    const numbers = async (query: string) => (await server.data<Page<Item>>('list_project_items', { ...ORG, query })).items.map((i) => i.number ?? i.title);
    assert.deepEqual(await asOrg(() => numbers('is:pr')), [1, 3]);
    assert.deepEqual(await numbers('status:"In Progress"'), [1]);
    assert.deepEqual(await numbers('is:issue -status:todo'), [6]);
    assert.deepEqual(await numbers('no:status'), [3, 'Plan the v2 API']);
    assert.deepEqual(await numbers('label:bug assignee:monalisa'), [5]);
  });

  it('get_project_item gives a draft\'s body and the asked field values', async () => {
    const draft = (await simItems()).find((i) => i.content_type === 'DraftIssue')!;
    const item = await asOrg(() => server.data<Item>('get_project_item', { ...ORG, item_id: draft.id, fields: [F.status] }));
    assert.deepEqual([item.contentType, item.title, item.body, item.fields], ['DraftIssue', 'Plan the v2 API', 'Collect the breaking changes first.', { Status: null }]);
    const missing = await server.call('get_project_item', { ...ORG, item_id: 999999 });
    assert.equal(missing.isError, true);
    assert.match(textOf(missing), /item 999999 of project #1 of organization sim-org.*404/i);
  });

  it('add_project_item adds a pull request by owner/repo/number; content already there answers its item', async () => {
    const added = await asOrg(() => server.data<Item>('add_project_item', { ...ORG, item_type: 'PullRequest', item_owner: 'sim-org', item_repo: 'api', item_number: 2 }));
    assert.deepEqual([added.contentType, added.number, added.repository], ['PullRequest', 2, 'sim-org/api']);
    const items = await simItems();
    assert.equal(items.find((i) => i.id === added.id)?.content.number, 2, 'the simulator holds the new item');
    assert.equal(items.length, 6);
    const issue5 = (await call(sim, '/repos/sim-org/api/issues/5', { auth: `token ${reader}` })).json as { id: number };
    const again = await server.data<Item>('add_project_item', { ...ORG, item_type: 'Issue', item_id: issue5.id });
    assert.equal(again.id, items[0].id, 'issue #5 was already in the project');
    assert.equal((await simItems()).length, 6);
  });

  it('add_project_item checks its arguments before asking', async () => {
    const from = sim.stats.requests.length;
    const both = await server.call('add_project_item', { ...ORG, item_type: 'Issue', item_id: 5, item_number: 5 });
    assert.equal(both.isError, true);
    assert.match(textOf(both), /either as item_id, or as item_owner, item_repo and item_number/);
    const bad = await server.call('add_project_item', { ...ORG, item_type: 'Issue', item_owner: 'sim-org', item_repo: '..', item_number: 5 });
    assert.equal(bad.isError, true);
    assert.match(textOf(bad), /item_repo: must be a repository name/);
    assert.equal(sim.stats.requests.slice(from).filter((r) => r.origin === 'api').length, 0);
    const noSuch = await server.call('add_project_item', { ...ORG, item_type: 'Issue', item_owner: 'sim-org', item_repo: 'api', item_number: 999 });
    assert.equal(noSuch.isError, true);
    assert.match(textOf(noSuch), /sim-org\/api#999/);
  });

  it('update_project_item sets each field type and clears a value', async () => {
    const target = (await simItems())[2]; // sim-org/api#6
    const set = async (field_id: number, value: string | number | null) => asOrg(() => server.data<Item>('update_project_item', { ...ORG, item_id: target.id, field_id, value }));
    const status = await set(F.status, 'st-doing');
    assert.equal(status.fields?.Status, 'In Progress');
    await set(F.notes, 'Set by the projects test');
    await set(F.estimate, 2.5);
    await set(F.due, '2024-03-01');
    await set(F.sprint, 'it-2');
    const state = (await simItems('orgs/sim-org', [F.status, F.notes, F.estimate, F.due, F.sprint].join(','))).find((i) => i.id === target.id);
    assert.equal((valueOf(state, F.status) as { name: { raw: string } }).name.raw, 'In Progress');
    assert.equal(valueOf(state, F.notes), 'Set by the projects test');
    assert.equal(valueOf(state, F.estimate), 2.5);
    assert.equal(valueOf(state, F.due), '2024-03-01');
    assert.equal((valueOf(state, F.sprint) as { title: { raw: string } }).title.raw, 'Sprint 2');
    const cleared = await set(F.estimate, null);
    assert.equal(cleared.fields?.Estimate, null);
    assert.equal(valueOf((await simItems('orgs/sim-org', String(F.estimate))).find((i) => i.id === target.id), F.estimate), null);
  });

  it('update_project_item reports GitHub\'s 422 for a wrong value type or an unknown option, and changes nothing', async () => {
    const target = (await simItems())[0]; // #5: Estimate 3, Status Todo
    for (const [field_id, value, pattern] of [
      [F.estimate, 'many', /Estimate \(number\): the value must be a number/],
      [F.status, 'no-such-option', /not an option of this field/],
      [F.due, '2024-13-40', /must be a date/],
    ] as const) {
      const result = await server.call('update_project_item', { ...ORG, item_id: target.id, field_id, value });
      assert.equal(result.isError, true);
      assert.match(textOf(result), pattern);
    }
    const state = (await simItems('orgs/sim-org', `${F.estimate},${F.status}`)).find((i) => i.id === target.id);
    assert.equal(valueOf(state, F.estimate), 3);
    assert.equal((valueOf(state, F.status) as { id: string }).id, 'st-todo');
  });

  it('delete_project_item removes the item (the pull request stays); a second delete is a named 404', async () => {
    const pr2 = (await simItems()).find((i) => i.content.number === 2)!;
    const gone = await asOrg(() => server.data<{ deleted: boolean; item_id: number }>('delete_project_item', { ...ORG, item_id: pr2.id }));
    assert.deepEqual(gone, { deleted: true, item_id: pr2.id });
    assert.ok(!(await simItems()).some((i) => i.id === pr2.id));
    assert.equal((await call(sim, '/repos/sim-org/api/pulls/2', { auth: `token ${reader}` })).status, 200);
    const again = await server.call('delete_project_item', { ...ORG, item_id: pr2.id });
    assert.equal(again.isError, true);
    assert.match(textOf(again), new RegExp(`item ${pr2.id} of project #1 of organization sim-org.*404`, "i"));
  });

  it('get_project names a missing project', async () => {
    const result = await server.call('get_project', { ...ORG, project_number: 99 });
    assert.equal(result.isError, true);
    assert.match(textOf(result), /project #99 of organization sim-org.*404/i);
  });

  if (identity.isApp) {
    it('a user\'s project is refused under the App without asking GitHub', async () => {
      for (const [name, args] of [['list_projects', { owner: 'octocat', owner_type: 'user' }], ['get_project', USER], ['update_project_item', { ...USER, item_id: 1, field_id: 1, value: 'x' }]] as const) {
        const from = sim.stats.requests.filter((r) => r.origin === 'api').length;
        const result = await server.call(name, args);
        assert.equal(result.isError, true, name);
        assert.match(textOf(result), /user's token: GitHub does not give GitHub Apps.*owner_type "org"/s);
        assert.equal(sim.stats.requests.filter((r) => r.origin === 'api').length, from, name);
      }
    });
  } else {
    it('a user\'s own project: list, read items, set a field, remove a draft', async () => {
      const page = await server.data<Page<{ number: number; title: string; public: boolean }>>('list_projects', { owner: 'octocat', owner_type: 'user' });
      assert.deepEqual(page.items.map((p) => [p.number, p.title, p.public]), [[1, 'Personal', true]]);
      const items = await server.data<Page<Item>>('list_project_items', { ...USER, fields: [PROJECT_SEED.user.status, PROJECT_SEED.user.notes] });
      assert.deepEqual(items.items.map((i) => [i.contentType, i.number ?? null, i.repository ?? null]), [['Issue', 1, 'octocat/hello-world'], ['PullRequest', 3, 'octocat/hello-world'], ['DraftIssue', null, null]]);
      assert.deepEqual(items.items[0].fields, { Status: 'Next', Notes: 'Start here' });
      const updated = await server.data<Item>('update_project_item', { ...USER, item_id: items.items[1].id, field_id: PROJECT_SEED.user.status, value: 'ust-later' });
      assert.equal(updated.fields?.Status, 'Later');
      await server.data('delete_project_item', { ...USER, item_id: items.items[2].id });
      const state = await simItems('users/octocat', String(PROJECT_SEED.user.status));
      assert.deepEqual(state.map((i) => i.content_type), ['Issue', 'PullRequest']);
      assert.equal((valueOf(state[1], PROJECT_SEED.user.status) as { id: string }).id, 'ust-later');
    });

    it('without the project scope GitHub refuses, and the error says so', async () => {
      await withServer(sim, 'toolsets projects repo-only', { GITHUB_TOKEN: sim.createPersonalToken('octocat', { scopes: ['repo'] }), ...TOOLSETS }, async (plain) => {
        const result = await plain.call('list_projects', { owner: 'sim-org', owner_type: 'org' });
        assert.equal(result.isError, true);
        assert.match(textOf(result), /read:project/);
      });
    });

    it('read-only mode hides the writes; the toolset is opt-in', async () => {
      await withServer(sim, 'toolsets projects read-only', identity.env(sim, { GITHUB_READ_ONLY: '1', ...TOOLSETS }), async (ro) => {
        const names = ro.tools.map((t) => t.name);
        for (const name of ['add_project_item', 'update_project_item', 'delete_project_item']) assert.ok(!names.includes(name), name);
        for (const name of ['list_projects', 'get_project', 'list_project_fields', 'list_project_items', 'get_project_item']) assert.ok(names.includes(name), name);
      });
      await withServer(sim, 'toolsets projects default', identity.env(sim), async (plain) => {
        assert.ok(!plain.tools.some((t) => t.name === 'list_projects'));
      });
    });
  }
});
