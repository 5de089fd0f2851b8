import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { textOf, type ServerHandle } from '../../support/serverHarness';
import { appEnv, serverFor, startSimulator, withServer, type Simulator } from '../../support/simServer';

// The issues toolset's detail tools: get_issue_timeline, list_milestones, get_label,
// list_issue_types and update_issue_comment, under a PAT and an unpinned App.

const hello = { owner: 'octocat', repo: 'hello-world' };
const api = { owner: 'sim-org', repo: 'api' };

interface Page<T> {
  items: T[];
  page: number;
  perPage: number;
  hasNextPage: boolean;
}
interface TimelinePage extends Page<Event> {
  lastPage?: number;
  remainingPages?: number;
}
interface Event {
  event?: string;
  actor?: string | null;
  createdAt?: string;
  label?: string;
  assignee?: string | null;
  stateReason?: string;
  rename?: { from?: string; to?: string };
  milestone?: string;
  commitId?: string;
  source?: { repository?: string; number?: number; title?: string; isPullRequest: boolean };
  id?: number;
  body?: string | null;
  bodyTruncated?: boolean;
  sha?: string;
  message?: string;
}
interface Milestone {
  number: number;
  title: string;
  state: string;
  openIssues: number;
  closedIssues: number;
  dueOn: string | null;
  description: string | null;
}

/** Every event of an issue's timeline, page by page. */
async function wholeTimeline(server: ServerHandle, args: Record<string, unknown>): Promise<Event[]> {
  const events: Event[] = [];
  for (let page = 1; page < 50; page++) {
    const result = await server.data<TimelinePage>('get_issue_timeline', { ...args, page, perPage: 100 });
    events.push(...result.items);
    if (!result.hasNextPage) return events;
  }
  throw new Error('timeline without end');
}

