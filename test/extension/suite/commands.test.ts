// Every command the manifest contributes is registered by activate().
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { scriptedArgs, scriptingAllowed } from '../../../src/extension/commands/command';
import { EXTENSION_ID, testingApi } from './helpers';

describe('commands', () => {
  it('registers every contributed command, all in the "PyGithub MCP" category', async () => {
    await testingApi();
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    const contributed = (extension.packageJSON.contributes.commands as Array<{ command: string; category: string }>) ?? [];
    assert.ok(contributed.length >= 20, `only ${contributed.length} commands contributed`);
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.map((c) => c.command).filter((id) => !registered.has(id));
    assert.deepEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
    assert.deepEqual(contributed.filter((c) => c.category !== 'PyGithub MCP').map((c) => c.command), []);
    for (const { command } of contributed) assert.match(command, /^pygithubMcp\.[a-zA-Z]+\.[a-zA-Z]+$/);
  });

  it('registers no pygithubMcp command that the manifest does not contribute', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    const contributed = new Set((extension.packageJSON.contributes.commands as Array<{ command: string }>).map((c) => c.command));
    // VS Code adds its own commands for each view (focus, resetViewLocation, …).
    const viewCommand = /^pygithubMcp\.installations\.(focus|resetViewLocation|toggleVisibility|removeView|open)$/;
    const extra = (await vscode.commands.getCommands(true)).filter((id) => id.startsWith('pygithubMcp.') && !contributed.has(id) && !viewCommand.test(id));
    assert.deepEqual(extra, []);
  });

  it('honours scripted arguments only outside production, and never takes a tree node for them', () => {
    const args = { appId: 1 };
    assert.equal(scriptedArgs({ extensionMode: vscode.ExtensionMode.Production }, args), undefined);
    assert.equal(scriptingAllowed({ extensionMode: vscode.ExtensionMode.Production }), false);
    assert.equal(scriptedArgs({ extensionMode: vscode.ExtensionMode.Test }, args), args);
    assert.equal(scriptedArgs({ extensionMode: vscode.ExtensionMode.Development }, args), args);
    class Node {
      appId = 1;
    }
    assert.equal(scriptedArgs({ extensionMode: vscode.ExtensionMode.Test }, new Node()), undefined);
  });

  it('refuses workspace values for security settings, so a folder cannot turn off read-only mode or TLS checks', async () => {
    await testingApi();
    const config = vscode.workspace.getConfiguration('pygithubMcp');
    for (const key of ['readOnly', 'exposeTokens', 'verify', 'toolsets']) {
      await assert.rejects(Promise.resolve(config.update(key, key === 'toolsets' ? ['all'] : key !== 'readOnly', vscode.ConfigurationTarget.Workspace)), new RegExp(`pygithubMcp\\.${key}`), key);
      assert.equal(config.inspect(key)?.workspaceValue, undefined, key);
    }
  });
});
