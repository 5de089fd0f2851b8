import * as vscode from 'vscode';
import type { AppMetadata } from '../auth/appStore';
import type { GitHubClients } from '../github/appClients';
import { appLabel } from '../mcp/identity';
import { describeState, tooltipLines, type AccountState, type AccountSummary } from './accountSummary';
import { identityIcon } from './identityNode';
import { InstallationNode, type InstallationData } from './installationNode';
import type { TreeNode, TreeRefresher } from './node';
import { PagedChildren } from './pagedChildren';
import { markReload } from './reloadMark';

/**
 * A configured GitHub App, one of the Accounts rows: its server's name and state; its
 * children are its installations, a page at a time.
 */
export class AppNode implements TreeNode {
  readonly parent = undefined;
  readonly installations: PagedChildren<InstallationNode>;
  /** Set by the tree from the App's identity; missing when its private key cannot be read. */
  summary: AccountSummary | undefined;

  constructor(
    readonly app: AppMetadata,
    tree: TreeRefresher,
    clients: GitHubClients,
    private readonly state: () => AccountState = () => ({ readOnly: false, running: false }),
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
    const state = this.state();
    const item = new vscode.TreeItem(appLabel(this.app), vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `app:${this.app.id}`;
    const status = this.summary ? describeState(this.summary, state) : 'private key missing';
    item.description = `${this.app.name} · App ${this.app.id}${hostSuffix(this.app.baseUrl)} · ${status}`;
    item.iconPath = identityIcon('app', state);
    item.contextValue = 'app';
    const about = [`App: ${this.app.name} (\`${this.app.slug}\`), ID ${this.app.id}  `, this.app.owner ? `Owner: ${this.app.owner}  ` : ''].filter(Boolean);
    const lines = this.summary ? tooltipLines(this.summary, state) : [`**${appLabel(this.app)}**`, '', 'Its private key cannot be read: add the App again.'];
    item.tooltip = new vscode.MarkdownString([...lines.slice(0, 2), ...about, ...lines.slice(2)].join('\n'));
    markReload(item, this, this.installations);
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
