// Removing the App deletes its key and metadata, and its server definition goes away.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ensureAppAdded, fixtures, testingApi } from './helpers';

describe('removing a GitHub App', () => {
  before(ensureAppAdded);

  it('deletes the key and metadata and withdraws its definition', async () => {
    const testing = await testingApi();
    const { app } = fixtures();
    let fired = 0;
    const subscription = testing.mcpProvider.onDidChangeMcpServerDefinitions!(() => fired++);
    try {
      assert.equal(await vscode.commands.executeCommand('pygithubMcp.apps.remove', { appId: app.id }), true);
    } finally {
      subscription.dispose();
    }
    assert.ok(fired >= 1, 'onDidChangeMcpServerDefinitions did not fire');
    assert.equal(await testing.hasAppKey(app.id), false);
    assert.equal(testing.apps().some((candidate) => candidate.id === app.id), false);
    const defs = ((await testing.mcpProvider.provideMcpServerDefinitions(new vscode.CancellationTokenSource().token)) ?? []) as vscode.McpStdioServerDefinition[];
    assert.equal(defs.some((def) => def.label === `GitHub App (${app.slug})`), false);
    const rows = ((await testing.tree.getChildren!()) ?? []).map((node) => node.treeItem());
    assert.equal(rows.some((row) => row.contextValue === 'app'), false, `rows: ${rows.map((row) => String(row.label)).join(', ')}`);
  });
});
