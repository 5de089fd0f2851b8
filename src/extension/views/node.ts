import type * as vscode from 'vscode';

/** Every node of the installations tree renders itself and, if it has any, loads its children. */
export interface TreeNode {
  readonly parent?: TreeNode;
  treeItem(): vscode.TreeItem;
  children?(): Promise<TreeNode[]>;
}

/** How a node asks the tree to redraw it (after loading more, or on retry). */
export interface TreeRefresher {
  refresh(node?: TreeNode): void;
  readonly perPage: number;
}
