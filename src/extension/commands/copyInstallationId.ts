import * as vscode from 'vscode';
import { InstallationNode } from '../views/installationNode';
import { registerCommand } from './command';
import type { Deps } from './deps';

/** Copies an installation id, e.g. for `pygithubMcp.apps.overrides` or GITHUB_APP_INSTALLATION_ID. */
export function register(context: vscode.ExtensionContext, deps: Deps): void {
  registerCommand(context, deps, 'pygithubMcp.installations.copyId', 'Copying the installation id', async (node?: unknown) => {
    if (!(node instanceof InstallationNode)) return undefined;
    await vscode.env.clipboard.writeText(String(node.data.id));
    void vscode.window.showInformationMessage(`Installation id ${node.data.id} (${node.login}) copied.`);
    return node.data.id;
  });
}
