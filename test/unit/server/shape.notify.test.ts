import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { example, exampleCases, problems, runOnAnswer as run, tools, validators, type ExampleCase, type Json } from '../../support/openapiExamples';

/*
 * The notify-area shapers (notifications, labels, milestones, release writes) against GitHub's
 * own response examples (@octokit/openapi, api.github.com): each example goes through the
 * tool's real handler (a fetch answers from it), in full, stripped to the fields the response
 * schema requires, and with every nullable field null; each result must validate against the
 * advertised and the strict schema. Answers without a body (204, 205) run once.
 */


type Case = ExampleCase;

const repo = { owner: 'octocat', repo: 'Hello-World' };
const rawItems = (raw: any): any[] => raw;

function checkThread(out: Json, raw: Json) {
  assert.equal(out.id, raw.id);
  assert.equal(out.repository, raw.repository.full_name);
  assert.equal(out.subjectTitle, raw.subject.title);
  assert.equal(out.subjectType, raw.subject.type);
  const n = /\/(?:issues|pulls)\/(\d+)$/.exec(raw.subject.url ?? '');
  assert.equal(out.number, n ? Number(n[1]) : undefined, 'number only from the subject URL');
  assert.equal(out.reason, raw.reason);
  assert.equal(out.unread, raw.unread);
  assert.equal(out.updatedAt, raw.updated_at);
  assert.equal(out.lastReadAt, raw.last_read_at);
}

function checkLabel(out: Json, raw: Json) {
  assert.deepEqual(out, { id: raw.id, name: raw.name, color: raw.color, description: raw.description, isDefault: raw.default });
}

function checkMilestone(out: Json, raw: Json) {
  assert.equal(out.number, raw.number);
  assert.equal(out.title, raw.title);
  assert.equal(out.state, raw.state);
  assert.equal(out.openIssues, raw.open_issues);
  assert.equal(out.dueOn, raw.due_on);
  assert.equal(out.htmlUrl, raw.html_url);
}

function checkRelease(out: Json, raw: Json) {
  assert.equal(out.id, raw.id);
  assert.equal(out.tagName, raw.tag_name);
  assert.equal(out.draft, raw.draft);
  assert.equal(out.author, raw.author?.login ?? null);
  if (raw.body === undefined) assert.equal('body' in out, false, 'body not made up');
}

const eachItem = (check: (o: Json, r: Json) => void) => (out: Json, raw: any) => {
  const items = rawItems(raw);
  assert.equal(out.items.length, items.length);
  out.items.forEach((o: Json, i: number) => check(o, items[i]));
};

const cases: Case[] = [
  { tool: 'list_notifications', args: {}, op: 'activity/list-notifications-for-authenticated-user', list: true, check: eachItem(checkThread) },
  { tool: 'list_notifications', args: { ...repo, filter: 'include_read_notifications' }, op: 'activity/list-repo-notifications-for-authenticated-user', list: true, check: eachItem(checkThread) },
  { tool: 'get_notification_details', args: { notificationID: '1' }, op: 'activity/get-thread', check: checkThread },
  {
    tool: 'manage_notification_subscription',
    args: { notificationID: '1', action: 'ignore' },
    op: 'activity/set-thread-subscription',
    check: (o, r) => assert.deepEqual(o, { notificationID: '1', action: 'ignore', ...(r.subscribed === undefined ? {} : { subscribed: r.subscribed }), ...(r.ignored === undefined ? {} : { ignored: r.ignored }) }),
  },
  {
    tool: 'manage_repository_notification_subscription',
    args: { ...repo, action: 'watch' },
    op: 'activity/set-repo-subscription',
    check: (o, r) => assert.deepEqual(o, { repository: 'octocat/Hello-World', action: 'watch', subscribed: r.subscribed, ignored: r.ignored }),
  },
  { tool: 'mark_all_notifications_read', args: { lastReadAt: '2024-01-01T00:00:00Z' }, op: 'activity/mark-notifications-as-read', status: 202, check: (o) => assert.deepEqual(o, { lastReadAt: '2024-01-01T00:00:00Z', queued: true }) },
  // list_labels is not held to a quarter: a label is small, and its shaped form (id, name, colour, description, default) is about half of GitHub's.
  { tool: 'list_labels', args: repo, op: 'issues/list-labels-for-repo', check: eachItem(checkLabel) },
  { tool: 'create_label', args: { ...repo, name: 'bug' }, op: 'issues/create-label', status: 201, check: checkLabel },
  { tool: 'update_label', args: { ...repo, name: 'bug', new_name: 'bug :bug:' }, op: 'issues/update-label', check: checkLabel },
  { tool: 'create_milestone', args: { ...repo, title: 'v1.0' }, op: 'issues/create-milestone', status: 201, check: checkMilestone },
  { tool: 'update_milestone', args: { ...repo, milestone_number: 1, state: 'closed' }, op: 'issues/update-milestone', check: checkMilestone },
  { tool: 'create_release', args: { ...repo, tag: 'v1.0.0' }, op: 'repos/create-release', status: 201, check: checkRelease },
  { tool: 'update_release', args: { ...repo, release_id: 1, name: 'v1.0.0' }, op: 'repos/update-release', check: checkRelease },
  {
    tool: 'search_orgs',
    args: { query: 'github' },
    op: 'search/users',
    check: (o, r) => {
      assert.equal(o.totalCount, r.total_count);
      assert.deepEqual(o.items, r.items.map((u: Json) => ({ login: u.login, id: u.id, type: u.type, htmlUrl: u.html_url })));
    },
  },
  { tool: 'list_org_members', args: { org: 'github' }, op: 'orgs/list-members', list: true, check: eachItem((o, r) => assert.deepEqual(o, { login: r.login })) },
  { tool: 'list_starred_repositories', args: {}, op: 'activity/list-repos-starred-by-authenticated-user', list: true, check: eachItem((o, r) => assert.deepEqual([o.fullName, o.htmlUrl, o.private], [r.full_name, r.html_url, r.private])) },
  // Its answer is anyOf (starred-repository[], repository[]); stripping to required fields would pick the first branch for the second's example.
  { tool: 'list_starred_repositories', args: { username: 'octocat' }, op: 'activity/list-repos-starred-by-user', list: true, only: ['full', 'nulled'], check: eachItem((o, r) => assert.equal(o.fullName, r.full_name)) },
];

