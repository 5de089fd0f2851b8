import * as vscode from 'vscode';
import type { TreeNode } from './node';

/** Shown while a page is on its way. */
export class LoadingNode implements TreeNode {
  constructor(readonly parent: TreeNode | undefined) {}

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem('Loading…', vscode.TreeItemCollapsibleState.None);
    item.iconPath = new vscode.ThemeIcon('loading~spin');
    item.contextValue = 'loading';
    return item;
  }
}
