import * as vscode from 'vscode';
import type { AppStore } from '../auth/appStore';
import type { GitHubClients } from '../github/appClients';
import { AppNode } from './appNode';
import type { TreeNode, TreeRefresher } from './node';

export const VIEW_ID = 'pygithubMcp.installations';

/**
 * App → installations → repositories. With no App configured the view is empty, which
 * lets the contributed welcome content offer "Add GitHub App" and "Sign in".
 */
export class InstallationsProvider implements vscode.TreeDataProvider<TreeNode>, TreeRefresher, vscode.Disposable {
  readonly #changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.#changed.event;
  #roots = new Map<number, AppNode>();

  constructor(
    private readonly apps: AppStore,
    private readonly clients: GitHubClients,
    private readonly pageSize: () => number,
  ) {}

  get perPage(): number {
    return Math.min(Math.max(this.pageSize(), 1), 100);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return node.treeItem();
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (node) return node.children ? node.children() : [];
    const roots = new Map<number, AppNode>();
    for (const app of this.apps.list()) {
      const existing = this.#roots.get(app.id);
      roots.set(app.id, existing && JSON.stringify(existing.app) === JSON.stringify(app) ? existing : new AppNode(app, this, this.clients));
    }
    this.#roots = roots;
    return [...roots.values()];
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.parent;
  }

  /** Redraws one node (keeping what it loaded) or, without one, reloads everything. */
  refresh(node?: TreeNode): void {
    if (!node) {
      this.#roots.clear();
      this.clients.reset();
    }
    this.#changed.fire(node);
  }

  dispose(): void {
    this.#changed.dispose();
  }
}
