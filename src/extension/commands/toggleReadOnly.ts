import * as vscode from 'vscode';
import { registerCommand } from './command';
import type { Deps } from './deps';

/** Flips `pygithubMcp.readOnly`: write tools disappear (or come back) after the servers restart. */
export function register(context: vscode.ExtensionContext, deps: Deps): void {
  registerCommand(context, deps, 'pygithubMcp.readOnly.toggle', 'Toggling read-only mode', async () => {
    const readOnly = !deps.options().readOnly;
    await deps.updateSetting('readOnly', readOnly);
    void vscode.window.showInformationMessage(readOnly ? 'PyGithub MCP servers are read-only now.' : 'PyGithub MCP servers may write again.');
    return readOnly;
  });
}
