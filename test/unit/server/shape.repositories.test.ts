import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { example, exampleCases, runOnAnswer as run, tools, type ExampleCase, type Json } from '../../support/openapiExamples';

/*
 * The repositories, releases and teams shapers against GitHub's own response examples
 * (@octokit/openapi, api.github.com): each example goes through the tool's real handler
 * (a fetch answers from it), in full, stripped to the fields the response schema requires,
 * and with every nullable field null. Each result must validate against the JSON Schema the
 * tool advertises (ajv strict) and against the strict schema writes are not relaxed from;
 * field checks tie results to the examples, and lists stay within a quarter of the raw JSON.
 */


type Case = ExampleCase;

const repo = { owner: 'octocat', repo: 'Hello-World' };
const rawItems = (raw: any): any[] => (Array.isArray(raw) ? raw : (raw.items ?? raw.repositories));

function checkSummary(out: Json, raw: Json) {
  assert.equal(out.fullName, raw.full_name);
  assert.equal(out.private, raw.private);
  assert.equal(out.fork, raw.fork);
  assert.equal(out.htmlUrl, raw.html_url);
  assert.equal(out.stars, raw.stargazers_count);
  assert.equal(out.defaultBranch, raw.default_branch);
  assert.equal(out.language, raw.language);
  if (raw.description === null) assert.equal(out.description, null);
  else assert.ok(String(out.description).startsWith(String(raw.description).slice(0, 50)));
}

function checkRelease(out: Json, raw: Json) {
  assert.equal(out.tagName, raw.tag_name);
  assert.equal(out.name, raw.name);
  assert.equal(out.draft, raw.draft);
  assert.equal(out.prerelease, raw.prerelease);
  assert.equal(out.publishedAt, raw.published_at);
  assert.equal(out.author, raw.author?.login ?? null);
  if (raw.body === undefined) assert.equal('body' in out, false, 'body not made up');
  assert.deepEqual(out.assets, raw.assets.map((a: Json) => ({ name: a.name, size: a.size, downloadCount: a.download_count, browserDownloadUrl: a.browser_download_url })));
}

function checkTeam(out: Json, raw: Json) {
  assert.equal(out.slug, raw.slug);
  assert.equal(out.name, raw.name);
  assert.equal(out.permission, raw.permission);
  assert.equal(out.org, raw.organization?.login, 'org only where GitHub names it');
  if (raw.parent === null) assert.equal(out.parent, null);
  if (raw.parent === undefined) assert.equal(out.parent, undefined);
  else if (raw.parent) assert.equal(out.parent, raw.parent.slug);
}

const eachItem = (check: (o: Json, r: Json) => void) => (out: Json, raw: any) => {
  const items = rawItems(raw);
  assert.equal(out.items.length, items.length);
  out.items.forEach((o: Json, i: number) => check(o, items[i]));
};

