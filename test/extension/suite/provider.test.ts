// The MCP server definition provider: one stdio definition per identity, running the
// bundled server with the editor's Node. Provided definitions carry no credentials (VS Code
// caches them in workspace storage); resolve adds them to env, never to args.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SECRET_VARIABLES } from '../../../src/extension/mcp/envContract';
import { EXTENSION_ID, ensureAppAdded, fixtures, octocatSession, testingApi, waitFor } from './helpers';

const noCancel = new vscode.CancellationTokenSource().token;

async function definitions(): Promise<vscode.McpStdioServerDefinition[]> {
  const { mcpProvider } = await testingApi();
  return ((await mcpProvider.provideMcpServerDefinitions(noCancel)) ?? []) as vscode.McpStdioServerDefinition[];
}

async function definition(label: string): Promise<vscode.McpStdioServerDefinition> {
  const defs = await definitions();
  const found = defs.find((d) => d.label === label);
  assert.ok(found, `no "${label}"; labels: ${defs.map((d) => d.label).join(', ')}`);
  return found;
}

/** Resolves by hand; VS Code did not start anything, so the provider must not restart it later. */
async function resolve(def: vscode.McpStdioServerDefinition): Promise<vscode.McpStdioServerDefinition> {
  const testing = await testingApi();
  try {
    const resolved = (await testing.mcpProvider.resolveMcpServerDefinition!(def, noCancel)) as vscode.McpStdioServerDefinition | undefined;
    assert.ok(resolved, `resolve returned nothing for ${def.label}`);
    return resolved;
  } finally {
    testing.forgetStartedServers();
  }
}

/** Every credential the suite may have stored, as the simulator issued it. */
function secrets(): string[] {
  const { app, octocatToken, appUser } = fixtures();
  const keyBody = app.privateKeyPem.split('\n').filter((line) => line && !line.startsWith('-----'))[3];
  return [octocatToken, keyBody, app.clientSecret, appUser.token, appUser.refreshToken];
}

function assertNoSecrets(defs: readonly vscode.McpStdioServerDefinition[]): void {
  for (const def of defs) {
    const text = JSON.stringify(def);
    for (const name of SECRET_VARIABLES) assert.ok(def.env[name] === null || def.env[name] === undefined, `${def.label} provides ${name}`);
    for (const secret of secrets()) assert.equal(text.includes(secret), false, `a credential is in the provided definition of ${def.label}`);
  }
}

