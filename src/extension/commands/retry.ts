import * as vscode from 'vscode';
import { ErrorNode } from '../views/errorNode';
import { registerCommand } from './command';
import type { Deps } from './deps';

/** An error row's click: tries the failed load again. */
export function register(context: vscode.ExtensionContext, deps: Deps): void {
  registerCommand(context, deps, 'pygithubMcp.installations.retry', 'Retrying', async (node?: unknown) => {
    if (node instanceof ErrorNode) await node.retry();
    else deps.tree.refresh();
  });
}
