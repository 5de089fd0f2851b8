import * as vscode from 'vscode';
import { registerCommand, scriptedArgs } from './command';
import type { Deps } from './deps';

export interface ToolsCheck {
  /** How many tools of PyGithub MCP servers VS Code offers to agent mode now. */
  tools: number;
  /** VS Code's tool-name prefix of each server that offers them (`mcp_<server>_`). */
  servers: string[];
}

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
          'Copilot has no PyGithub MCP tools yet: no PyGithub MCP server is running. Start one from the MCP server list (or from the tools button in agent mode), then check again.',
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

/**
 * Every PyGithub MCP server offers `auth_status` (the always-on context toolset), which no
 * other well-known GitHub server has: its name gives the server's prefix.
 */
export function pyGithubTools(tools: readonly { name: string }[]): ToolsCheck {
  const servers = tools.map((tool) => /^(mcp_.+_)auth_status$/.exec(tool.name)?.[1]).filter((prefix): prefix is string => prefix !== undefined);
  return { tools: tools.filter((tool) => servers.some((prefix) => tool.name.startsWith(prefix))).length, servers };
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
