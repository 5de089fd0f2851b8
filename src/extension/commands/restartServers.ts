import * as vscode from 'vscode';
import { registerCommand } from './command';
import type { Deps } from './deps';

/**
 * Restarts the servers this window started, and only those: restarting an identity that
 * was never started would start it (and a new version would not restart anything).
 */
export function register(context: vscode.ExtensionContext, deps: Deps): void {
  registerCommand(context, deps, 'pygithubMcp.servers.restart', 'Restarting the MCP servers', async () => {
    const labels = await deps.provider.restartStarted();
    if (labels.length === 0) void vscode.window.showInformationMessage('No PyGithub MCP server was started in this window; start one from the MCP server list.');
    deps.logger('mcp').info(`restarted ${labels.length} server(s)${labels.length ? `: ${labels.join(', ')}` : ''}`);
    return labels;
  });
}
