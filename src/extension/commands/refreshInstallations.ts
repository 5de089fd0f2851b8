import * as vscode from 'vscode';
import { AppNode } from '../views/appNode';
import { InstallationNode } from '../views/installationNode';
import { registerCommand } from './command';
import type { Deps } from './deps';

/**
 * Reloads one App or installation from the context menu, or every App from the title bar
 * (with the view's progress bar). Loaded rows stay if a reload fails; the failing row is marked.
 */
export function register(context: vscode.ExtensionContext, deps: Deps): void {
  registerCommand(context, deps, 'pygithubMcp.installations.refresh', 'Refreshing installations', async (node?: unknown) => {
    const reload = () => {
      if (node instanceof AppNode) return node.installations.reload();
      if (node instanceof InstallationNode) return node.repositories.reload();
      return deps.tree.reload();
    };
    await vscode.window.withProgress({ location: { viewId: 'pygithubMcp.installations' } }, reload);
  });
}
