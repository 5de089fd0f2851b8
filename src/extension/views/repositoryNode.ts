import * as vscode from 'vscode';
import type { InstallationNode } from './installationNode';
import type { TreeNode } from './node';

/** The fields of GitHub's repository object the tree shows. */
export interface RepositoryData {
  id: number;
  name: string;
  full_name: string;
  private?: boolean;
  html_url?: string;
  description?: string | null;
  archived?: boolean;
}

/** A repository the installation can access. */
export class RepositoryNode implements TreeNode {
  constructor(
    readonly parent: InstallationNode,
    readonly data: RepositoryData,
  ) {}

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.data.name, vscode.TreeItemCollapsibleState.None);
    item.id = `app:${this.parent.parent.app.id}/installation:${this.parent.data.id}/repo:${this.data.id}`;
    item.description = [this.data.private ? 'private' : 'public', this.data.archived ? 'archived' : ''].filter(Boolean).join(' · ');
    item.iconPath = new vscode.ThemeIcon(this.data.private ? 'lock' : 'repo');
    item.tooltip = [this.data.full_name, this.data.description ?? ''].filter(Boolean).join('\n');
    item.contextValue = 'repository';
    return item;
  }
}
