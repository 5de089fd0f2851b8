// A failed refresh keeps the loaded installations and marks the App row (error icon, the
// reason in its tooltip, a click that retries) instead of replacing them with an error row.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TreeNode } from '../../../src/extension/views/node';
import { ensureAppAdded, fixtures, testingApi } from './helpers';

async function appRow(): Promise<TreeNode> {
  const { tree } = await testingApi();
  const found = ((await tree.getChildren!()) ?? []).find((node) => node.treeItem().label === `GitHub App (${fixtures().app.slug})`);
  assert.ok(found, 'no App row');
  return found;
}

async function childLabels(node: TreeNode): Promise<string[]> {
  const { tree } = await testingApi();
  return ((await tree.getChildren!(node)) ?? []).map((child) => String(child.treeItem().label));
}

describe('refreshing the Accounts view', function () {
  this.timeout(60_000);
  const config = () => vscode.workspace.getConfiguration('pygithubMcp');

  before(ensureAppAdded);
  // A timeout of 0 is refused by the core's settings schema: every new client fails to build.
  const breakClients = () => config().update('timeout', 0, vscode.ConfigurationTarget.Global);
  const repairClients = () => config().update('timeout', undefined, vscode.ConfigurationTarget.Global);
  after(repairClients);

  for (const [how, refresh] of [
    ['the App row', (node: TreeNode) => vscode.commands.executeCommand('pygithubMcp.installations.refresh', node)],
    ['the title bar', () => vscode.commands.executeCommand('pygithubMcp.installations.refresh')],
  ] as const) {
    it(`keeps the loaded installations when refreshing from ${how} fails, marks the App row, and retries`, async () => {
      const loaded = await childLabels(await appRow());
      assert.ok(loaded.includes('octocat') && loaded.includes('sim-org'), `installations: ${loaded.join(', ')}`);
      const healthy = (await appRow()).treeItem();
      assert.equal((healthy.iconPath as vscode.ThemeIcon).id, 'github');

      await breakClients();
      await refresh(await appRow());
      const node = await appRow();
      const item = node.treeItem();
      assert.equal((item.iconPath as vscode.ThemeIcon).id, 'error');
      assert.match(String(item.description), /refresh failed/);
      assert.match((item.tooltip as vscode.MarkdownString).value, /Refresh failed:.*timeout|TIMEOUT/is);
      assert.equal(item.command?.command, 'pygithubMcp.installations.retry');
      assert.equal(item.contextValue, 'app', 'the row keeps its menus');
      assert.deepEqual(await childLabels(node), loaded, 'the loaded installations were replaced');

      await repairClients();
      await vscode.commands.executeCommand(item.command!.command, ...(item.command!.arguments ?? []));
      const retried = (await appRow()).treeItem();
      assert.equal((retried.iconPath as vscode.ThemeIcon).id, 'github');
      assert.doesNotMatch(String(retried.description), /refresh failed/);
      assert.equal(retried.command, undefined);
      assert.deepEqual((await childLabels(await appRow())).slice(0, 2), loaded.slice(0, 2));
    });
  }
});
