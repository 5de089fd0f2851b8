// What the manifest promises, checked from inside VS Code: Restricted Mode and virtual-workspace
// support, the getting-started walkthrough (its steps, their completion events, and that the
// commands behind them complete them only when they succeed), and what userAccount.enabled says.
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { labelFor } from '../../../src/extension/mcp/identity';
import { commandsCompleting, STEP_DONE, WALKTHROUGH_ID } from '../../../src/extension/walkthrough/steps';
import { ensureAppAdded, EXTENSION_ID, fixtures, octocatSession, testingApi, useSimulator, waitFor } from './helpers';

interface Step {
  id: string;
  title: string;
  description: string;
  media: { markdown?: string; image?: string };
  completionEvents: string[];
}

function manifest() {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not installed`);
  return { json: extension.packageJSON as Record<string, any>, root: extension.extensionUri.fsPath };
}

describe('manifest: Restricted Mode and the walkthrough', () => {
  before(() => testingApi());

  it('supports untrusted and virtual workspaces, taking every setting a folder could set from user settings only', () => {
    const { capabilities, contributes } = manifest().json;
    assert.equal(capabilities?.virtualWorkspaces, true);
    const trust = capabilities?.untrustedWorkspaces;
    assert.equal(trust?.supported, 'limited');
    assert.match(trust.description, /Restricted Mode/);
    const properties = contributes.configuration.properties as Record<string, { scope?: string }>;
    // Application-scoped settings never come from a folder; every other one must be restricted.
    const folderSettable = Object.keys(properties).filter((key) => properties[key].scope !== 'application');
    assert.ok(folderSettable.length > 0);
    assert.deepEqual([...trust.restrictedConfigurations].sort(), folderSettable.sort(), 'a new window-scoped setting must be listed in capabilities.untrustedWorkspaces.restrictedConfigurations');
  });

  it('contributes the getting-started walkthrough: four steps, each with its markdown and an onContext completion event', async () => {
    const { json, root } = manifest();
    const walkthrough = (json.contributes.walkthroughs as Array<{ id: string; steps: Step[] }>).find((candidate) => candidate.id === WALKTHROUGH_ID);
    assert.ok(walkthrough, `no walkthrough ${WALKTHROUGH_ID}`);
    assert.deepEqual(
      walkthrough.steps.map((step) => step.id),
      ['identity', 'tools', 'agentMode', 'authentication'],
    );
    const keys = Object.values(STEP_DONE) as string[];
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const step of walkthrough.steps) {
      assert.ok(step.media.markdown && existsSync(join(root, step.media.markdown)), `${step.id}: media ${step.media.markdown} is missing`);
      assert.equal(step.completionEvents.length, 1, step.id);
      const [, key] = /^onContext:(.+)$/.exec(step.completionEvents[0]) ?? [];
      assert.ok(key && keys.includes(key), `${step.id} completes on ${step.completionEvents[0]}, which no command sets`);
      // The buttons in the step run commands that exist, and at least one of them completes it.
      const buttons = [...step.description.matchAll(/\(command:([\w.]+)\)/g)].map((match) => match[1]);
      assert.ok(buttons.length > 0, `${step.id} has no command button`);
      for (const command of buttons) assert.ok(registered.has(command), `${step.id}: ${command} is not registered`);
      const completing = commandsCompleting(key);
      assert.ok(
        completing.some((command) => buttons.includes(command)),
        `${step.id}: none of its buttons (${buttons.join(', ')}) completes it (${completing.join(', ')})`,
      );
      for (const command of completing) assert.ok(registered.has(command), `${command} completes ${step.id} but is not registered`);
    }
    // One step per key: otherwise one command would complete two steps.
    assert.equal(new Set(walkthrough.steps.map((step) => step.completionEvents[0])).size, walkthrough.steps.length);
  });

  it('opens the walkthrough by its id', async () => {
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${EXTENSION_ID}#${WALKTHROUGH_ID}`, false);
    await waitFor('the walkthrough editor', () => vscode.window.tabGroups.all.some((group) => group.tabs.some((tab) => /Walkthrough|Get Started|Welcome/i.test(tab.label))));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});

