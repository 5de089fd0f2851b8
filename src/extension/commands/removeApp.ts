import * as vscode from 'vscode';
import { pickApp } from '../ui/pickers';
import { AppNode } from '../views/appNode';
import { registerCommand, scriptedArgs } from './command';
import type { Deps } from './deps';

/** Deletes an App's key from SecretStorage and its metadata; its MCP server goes away with it. */
export function register(context: vscode.ExtensionContext, deps: Deps): void {
  const log = deps.logger('apps');
  registerCommand(context, deps, 'pygithubMcp.apps.remove', 'Removing the GitHub App', async (raw?: unknown) => {
    const args = scriptedArgs<{ appId: number; confirm: boolean }>(context, raw);
    const appId = raw instanceof AppNode ? raw.app.id : args?.appId;
    const app = await pickApp(deps.apps, appId, 'Choose the GitHub App to remove');
    if (!app) return false;
    if (!args) {
      const answer = await vscode.window.showWarningMessage(
        `Remove GitHub App "${app.name}"? Its private key is deleted from VS Code's secret storage and its MCP server stops.`,
        { modal: true },
        'Remove',
      );
      if (answer !== 'Remove') return false;
    }
    await deps.apps.remove(app.id);
    log.info(`removed GitHub App ${app.name} (${app.id})`);
    void vscode.window.showInformationMessage(`GitHub App "${app.name}" removed.`);
    return true;
  });
}
