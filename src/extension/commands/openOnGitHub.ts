import * as vscode from 'vscode';
import { webUrlForApi } from '../../core/hosts';
import { AppNode } from '../views/appNode';
import { InstallationNode } from '../views/installationNode';
import { RepositoryNode } from '../views/repositoryNode';
import { registerCommand } from './command';
import type { Deps } from './deps';

/** Opens the selected App, installation (its settings page) or repository in the browser. */
export function register(context: vscode.ExtensionContext, deps: Deps): void {
  registerCommand(context, deps, 'pygithubMcp.installations.openOnGitHub', 'Opening on GitHub', async (node?: unknown) => {
    const url = urlFor(node);
    if (url) await vscode.env.openExternal(vscode.Uri.parse(url));
    return url;
  });
}

function urlFor(node: unknown): string | undefined {
  if (node instanceof RepositoryNode) return node.data.html_url ?? `${webUrlForApi(node.parent.parent.app.baseUrl)}/${node.data.full_name}`;
  if (node instanceof InstallationNode) return node.data.html_url ?? node.data.account?.html_url ?? undefined;
  if (node instanceof AppNode) return node.app.htmlUrl ?? `${webUrlForApi(node.app.baseUrl)}/apps/${node.app.slug}`;
  return undefined;
}
