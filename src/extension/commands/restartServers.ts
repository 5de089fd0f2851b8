import * as vscode from 'vscode';
import { registerCommand } from './command';
import type { Deps } from './deps';

/**
 * Gives every definition a new version (VS Code restarts servers whose version changed)
 * and asks the MCP workbench to restart those that are running.
 */
export function register(context: vscode.ExtensionContext, deps: Deps): void {
  registerCommand(context, deps, 'pygithubMcp.servers.restart', 'Restarting the MCP servers', async () => {
    deps.provider.restartAll();
    const extensionId = context.extension.id.toLowerCase();
    // A signed-out account would prompt for sign-in on restart; it restarts when started.
    const identities = (await deps.identities.all()).filter((identity) => identity.kind !== 'account' || identity.token);
    for (const identity of identities) {
      await vscode.commands.executeCommand('workbench.mcp.restartServer', `${extensionId}/${deps.identities.label(identity)}`).then(
        () => undefined,
        (error: unknown) => deps.logger('mcp').debug(`workbench.mcp.restartServer: ${(error as Error).message}`),
      );
    }
    deps.logger('mcp').info(`restarted ${identities.length} server definition(s)`);
  });
}
