import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { textOf, type ServerHandle } from '../../support/serverHarness';
import { appEnv, serverFor, startSimulator, withServer, type Simulator } from '../../support/simServer';
import { call, mintToken } from '../../unit/simulator/helpers';

// The notifications toolset (opt-in) as monalisa (a classic PAT with repo), against the
// simulator's seeded threads (700001-700004) and threads its own comments create; every write
// is read back from the simulator as monalisa. Under the unpinned App every tool refuses
// before asking GitHub, and the simulator refuses an installation token as GitHub does.

const TOOLSETS = { GITHUB_TOOLSETS: 'default,notifications' };
const NOTIFICATION_TOOLS = [
  'list_notifications',
  'get_notification_details',
  'dismiss_notification',
  'mark_all_notifications_read',
  'manage_notification_subscription',
  'manage_repository_notification_subscription',
];
const WRITES = NOTIFICATION_TOOLS.slice(2);

interface Thread {
  id: string;
  repository: string;
  subjectType: string;
  subjectTitle: string;
  number?: number;
  reason: string;
  unread: boolean;
  updatedAt: string;
  lastReadAt: string | null;
}
interface Page<T> {
  items: T[];
  hasNextPage: boolean;
}

describe('notifications toolset (PAT monalisa)', () => {
  let sim: Simulator;
  let server: ServerHandle;
  let mona: string;
  let octo: string;

  before(async () => {
    sim = await startSimulator();
    mona = sim.createPersonalToken('monalisa', { scopes: ['repo'] });
    octo = sim.createPersonalToken('octocat', { scopes: ['repo'] });
    server = await serverFor(sim, 'toolsets notifications pat', { GITHUB_TOKEN: mona, ...TOOLSETS });
  });
  after(async () => {
    await server.close();
    await sim.close();
  });

  const ids = async (args: Record<string, unknown> = {}) => (await server.data<Page<Thread>>('list_notifications', { perPage: 100, ...args })).items.map((t) => t.id);
  const asMona = (path: string, init: { method?: string; body?: unknown } = {}) => call(sim, path, { auth: `token ${mona}`, ...init });
  const octocatComments = (issue: number, body: string) => call(sim, `/repos/octocat/hello-world/issues/${issue}/comments`, { method: 'POST', auth: `token ${octo}`, body: { body } });

  it('the toolset is opt-in', async () => {
    await withServer(sim, 'toolsets notifications default', { GITHUB_TOKEN: mona }, async (plain) => {
      for (const name of NOTIFICATION_TOOLS) assert.ok(!plain.tools.some((t) => t.name === name), name);
    });
  });

  it('list_notifications: unread by default, newest first, lean; read ones and participating by filter', async () => {
    const page = await server.data<Page<Thread>>('list_notifications', {});
    assert.deepEqual(page.items.map((t) => t.id), ['700003', '700002', '700001']);
    assert.deepEqual(Object.keys(page.items[0]).sort(), ['id', 'lastReadAt', 'number', 'reason', 'repository', 'subjectTitle', 'subjectType', 'unread', 'updatedAt']);
    assert.deepEqual([page.items[0].repository, page.items[0].subjectType, page.items[0].number, page.items[0].reason], ['sim-org/api', 'PullRequest', 2, 'author']);
    assert.deepEqual(await ids({ filter: 'include_read_notifications' }), ['700003', '700002', '700001', '700004']);
    assert.deepEqual(await ids({ filter: 'only_participating' }), ['700003', '700001'], 'subscribed is not participating');
    assert.deepEqual(await ids({ owner: 'octocat', repo: 'hello-world' }), ['700002', '700001']);
    const [, second, third] = page.items;
    assert.deepEqual(await ids({ since: second.updatedAt }), ['700003', '700002']);
    assert.deepEqual(await ids({ before: second.updatedAt }), [third.id]);
    const paged = await server.data<Page<Thread>>('list_notifications', { perPage: 2 });
    assert.equal(paged.hasNextPage, true);
  });

  it('list_notifications wants owner and repo together', async () => {
    const result = await server.call('list_notifications', { owner: 'octocat' });
    assert.equal(result.isError, true);
    assert.match(textOf(result), /owner and repo together/);
  });

  it('a comment by someone else notifies the issue author; get_notification_details reads the thread', async () => {
    const created = await server.data<{ number: number }>('create_issue', { owner: 'octocat', repo: 'hello-world', title: 'Notify me' });
    assert.equal((await octocatComments(created.number, 'Seen it')).status, 201);
    const thread = (await server.data<Page<Thread>>('list_notifications', {})).items[0];
    assert.deepEqual([thread.repository, thread.number, thread.reason, thread.unread, thread.subjectTitle], ['octocat/hello-world', created.number, 'author', true, 'Notify me']);
    const details = await server.data<Thread>('get_notification_details', { notificationID: thread.id });
    assert.deepEqual(details, thread);
  });

  it('dismiss_notification read, then done; a new comment brings the thread back', async () => {
    const issue = await server.data<{ number: number }>('create_issue', { owner: 'octocat', repo: 'hello-world', title: 'Dismiss me' });
    await octocatComments(issue.number, 'First');
    const id = (await server.data<Page<Thread>>('list_notifications', {})).items[0].id;
    assert.deepEqual(await server.data('dismiss_notification', { threadID: id, state: 'read' }), { threadID: id, state: 'read' });
    const read = (await asMona(`/notifications/threads/${id}`)).json;
    assert.equal(read.unread, false);
    assert.ok(read.last_read_at);
    assert.ok(!(await ids()).includes(id));
    assert.ok((await ids({ filter: 'include_read_notifications' })).includes(id));
    await server.data('dismiss_notification', { threadID: id, state: 'done' });
    assert.ok(!(await ids({ filter: 'include_read_notifications' })).includes(id), 'done threads leave the list');
    await octocatComments(issue.number, 'Second');
    assert.equal((await ids())[0], id, 'back, unread');
  });

  it('manage_notification_subscription: ignore mutes the thread, watch unmutes it, delete unsubscribes', async () => {
    const issue = await server.data<{ number: number }>('create_issue', { owner: 'octocat', repo: 'hello-world', title: 'Mute me' });
    await octocatComments(issue.number, 'One');
    const id = (await server.data<Page<Thread>>('list_notifications', {})).items[0].id;
    await server.data('dismiss_notification', { threadID: id, state: 'read' });
    const ignored = await server.data<Record<string, unknown>>('manage_notification_subscription', { notificationID: id, action: 'ignore' });
    assert.deepEqual(ignored, { notificationID: id, action: 'ignore', subscribed: false, ignored: true });
    assert.equal((await asMona(`/notifications/threads/${id}/subscription`)).json.ignored, true);
    await octocatComments(issue.number, 'Two');
    assert.ok(!(await ids()).includes(id), 'an ignored thread stays quiet');
    await server.data('manage_notification_subscription', { notificationID: id, action: 'watch' });
    await octocatComments(issue.number, 'Three');
    assert.ok((await ids()).includes(id));
    assert.deepEqual(await server.data('manage_notification_subscription', { notificationID: id, action: 'delete' }), { notificationID: id, action: 'delete' });
    assert.equal((await asMona(`/notifications/threads/${id}/subscription`)).status, 404);
  });

  it('manage_repository_notification_subscription: watch, ignore, delete, read back', async () => {
    const api = { owner: 'sim-org', repo: 'api' };
    assert.equal((await asMona('/repos/sim-org/api/subscription')).status, 404, 'not watching yet');
    const watched = await server.data<Record<string, unknown>>('manage_repository_notification_subscription', { ...api, action: 'watch' });
    assert.deepEqual(watched, { repository: 'sim-org/api', action: 'watch', subscribed: true, ignored: false });
    assert.equal((await asMona('/repos/sim-org/api/subscription')).json.subscribed, true);
    await server.data('manage_repository_notification_subscription', { ...api, action: 'ignore' });
    const ignored = (await asMona('/repos/sim-org/api/subscription')).json;
    assert.deepEqual([ignored.subscribed, ignored.ignored], [false, true]);
    await server.data('manage_repository_notification_subscription', { ...api, action: 'delete' });
    assert.equal((await asMona('/repos/sim-org/api/subscription')).status, 404);
    const missing = await server.call('manage_repository_notification_subscription', { owner: 'octocat', repo: 'nothing-here', action: 'watch' });
    assert.equal(missing.isError, true);
    assert.match(textOf(missing), /octocat\/nothing-here/);
  });

  it('mark_all_notifications_read: one repository, then the rest up to lastReadAt', async () => {
    const hello = await server.data<{ lastReadAt?: string; repository?: string; queued: boolean }>('mark_all_notifications_read', { owner: 'octocat', repo: 'hello-world' });
    assert.deepEqual([hello.repository, hello.queued], ['octocat/hello-world', false]);
    assert.ok((await ids()).every((id) => id === '700003'), 'only sim-org/api stays unread');
    assert.deepEqual(await ids(), ['700003']);
    await server.data('mark_all_notifications_read', { lastReadAt: '2023-01-01T00:00:00Z' });
    assert.deepEqual(await ids(), ['700003'], 'updated after lastReadAt: still unread');
    await server.data('mark_all_notifications_read', {});
    assert.deepEqual(await ids(), []);
    assert.equal((await asMona('/notifications/threads/700003')).json.unread, false);
  });

  it('an unknown thread is a 404 that names it', async () => {
    const result = await server.call('get_notification_details', { notificationID: '999999' });
    assert.equal(result.isError, true);
    assert.match(textOf(result), /thread 999999/);
    assert.match(textOf(result), /404|not found/i);
  });

  it('a thread id that is not digits is refused before GitHub is asked', async () => {
    const before = sim.stats.requests.length;
    const result = await server.call('dismiss_notification', { threadID: '../user', state: 'read' });
    assert.equal(result.isError, true);
    assert.equal(sim.stats.requests.length, before);
  });

  it('read-only mode keeps the reads and hides the writes', async () => {
    await withServer(sim, 'toolsets notifications read-only', { GITHUB_TOKEN: mona, GITHUB_READ_ONLY: '1', ...TOOLSETS }, async (ro) => {
      const names = ro.tools.map((t) => t.name);
      for (const name of WRITES) assert.ok(!names.includes(name), name);
      assert.ok(names.includes('list_notifications') && names.includes('get_notification_details'));
    });
  });

  it('a fine-grained token is refused by GitHub, and the error says so', async () => {
    await withServer(sim, 'toolsets notifications fine-grained', { GITHUB_TOKEN: sim.createPersonalToken('monalisa', { fineGrained: true }), ...TOOLSETS }, async (fg) => {
      const result = await fg.call('list_notifications', {});
      assert.equal(result.isError, true);
      assert.match(textOf(result), /403|not accessible|permission/i);
    });
  });
});