describe('manifest: walkthrough steps complete when their command succeeds', function () {
  this.timeout(120_000);
  const appServerId = () => {
    const { app } = fixtures();
    return `${EXTENSION_ID.toLowerCase()}/${labelFor({ kind: 'app', key: `app:${app.id}`, apiUrl: '', appId: app.id, name: app.name, slug: app.slug, privateKey: '' })}`;
  };

  before(async () => {
    await ensureAppAdded();
    await (await testingApi()).resetWalkthroughSteps();
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.mcp.stopServer', appServerId()).then(undefined, () => undefined);
    (await testingApi()).forgetStartedServers();
  });

  it('sign in or add an App: a failed add leaves it open, a successful one completes it', async () => {
    const testing = await testingApi();
    const { app, apiUrl } = fixtures();
    // Another App's ID with this App's key: GitHub refuses the JWT.
    assert.equal(await vscode.commands.executeCommand('pygithubMcp.apps.add', { appId: app.id + 1000, pem: app.privateKeyPem, apiUrl }), undefined);
    assert.equal(testing.contextKey(STEP_DONE.identity), false);
    assert.ok(await vscode.commands.executeCommand('pygithubMcp.apps.add', { appId: app.id, pem: app.privateKeyPem, apiUrl }));
    assert.equal(testing.contextKey(STEP_DONE.identity), true);
  });

  it('choose toolsets: configuring them completes it', async () => {
    const testing = await testingApi();
    assert.equal(testing.contextKey(STEP_DONE.tools), false);
    const before = vscode.workspace.getConfiguration('pygithubMcp').inspect<string[]>('toolsets')?.globalValue;
    try {
      assert.deepEqual(await vscode.commands.executeCommand('pygithubMcp.toolsets.configure', ['default']), ['default']);
      assert.equal(testing.contextKey(STEP_DONE.tools), true);
    } finally {
      await vscode.workspace.getConfiguration('pygithubMcp').update('toolsets', before, vscode.ConfigurationTarget.Global);
    }
  });

  it('agent mode: no tools leaves it open; once a server runs, checking the tools completes it', async () => {
    const testing = await testingApi();
    // VS Code keeps offering the tools of a server it started once (it starts it again on use), so
    // after the other suites there are always some: the empty case is seen when this suite runs
    // alone (--grep manifest), and pyGithubTools() has a unit test.
    if (!vscode.lm.tools.some((tool) => /^mcp_.+_auth_status$/.test(tool.name))) {
      assert.equal(await vscode.commands.executeCommand('pygithubMcp.tools.check', { openChat: false }), undefined);
      assert.equal(testing.contextKey(STEP_DONE.agentMode), false);
    }
    const checked = await waitFor(
      `the tools of ${appServerId()}`,
      async () => {
        const result = await vscode.commands.executeCommand<{ tools: number; servers: string[] } | undefined>('pygithubMcp.tools.check', { openChat: false });
        if (!result) await vscode.commands.executeCommand('workbench.mcp.startServer', appServerId(), { waitForLiveTools: true });
        return result;
      },
      60_000,
    );
    assert.ok(checked.servers.length >= 1, `servers: ${checked.servers.join(', ')}`);
    assert.equal(checked.tools, vscode.lm.tools.filter((tool) => checked.servers.some((prefix) => tool.name.startsWith(prefix))).length);
    assert.ok(checked.tools > 5, `only ${checked.tools} tools`);
    assert.equal(testing.contextKey(STEP_DONE.agentMode), true);
    // As the walkthrough's button runs it: it also opens the chat, and neither hangs nor fails
    // without Copilot (code-server has none).
    const started = Date.now();
    const fromButton = await vscode.commands.executeCommand<{ tools: number } | undefined>('pygithubMcp.tools.check');
    assert.equal(fromButton?.tools, checked.tools);
    assert.ok(Date.now() - started < 10_000, `took ${Date.now() - started} ms`);
    await vscode.commands.executeCommand('workbench.action.closeAuxiliaryBar').then(undefined, () => undefined);
  });

  it('check authentication: no identity checked leaves it open; every identity passing completes it', async () => {
    const testing = await testingApi();
    assert.deepEqual(await vscode.commands.executeCommand('pygithubMcp.auth.check', { key: 'app:999999999' }), []);
    assert.equal(testing.contextKey(STEP_DONE.authentication), false);
    const results = await vscode.commands.executeCommand<Array<{ ok: boolean }>>('pygithubMcp.auth.check', { key: `app:${fixtures().app.id}` });
    assert.deepEqual(results.map((result) => result.ok), [true]);
    assert.equal(testing.contextKey(STEP_DONE.authentication), true);
  });
});

