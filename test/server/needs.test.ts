import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { withInProcessServer as withServer } from '../support/inProcess';
import { appEnv, startSimulator, type Simulator } from '../support/simServer';

interface CannotUse {
  missing: string;
  tools: string[];
  accounts?: string[];
}
interface Status {
  cannotUse?: CannotUse[];
}

const groupOf = (status: Status, tool: string) => status.cannotUse?.find((group) => group.tools.includes(tool));

/** auth_status judges the enabled tools' declared needs against what the identity holds (in process: behaviour, not seams). */
describe('auth_status: the tools an identity cannot use', () => {
  let sim: Simulator;
  before(async () => {
    sim = await startSimulator();
  });
  after(() => sim.close());

  it('a classic token without repo lacks public_repo for writes, and a repo token lacks nothing', async () => {
    const bare = await withServer(sim, 'needs bare scopes', { GITHUB_TOKEN: sim.createPersonalToken('octocat', { scopes: ['read:user'] }) }, (server) => server.data<Status>('auth_status'));
    assert.equal(groupOf(bare, 'create_issue')?.missing, 'scope public_repo');
    assert.ok(groupOf(bare, 'merge_pull_request'), 'every write to a repository is listed');
    assert.equal(groupOf(bare, 'get_issue'), undefined, 'public reads need no scope');
    const repo = await withServer(sim, 'needs repo scope', { GITHUB_TOKEN: sim.createPersonalToken('octocat', { scopes: ['repo'] }) }, (server) => server.data<Status>('auth_status'));
    assert.deepEqual(repo.cannotUse, [{ missing: 'scope read:org', tools: ['list_issue_types', 'get_teams', 'get_team_members'] }], 'repo includes public_repo; org reads need read:org');
    const full = await withServer(sim, 'needs admin:org', { GITHUB_TOKEN: sim.createPersonalToken('octocat', { scopes: ['repo', 'admin:org'] }) }, (server) => server.data<Status>('auth_status'));
    assert.deepEqual(full.cannotUse, [], 'admin:org includes read:org');
  });

  it('a read-only toolset selection is judged on what is enabled', async () => {
    const status = await withServer(
      sim,
      'needs read-only',
      { GITHUB_TOKEN: sim.createPersonalToken('octocat', { scopes: [] }), GITHUB_READ_ONLY: '1' },
      (server) => server.data<Status>('auth_status'),
    );
    assert.deepEqual(status.cannotUse?.map((group) => group.missing), ['scope read:org'], 'no write tool is enabled, so only org reads lack a scope');
  });

  it('an unpinned App is judged per installation, grouped by account', async () => {
    const status = await withServer(sim, 'needs app', appEnv(sim), (server) => server.data<Status>('auth_status'));
    const contents = status.cannotUse?.find((group) => group.missing === 'contents: write');
    assert.ok(contents?.tools.includes('create_or_update_file'), JSON.stringify(status.cannotUse));
    assert.ok(contents?.accounts?.includes('octocat'), 'octocat installed the App with contents: read');
    const simOrg = status.cannotUse?.filter((group) => group.accounts?.includes('sim-org')) ?? [];
    assert.ok(simOrg.every((group) => !group.tools.includes('create_or_update_file') && !group.tools.includes('create_pull_request')), `sim-org granted contents and pull requests: ${JSON.stringify(simOrg)}`);
    const many = status.cannotUse?.find((group) => group.accounts?.some((account) => account.startsWith('org-')));
    assert.ok(many, 'the org-NN installations only read issues');
    assert.ok(many.accounts!.length <= 11 && many.accounts!.at(-1)!.startsWith('…and '), `accounts are capped: ${many.accounts}`);
  });

  it('under App auth, the tools that act as a user are one group, whatever the installations were granted', async () => {
    const status = await withServer(sim, 'needs app user tools', appEnv(sim, { GITHUB_TOOLSETS: 'default,notifications,gists,stargazers' }), (server) => server.data<Status>('auth_status'));
    const asUser = status.cannotUse?.filter((group) => group.missing.startsWith("a user's token")) ?? [];
    assert.equal(asUser.length, 1, JSON.stringify(status.cannotUse));
    for (const tool of ['list_notifications', 'list_gists', 'create_gist', 'star_repository']) assert.ok(asUser[0].tools.includes(tool), tool);
    assert.ok(!asUser[0].tools.includes('list_starred_repositories'), 'with a username it works for an App');
    assert.equal(asUser[0].accounts, undefined, 'no installation can, so none is named');
    const elsewhere = status.cannotUse?.filter((group) => group !== asUser[0] && group.tools.includes('create_gist')) ?? [];
    assert.deepEqual(elsewhere, [], 'not listed again under a missing permission');
    const pat = await withServer(sim, 'needs pat user tools', { GITHUB_TOKEN: sim.createPersonalToken('octocat', { scopes: ['repo', 'gist', 'read:org'] }), GITHUB_TOOLSETS: 'default,notifications,gists' }, (server) => server.data<Status>('auth_status'));
    assert.deepEqual(pat.cannotUse, [], 'a classic token with repo and gist can use them all');
  });

  it('a pinned installation is judged by its permissions, narrowed when the token is', async () => {
    const pinned = await withServer(sim, 'needs pinned', appEnv(sim, { GITHUB_APP_INSTALLATION_ID: String(sim.fixtures.installations.octocat) }), (server) => server.data<Status>('auth_status'));
    assert.equal(groupOf(pinned, 'create_pull_request')?.missing, 'pull_requests: write');
    assert.equal(groupOf(pinned, 'create_issue'), undefined, 'issues: write was granted');
    const narrowed = await withServer(
      sim,
      'needs narrowed',
      appEnv(sim, { GITHUB_APP_INSTALLATION_ID: String(sim.fixtures.installations.octocat), GITHUB_APP_TOKEN_PERMISSIONS: JSON.stringify({ issues: 'read', metadata: 'read' }) }),
      (server) => server.data<Status>('auth_status'),
    );
    assert.equal(groupOf(narrowed, 'create_issue')?.missing, 'issues: write');
  });
});