describe('notifications toolset (unpinned App)', () => {
  let sim: Simulator;
  let server: ServerHandle;

  before(async () => {
    sim = await startSimulator();
    server = await serverFor(sim, 'toolsets notifications app', appEnv(sim, TOOLSETS));
  });
  after(async () => {
    await server.close();
    await sim.close();
  });

  const calls: Array<[string, Record<string, unknown>]> = [
    ['list_notifications', {}],
    ['list_notifications', { owner: 'octocat', repo: 'hello-world' }],
    ['get_notification_details', { notificationID: '700001' }],
    ['dismiss_notification', { threadID: '700001', state: 'done' }],
    ['mark_all_notifications_read', {}],
    ['manage_notification_subscription', { notificationID: '700001', action: 'ignore' }],
    ['manage_repository_notification_subscription', { owner: 'octocat', repo: 'hello-world', action: 'watch' }],
  ];
  for (const [name, args] of calls) {
    it(`${name} ${JSON.stringify(args)} refuses clearly, without asking GitHub`, async () => {
      const before = sim.stats.requests.length;
      const result = await server.call(name, args);
      assert.equal(result.isError, true);
      assert.match(textOf(result), /user's token.*GitHub Apps/s);
      assert.equal(sim.stats.requests.slice(before).filter((r) => r.origin === 'api').length, 0);
    });
  }

  it('GitHub (the simulator) refuses an installation token too, so the refusal is no guess', async () => {
    const token = (await mintToken(sim, sim.fixtures.installations.octocat)).json.token;
    for (const path of ['/notifications', '/repos/octocat/hello-world/notifications', '/notifications/threads/700001']) {
      const res = await call(sim, path, { auth: `token ${token}` });
      assert.equal(res.status, 403, path);
      assert.equal(res.json.message, 'Resource not accessible by integration');
    }
    assert.equal((await call(sim, '/repos/octocat/hello-world/subscription', { method: 'PUT', auth: `token ${token}`, body: { subscribed: true } })).status, 403);
  });
});
