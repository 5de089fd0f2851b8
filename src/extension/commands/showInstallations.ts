import * as vscode from 'vscode';
import { VIEW_ID } from '../views/installationsProvider';
import { registerCommand } from './command';
import type { Deps } from './deps';

/** Opens the Installations view. */
export function register(context: vscode.ExtensionContext, deps: Deps): void {
  registerCommand(context, deps, 'pygithubMcp.installations.show', 'Showing installations', async () => {
    await vscode.commands.executeCommand(`${VIEW_ID}.focus`);
  });
}