const cases: Case[] = [
  {
    tool: 'search_code',
    args: { query: 'addClass repo:jquery/jquery' },
    op: 'search/code',
    list: true,
    check: eachItem((o, r) => {
      assert.equal(o.repo, r.repository.full_name);
      assert.equal(o.path, r.path);
      assert.equal(o.sha, r.sha);
      assert.equal(o.htmlUrl, r.html_url);
      if (r.text_matches === undefined) assert.equal(o.fragments, undefined, 'fragments not made up');
    }),
  },
  {
    tool: 'search_commits',
    args: { query: 'repo:octocat/Spoon-Knife css' },
    op: 'search/commits',
    list: true,
    check: eachItem((o, r) => {
      assert.equal(o.sha, r.sha);
      assert.equal(o.message, r.commit.message.split('\n')[0]);
      assert.equal(o.author, r.author?.login ?? null);
      assert.equal(o.date, r.commit.author.date);
      assert.equal(o.repo, r.repository.full_name);
    }),
  },
  { tool: 'list_repositories', args: {}, op: 'repos/list-for-authenticated-user', list: true, check: eachItem(checkSummary) },
  { tool: 'list_repositories', args: { username: 'octocat' }, op: 'repos/list-for-user', list: true, check: eachItem(checkSummary) },
  { tool: 'list_repositories', args: { org: 'github' }, op: 'repos/list-for-org', list: true, check: eachItem(checkSummary) },
  {
    tool: 'list_repositories',
    args: {},
    app: true,
    op: 'apps/list-repos-accessible-to-installation',
    list: true,
    check: (out, raw) => {
      eachItem(checkSummary)(out, raw);
      assert.equal(out.totalCount, raw.total_count);
    },
  },
  {
    tool: 'list_repository_collaborators',
    args: repo,
    op: 'repos/list-collaborators',
    list: true,
    check: eachItem((o, r) => {
      assert.equal(o.login, r.login);
      assert.equal(o.roleName, r.role_name);
      if (r.permissions === undefined) assert.equal(o.permission, undefined);
      else assert.equal(o.permission, r.permissions.admin ? 'admin' : r.permissions.maintain ? 'maintain' : r.permissions.push ? 'write' : r.permissions.triage ? 'triage' : r.permissions.pull ? 'read' : undefined);
    }),
  },
  { tool: 'create_repository', args: { name: 'Hello-World' }, op: 'repos/create-for-authenticated-user', status: 201, check: (o, r) => checkSummary(o, r) },
  { tool: 'create_repository', args: { name: 'Hello-World', organization: 'octo-org' }, op: 'repos/create-in-org', status: 201, check: (o, r) => checkSummary(o, r) },
  {
    tool: 'fork_repository',
    args: repo,
    op: 'repos/create-fork',
    status: 202,
    check: (o, r) => {
      checkSummary(o, r);
      assert.equal(o.parent, r.parent?.full_name);
      assert.match(o.note, /asynchronously/);
    },
  },
  { tool: 'list_releases', args: repo, op: 'repos/list-releases', list: true, check: eachItem(checkRelease) },
  { tool: 'get_latest_release', args: repo, op: 'repos/get-latest-release', check: checkRelease },
  { tool: 'get_release_by_tag', args: { ...repo, tag: 'v1.0.0' }, op: 'repos/get-release-by-tag', check: checkRelease },
  { tool: 'get_teams', args: {}, op: 'teams/list-for-authenticated-user', list: true, check: eachItem(checkTeam) },
  // teams/list's example is a thin team object (440 bytes); the quarter is checked against the simulator's, which has GitHub's current fields, in test/server/toolsets/repositories.test.ts.
  { tool: 'get_teams', args: { org: 'octo-org' }, op: 'teams/list', check: eachItem(checkTeam) },
  { tool: 'get_team_members', args: { org: 'octo-org', team_slug: 'justice-league' }, op: 'teams/list-members-in-org', list: true, check: eachItem((o, r) => assert.equal(o.login, r.login)) },
];

describe('repos-area shapers on GitHub\'s OpenAPI examples', () => {
  exampleCases(cases, rawItems);

  it('covers every tool of the area', () => {
    const names = ['search_code', 'search_commits', 'list_repositories', 'list_repository_collaborators', 'create_repository', 'fork_repository', 'list_releases', 'get_latest_release', 'get_release_by_tag', 'get_teams', 'get_team_members'];
    assert.deepEqual(names.filter((n) => !cases.some((c) => c.tool === n)), []);
    for (const name of names) assert.ok(tools.has(name), `${name} is registered`);
  });

  it('a release without notes stays without them, and long notes are cut with the flag', async () => {
    const { value } = example('repos/get-latest-release', 200);
    const bare = { ...(value as Json) };
    delete bare.body;
    assert.equal('body' in (await run('get_latest_release', repo, 'repos/get-latest-release', 200, bare)), false);
    const long = await run('list_releases', repo, 'repos/list-releases', 200, [{ ...(value as Json), body: 'x'.repeat(5000) }]);
    assert.equal(long.items[0].bodyTruncated, true);
    assert.match(long.items[0].body, /…\[truncated 4800 characters\]$/);
  });
});
