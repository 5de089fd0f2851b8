import * as vscode from 'vscode';
import { appLabel, labelFor, type IdentityKey } from '../mcp/identity';
import { announce, type FollowUp } from '../ui/followUp';
import { AppNode } from '../views/appNode';
import { IdentityNode } from '../views/identityNode';
import { registerCommand, scriptedArgs } from './command';
import type { Deps } from './deps';

/** An Accounts row's inline action: restarts its MCP server, or starts it if it is not running. */
export function register(context: vscode.ExtensionContext, deps: Deps): void {
  registerCommand(context, deps, 'pygithubMcp.server.restart', 'Restarting the MCP server', async (raw?: unknown) => {
    const label = await labelOf(deps, raw instanceof IdentityNode || raw instanceof AppNode ? raw : scriptedArgs<{ key: string }>(context, raw)?.key);
    return label === undefined ? undefined : startServer(deps, label);
  });
}

/** Starts (or restarts) one server with progress and a lasting status; also the "Start Server" button. */
export async function startServer(deps: Deps, label: string): Promise<boolean> {
  const running = deps.provider.isRunning(label);
  const verb = running ? 'Restarting' : 'Starting';
  const started = await deps.statusBar.busy(`${verb} ${label}…`, async () =>
    vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `${verb} the MCP server "${label}"…` }, () => deps.provider.restart(label)),
  );
  if (started) announce(`MCP server "${label}" is running.`, { title: 'Show Log', run: () => deps.log.show() });
  else void vscode.window.showWarningMessage(`MCP server "${label}" did not start; start it from the MCP server list (MCP: List Servers).`, 'Show Log').then((choice) => choice && deps.log.show());
  return started;
}

/** The server label of a row, of an identity key, or of the identity the user picks. */
async function labelOf(deps: Deps, target: IdentityNode | AppNode | string | undefined): Promise<string | undefined> {
  if (target instanceof IdentityNode) return target.summary.label;
  if (target instanceof AppNode) return appLabel(target.app);
  const identities = await deps.identities.all();
  if (target !== undefined) {
    const identity = identities.find((candidate) => candidate.key === target);
    if (!identity) throw new Error(`no identity "${target}" is configured`);
    return labelFor(identity);
  }
  if (identities.length === 0) {
    void vscode.window.showInformationMessage('No identity is configured: add a GitHub App or sign in.');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    identities.map((identity) => ({ label: labelFor(identity), description: deps.provider.isRunning(labelFor(identity)) ? 'running' : 'stopped' })),
    { placeHolder: 'Start or restart which MCP server?' },
  );
  return picked?.label;
}

/** The "Start Server" button of a success message, for the identity just added. */
export function startServerButton(deps: Deps, key: IdentityKey): FollowUp {
  return {
    title: 'Start Server',
    run: async () => {
      const identity = await deps.identities.get(key);
      if (identity) await startServer(deps, labelFor(identity));
    },
  };
}
