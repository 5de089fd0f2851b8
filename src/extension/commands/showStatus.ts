import * as vscode from 'vscode';
import { STATUS_COMMAND } from '../ui/statusBar';
import { registerCommand, scriptedArgs } from './command';
import type { Deps } from './deps';

interface Action extends vscode.QuickPickItem {
  command: string;
}

/**
 * The status bar item's click: the main actions in one quick pick. Opening it also reads
 * the rate limits in the background when they are stale. Tests pass `{ pick: <command> }`.
 */
export function register(context: vscode.ExtensionContext, deps: Deps): void {
  registerCommand(context, deps, STATUS_COMMAND, 'Showing the PyGithub MCP actions', async (raw?: unknown) => {
    const args = scriptedArgs<{ pick: string }>(context, raw);
    deps.rateLimits.refreshIfStale();
    const items = actions(deps);
    const picked = args ? items.find((item) => item.command === args.pick) : await vscode.window.showQuickPick(items, { placeHolder: 'PyGithub MCP', matchOnDescription: true });
    if (picked) await vscode.commands.executeCommand(picked.command);
    return { items: items.map((item) => item.command), ran: picked?.command };
  });
}

function actions(deps: Deps): Action[] {
  const readOnly = deps.options().readOnly;
  return [
    { label: '$(list-tree) Show Accounts', description: 'identities, Apps and installations', command: 'pygithubMcp.installations.show' },
    { label: '$(person-add) Add Account…', description: 'sign in, add an App, a token…', command: 'pygithubMcp.accounts.add' },
    { label: '$(pass) Check Authentication', command: 'pygithubMcp.auth.check' },
    { label: '$(debug-restart) Restart MCP Servers', description: 'those started in this window', command: 'pygithubMcp.servers.restart' },
    { label: readOnly ? '$(unlock) Allow Writes' : '$(lock) Make Read-Only', description: readOnly ? 'read-only now' : 'write tools on now', command: 'pygithubMcp.readOnly.toggle' },
    { label: '$(tools) Configure Toolsets…', command: 'pygithubMcp.toolsets.configure' },
    { label: '$(pulse) Refresh Rate Limits', command: 'pygithubMcp.rateLimits.refresh' },
    { label: '$(output) Show Log', command: 'pygithubMcp.log.show' },
  ];
}
