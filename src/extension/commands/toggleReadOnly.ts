import * as vscode from 'vscode';
import { announce } from '../ui/followUp';
import { registerCommand } from './command';
import type { Deps } from './deps';

/**
 * Flips `pygithubMcp.readOnly`: write tools disappear (or come back) as the running servers
 * restart with the new definition. The status bar's lock shows the mode for good.
 */
export function register(context: vscode.ExtensionContext, deps: Deps): void {
  registerCommand(context, deps, 'pygithubMcp.readOnly.toggle', 'Toggling read-only mode', async () => {
    const readOnly = !deps.options().readOnly;
    await deps.updateSetting('readOnly', readOnly);
    deps.statusBar.redraw();
    announce(
      readOnly ? 'PyGithub MCP servers are read-only now: running servers restart without write tools.' : 'PyGithub MCP servers may write again: running servers restart with write tools.',
      { title: readOnly ? 'Allow Writes' : 'Make Read-Only', run: () => vscode.commands.executeCommand('pygithubMcp.readOnly.toggle') },
    );
    return readOnly;
  });
}