describe('manifest: userAccount.enabled', function () {
  this.timeout(60_000);
  const config = () => vscode.workspace.getConfiguration('pygithubMcp');
  const accountLabel = labelFor({ kind: 'account', key: 'account', apiUrl: '', account: 'octocat', token: '' });
  const labels = async () => ((await (await testingApi()).mcpProvider.provideMcpServerDefinitions(new vscode.CancellationTokenSource().token)) ?? []).map((d) => d.label);

  before(useSimulator);
  after(async () => {
    await config().update('userAccount.enabled', undefined, vscode.ConfigurationTarget.Global);
    await (await testingApi()).useSessionLookup(octocatSession());
  });

  it('says what it does: a server for your account while signed in, none while signed out', () => {
    const text = manifest().json.contributes.configuration.properties['pygithubMcp.userAccount.enabled'].markdownDescription as string;
    assert.doesNotMatch(text, /only asked for when that server starts/);
    assert.match(text, /Signed out, no server is offered/);
    assert.match(text, /Sign In to GitHub\*\* \(which also turns this on\)/);
  });

  it('signed out: no account server, and starting nothing prompts', async () => {
    const testing = await testingApi();
    const modes: string[] = [];
    await testing.useSessionLookup(async (_provider, _scopes, mode) => {
      modes.push(String(mode));
      return undefined;
    });
    await config().update('userAccount.enabled', true, vscode.ConfigurationTarget.Global);
    assert.ok(!(await labels()).includes(accountLabel));
    assert.deepEqual(
      modes.filter((mode) => mode !== 'silent'),
      [],
      'offering the servers asked for a sign-in',
    );
  });

  it('signed in: the account server is offered when enabled, and not when disabled', async () => {
    const testing = await testingApi();
    await testing.useSessionLookup(octocatSession());
    await config().update('userAccount.enabled', true, vscode.ConfigurationTarget.Global);
    await waitFor(`${accountLabel} offered`, async () => (await labels()).includes(accountLabel));
    await config().update('userAccount.enabled', false, vscode.ConfigurationTarget.Global);
    await waitFor(`${accountLabel} withdrawn`, async () => !(await labels()).includes(accountLabel));
  });

  it('Sign In to GitHub turns it on, and the account server appears', async () => {
    const testing = await testingApi();
    let signedIn = false;
    await testing.useSessionLookup(async (provider, scopes, mode) => {
      if (mode !== 'silent') signedIn = true;
      return signedIn ? octocatSession()() : undefined;
    });
    await config().update('userAccount.enabled', false, vscode.ConfigurationTarget.Global);
    assert.ok(!(await labels()).includes(accountLabel));
    assert.deepEqual(await vscode.commands.executeCommand('pygithubMcp.account.signIn'), { account: 'octocat' });
    assert.equal(config().get('userAccount.enabled'), true);
    await waitFor(`${accountLabel} offered after sign-in`, async () => (await labels()).includes(accountLabel));
  });
});