/** Answers without a body: the tool reports what it did. */
const bodiless: Array<{ tool: string; args: Json; op: string; status: number; expect: Json }> = [
  { tool: 'dismiss_notification', args: { threadID: '1', state: 'read' }, op: 'activity/mark-thread-as-read', status: 205, expect: { threadID: '1', state: 'read' } },
  { tool: 'dismiss_notification', args: { threadID: '1', state: 'done' }, op: 'activity/mark-thread-as-done', status: 204, expect: { threadID: '1', state: 'done' } },
  { tool: 'mark_all_notifications_read', args: { ...repo }, op: 'activity/mark-repo-notifications-as-read', status: 205, expect: { repository: 'octocat/Hello-World', queued: false } },
  { tool: 'manage_notification_subscription', args: { notificationID: '1', action: 'delete' }, op: 'activity/delete-thread-subscription', status: 204, expect: { notificationID: '1', action: 'delete' } },
  { tool: 'manage_repository_notification_subscription', args: { ...repo, action: 'delete' }, op: 'activity/delete-repo-subscription', status: 204, expect: { repository: 'octocat/Hello-World', action: 'delete' } },
  { tool: 'delete_label', args: { ...repo, name: 'bug' }, op: 'issues/delete-label', status: 204, expect: { deleted: 'bug' } },
  { tool: 'delete_release', args: { ...repo, release_id: 1 }, op: 'repos/delete-release', status: 204, expect: { deleted: 1 } },
  { tool: 'star_repository', args: repo, op: 'activity/star-repo-for-authenticated-user', status: 204, expect: { starred: 'octocat/Hello-World' } },
  { tool: 'unstar_repository', args: repo, op: 'activity/unstar-repo-for-authenticated-user', status: 204, expect: { unstarred: 'octocat/Hello-World' } },
];

describe('notify-area shapers on GitHub\'s OpenAPI examples', () => {
  exampleCases(cases, rawItems);

  for (const c of bodiless) {
    it(`${c.tool} · ${c.op} · ${c.status} without a body`, async () => {
      const out = await run(c.tool, c.args, c.op, c.status, undefined);
      const { advertised, strict } = validators(c.tool);
      assert.ok(advertised(out) && strict(out), `${c.tool}: ${problems(advertised)} ${problems(strict)}`);
      assert.deepEqual(out, c.expect);
    });
  }

  it('a subject that is no issue or pull request has no number', async () => {
    const { value } = example('activity/get-thread', 200);
    const release = { ...(value as Json), subject: { title: 'v1', type: 'Release', url: 'https://api.github.com/repos/octocat/Hello-World/releases/1', latest_comment_url: 'https://api.github.com/repos/octocat/Hello-World/releases/1' } };
    const out = await run('get_notification_details', { notificationID: '1' }, 'activity/get-thread', 200, release);
    assert.equal('number' in out, false);
    assert.equal(out.subjectType, 'Release');
  });

  it('list_starred_repositories reads the star+json form ({ starred_at, repo }) too', async () => {
    const { value } = example('activity/list-repos-starred-by-authenticated-user', 200);
    const out = await run('list_starred_repositories', {}, 'activity/list-repos-starred-by-authenticated-user', 200, (value as Json[]).map((r) => ({ starred_at: '2024-01-01T00:00:00Z', repo: r })));
    assert.deepEqual(out.items.map((r: Json) => r.fullName), (value as Json[]).map((r) => r.full_name));
  });

  it('the notification and starring tools declare that they act as a user (run.ts refuses them to an App)', () => {
    for (const name of ['list_notifications', 'get_notification_details', 'dismiss_notification', 'mark_all_notifications_read', 'manage_notification_subscription', 'manage_repository_notification_subscription', 'star_repository', 'unstar_repository']) {
      assert.match(tools.get(name)?.needs.user ?? '', /personal access token/, name);
    }
    // Listing someone else's stars works for an App; only your own list is refused, by the tool itself.
    assert.equal(tools.get('list_starred_repositories')?.needs.user, undefined);
  });

  it('under a GitHub App, list_starred_repositories without username refuses before any request', async () => {
    await assert.rejects(run('list_starred_repositories', {}, 'activity/list-repos-starred-by-authenticated-user', 200, [], true), /user's token/);
  });
});
