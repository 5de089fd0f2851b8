// The Accounts rows: every configured identity at the top of the view, under the same name
// as its MCP server, with who it acts as, its state, and the inline actions' contextValue.
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { TreeNode } from '../../../src/extension/views/node';
import { EXTENSION_ID, ensureAppAdded, fixtures, octocatSession, testingApi, waitFor } from './helpers';

const noCancel = new vscode.CancellationTokenSource().token;

async function rows(): Promise<Array<{ node: TreeNode; item: vscode.TreeItem }>> {
  const { tree } = await testingApi();
  return ((await tree.getChildren!()) ?? []).map((node) => ({ node, item: node.treeItem() }));
}

async function row(label: string): Promise<{ node: TreeNode; item: vscode.TreeItem }> {
  const all = await rows();
  const found = all.find((candidate) => candidate.item.label === label);
  assert.ok(found, `no row "${label}"; rows: ${all.map((candidate) => String(candidate.item.label)).join(', ')}`);
  return found;
}

async function definitions(): Promise<vscode.McpStdioServerDefinition[]> {
  const { mcpProvider } = await testingApi();
  return ((await mcpProvider.provideMcpServerDefinitions(noCancel)) ?? []) as vscode.McpStdioServerDefinition[];
}

const icon = (item: vscode.TreeItem) => item.iconPath as vscode.ThemeIcon;
const tooltip = (item: vscode.TreeItem) => (item.tooltip as vscode.MarkdownString).value;