describe('issues toolset: timelines, milestones, labels, issue types, comment edits (PAT)', () => {
  let sim: Simulator;
  let server: ServerHandle;
  let pat: string;

  before(async () => {
    sim = await startSimulator();
    pat = sim.createPersonalToken('octocat', { scopes: ['repo', 'read:org'] });
    server = await serverFor(sim, 'toolsets issueDetails pat', { GITHUB_TOKEN: pat });
  });
  after(async () => {
    await server.close();
    await sim.close();
  });

  it('get_issue_timeline shows the seeded history of hello-world#1, oldest first, with cross-references from three repositories', async () => {
    const events = await wholeTimeline(server, { ...hello, issue_number: 1 });
    const kinds = events.map((e) => e.event);
    for (const kind of ['milestoned', 'renamed', 'referenced', 'commented', 'cross-referenced']) assert.ok(kinds.includes(kind), `${kind} in ${kinds.join(', ')}`);
    const times = events.map((e) => e.createdAt ?? '');
    assert.deepEqual(times, [...times].sort(), 'oldest first');
    const renamed = events.find((e) => e.event === 'renamed');
    assert.equal(renamed?.rename?.from, 'Draft');
    assert.equal(renamed?.actor, 'octocat');
    assert.match(events.find((e) => e.event === 'referenced')?.commitId ?? '', /^[0-9a-f]{40}$/);
    assert.equal(events.find((e) => e.event === 'milestoned')?.milestone, 'v1.0');
    const sources = events.filter((e) => e.event === 'cross-referenced').map((e) => `${e.source?.repository}#${e.source?.number}`);
    assert.deepEqual(sources.sort(), ['octocat/hello-world#2', 'octocat/private-repo#1', 'sim-org/api#5']);
    const comment = events.find((e) => e.event === 'commented');
    assert.equal(typeof comment?.id, 'number');
    assert.match(comment?.body ?? '', /^Comment 1 on #1/);
    // Lean: no user objects, no URLs of every kind.
    assert.ok(!JSON.stringify(events).includes('avatar_url'));
  });

  it('get_issue_timeline is windowed: pages report lastPage and remainingPages, and stay within a quarter of the raw JSON', async () => {
    const all = await wholeTimeline(server, { ...hello, issue_number: 1 });
    const first = await server.data<TimelinePage>('get_issue_timeline', { ...hello, issue_number: 1, perPage: 3 });
    assert.equal(first.items.length, 3);
    assert.equal(first.hasNextPage, true);
    assert.equal(first.lastPage, Math.ceil(all.length / 3));
    assert.equal(first.remainingPages, Math.ceil(all.length / 3) - 1);
    const last = await server.data<TimelinePage>('get_issue_timeline', { ...hello, issue_number: 1, perPage: 3, page: first.lastPage });
    assert.equal(last.hasNextPage, false);
    assert.equal(last.remainingPages, 0);
    assert.deepEqual([...first.items, ...last.items].map((e) => e.event), [...all.slice(0, 3), ...all.slice(((first.lastPage ?? 1) - 1) * 3)].map((e) => e.event));
    const raw = await (await fetch(`${sim.apiUrl}/repos/octocat/hello-world/issues/1/timeline?per_page=100`, { headers: { authorization: `token ${pat}` } })).text();
    const shaped = JSON.stringify(await server.data('get_issue_timeline', { ...hello, issue_number: 1, perPage: 100 }));
    assert.ok(shaped.length * 4 <= raw.length, `shaped ${shaped.length} vs raw ${raw.length}`);
  });

  it('get_issue_timeline records what the tools change: labels, assignees, rename, milestone, close, comments, mentions', async () => {
    const created = await server.data<{ number: number }>('create_issue', { ...hello, title: 'Timeline subject', body: 'Follows up on #1.', labels: ['bug'], assignees: ['hubot'] });
    const n = created.number;
    await server.data('update_issue', { ...hello, issue_number: n, title: 'Timeline subject, renamed', labels: ['enhancement'], assignees: ['monalisa'], milestone: 3 });
    await server.data('update_issue', { ...hello, issue_number: n, state: 'closed', state_reason: 'not_planned' });
    const long = `See octocat/hello-world#2. ${'z'.repeat(900)}`;
    await server.data('add_issue_comment', { ...hello, issue_number: n, body: long });
    const events = await wholeTimeline(server, { ...hello, issue_number: n });
    const summary = events.map((e) => [e.event, e.label ?? e.assignee ?? e.milestone ?? e.rename?.to ?? e.stateReason ?? null, e.actor]);
    assert.deepEqual(summary, [
      ['labeled', 'bug', 'octocat'],
      ['assigned', 'hubot', 'octocat'],
      ['renamed', 'Timeline subject, renamed', 'octocat'],
      ['labeled', 'enhancement', 'octocat'],
      ['unlabeled', 'bug', 'octocat'],
      ['assigned', 'monalisa', 'octocat'],
      ['unassigned', 'hubot', 'octocat'],
      ['milestoned', 'Backlog', 'octocat'],
      ['closed', 'not_planned', 'octocat'],
      ['commented', null, 'octocat'],
    ]);
    const comment = events.at(-1) as Event;
    assert.equal(comment.bodyTruncated, true);
    assert.ok((comment.body ?? '').length < 560, 'comment bodies are cut in the timeline');
    // The body's "#1" and the comment's "octocat/hello-world#2" are cross-references there.
    for (const target of [1, 2]) {
      const theirs = await wholeTimeline(server, { ...hello, issue_number: target });
      const ref = theirs.find((e) => e.event === 'cross-referenced' && e.source?.number === n);
      assert.equal(ref?.source?.title, 'Timeline subject, renamed', `#${target} is cross-referenced from #${n}`);
      assert.equal(ref?.source?.isPullRequest, false);
    }
  });

  it('get_issue_timeline of a pull request lists its commits and the merge', async () => {
    const events = await wholeTimeline(server, { ...api, issue_number: sim.fixtures.simOrgApi.mergedPull });
    const committed = events.filter((e) => e.event === 'committed');
    assert.equal(committed.length, 1);
    assert.match(committed[0].sha ?? '', /^[0-9a-f]{40}$/);
    assert.equal(committed[0].message, 'Bump version');
    assert.deepEqual(events.filter((e) => e.event === 'merged' || e.event === 'closed').map((e) => e.event), ['merged', 'closed']);
  });

  it('get_issue_timeline 404 names the issue', async () => {
    const result = await server.call('get_issue_timeline', { ...hello, issue_number: 99999 });
    assert.equal(result.isError, true);
    assert.match(textOf(result), /octocat\/hello-world#99999 was not found \(404\)/);
  });

  it('list_milestones filters by state, sorts, and counts issues; create_issue with a milestone moves the count', async () => {
    const open = await server.data<Page<Milestone>>('list_milestones', hello);
    assert.deepEqual(open.items.map((m) => m.title), ['v1.0', 'Backlog'], 'open, by due date, undated last');
    const all = await server.data<Page<Milestone>>('list_milestones', { ...hello, state: 'all' });
    assert.deepEqual(all.items.map((m) => [m.number, m.title, m.state]), [[2, 'v0.9', 'closed'], [1, 'v1.0', 'open'], [3, 'Backlog', 'open']]);
    const v1 = all.items.find((m) => m.number === 1) as Milestone;
    assert.ok(v1.openIssues + v1.closedIssues > 0);
    assert.match(v1.dueOn ?? '', /^\d{4}-\d\d-\d\dT/);
    const paged = await server.data<Page<Milestone>>('list_milestones', { ...hello, state: 'all', perPage: 2 });
    assert.equal(paged.hasNextPage, true);

    const issue = await server.data<{ number: number; milestone?: { number: number; title: string } }>('create_issue', { ...hello, title: 'In v1.0', milestone: 1 });
    assert.deepEqual(issue.milestone, { number: 1, title: 'v1.0' });
    const again = await server.data<Page<Milestone>>('list_milestones', { ...hello, state: 'all' });
    assert.equal(again.items.find((m) => m.number === 1)?.openIssues, v1.openIssues + 1);
    const read = await server.data<{ milestone?: { number: number } }>('get_issue', { ...hello, issue_number: issue.number });
    assert.equal(read.milestone?.number, 1);
    const cleared = await server.data<{ milestone?: unknown }>('update_issue', { ...hello, issue_number: issue.number, milestone: null });
    assert.equal(cleared.milestone, undefined);
  });

  it('create_issue with a milestone the repository lacks is a 422', async () => {
    const result = await server.call('create_issue', { ...hello, title: 'Nowhere', milestone: 99 });
    assert.equal(result.isError, true);
    assert.match(textOf(result), /422.*Issue\.milestone invalid/s);
    const before = await server.data<{ title: string }>('get_issue', { ...hello, issue_number: 8 });
    const update = await server.call('update_issue', { ...hello, issue_number: 8, title: 'Renamed?', milestone: 99 });
    assert.equal(update.isError, true);
    assert.equal((await server.data<{ title: string }>('get_issue', { ...hello, issue_number: 8 })).title, before.title, 'nothing applied');
    assert.ok(!(await wholeTimeline(server, { ...hello, issue_number: 8 })).some((e) => e.event === 'renamed'), 'no rename recorded');
  });

  it('get_label finds a label case-insensitively; a missing one is a 404 naming it; "." and ".." are refused', async () => {
    const label = await server.data<{ name: string; color: string; isDefault: boolean; description: string | null }>('get_label', { ...hello, name: 'BUG' });
    assert.deepEqual(label, { ...label, name: 'bug', color: 'd73a4a', isDefault: true, description: null });
    const missing = await server.call('get_label', { ...hello, name: 'no such label' });
    assert.equal(missing.isError, true);
    assert.match(textOf(missing), /label "no such label" in octocat\/hello-world was not found \(404\)/i);
    for (const name of ['.', '..']) {
      const before = sim.stats.requests.length;
      const refused = await server.call('get_label', { ...hello, name });
      assert.equal(refused.isError, true);
      assert.match(textOf(refused), /must be a label name/);
      assert.equal(sim.stats.requests.length, before, 'nothing was sent');
    }
  });

  it('list_issue_types lists an organization\'s types; a user account has none (404)', async () => {
    const types = await server.data<{ items: Array<{ id: number; name: string; description: string | null; color?: string | null }> }>('list_issue_types', { org: 'sim-org' });
    assert.deepEqual(types.items.map((t) => [t.name, t.color]), [['Task', 'yellow'], ['Bug', 'red'], ['Feature', 'blue']]);
    const user = await server.call('list_issue_types', { org: 'octocat' });
    assert.equal(user.isError, true);
    assert.match(textOf(user), /404/);
  });

  it('list_issue_types needs read:org on a classic token', async () => {
    await withServer(sim, 'toolsets issueDetails no read:org', { GITHUB_TOKEN: sim.createPersonalToken('octocat', { scopes: ['repo'] }) }, async (narrow) => {
      const result = await narrow.call('list_issue_types', { org: 'sim-org' });
      assert.equal(result.isError, true);
    });
  });

  it('update_issue_comment replaces a comment body (read back through list_issue_comments); 404 for an unknown id', async () => {
    const created = await server.data<{ id: number }>('add_issue_comment', { ...hello, issue_number: 5, body: 'First draft' });
    const edited = await server.data<{ id: number; body: string; author: string }>('update_issue_comment', { ...hello, commentId: created.id, body: 'Second draft, see #3' });
    assert.equal(edited.id, created.id);
    assert.equal(edited.body, 'Second draft, see #3');
    const comments = await server.data<Page<{ id: number; body: string }>>('list_issue_comments', { ...hello, issue_number: 5, perPage: 100 });
    assert.equal(comments.items.find((c) => c.id === created.id)?.body, 'Second draft, see #3');
    const pull = await wholeTimeline(server, { ...hello, issue_number: 3 });
    assert.ok(pull.some((e) => e.event === 'cross-referenced' && e.source?.number === 5), 'the edit\'s mention is a cross-reference');
    const missing = await server.call('update_issue_comment', { ...hello, commentId: 1, body: 'x' });
    assert.equal(missing.isError, true);
    assert.match(textOf(missing), /comment 1 in octocat\/hello-world was not found \(404\)/i);
  });

  it('update_issue_comment on someone else\'s comment needs write access (403), and the comment stays', async () => {
    const theirs = await server.data<{ id: number }>('add_issue_comment', { ...hello, issue_number: 6, body: 'Octocat wrote this' });
    await withServer(sim, 'toolsets issueDetails monalisa', { GITHUB_TOKEN: sim.createPersonalToken('monalisa', { scopes: ['repo'] }) }, async (other) => {
      const result = await other.call('update_issue_comment', { ...hello, commentId: theirs.id, body: 'Mona was here' });
      assert.equal(result.isError, true);
      assert.match(textOf(result), /403/);
      const timeline = await wholeTimeline(other, { ...hello, issue_number: 1 });
      assert.ok(!timeline.some((e) => e.source?.repository === 'octocat/private-repo'), 'a cross-reference from a private repository she cannot see is left out');
    });
    const comments = await server.data<Page<{ id: number; body: string }>>('list_issue_comments', { ...hello, issue_number: 6, perPage: 100 });
    assert.equal(comments.items.find((c) => c.id === theirs.id)?.body, 'Octocat wrote this');
  });

  it('read-only mode hides update_issue_comment and keeps the reads', async () => {
    await withServer(sim, 'toolsets issueDetails read-only', { GITHUB_TOKEN: pat, GITHUB_READ_ONLY: '1' }, async (ro) => {
      const names = ro.tools.map((t) => t.name);
      assert.ok(!names.includes('update_issue_comment'));
      for (const name of ['get_issue_timeline', 'list_milestones', 'get_label', 'list_issue_types']) assert.ok(names.includes(name), name);
    });
  });
});

describe('issues toolset: timelines, milestones, labels, issue types, comment edits (unpinned App)', () => {
  let sim: Simulator;
  let server: ServerHandle;

  before(async () => {
    sim = await startSimulator();
    server = await serverFor(sim, 'toolsets issueDetails app', appEnv(sim));
  });
  after(async () => {
    await server.close();
    await sim.close();
  });

  it('get_issue_timeline acts as the installation covering each repository', async () => {
    const hw = await wholeTimeline(server, { ...hello, issue_number: 1 });
    const sources = hw.filter((e) => e.event === 'cross-referenced').map((e) => e.source?.repository).sort();
    // Installation 5001 covers hello-world and private-repo, not sim-org/api.
    assert.deepEqual(sources, ['octocat/hello-world', 'octocat/private-repo']);
    const pull = await wholeTimeline(server, { ...api, issue_number: sim.fixtures.simOrgApi.mergeablePull });
    assert.equal(pull.filter((e) => e.event === 'committed').length, 2);
  });

  it('list_milestones, get_label and list_issue_types through the installations', async () => {
    const milestones = await server.data<Page<Milestone>>('list_milestones', { ...api, state: 'all' });
    assert.deepEqual(milestones.items.map((m) => m.title), ['Q1']);
    assert.equal((await server.data<{ name: string }>('get_label', { ...hello, name: 'question' })).name, 'question');
    const types = await server.data<{ items: Array<{ name: string }> }>('list_issue_types', { org: 'sim-org' });
    assert.equal(types.items.length, 3);
  });

  it('update_issue_comment edits as the App\'s bot, read back', async () => {
    const comment = await server.data<{ id: number; author: string }>('add_issue_comment', { ...api, issue_number: 5, body: 'Bot note' });
    assert.equal(comment.author, 'sim-app[bot]');
    await server.data('update_issue_comment', { ...api, commentId: comment.id, body: 'Bot note, edited' });
    const comments = await server.data<Page<{ id: number; body: string }>>('list_issue_comments', { ...api, issue_number: 5 });
    assert.equal(comments.items.find((c) => c.id === comment.id)?.body, 'Bot note, edited');
  });
});
