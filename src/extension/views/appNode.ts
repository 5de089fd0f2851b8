import * as vscode from 'vscode';
import type { AppMetadata } from '../auth/appStore';
import type { GitHubClients } from '../github/appClients';
import { InstallationNode, type InstallationData } from './installationNode';
import type { TreeNode, TreeRefresher } from './node';
import { PagedChildren } from './pagedChildren';

/** A configured GitHub App; its children are its installations, a page at a time. */
export class AppNode implements TreeNode {
  readonly parent = undefined;
  readonly installations: PagedChildren<InstallationNode>;

  constructor(
    readonly app: AppMetadata,
    tree: TreeRefresher,
    clients: GitHubClients,
  ) {
    this.installations = new PagedChildren(
      this,
      tree,
      async (page, perPage) => {
        const github = await clients.forApp(app.id);
        const result = await github.integration!.listInstallations(page, perPage);
        return {
          items: result.items.map((data) => new InstallationNode(this, data as unknown as InstallationData, tree, clients)),
          hasNextPage: result.hasNextPage,
        };
      },
      'Not installed anywhere yet: install the App on an account on GitHub.',
    );
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.app.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `app:${this.app.id}`;
    item.description = `App ${this.app.id}${hostSuffix(this.app.baseUrl)}`;
    item.iconPath = new vscode.ThemeIcon('github');
    item.contextValue = 'app';
    item.tooltip = new vscode.MarkdownString(
      [`**${this.app.name}** (\`${this.app.slug}\`)`, `App ID: ${this.app.id}`, this.app.owner ? `Owner: ${this.app.owner}` : '', `API: ${this.app.baseUrl}`]
        .filter(Boolean)
        .join('  \n'),
    );
    return item;
  }

  children(): Promise<TreeNode[]> {
    return this.installations.children();
  }
}

function hostSuffix(apiUrl: string): string {
  try {
    const host = new URL(apiUrl).host;
    return host === 'api.github.com' ? '' : ` · ${host}`;
  } catch {
    return '';
  }
}
