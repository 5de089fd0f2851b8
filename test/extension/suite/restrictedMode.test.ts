// Run by `npm run test:vscode -- --untrusted` only: workspace trust is on and the folder is not
// trusted (Restricted Mode), and its .vscode/settings.json sets pygithubMcp.timeout, retry, logLevel
// and readOnly (test/extension/runner/run.ts). The extension must work, and take none of them.
// VS Code enables an extension under development whatever it declares, so activation alone proves
// little here; the settings do: without capabilities.untrustedWorkspaces.restrictedConfigurations
// the folder's timeout, retry and logLevel apply (seen failing that way).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, testingApi } from './helpers';

describe('Restricted Mode', () => {
  it('the folder is untrusted', () => {
    assert.equal(vscode.workspace.isTrusted, false);
  });

  it('the extension activates, registers its commands and provides its servers', async () => {
    const testing = await testingApi();
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.equal(extension?.isActive, true);
    assert.equal(extension.packageJSON.capabilities.untrustedWorkspaces.supported, 'limited');
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const command of ['pygithubMcp.apps.add', 'pygithubMcp.account.signIn', 'pygithubMcp.auth.check', 'pygithubMcp.tools.check']) assert.ok(registered.has(command), command);
    assert.ok(Array.isArray(await testing.mcpProvider.provideMcpServerDefinitions(new vscode.CancellationTokenSource().token)));
  });

  it('takes no setting from the untrusted folder', () => {
    const config = vscode.workspace.getConfiguration('pygithubMcp');
    // The folder's file says otherwise for each of these (run.ts UNTRUSTED.workspaceSettings).
    assert.equal(config.get('timeout'), 15);
    assert.equal(config.get('retry'), 3);
    assert.equal(config.get('logLevel'), 'info');
    assert.equal(config.get('readOnly'), false);
  });
});
