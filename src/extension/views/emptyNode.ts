import * as vscode from 'vscode';
import type { TreeNode } from './node';

/** A row that says a list has nothing in it, and usually what to do about that. */
export class EmptyNode implements TreeNode {
  constructor(
    readonly parent: TreeNode | undefined,
    readonly message: string,
  ) {}

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.message, vscode.TreeItemCollapsibleState.None);
    item.iconPath = new vscode.ThemeIcon('info');
    item.contextValue = 'empty';
    return item;
  }
}
