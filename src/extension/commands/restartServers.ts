import * as vscode from 'vscode';
import { announce } from '../ui/followUp';
import { registerCommand } from './command';
import type { Deps } from './deps';

/**
 * Restarts the servers this window started, and only those: restarting an identity that
 * was never started would start it (and a new version would not restart anything). The
 * status bar shows the work; a message says what was restarted.
 */
export function register(context: vscode.ExtensionContext, deps: Deps): void {
  registerCommand(context, deps, 'pygithubMcp.servers.restart', 'Restarting the MCP servers', async () => {
    const labels = await deps.statusBar.busy('Restarting MCP servers…', async () =>
      vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Restarting the PyGithub MCP servers…' }, () => deps.provider.restartStarted()),
    );
    if (labels.length === 0) {
      announce('No PyGithub MCP server was started in this window.', { title: 'Start Server', run: () => vscode.commands.executeCommand('pygithubMcp.server.restart') });
    } else {
      const running = labels.filter((label) => deps.provider.isRunning(label));
      announce(`Restarted ${labels.length === 1 ? 'MCP server' : `${labels.length} MCP servers`}: ${labels.join(', ')}.`, { title: 'Show Log', run: () => deps.log.show() });
      if (running.length < labels.length) deps.logger('mcp').warn(`not running after the restart: ${labels.filter((label) => !running.includes(label)).join(', ')}`);
    }
    deps.logger('mcp').info(`restarted ${labels.length} server(s)${labels.length ? `: ${labels.join(', ')}` : ''}`);
    return labels;
  });
}
