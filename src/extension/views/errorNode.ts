import * as vscode from 'vscode';
import type { TreeNode } from './node';

/** A failed load, with the (redacted, actionable) reason; clicking it retries. */
export class ErrorNode implements TreeNode {
  constructor(
    readonly parent: TreeNode | undefined,
    readonly message: string,
    readonly retry: () => Promise<void>,
  ) {}

  treeItem(): vscode.TreeItem {
    // The first sentence fits a row; the whole message is in the tooltip.
    const item = new vscode.TreeItem(this.message.split(/(?<=\.)\s/)[0], vscode.TreeItemCollapsibleState.None);
    item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
    item.tooltip = `${this.message}\n\nClick to retry.`;
    item.contextValue = 'error';
    item.command = { command: 'pygithubMcp.installations.retry', title: 'Retry', arguments: [this] };
    return item;
  }
}