describe('MCP server definitions', () => {
  const appLabel = () => `GitHub App (${fixtures().app.slug})`;

  before(async () => {
    await ensureAppAdded();
    await (await testingApi()).useSessionLookup(octocatSession());
  });

  it("offers the signed-in account and each App, running dist/server.js with the editor's Node", async () => {
    const defs = await definitions();
    const labels = defs.map((d) => d.label);
    assert.ok(labels.includes('GitHub account (octocat)'), `labels: ${labels.join(', ')}`);
    assert.ok(labels.includes(appLabel()), `labels: ${labels.join(', ')}`);
    for (const def of defs) {
      assert.equal(def.command, process.execPath);
      assert.equal(def.args.length, 1);
      assert.match(def.args[0], /dist[\\/]server\.js$/);
      assert.equal(def.env.ELECTRON_RUN_AS_NODE, '1');
      assert.match(String(def.version), /^[0-9a-f]{16}$/);
    }
  });

  it('provides no credential; resolve returns a new definition with them in env, never in args', async () => {
    const { app, octocatToken, apiUrl } = fixtures();
    const defs = await definitions();
    assertNoSecrets(defs);
    const appDef = defs.find((d) => d.label === appLabel())!;
    assert.equal(appDef.env.GITHUB_APP_ID, String(app.id), 'non-secret settings are provided');
    assert.equal(appDef.env.GITHUB_API_URL, apiUrl);

    const resolvedApp = await resolve(appDef);
    assert.notEqual(resolvedApp, appDef, 'the provided object was returned (and so mutated)');
    assert.equal(appDef.env.GITHUB_APP_PRIVATE_KEY, null, 'the provided definition was mutated');
    assert.equal(String(resolvedApp.env.GITHUB_APP_PRIVATE_KEY).trim(), app.privateKeyPem.trim());
    assert.equal(resolvedApp.env.GITHUB_TOKEN, null, 'an App definition clears GITHUB_TOKEN from the inherited environment');
    assert.equal(resolvedApp.version, appDef.version);

    const resolvedAccount = await resolve(defs.find((d) => d.label === 'GitHub account (octocat)')!);
    assert.equal(resolvedAccount.env.GITHUB_TOKEN, octocatToken);
    assert.equal(resolvedAccount.env.GITHUB_API_URL, apiUrl);
    for (const def of [resolvedApp, resolvedAccount]) {
      const visible = JSON.stringify([def.label, def.command, def.args, def.version]);
      for (const secret of secrets()) assert.equal(visible.includes(secret), false, `a credential is in the args, label or version of ${def.label}`);
    }
  });

  it("changes a definition's version when read-only mode or toolsets change, and back", async () => {
    const version = async () => (await definition(appLabel())).version;
    const initial = await version();
    const { mcpProvider } = await testingApi();
    let fired = 0;
    const subscription = mcpProvider.onDidChangeMcpServerDefinitions!(() => fired++);
    try {
      assert.equal(await vscode.commands.executeCommand('pygithubMcp.readOnly.toggle'), true);
      assert.notEqual(await version(), initial);
      assert.equal((await definition(appLabel())).env.GITHUB_READ_ONLY, 'true');
      assert.equal(await vscode.commands.executeCommand('pygithubMcp.readOnly.toggle'), false);
      assert.equal(await version(), initial);
      await vscode.commands.executeCommand('pygithubMcp.toolsets.configure', ['repos', 'issues']);
      const narrowed = await definition(appLabel());
      assert.equal(narrowed.env.GITHUB_TOOLSETS, 'repos,issues');
      assert.notEqual(narrowed.version, initial);
      await vscode.commands.executeCommand('pygithubMcp.toolsets.configure', ['default']);
      assert.ok(fired >= 4, `onDidChangeMcpServerDefinitions fired ${fired} times`);
    } finally {
      subscription.dispose();
    }
  });

  it('restarts a server VS Code started when its definition changes (token rotation, read-only), and no other', async function () {
    this.timeout(60_000);
    const testing = await testingApi();
    const serverId = `${EXTENSION_ID.toLowerCase()}/GitHub account (octocat)`;
    const account = await definition('GitHub account (octocat)');
    const since = (mark: number, pattern: RegExp) => testing.logLinesSince(mark).filter((line) => pattern.test(line));
    const RESTART = /\[mcp\] restarting /;
    const START = /\[mcp\] starting GitHub account \(octocat\)/;
    /** Waits for the account server to be restarted (by us) and started again (by VS Code, through resolve). */
    const restartedOnce = async (mark: number, what: string) => {
      await waitFor(`VS Code to start the account server again after ${what}`, () => since(mark, START).length > 0, 30_000).catch((error: Error) => {
        throw new Error(`${error.message}; log:\n${testing.logLinesSince(mark).join('\n')}`);
      });
      const restarts = since(mark, RESTART);
      assert.equal(restarts.length, 1, `${what}: ${restarts.join('\n')}`);
      assert.match(restarts[0], /restarting GitHub account \(octocat\): its definition changed/);
    };
    let mark = testing.logMark();
    // VS Code starts it (and calls our resolve); the first call may only load the collection.
    await waitFor('VS Code to start the account server', async () => {
      if (since(mark, START).length === 0) await vscode.commands.executeCommand('workbench.mcp.startServer', serverId, { waitForLiveTools: true });
      return since(mark, START).length > 0;
    }, 30_000);
    try {
      mark = testing.logMark();
      await testing.useSessionLookup(octocatSession('ghp_rotated_for_the_test_000000000000'));
      const rotated = await definition('GitHub account (octocat)');
      assert.notEqual(rotated.version, account.version);
      await restartedOnce(mark, 'a token rotation');

      mark = testing.logMark();
      await vscode.commands.executeCommand('pygithubMcp.readOnly.toggle');
      await definitions();
      await restartedOnce(mark, 'read-only mode');
      // Only the server VS Code started: the App's definition changed too, but it is not running.
      assert.ok(!since(mark, RESTART).some((line) => line.includes('GitHub App (')));

      // "Restart MCP Servers" restarts what this window started, nothing else.
      mark = testing.logMark();
      assert.deepEqual(await vscode.commands.executeCommand('pygithubMcp.servers.restart'), ['GitHub account (octocat)']);
      await waitFor('VS Code to start the account server after Restart MCP Servers', () => since(mark, START).length > 0, 30_000);
    } finally {
      const restoring = testing.logMark();
      await vscode.workspace.getConfiguration('pygithubMcp').update('readOnly', undefined, vscode.ConfigurationTarget.Global);
      await testing.useSessionLookup(octocatSession());
      await definitions();
      await waitFor('the restart with the restored token', () => since(restoring, START).length > 0, 10_000).catch(() => undefined);
      await vscode.commands.executeCommand('workbench.mcp.stopServer', serverId).then(undefined, () => undefined);
    }
  });

  it('offers no account definition without a session (no surprise sign-in on autostart)', async () => {
    const testing = await testingApi();
    let interactive = 0;
    await testing.useSessionLookup(async (_provider, _scopes, mode) => {
      if (mode !== 'silent') interactive++;
      return undefined;
    });
    try {
      const labels = (await definitions()).map((d) => d.label);
      assert.ok(!labels.some((label) => /^GitHub account\b/.test(label)), `labels: ${labels.join(', ')}`);
      assert.ok(labels.includes(appLabel()));
      assert.equal(interactive, 0, 'providing definitions prompted for sign-in');
    } finally {
      await testing.useSessionLookup(octocatSession());
    }
  });

  it('resolve fails clearly, without hanging, when the session is gone and sign-in is declined', async () => {
    const testing = await testingApi();
    let signedIn = true;
    const prompts: string[] = [];
    await testing.useSessionLookup(async (provider, scopes, mode) => {
      if (mode === 'silent') return signedIn ? octocatSession()() : undefined;
      prompts.push(mode);
      throw new Error('User did not consent to login.');
    });
    try {
      const account = await definition('GitHub account (octocat)');
      signedIn = false; // signed out between provide and resolve
      await assert.rejects(Promise.resolve(testing.mcpProvider.resolveMcpServerDefinition!(account, noCancel)), /Sign In to GitHub/);
      assert.deepEqual(prompts, ['interactive']);
    } finally {
      await testing.useSessionLookup(octocatSession());
    }
  });

  it('offers PAT and App-user identities once configured, each checked against GitHub', async () => {
    const { octocatToken, app, appUser, apiUrl } = fixtures();
    assert.deepEqual(await vscode.commands.executeCommand('pygithubMcp.pat.set', { token: octocatToken, apiUrl }), { login: 'octocat' });
    const signedIn = await vscode.commands.executeCommand<{ login: string }>('pygithubMcp.appUser.signIn', { clientId: app.clientId, clientSecret: app.clientSecret, apiUrl, ...appUser });
    assert.equal(signedIn?.login, 'octocat');
    const defs = await definitions();
    const pat = defs.find((d) => d.label === 'GitHub PAT (octocat)');
    const user = defs.find((d) => d.label === 'GitHub App user (octocat)');
    assert.ok(pat && user, `labels: ${defs.map((d) => d.label).join(', ')}`);
    assertNoSecrets(defs);
    const resolvedUser = await resolve(user);
    assert.equal(resolvedUser.env.GITHUB_APP_USER_TOKEN, appUser.token);
    assert.equal(resolvedUser.env.GITHUB_APP_USER_REFRESH_TOKEN, null, 'the refresh token stays with the extension');
    assert.equal(resolvedUser.env.GITHUB_APP_CLIENT_SECRET, null, 'the client secret stays with the extension');
    assert.equal((await resolve(pat)).env.GITHUB_TOKEN, octocatToken);

    const checks = await vscode.commands.executeCommand<Array<{ label: string; ok: boolean; actor?: string; error?: string }>>('pygithubMcp.auth.check');
    assert.ok(checks);
    for (const check of checks) assert.ok(check.ok, `${check.label}: ${check.error}`);
    assert.deepEqual(checks.map((check) => check.actor).sort(), [`App ${app.slug}`, 'octocat', 'octocat', 'octocat'].sort());

    await vscode.commands.executeCommand('pygithubMcp.credentials.clear', { kind: 'pat' });
    await vscode.commands.executeCommand('pygithubMcp.credentials.clear', { kind: 'appUser' });
    const remaining = (await definitions()).map((d) => d.label);
    assert.ok(!remaining.some((label) => /PAT|App user/.test(label)), `still offered: ${remaining.join(', ')}`);
  });

  it('creates a narrowed installation token and never returns the token itself', async () => {
    const { app, installations } = fixtures();
    const result = await vscode.commands.executeCommand<Record<string, unknown>>('pygithubMcp.installations.createToken', {
      appId: app.id,
      installationId: installations.octocat,
      permissions: { issues: 'read' },
      repositories: ['hello-world'],
    });
    assert.ok(result, `failed; log:\n${(await testingApi()).logLines().slice(-5).join('\n')}`);
    // GitHub always adds metadata:read; nothing beyond what was asked is granted.
    assert.equal((result.permissions as Record<string, string>).issues, 'read');
    assert.deepEqual(Object.keys(result.permissions as object).filter((name) => name !== 'issues' && name !== 'metadata'), []);
    assert.deepEqual(result.repositoryNames, ['hello-world']);
    assert.ok(!JSON.stringify(result).match(/ghs_/), 'the token leaked into the result');
    assert.match(await vscode.env.clipboard.readText(), /^ghs_/);
    await vscode.env.clipboard.writeText('');
  });
});
