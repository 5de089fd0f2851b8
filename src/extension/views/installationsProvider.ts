import * as vscode from 'vscode';
import type { AppStore } from '../auth/appStore';
import type { GitHubClients } from '../github/appClients';
import type { Identity } from '../mcp/identity';
import { summarize, type AccountState, type AccountSummary } from './accountSummary';
import { AppNode } from './appNode';
import { IdentityNode } from './identityNode';
import type { TreeNode, TreeRefresher } from './node';

export const VIEW_ID = 'pygithubMcp.installations';

/** Where the Accounts rows come from: local reads only (no prompt, no GitHub call). */
export interface AccountSource {
  identities(): Promise<Identity[]>;
  state(summary: AccountSummary): AccountState;
}

/**
 * Accounts: every configured identity at the top (the VS Code account, each App, PAT, login,
 * netrc, App user); an App's row opens onto installations → repositories. With nothing
 * configured the view is empty, which lets the contributed welcome content offer the sign-ins.
 */
export class InstallationsProvider implements vscode.TreeDataProvider<TreeNode>, TreeRefresher, vscode.Disposable {
  readonly #changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.#changed.event;
  #apps = new Map<number, AppNode>();

  constructor(
    private readonly apps: AppStore,
    private readonly clients: GitHubClients,
    private readonly pageSize: () => number,
    private readonly accounts: AccountSource,
  ) {}

  get perPage(): number {
    return Math.min(Math.max(this.pageSize(), 1), 100);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return node.treeItem();
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (node) return node.children ? node.children() : [];
    const identities = await this.accounts.identities();
    const apps = new Map<number, AppNode>();
    const roots: TreeNode[] = [];
    const appNode = (app: ReturnType<AppStore['list']>[number]) => {
      // The same App keeps its node, and so the installations it loaded.
      const existing = this.#apps.get(app.id);
      const node: AppNode = existing && JSON.stringify(existing.app) === JSON.stringify(app) ? existing : new AppNode(app, this, this.clients, (): AccountState => this.#state(node.summary));
      apps.set(app.id, node);
      return node;
    };
    for (const identity of identities) {
      const summary = summarize(identity);
      if (identity.kind !== 'app') {
        roots.push(new IdentityNode(summary, () => this.accounts.state(summary)));
        continue;
      }
      const app = this.apps.get(identity.appId);
      if (!app) continue;
      const node = appNode(app);
      node.summary = summary;
      roots.push(node);
    }
    // An App whose key cannot be read still shows, so it can be removed.
    for (const app of this.apps.list()) {
      if (apps.has(app.id)) continue;
      const node = appNode(app);
      node.summary = undefined;
      roots.push(node);
    }
    this.#apps = apps;
    return roots;
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.parent;
  }

  /** Redraws one node (keeping what it loaded) or, without one, the Accounts rows. */
  refresh(node?: TreeNode): void {
    this.#changed.fire(node);
  }

  /**
   * The title bar's refresh: new clients, then each App's installations loaded again. What
   * was loaded stays while that happens, and stays if it fails, with the App row marked.
   */
  async reload(): Promise<void> {
    this.clients.reset();
    this.refresh();
    await Promise.all([...this.#apps.values()].map((node) => node.installations.reload()));
  }

  dispose(): void {
    this.#changed.dispose();
  }

  #state(summary: AccountSummary | undefined): AccountState {
    return summary ? this.accounts.state(summary) : { readOnly: false, running: false };
  }
}
