// The MCP server definition provider: one stdio definition per identity, running the
// bundled server with the editor's Node; credentials travel in env only, never in args.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { fixtures, octocatSession, testingApi, useSimulator } from './helpers';

const noCancel = new vscode.CancellationTokenSource().token;

async function definitions(): Promise<vscode.McpStdioServerDefinition[]> {
  const { mcpProvider } = await testingApi();
  return ((await mcpProvider.provideMcpServerDefinitions(noCancel)) ?? []) as vscode.McpStdioServerDefinition[];
}

describe('MCP server definitions', () => {
  before(async () => {
    await useSimulator();
    await (await testingApi()).useSessionLookup(octocatSession());
  });

  it('offers the signed-in account and each App, running dist/server.js with the editor\'s Node', async () => {
    const { app } = fixtures();
    const defs = await definitions();
    const labels = defs.map((d) => d.label);
    assert.ok(labels.includes('GitHub (octocat)'), `labels: ${labels.join(', ')}`);
    assert.ok(labels.includes(`GitHub App: ${app.slug}`), `labels: ${labels.join(', ')}`);
    for (const def of defs) {
      assert.equal(def.command, process.execPath);
      assert.equal(def.args.length, 1);
      assert.match(def.args[0], /dist[\\/]server\.js$/);
      assert.equal(def.env.ELECTRON_RUN_AS_NODE, '1');
      assert.match(String(def.version), /^[0-9a-f]{16}$/);
    }
  });

  it('puts credentials in env only: never in args, label or version', async () => {
    const { app, octocatToken, apiUrl } = fixtures();
    const defs = await definitions();
    const account = defs.find((d) => d.label === 'GitHub (octocat)')!;
    assert.equal(account.env.GITHUB_TOKEN, octocatToken);
    assert.equal(account.env.GITHUB_API_URL, apiUrl);
    const appDef = defs.find((d) => d.label === `GitHub App: ${app.slug}`)!;
    assert.equal(appDef.env.GITHUB_APP_ID, String(app.id));
    assert.equal(String(appDef.env.GITHUB_APP_PRIVATE_KEY).trim(), app.privateKeyPem.trim());
    assert.equal(appDef.env.GITHUB_TOKEN, null, 'an App definition clears GITHUB_TOKEN from the inherited environment');
    const keyBody = app.privateKeyPem.split('\n')[3];
    for (const def of defs) {
      const visible = JSON.stringify([def.label, def.command, def.args, def.version]);
      assert.equal(visible.includes(octocatToken), false, `token visible in ${def.label}`);
      assert.equal(visible.includes(keyBody), false, `key visible in ${def.label}`);
    }
  });

  it('changes a definition\'s version when read-only mode or toolsets change, and back', async () => {
    const { app } = fixtures();
    const label = `GitHub App: ${app.slug}`;
    const version = async () => (await definitions()).find((d) => d.label === label)!.version;
    const initial = await version();
    const { mcpProvider } = await testingApi();
    let fired = 0;
    const subscription = mcpProvider.onDidChangeMcpServerDefinitions!(() => fired++);
    try {
      await vscode.commands.executeCommand('pygithubMcp.readOnly.toggle');
      const readOnly = await version();
      assert.notEqual(readOnly, initial);
      assert.equal((await definitions()).find((d) => d.label === label)!.env.GITHUB_READ_ONLY, 'true');
      await vscode.commands.executeCommand('pygithubMcp.readOnly.toggle');
      assert.equal(await version(), initial);
      await vscode.commands.executeCommand('pygithubMcp.toolsets.configure', ['repos', 'issues']);
      const narrowed = (await definitions()).find((d) => d.label === label)!;
      assert.equal(narrowed.env.GITHUB_TOOLSETS, 'repos,issues');
      assert.notEqual(narrowed.version, initial);
      await vscode.commands.executeCommand('pygithubMcp.toolsets.configure', ['default']);
      assert.ok(fired >= 4, `onDidChangeMcpServerDefinitions fired ${fired} times`);
    } finally {
      subscription.dispose();
    }
  });

  it('gives the account a new version when its session token rotates', async () => {
    const testing = await testingApi();
    const before = (await definitions()).find((d) => d.label === 'GitHub (octocat)')!.version;
    await testing.useSessionLookup(octocatSession('ghp_rotated_for_the_test_000000000000'));
    const after = (await definitions()).find((d) => d.label === 'GitHub (octocat)')!;
    assert.notEqual(after.version, before);
    await testing.useSessionLookup(octocatSession());
  });

  it('without a session offers "GitHub", and resolve fails clearly instead of hanging when sign-in is declined', async () => {
    const testing = await testingApi();
    await testing.useSessionLookup(async (_provider, _scopes, mode) => {
      if (mode === 'silent') return undefined;
      throw new Error('User did not consent to login.');
    });
    try {
      const signedOut = (await definitions()).find((d) => d.label === 'GitHub');
      assert.ok(signedOut, 'no signed-out account definition');
      assert.equal(signedOut.env.GITHUB_TOKEN, null);
      await assert.rejects(Promise.resolve(testing.mcpProvider.resolveMcpServerDefinition!(signedOut, noCancel)), /Sign In to GitHub/);
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
    assert.equal(user.env.GITHUB_APP_USER_TOKEN, appUser.token);
    assert.equal(user.env.GITHUB_APP_USER_REFRESH_TOKEN, null, 'the refresh token stays with the extension');

    const checks = await vscode.commands.executeCommand<Array<{ label: string; ok: boolean; actor?: string; error?: string }>>('pygithubMcp.auth.check');
    assert.ok(checks);
    for (const check of checks) assert.ok(check.ok, `${check.label}: ${check.error}`);
    assert.deepEqual(
      checks.map((check) => check.actor).sort(),
      [`App ${app.slug}`, 'octocat', 'octocat', 'octocat'].sort(),
    );

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
