import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { textOf, type ServerHandle } from '../../support/serverHarness';
import { appEnv, serverFor, startSimulator, type Simulator } from '../../support/simServer';

// The repositories, releases and teams tools (search_code, search_commits, list_repositories,
// list_repository_collaborators, create_repository, fork_repository; list_releases,
// get_latest_release, get_release_by_tag; get_teams, get_team_members) under a PAT and under an
// unpinned GitHub App. Writes are checked against the simulator's state, read back through it.

interface Page<T> {
  items: T[];
  page: number;
  perPage: number;
  hasNextPage: boolean;
  totalCount?: number;
}
interface Summary {
  fullName: string;
  private: boolean;
  fork: boolean;
  description: string | null;
}
interface Release {
  tagName: string;
  name: string | null;
  draft: boolean;
  prerelease: boolean;
  author: string | null;
  publishedAt: string | null;
  body?: string | null;
  bodyTruncated?: boolean;
  assets: Array<{ name: string; size: number; downloadCount: number; browserDownloadUrl: string }>;
}
interface Team {
  name: string;
  slug: string;
  org?: string;
  privacy?: string;
  parent?: string | null;
}

const TOOLSETS = { GITHUB_TOOLSETS: 'repos,releases' };
const api = { owner: 'sim-org', repo: 'api' };

async function raw(sim: Simulator, token: string, path: string): Promise<{ status: number; json: any; text: string }> {
  const res = await fetch(`${sim.apiUrl}${path}`, { headers: { authorization: `token ${token}`, accept: 'application/vnd.github+json' } });
  const text = await res.text();
  return { status: res.status, text, json: text ? JSON.parse(text) : undefined };
}

