import type * as vscode from 'vscode';
import { registerCommand } from './command';
import type { Deps } from './deps';

export function register(context: vscode.ExtensionContext, deps: Deps): void {
  registerCommand(context, deps, 'pygithubMcp.log.show', 'Showing the log', () => deps.log.show());
}
