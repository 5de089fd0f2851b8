import * as vscode from 'vscode';
import { registerCommand, scriptedArgs } from './command';
import type { Deps } from './deps';
import { pyGithubTools, type ToolsCheck } from '../walkthrough/tools';

/**
 * The walkthrough's "is it there?" step: opens Copilot Chat in agent mode and says how many
 * of our tools VS Code offers it. Succeeds (returns the count) only when there are some.
 */
export function register(context: vscode.ExtensionContext, deps: Deps): void {
  registerCommand(context, deps, 'pygithubMcp.tools.check', 'Checking the tools in Copilot agent mode', async (raw?: unknown): Promise<ToolsCheck | undefined> => {
    // Tests skip the chat: code-server has no Copilot, and its chat view may ask to set one up.
    if (scriptedArgs<{ openChat: boolean }>(context, raw)?.openChat !== false) await openAgentMode(deps);
    const found = pyGithubTools(vscode.lm.tools);
    if (found.tools === 0) {
      // Not awaited: a notification left open must not hold up the command (or a test).
      void vscode.window
        .showWarningMessage(
          'Copilot has no PyGithub MCP tools yet: start a PyGithub MCP server once from the MCP server list (or from the tools button in agent mode), then check again.',
          'List MCP Servers',
        )
        .then((choice) => (choice ? vscode.commands.executeCommand('workbench.mcp.listServer') : undefined), () => undefined);
      return undefined;
    }
    void vscode.window.showInformationMessage(
      `Copilot agent mode has ${found.tools} PyGithub MCP tools from ${found.servers.length} server${found.servers.length === 1 ? '' : 's'}. Choose which it may use with the tools button in the chat input.`,
    );
    return found;
  });
}

/** Best effort: the chat commands are the workbench's, not API, and differ between versions. */
async function openAgentMode(deps: Deps): Promise<void> {
  const opened = vscode.commands.executeCommand('workbench.action.chat.open', { mode: 'agent' }).then(
    () => true,
    (error: unknown) => {
      deps.logger('chat').debug(`cannot open agent mode: ${(error as Error)?.message ?? String(error)}`);
      return false;
    },
  );
  // Never let a chat view that waits for a Copilot setup hold up the check.
  await Promise.race([opened, new Promise((resolve) => setTimeout(resolve, 3_000))]);
}
