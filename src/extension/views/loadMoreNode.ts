import * as vscode from 'vscode';
import type { TreeNode } from './node';

/** The last row of a list GitHub has more pages of; clicking it loads the next page. */
export class LoadMoreNode implements TreeNode {
  constructor(
    readonly parent: TreeNode | undefined,
    readonly load: () => Promise<void>,
  ) {}

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem('Load more…', vscode.TreeItemCollapsibleState.None);
    item.iconPath = new vscode.ThemeIcon('ellipsis');
    item.contextValue = 'loadMore';
    item.command = { command: 'pygithubMcp.installations.loadMore', title: 'Load more', arguments: [this] };
    return item;
  }
}
