import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { textOf, type ServerHandle } from '../../support/serverHarness';
import { actsAs, identities } from '../../support/identities';
import { serverFor, startSimulator, type Simulator } from '../../support/simServer';

// Every issues tool on octocat/hello-world, as its owner octocat (PAT) and as the unpinned App,
// which acts there as installation 5001 (issues: write).

const hello = { owner: 'octocat', repo: 'hello-world' };

interface Page<T> {
  items: T[];
  page: number;
  perPage: number;
  hasNextPage: boolean;
  totalCount?: number;
}
interface IssueItem {
  number: number;
  title: string;
  state: string;
  stateReason?: string;
  isPullRequest: boolean;
  author: string | null;
  labels: string[];
  assignees: string[];
  body: string | null;
  bodyTruncated?: boolean;
  repository?: string;
  closedBy?: string;
}

for (const identity of identities('octocat')) describe(`issues toolset (${identity.label})`, () => {
  let sim: Simulator;
  let server: ServerHandle;
  let pat: string;

  before(async () => {
    sim = await startSimulator();
    pat = sim.createPersonalToken('octocat', { scopes: ['repo'] }); // for reading GitHub's raw JSON
    server = await serverFor(sim, `toolsets issues ${identity.label}`, identity.env(sim, { GITHUB_PER_PAGE: '30' }));
  });
  after(async () => {
    await server.close();
    await sim.close();
  });

  it('list_issues pages through every issue, pull requests marked, hasNextPage true then false', async () => {
    const seen: IssueItem[] = [];
    const flags: boolean[] = [];
    for (let page = 1; page <= 2; page++) {
      const result = await actsAs(sim, identity, sim.fixtures.installations.octocat, () => server.data<Page<IssueItem>>('list_issues', { ...hello, state: 'all', perPage: 100, page }));
      seen.push(...result.items);
      flags.push(result.hasNextPage);
    }
    assert.deepEqual(flags, [true, false]);
    assert.equal(seen.length, sim.fixtures.helloWorld.issueCount);
    const pulls = seen.filter((i) => i.isPullRequest).map((i) => i.number).sort((a, b) => a - b);
    assert.deepEqual(pulls, [...sim.fixtures.helloWorld.pullNumbers].sort((a, b) => a - b));
  });

  it('list_issues uses GITHUB_PER_PAGE by default and filters by labels and state', async () => {
    const page = await server.data<Page<IssueItem>>('list_issues', { ...hello });
    assert.equal(page.perPage, 30);
    assert.equal(page.items.length, 30);
    assert.ok(page.items.every((i) => i.state === 'open'));
    const bugs = await server.data<Page<IssueItem>>('list_issues', { ...hello, state: 'all', labels: ['bug', 'question'], perPage: 100 });
    assert.ok(bugs.items.length > 0);
    assert.ok(bugs.items.every((i) => i.labels.includes('bug') && i.labels.includes('question')));
    const asc = await server.data<Page<IssueItem>>('list_issues', { ...hello, state: 'all', sort: 'created', direction: 'asc', perPage: 3 });
    assert.deepEqual(asc.items.map((i) => i.number), [1, 2, 3]);
  });

  it('list_issues stays lean: at most an eighth of the raw GitHub JSON, body previews only', async () => {
    for (const state of ['open', 'closed', 'all']) {
      const raw = await (await fetch(`${sim.apiUrl}/repos/octocat/hello-world/issues?state=${state}&per_page=30`, { headers: { authorization: `token ${pat}` } })).text();
      const result = await server.call('list_issues', { ...hello, state, perPage: 30 });
      const shaped = JSON.stringify(result.structuredContent);
      assert.ok(shaped.length * 8 <= raw.length, `${state}: shaped ${shaped.length} bytes vs raw ${raw.length}`);
      assert.ok(textOf(result).length + shaped.length <= raw.length / 4, 'text and structuredContent together within a quarter');
      const items = (result.structuredContent as unknown as Page<IssueItem>).items;
      for (const item of items) assert.ok((item.body ?? '').length <= 200 + 40, `#${item.number} body preview too long`);
      const long = items.find((i) => i.bodyTruncated);
      if (long) assert.match(long.body ?? '', /…\[truncated \d+ characters\]$/);
    }
  });

  it('get_issue returns the full body and labels as names', async () => {
    const issue = await server.data<IssueItem & { htmlUrl: string }>('get_issue', { ...hello, issue_number: 7 });
    assert.equal(issue.number, 7);
    assert.equal(issue.bodyTruncated, undefined);
    assert.match(issue.body ?? '', /^## Report for #7/);
    assert.ok((issue.body ?? '').length > 4000, 'the long body is not cut to a preview');
    assert.ok(issue.labels.every((l) => typeof l === 'string'));
    assert.match(issue.htmlUrl, /\/octocat\/hello-world\/issues\/7$/);
  });

  it('get_issue 404 names the issue', async () => {
    const result = await server.call('get_issue', { ...hello, issue_number: 99999 });
    assert.equal(result.isError, true);
    assert.match(textOf(result), /Issue octocat\/hello-world#99999 was not found \(404\)/);
  });

  it('search_issues sends qualifiers as written and reports the repository', async () => {
    const prs = await actsAs(sim, identity, sim.fixtures.installations.octocat, () => server.data<Page<IssueItem>>('search_issues', { query: 'repo:octocat/hello-world is:pr', perPage: 5 }));
    assert.equal(prs.totalCount, sim.fixtures.helloWorld.pullNumbers.length);
    assert.equal(prs.hasNextPage, true);
    assert.ok(prs.items.every((i) => i.isPullRequest && i.repository === 'octocat/hello-world'));
  });

  it('create_issue, update_issue, add_issue_comment and list_issue_comments round-trip', async () => {
    const longBody = `${'x'.repeat(25_000)}END`;
    const created = await actsAs(sim, identity, sim.fixtures.installations.octocat, () =>
      server.data<IssueItem>('create_issue', { ...hello, title: 'Tool test issue', body: longBody, labels: ['bug'], assignees: ['hubot'] }),
    );
    assert.equal(created.state, 'open');
    assert.equal(created.author, identity.author);
    assert.deepEqual(created.labels, ['bug']);
    assert.deepEqual(created.assignees, ['hubot']);
    assert.equal(created.bodyTruncated, true, 'a 25,000-character body is cut in the result');
    assert.match(created.body ?? '', /x…\[truncated 5003 characters\]$/);

    const listed = await server.data<Page<IssueItem>>('list_issues', { ...hello, perPage: 1 });
    assert.equal(listed.items[0].number, created.number);
    assert.equal(listed.items[0].bodyTruncated, true);
    assert.match(listed.items[0].body ?? '', /^x{200}…\[truncated 24803 characters\]$/);

    const closed = await server.data<IssueItem>('update_issue', { ...hello, issue_number: created.number, state: 'closed', state_reason: 'not_planned', labels: [] });
    assert.equal(closed.state, 'closed');
    assert.equal(closed.stateReason, 'not_planned');
    assert.deepEqual(closed.labels, []);
    assert.equal(closed.closedBy, identity.author);

    const comment = await server.data<{ id: number; author: string; body: string }>('add_issue_comment', { ...hello, issue_number: created.number, body: 'Closing: not planned.' });
    assert.equal(comment.author, identity.author);
    const comments = await server.data<Page<{ id: number; body: string }>>('list_issue_comments', { ...hello, issue_number: created.number });
    assert.deepEqual(comments.items.map((c) => c.id), [comment.id]);
    assert.equal(comments.hasNextPage, false);

    // What GitHub holds now, read with a token of its own.
    const held = (await (await fetch(`${sim.apiUrl}/repos/octocat/hello-world/issues/${created.number}`, { headers: { authorization: `token ${pat}` } })).json()) as any;
    assert.equal(held.user.login, identity.author);
    assert.equal(held.state, 'closed');
    assert.equal(held.state_reason, 'not_planned');
    assert.equal(held.closed_by.login, identity.author);
    assert.deepEqual(held.labels, []);
    assert.equal(held.comments, 1);
  });

  it('create_issue on hubot/scripts: octocat may (a public repository); App 1001 is not installed there', async () => {
    const result = await server.call('create_issue', { owner: 'hubot', repo: 'scripts', title: 'Who may open this' });
    const held = (await (await fetch(`${sim.apiUrl}/repos/hubot/scripts/issues?state=all`, { headers: { authorization: `token ${pat}` } })).json()) as Array<{ title: string; user: { login: string } }>;
    const opened = held.filter((i) => i.title === 'Who may open this');
    if (identity.isApp) {
      assert.equal(result.isError, true);
      assert.match(textOf(result), /App is not installed on hubot\/scripts/);
      assert.deepEqual(opened, [], 'nothing was written');
    } else {
      assert.ok(!result.isError, textOf(result));
      assert.deepEqual(opened.map((i) => i.user.login), ['octocat']);
    }
  });

  it('list_issue_comments pages', async () => {
    const withComments = (await server.data<Page<IssueItem & { comments: number }>>('list_issues', { ...hello, state: 'all', sort: 'comments', perPage: 1 })).items[0];
    assert.ok(withComments.comments >= 2);
    const first = await server.data<Page<{ body: string }>>('list_issue_comments', { ...hello, issue_number: withComments.number, perPage: 1 });
    assert.equal(first.hasNextPage, true);
    const last = await server.data<Page<{ body: string }>>('list_issue_comments', { ...hello, issue_number: withComments.number, perPage: 1, page: withComments.comments });
    assert.equal(last.hasNextPage, false);
    assert.match(last.items[0].body, /^Comment \d+ on #\d+/);
  });

  it('create_issue 422 lists the field errors', async () => {
    const result = await server.call('create_issue', { ...hello, title: 'Bad assignee', assignees: ['no-such-user-here'] });
    assert.equal(result.isError, true);
    assert.match(textOf(result), /422/);
    assert.match(textOf(result), /Issue\.assignees invalid/);
  });

  it('update_issue with nothing to change and bad arguments are isError results without a crash', async () => {
    const empty = await server.call('update_issue', { ...hello, issue_number: 1 });
    assert.equal(empty.isError, true);
    assert.match(textOf(empty), /at least one field/);
    for (const args of [{ ...hello, issue_number: 'one' }, { ...hello, issue_number: 1, state: 'merged' }, { ...hello, state: 'open', since: 'yesterday' }]) {
      const name = 'issue_number' in args ? 'update_issue' : 'list_issues';
      const result = await server.call(name, args);
      assert.equal(result.isError, true, `${name} ${JSON.stringify(args)}`);
    }
    assert.equal((await server.data<IssueItem>('get_issue', { ...hello, issue_number: 1 })).number, 1);
  });
});
