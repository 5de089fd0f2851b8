import * as vscode from 'vscode';
import { AppNode } from '../views/appNode';
import { InstallationNode } from '../views/installationNode';
import { registerCommand } from './command';
import type { Deps } from './deps';

/** Reloads one App or installation from the context menu, or the whole tree from the title bar. */
export function register(context: vscode.ExtensionContext, deps: Deps): void {
  registerCommand(context, deps, 'pygithubMcp.installations.refresh', 'Refreshing installations', (node?: unknown) => {
    if (node instanceof AppNode) node.installations.reset();
    else if (node instanceof InstallationNode) node.repositories.reset();
    deps.tree.refresh(node instanceof AppNode || node instanceof InstallationNode ? node : undefined);
  });
}