describe('repositories, releases and teams with a PAT', () => {
  let sim: Simulator;
  let server: ServerHandle;
  let mona: ServerHandle;
  let pat: string;

  before(async () => {
    sim = await startSimulator();
    pat = sim.createPersonalToken('octocat', { scopes: ['repo', 'read:org'] });
    server = await serverFor(sim, 'toolsets repositories pat', { GITHUB_TOKEN: pat, ...TOOLSETS });
    mona = await serverFor(sim, 'toolsets repositories monalisa', { GITHUB_TOKEN: sim.createPersonalToken('monalisa', { scopes: ['repo', 'read:org'] }), ...TOOLSETS });
  });
  after(async () => {
    await server?.close();
    await mona?.close();
    await sim?.close();
  });

  it('search_code finds file contents with fragments and refuses a query without a word', async () => {
    const found = await server.data<Page<{ repo: string; path: string; sha: string; fragments?: string[] }>>('search_code', { query: 'authenticate repo:sim-org/api' });
    // Only the default branch is searched: src/auth.ts lives on feature-auth.
    assert.equal(found.totalCount, 0);
    const hello = await server.data<Page<{ repo: string; path: string; sha: string; htmlUrl: string; fragments?: string[] }>>('search_code', { query: 'hello language:javascript' });
    assert.deepEqual(hello.items.map((i) => `${i.repo}:${i.path}`), ['octocat/hello-world:src/hello.js']);
    assert.match(hello.items[0].sha, /^[0-9a-f]{40}$/);
    assert.deepEqual(hello.items[0].fragments, ['console.log(`Hello, ${name}!`);']);
    const bad = await server.call('search_code', { query: 'repo:sim-org/api' });
    assert.equal(bad.isError, true);
    assert.match(textOf(bad), /422/);
  });

  it('search_commits returns first lines, authors and repos', async () => {
    const found = await server.data<Page<{ sha: string; message: string; author: string | null; repo: string; date?: string }>>('search_commits', { query: 'repo:sim-org/api document' });
    assert.deepEqual(found.items.map((c) => [c.message, c.author, c.repo]), [['Document usage', 'octocat', 'sim-org/api']]);
    assert.match(found.items[0].sha, /^[0-9a-f]{40}$/);
    const byAuthor = await server.data<Page<{ author: string | null; date?: string }>>('search_commits', { query: 'author:monalisa org:sim-org', sort: 'author-date', order: 'asc' });
    // monalisa's commits are on branches other than main.
    assert.equal(byAuthor.totalCount, 0);
  });

  it('list_repositories: the signed-in user by visibility and affiliation, a user, an org', async () => {
    const privateOwned = await server.data<Page<Summary>>('list_repositories', { visibility: 'private', affiliation: ['owner'] });
    assert.deepEqual(privateOwned.items.map((r) => r.fullName), ['octocat/private-repo']);
    const mine = await server.data<Page<Summary>>('list_repositories', { perPage: 100 });
    assert.ok(mine.items.some((r) => r.fullName === 'sim-org/infra' && r.private), 'org repositories through membership');
    const hubot = await server.data<Page<Summary>>('list_repositories', { username: 'hubot' });
    assert.deepEqual(hubot.items.map((r) => r.fullName), ['hubot/scripts']);
    const first = await server.data<Page<Summary>>('list_repositories', { org: 'sim-org', perPage: 5, sort: 'full_name', direction: 'asc' });
    assert.equal(first.items.length, 5);
    assert.equal(first.hasNextPage, true);
    assert.deepEqual(first.items.slice(0, 2).map((r) => r.fullName), ['sim-org/api', 'sim-org/empty']);
    const mixed = await server.call('list_repositories', { type: 'owner', visibility: 'all' });
    assert.equal(mixed.isError, true);
    assert.match(textOf(mixed), /type with visibility or affiliation/);
  });

  it('list_repositories stays within a quarter of GitHub\'s JSON', async () => {
    const rawText = (await raw(sim, pat, '/orgs/sim-org/repos?per_page=30')).text;
    const result = await server.call('list_repositories', { org: 'sim-org', perPage: 30 });
    const shaped = JSON.stringify(result.structuredContent);
    assert.ok(textOf(result).length + shaped.length <= rawText.length / 4, `shaped ${shaped.length} and text vs raw ${rawText.length}`);
  });

  it('list_repository_collaborators reports roles; without push access GitHub refuses', async () => {
    const collaborators = await server.data<Page<{ login: string; roleName: string; permission?: string }>>('list_repository_collaborators', { ...api });
    assert.deepEqual(collaborators.items.map((c) => [c.login, c.roleName, c.permission]), [['octocat', 'admin', 'admin'], ['monalisa', 'write', 'write']]);
    const direct = await server.data<Page<{ login: string }>>('list_repository_collaborators', { ...api, affiliation: 'direct' });
    assert.deepEqual(direct.items.map((c) => c.login), ['monalisa']);
    const refused = await mona.call('list_repository_collaborators', { owner: 'octocat', repo: 'hello-world' });
    assert.equal(refused.isError, true);
    assert.match(textOf(refused), /403/);
  });

  it('create_repository creates for the user and in an org; the simulator holds them; a duplicate is 422', async () => {
    const created = await server.data<{ fullName: string; private: boolean; defaultBranch: string }>('create_repository', { name: 'made-by-mcp', description: 'From the tools', autoInit: true });
    assert.equal(created.fullName, 'octocat/made-by-mcp');
    assert.equal(created.private, true, 'private unless asked otherwise');
    const stored = await raw(sim, pat, '/repos/octocat/made-by-mcp');
    assert.equal(stored.status, 200);
    assert.equal(stored.json.description, 'From the tools');
    const readme = await server.data<{ content: string }>('get_file_contents', { owner: 'octocat', repo: 'made-by-mcp', path: 'README.md' });
    assert.match(readme.content, /^# made-by-mcp/);

    const inOrg = await server.data<{ fullName: string; private: boolean }>('create_repository', { name: 'org-made', organization: 'sim-org', private: false });
    assert.equal(inOrg.fullName, 'sim-org/org-made');
    assert.equal((await raw(sim, pat, '/repos/sim-org/org-made')).json.private, false);

    const again = await server.call('create_repository', { name: 'made-by-mcp' });
    assert.equal(again.isError, true);
    assert.match(textOf(again), /422[\s\S]*name already exists on this account/);

    // hubot is not a member of sim-org: GitHub hides the organization from him.
    const outsider = await serverFor(sim, 'toolsets repositories hubot', { GITHUB_TOKEN: sim.createPersonalToken('hubot', { scopes: ['repo'] }), ...TOOLSETS });
    try {
      const refused = await outsider.call('create_repository', { name: 'sneaky', organization: 'sim-org' });
      assert.equal(refused.isError, true);
      assert.match(textOf(refused), /Organization sim-org was not found \(404\)/);
    } finally {
      await outsider.close();
    }
    assert.equal((await raw(sim, pat, '/repos/sim-org/sneaky')).status, 404, 'nothing was created');
  });

  it('fork_repository forks with a parent; forking again returns the same fork; unknown sources are 404', async () => {
    const fork = await server.data<{ fullName: string; fork: boolean; parent?: string; note: string }>('fork_repository', { owner: 'hubot', repo: 'scripts' });
    assert.equal(fork.fullName, 'octocat/scripts');
    assert.equal(fork.fork, true);
    assert.equal(fork.parent, 'hubot/scripts');
    assert.match(fork.note, /asynchronously/);
    const stored = await raw(sim, pat, '/repos/octocat/scripts');
    assert.equal(stored.json.parent.full_name, 'hubot/scripts');
    const files = await server.data<{ entries: Array<{ path: string }> }>('get_file_contents', { owner: 'octocat', repo: 'scripts', path: 'scripts' });
    assert.deepEqual(files.entries.map((e) => e.path), ['scripts/ping.coffee']);
    const again = await server.data<{ fullName: string }>('fork_repository', { owner: 'hubot', repo: 'scripts' });
    assert.equal(again.fullName, 'octocat/scripts');
    assert.equal((await raw(sim, pat, '/repos/hubot/scripts')).json.forks_count, 1 + (3000001 % 7), 'one more fork, counted once');
    const missing = await server.call('fork_repository', { owner: 'octocat', repo: 'nothing-here' });
    assert.equal(missing.isError, true);
    assert.match(textOf(missing), /octocat\/nothing-here was not found \(404\)/);
  });

  it('list_releases lists drafts for push access, newest first, with previews and assets', async () => {
    const all = await server.data<Page<Release>>('list_releases', { ...api });
    assert.deepEqual(all.items.map((r) => r.tagName), ['v2.0.0', 'v2.0.0-rc.1', 'v1.1.0', 'v1.0.0']);
    assert.equal(all.items[0].draft, true);
    assert.equal(all.items[0].publishedAt, null);
    const latest = all.items.find((r) => r.tagName === 'v1.1.0');
    assert.equal(latest?.bodyTruncated, true);
    assert.ok((latest?.body ?? '').length <= 200 + 40);
    const viewer = await raw(sim, sim.createPersonalToken('hubot', { scopes: [] }), '/repos/sim-org/api/releases');
    assert.deepEqual(viewer.json.map((r: { tag_name: string }) => r.tag_name), ['v2.0.0-rc.1', 'v1.1.0', 'v1.0.0'], 'no drafts without push access');
  });

  it('get_latest_release skips drafts and prereleases; get_release_by_tag finds a prerelease and 404s a draft or unknown tag', async () => {
    const latest = await server.data<Release>('get_latest_release', { owner: 'octocat', repo: 'hello-world' });
    assert.equal(latest.tagName, 'v1.1.0');
    assert.equal(latest.author, 'octocat');
    assert.equal(latest.bodyTruncated, undefined);
    assert.deepEqual(latest.assets.map((a) => [a.name, a.downloadCount]), [['hello-world-1.1.0.tar.gz', 7], ['hello-world-1.1.0.zip', 3]]);
    assert.match(latest.assets[0].browserDownloadUrl, /\/octocat\/hello-world\/releases\/download\/v1\.1\.0\/hello-world-1\.1\.0\.tar\.gz$/);
    const rc = await server.data<Release>('get_release_by_tag', { ...api, tag: 'v2.0.0-rc.1' });
    assert.equal(rc.prerelease, true);
    for (const tag of ['v9.9.9', 'v2.0.0']) {
      const result = await server.call('get_release_by_tag', { ...api, tag });
      assert.equal(result.isError, true, tag);
      assert.match(textOf(result), new RegExp(`Release ${tag.replace(/\./g, '\\.')} of sim-org/api was not found \\(404\\)`));
    }
    const none = await server.call('get_latest_release', { owner: 'octocat', repo: 'private-repo' });
    assert.equal(none.isError, true);
    assert.match(textOf(none), /404/);
  });

  it('get_teams: your teams, an org\'s teams as each member sees them; get_team_members', async () => {
    const mine = await server.data<Page<Team>>('get_teams', {});
    assert.deepEqual(mine.items.map((t) => `${t.org}/${t.slug}`), ['sim-org/core', 'sim-org/security']);
    const ownerView = await server.data<Page<Team>>('get_teams', { org: 'sim-org' });
    const rawTeams = (await raw(sim, pat, '/orgs/sim-org/teams')).text;
    assert.ok(JSON.stringify(ownerView).length * 4 <= rawTeams.length, 'within a quarter of GitHub\'s JSON');
    assert.deepEqual(ownerView.items.map((t) => t.slug), ['core', 'reviewers', 'security']);
    assert.equal(ownerView.items.find((t) => t.slug === 'reviewers')?.parent, 'core');
    assert.equal(ownerView.items.find((t) => t.slug === 'core')?.parent, null);
    const memberView = await mona.data<Page<Team>>('get_teams', { org: 'sim-org' });
    assert.deepEqual(memberView.items.map((t) => t.slug), ['core', 'reviewers'], 'a secret team only for its members and org owners');
    const members = await server.data<Page<{ login: string }>>('get_team_members', { org: 'sim-org', team_slug: 'core' });
    assert.deepEqual(members.items.map((m) => m.login), ['octocat', 'monalisa']);
    const maintainers = await server.data<Page<{ login: string }>>('get_team_members', { org: 'sim-org', team_slug: 'core', role: 'maintainer' });
    assert.deepEqual(maintainers.items.map((m) => m.login), ['octocat']);
    const hidden = await mona.call('get_team_members', { org: 'sim-org', team_slug: 'security' });
    assert.equal(hidden.isError, true);
    assert.match(textOf(hidden), /404/);
    const notMember = await server.call('get_teams', { org: 'org-01', perPage: 1 });
    assert.ok(!notMember.isError, 'octocat owns org-01');
    const bad = await server.call('get_team_members', { org: 'sim-org', team_slug: '..' });
    assert.equal(bad.isError, true);
    assert.match(textOf(bad), /team_slug/);
  });
});

describe('repositories, releases and teams in read-only mode', () => {
  let sim: Simulator;
  let server: ServerHandle;

  before(async () => {
    sim = await startSimulator();
    server = await serverFor(sim, 'toolsets repositories read-only', { GITHUB_TOKEN: sim.createPersonalToken('octocat'), GITHUB_READ_ONLY: '1', ...TOOLSETS });
  });
  after(async () => {
    await server?.close();
    await sim?.close();
  });

  it('hides create_repository and fork_repository, keeps the reads', async () => {
    const names = new Set(server.tools.map((t) => t.name));
    assert.equal(names.has('create_repository'), false);
    assert.equal(names.has('fork_repository'), false);
    for (const name of ['search_code', 'search_commits', 'list_repositories', 'list_repository_collaborators', 'list_releases', 'get_latest_release', 'get_release_by_tag', 'get_teams', 'get_team_members']) {
      assert.ok(names.has(name), name);
    }
    const refused = await server.call('create_repository', { name: 'nope' });
    assert.equal(refused.isError, true);
    assert.equal(sim.stats.requests.some((r) => r.method === 'POST'), false, 'nothing was sent');
  });
});

describe('repositories, releases and teams with App auth (no pinned installation)', () => {
  let sim: Simulator;
  let server: ServerHandle;
  let pat: string;

  before(async () => {
    sim = await startSimulator();
    pat = sim.createPersonalToken('octocat');
    server = await serverFor(sim, 'toolsets repositories app', appEnv(sim, TOOLSETS));
  });
  after(async () => {
    await server?.close();
    await sim?.close();
  });

  it('create_repository in an org acts as that installation; for a user it is a clear error', async () => {
    const created = await server.data<{ fullName: string; private: boolean }>('create_repository', { name: 'app-made', organization: 'sim-org', autoInit: true });
    assert.equal(created.fullName, 'sim-org/app-made');
    assert.ok(sim.stats.tokensMinted(sim.fixtures.installations.simOrg) >= 1);
    const read = await server.data<{ fullName: string; private: boolean }>('get_repository', { owner: 'sim-org', repo: 'app-made' });
    assert.equal(read.private, true);
    const commits = await raw(sim, pat, '/repos/sim-org/app-made/commits');
    assert.equal(commits.json[0].author.login, 'sim-app[bot]', 'the App made the first commit');

    const forUser = await server.call('create_repository', { name: 'mine' });
    assert.equal(forUser.isError, true);
    assert.match(textOf(forUser), /GitHub App there is no user account[\s\S]*organization/);
    assert.equal(sim.stats.requests.some((r) => r.method === 'POST' && r.path === '/user/repos'), false, 'nothing was sent');
  });

  it('fork_repository into an org acts as that installation; without organization it is a clear error', async () => {
    const fork = await server.data<{ fullName: string; fork: boolean; parent?: string }>('fork_repository', { ...api, organization: 'sim-org', name: 'api-fork', defaultBranchOnly: true });
    assert.equal(fork.fullName, 'sim-org/api-fork');
    assert.equal(fork.parent, 'sim-org/api');
    const branches = await server.data<Page<{ name: string }>>('list_branches', { owner: 'sim-org', repo: 'api-fork' });
    assert.deepEqual(branches.items.map((b) => b.name), ['main'], 'only the default branch');
    assert.equal((await raw(sim, pat, '/repos/sim-org/api-fork')).json.fork, true);
    const noOrg = await server.call('fork_repository', { ...api });
    assert.equal(noOrg.isError, true);
    assert.match(textOf(noOrg), /organization/);
  });

  it('list_repositories lists an installation\'s repositories by owner; without one it says what to do', async () => {
    const octocat = await server.data<Page<Summary>>('list_repositories', { owner: 'octocat' });
    assert.deepEqual(octocat.items.map((r) => r.fullName), ['octocat/hello-world', 'octocat/private-repo']);
    assert.equal(octocat.totalCount, 2);
    const org = await server.data<Page<Summary>>('list_repositories', { org: 'sim-org', perPage: 100 });
    assert.ok(org.items.some((r) => r.fullName === 'sim-org/infra'), 'private repos of the installation');
    const none = await server.call('list_repositories', {});
    assert.equal(none.isError, true);
    assert.match(textOf(none), /name owner/);
  });

  it('reads releases, collaborators and searches as the covering installation', async () => {
    const latest = await server.data<Release>('get_latest_release', { owner: 'octocat', repo: 'hello-world' });
    assert.equal(latest.tagName, 'v1.1.0');
    const releases = await server.data<Page<Release>>('list_releases', { ...api });
    assert.equal(releases.items[0].tagName, 'v2.0.0', 'the installation has contents:write, so it sees the draft');
    const collaborators = await server.data<Page<{ login: string }>>('list_repository_collaborators', { ...api, affiliation: 'direct' });
    assert.deepEqual(collaborators.items.map((c) => c.login), ['monalisa']);
    const code = await server.data<Page<{ repo: string }>>('search_code', { query: 'hello repo:octocat/hello-world' });
    assert.ok(code.items.length > 0 && code.items.every((i) => i.repo === 'octocat/hello-world'));
    const commits = await server.data<Page<{ repo: string }>>('search_commits', { query: 'org:sim-org usage' });
    assert.deepEqual(commits.items.map((c) => c.repo), ['sim-org/api'], 'forks (sim-org/api-fork) only with fork:true');
    const withForks = await server.data<Page<{ repo: string }>>('search_commits', { query: 'org:sim-org usage fork:true' });
    assert.deepEqual(withForks.items.map((c) => c.repo).sort(), ['sim-org/api', 'sim-org/api-fork']);
  });

  it('get_teams needs org under App auth; with it, the org installation answers', async () => {
    const teams = await server.data<Page<Team>>('get_teams', { org: 'sim-org' });
    assert.deepEqual(teams.items.map((t) => t.slug), ['core', 'reviewers', 'security']);
    const members = await server.data<Page<{ login: string }>>('get_team_members', { org: 'sim-org', team_slug: 'reviewers' });
    assert.deepEqual(members.items.map((m) => m.login), ['monalisa']);
    const noOrg = await server.call('get_teams', {});
    assert.equal(noOrg.isError, true);
    assert.match(textOf(noOrg), /pass org/);
    const noPermission = await server.call('get_teams', { org: 'org-01' });
    assert.equal(noPermission.isError, true, 'the org-01 installation has no members permission');
    assert.match(textOf(noPermission), /403/);
  });
});
