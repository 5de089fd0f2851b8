import * as vscode from 'vscode';
import { AppNode } from '../views/appNode';
import { ErrorNode } from '../views/errorNode';
import { InstallationNode } from '../views/installationNode';
import { registerCommand } from './command';
import type { Deps } from './deps';

/** An error row's click, or a row marked "refresh failed": tries the failed load again. */
export function register(context: vscode.ExtensionContext, deps: Deps): void {
  registerCommand(context, deps, 'pygithubMcp.installations.retry', 'Retrying', async (node?: unknown) => {
    if (node instanceof ErrorNode) await node.retry();
    else if (node instanceof AppNode) await node.installations.reload();
    else if (node instanceof InstallationNode) await node.repositories.reload();
    else await deps.tree.reload();
  });
}