describe('Accounts view', function () {
  this.timeout(60_000);
  let netrcDir: string;
  const appLabel = () => `GitHub App (${fixtures().app.slug})`;

  before(async () => {
    await ensureAppAdded();
    const testing = await testingApi();
    await testing.useSessionLookup(octocatSession());
    const { octocatToken, app, appUser, apiUrl } = fixtures();
    assert.ok(await vscode.commands.executeCommand('pygithubMcp.pat.set', { token: octocatToken, apiUrl }));
    assert.ok(await vscode.commands.executeCommand('pygithubMcp.login.set', { login: 'octocat', password: octocatToken, apiUrl }), testing.logLines().slice(-3).join('\n'));
    netrcDir = mkdtempSync(join(tmpdir(), 'pygithub-netrc-'));
    const netrc = join(netrcDir, 'netrc');
    writeFileSync(netrc, `machine ${new URL(apiUrl).hostname} login octocat password ${octocatToken}\n`, { mode: 0o600 });
    assert.ok(await vscode.commands.executeCommand('pygithubMcp.netrc.use', { file: netrc }), testing.logLines().slice(-3).join('\n'));
    assert.ok(await vscode.commands.executeCommand('pygithubMcp.appUser.signIn', { clientId: app.clientId, clientSecret: app.clientSecret, apiUrl, ...appUser }));
  });

  after(async () => {
    for (const kind of ['pat', 'login', 'netrc', 'appUser']) await vscode.commands.executeCommand('pygithubMcp.credentials.clear', { kind });
    (await testingApi()).forgetStartedServers();
    rmSync(netrcDir, { recursive: true, force: true });
  });

  it('lists every identity kind at the top, named exactly as its MCP server', async () => {
    const labels = (await rows()).map((candidate) => String(candidate.item.label));
    const servers = (await definitions()).map((def) => def.label);
    assert.deepEqual([...labels].sort(), [...servers].sort(), 'the tree and the MCP server list name the identities differently');
    for (const expected of ['GitHub account (octocat)', appLabel(), 'GitHub PAT (octocat)', 'GitHub login (octocat)', 'GitHub netrc', 'GitHub App user (octocat)']) {
      assert.ok(labels.includes(expected), `no "${expected}" in ${labels.join(', ')}`);
    }
  });

  it('shows who each acts as, its credential, kind-specific icon and contextValue', async () => {
    const { app, appUser } = fixtures();
    const expectations: Array<[string, string, string, RegExp]> = [
      ['GitHub account (octocat)', 'identity.account', 'account', /Credential: VS Code GitHub session/],
      ['GitHub PAT (octocat)', 'identity.pat', 'key', /Credential: classic personal access token/],
      ['GitHub login (octocat)', 'identity.login', 'person', /basic auth/],
      ['GitHub netrc', 'identity.netrc', 'file', /Credential: netrc file .*netrc/],
      ['GitHub App user (octocat)', 'identity.appUser', 'person', /Credential: GitHub App user access token/],
    ];
    for (const [label, contextValue, iconId, credential] of expectations) {
      const { item } = await row(label);
      assert.equal(item.contextValue, contextValue, label);
      assert.equal(icon(item).id, iconId, label);
      assert.match(String(item.description), /stopped/, label);
      assert.match(tooltip(item), credential, label);
      assert.doesNotMatch(JSON.stringify(item), new RegExp(fixtures().octocatToken), `${label} shows the token`);
    }
    assert.match(String((await row('GitHub PAT (octocat)')).item.description), /^octocat · /);
    // The App user's token expiry is known: the row says when.
    assert.match(tooltip((await row('GitHub App user (octocat)')).item), new RegExp(`Expires: ${appUser.expiresAt.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));

    const appRow = await row(appLabel());
    assert.equal(appRow.item.contextValue, 'app');
    assert.equal(icon(appRow.item).id, 'github');
    assert.match(String(appRow.item.description), new RegExp(`^${app.name} · App ${app.id}`));
    assert.match(tooltip(appRow.item), /Credential: App JWT, then installation tokens/);
    // Apps keep their installations below them.
    const { tree } = await testingApi();
    const installations = ((await tree.getChildren!(appRow.node)) ?? []).map((node) => String(node.treeItem().label));
    assert.ok(installations.includes('octocat'), `installations: ${installations.join(', ')}`);
  });

  it('marks a row running once its server is resolved, and read-only when that mode is on', async () => {
    const testing = await testingApi();
    const def = (await definitions()).find((candidate) => candidate.label === 'GitHub PAT (octocat)')!;
    await testing.mcpProvider.resolveMcpServerDefinition!(def, noCancel);
    try {
      const { item } = await row('GitHub PAT (octocat)');
      assert.match(String(item.description), /running/);
      assert.equal((icon(item).color as vscode.ThemeColor | undefined)?.id, 'testing.iconPassed');
      assert.match(tooltip(item), /MCP server: running/);
      assert.match(String((await row('GitHub login (octocat)')).item.description), /stopped/, 'another row turned running');
    } finally {
      testing.forgetStartedServers();
    }
    assert.match(String((await row('GitHub PAT (octocat)')).item.description), /stopped/);

    assert.equal(await vscode.commands.executeCommand('pygithubMcp.readOnly.toggle'), true);
    try {
      for (const { item } of await rows()) assert.match(String(item.description), /read-only/, String(item.label));
    } finally {
      await vscode.commands.executeCommand('pygithubMcp.readOnly.toggle');
    }
    assert.doesNotMatch(String((await row('GitHub PAT (octocat)')).item.description), /read-only/);
  });

  it('gives every row the inline actions check, start/restart and sign out (an App: remove)', async () => {
    const menus = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes.menus['view/item/context'] as Array<{ command: string; when: string; group?: string }>;
    /** The inline commands VS Code shows for a contextValue, by the manifest's `viewItem` clauses. */
    const inline = (contextValue: string) =>
      menus
        .filter((menu) => menu.group?.startsWith('inline') && menu.when.includes('view == pygithubMcp.installations'))
        .filter((menu) => {
          const equal = /viewItem == ([\w.]+)/.exec(menu.when);
          const match = /viewItem =~ \/(.+)\/$/.exec(menu.when);
          return equal ? equal[1] === contextValue : match ? new RegExp(match[1]).test(contextValue) : false;
        })
        .map((menu) => menu.command)
        .sort();
    for (const { item } of await rows()) {
      const expected = ['pygithubMcp.auth.check', 'pygithubMcp.server.restart', item.contextValue === 'app' ? 'pygithubMcp.apps.remove' : 'pygithubMcp.credentials.clear'];
      assert.deepEqual(inline(String(item.contextValue)), expected.sort(), String(item.label));
    }
    assert.deepEqual(inline('installation'), ['pygithubMcp.installations.createToken'], 'an installation row got the account actions');
  });

  it("checks one identity from its row and shows the outcome in the row's tooltip", async () => {
    const { node } = await row('GitHub PAT (octocat)');
    assert.doesNotMatch(tooltip(node.treeItem()), /Last check: OK/);
    const results = await vscode.commands.executeCommand<Array<{ label: string; ok: boolean }>>('pygithubMcp.auth.check', node);
    assert.deepEqual(
      results?.map((result) => [result.label, result.ok]),
      [['GitHub PAT (octocat)', true]],
    );
    await waitFor('the check in the tooltip', async () => /Last check: OK, acting as octocat/.test(tooltip((await row('GitHub PAT (octocat)')).item)));
    assert.doesNotMatch(tooltip((await row('GitHub login (octocat)')).item), /Last check/, 'only the checked row shows a check');
  });

  it('starts one server from its row (through VS Code), and the row and the status bar say it runs', async function () {
    this.timeout(90_000);
    const testing = await testingApi();
    const serverId = `${EXTENSION_ID.toLowerCase()}/GitHub PAT (octocat)`;
    try {
      const started = await vscode.commands.executeCommand<boolean>('pygithubMcp.server.restart', { key: 'pat' });
      assert.equal(started, true, `not started; log:\n${testing.logLines().slice(-8).join('\n')}`);
      assert.match(String((await row('GitHub PAT (octocat)')).item.description), /running/);
      await waitFor('the status bar to count the running server', () => / · 1 running/.test(testing.statusBar().text));
    } finally {
      await vscode.commands.executeCommand('workbench.mcp.stopServer', serverId).then(undefined, () => undefined);
      testing.forgetStartedServers();
    }
  });

  it('signs out of one identity from its row (scripted), and its row goes', async () => {
    await vscode.commands.executeCommand('pygithubMcp.credentials.clear', { kind: 'login' });
    const labels = (await rows()).map((candidate) => String(candidate.item.label));
    assert.ok(!labels.includes('GitHub login (octocat)'), labels.join(', '));
    assert.ok(labels.includes('GitHub PAT (octocat)'));
  });

  it('keeps every sign-in method reachable once rows exist: Add Account…', async () => {
    const result = await vscode.commands.executeCommand<{ methods: string[] }>('pygithubMcp.accounts.add', { method: 'none' });
    assert.deepEqual(result?.methods, [
      'pygithubMcp.account.signIn',
      'pygithubMcp.apps.add',
      'pygithubMcp.pat.set',
      'pygithubMcp.appUser.signIn',
      'pygithubMcp.login.set',
      'pygithubMcp.netrc.use',
    ]);
    const menus = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes.menus['view/title'] as Array<{ command: string; group: string }>;
    assert.equal(menus.find((menu) => menu.command === 'pygithubMcp.accounts.add')?.group, 'navigation@0');
  });
});
