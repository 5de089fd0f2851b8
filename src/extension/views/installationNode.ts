import * as vscode from 'vscode';
import type { GitHubClients } from '../github/appClients';
import type { AppNode } from './appNode';
import { EmptyNode } from './emptyNode';
import type { TreeNode, TreeRefresher } from './node';
import { PagedChildren } from './pagedChildren';
import { markReload } from './reloadMark';
import { RepositoryNode, type RepositoryData } from './repositoryNode';

/** The fields of GitHub's installation object the tree shows. */
export interface InstallationData {
  id: number;
  app_id?: number;
  account?: { login?: string; avatar_url?: string; type?: string; html_url?: string } | null;
  target_type?: string;
  repository_selection?: 'all' | 'selected';
  suspended_at?: string | null;
  permissions?: Record<string, string>;
  html_url?: string;
}

/** One installation: the account, its type, which repositories and whether it is suspended. */
export class InstallationNode implements TreeNode {
  readonly repositories: PagedChildren<RepositoryNode>;

  constructor(
    readonly parent: AppNode,
    readonly data: InstallationData,
    tree: TreeRefresher,
    clients: GitHubClients,
  ) {
    this.repositories = new PagedChildren(
      this,
      tree,
      async (page, perPage) => {
        const github = await clients.forApp(parent.app.id);
        const result = await github.integration!.listInstallationRepositories(data.id, page, perPage);
        return { items: result.items.map((repo) => new RepositoryNode(this, repo as unknown as RepositoryData)), hasNextPage: result.hasNextPage };
      },
      'No repositories selected for this installation.',
    );
  }

  get login(): string {
    return this.data.account?.login ?? `installation ${this.data.id}`;
  }

  get suspended(): boolean {
    return Boolean(this.data.suspended_at);
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.login, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `app:${this.parent.app.id}/installation:${this.data.id}`;
    const type = this.data.account?.type ?? this.data.target_type ?? 'Account';
    const selection = this.data.repository_selection === 'all' ? 'all repositories' : 'selected repositories';
    item.description = [type, selection, this.suspended ? 'suspended' : ''].filter(Boolean).join(' · ');
    item.iconPath = this.data.account?.avatar_url
      ? vscode.Uri.parse(this.data.account.avatar_url)
      : new vscode.ThemeIcon(type === 'Organization' ? 'organization' : 'account');
    item.contextValue = this.suspended ? 'installation.suspended' : 'installation';
    item.tooltip = this.#tooltip(type, selection);
    markReload(item, this, this.repositories);
    return item;
  }

  async children(): Promise<TreeNode[]> {
    // GitHub refuses tokens for a suspended installation, so there is nothing to list.
    if (this.suspended) return [new EmptyNode(this, `Suspended since ${this.data.suspended_at}: no access until it is unsuspended.`)];
    return this.repositories.children();
  }

  #tooltip(type: string, selection: string): vscode.MarkdownString {
    const permissions = Object.entries(this.data.permissions ?? {})
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, level]) => `| ${name} | ${level} |`);
    const lines = [
      `**${this.login}** (${type})`,
      '',
      `Installation ID: ${this.data.id}  `,
      `Repositories: ${selection}  `,
      this.suspended ? `Suspended: ${this.data.suspended_at}  ` : '',
      '',
      permissions.length ? ['| Permission | Access |', '| --- | --- |', ...permissions].join('\n') : 'No permissions granted.',
    ];
    return new vscode.MarkdownString(lines.join('\n'));
  }
}
