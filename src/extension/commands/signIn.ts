import * as vscode from 'vscode';
import { announce } from '../ui/followUp';
import { startServerButton } from './restartServer';
import { registerCommand } from './command';
import type { Deps } from './deps';

/** Signs in with VS Code's GitHub account (or switches to another one) for the account's MCP server. */
export function register(context: vscode.ExtensionContext, deps: Deps): void {
  registerCommand(context, deps, 'pygithubMcp.account.signIn', 'Signing in to GitHub', async () => {
    const switching = deps.accounts.current !== undefined;
    const session = await deps.accounts.signIn(switching ? 'switch' : 'interactive');
    if (!session) return undefined;
    if (!deps.options().userAccountEnabled) await deps.updateSetting('userAccount.enabled', true);
    announce(`PyGithub MCP uses your GitHub account ${session.account.label}.`, startServerButton(deps, 'account'));
    return { account: session.account.label };
  });
}
