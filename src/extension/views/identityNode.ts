import * as vscode from 'vscode';
import { describeState, tooltipLines, type AccountState, type AccountSummary } from './accountSummary';
import type { TreeNode } from './node';

const ICONS: Record<AccountSummary['kind'], string> = {
  account: 'account',
  app: 'github',
  pat: 'key',
  login: 'person',
  netrc: 'file',
  appUser: 'person',
};

/**
 * A configured identity other than an App (the VS Code account, PAT, login, netrc, App
 * user): one MCP server each. Its contextValue `identity.<kind>` carries the inline actions.
 */
export class IdentityNode implements TreeNode {
  readonly parent = undefined;

  constructor(
    readonly summary: AccountSummary,
    private readonly state: () => AccountState,
  ) {}

  get key(): AccountSummary['key'] {
    return this.summary.key;
  }

  treeItem(): vscode.TreeItem {
    const state = this.state();
    const item = new vscode.TreeItem(this.summary.label, vscode.TreeItemCollapsibleState.None);
    item.id = `identity:${this.summary.key}`;
    item.description = `${this.summary.actsAs} · ${describeState(this.summary, state)}`;
    item.iconPath = identityIcon(this.summary.kind, state);
    item.contextValue = `identity.${this.summary.kind}`;
    item.tooltip = new vscode.MarkdownString(tooltipLines(this.summary, state).join('\n'));
    return item;
  }
}

/** The kind's icon; green while its server runs, a warning once a check failed. */
export function identityIcon(kind: AccountSummary['kind'], state: AccountState): vscode.ThemeIcon {
  if (state.check && !state.check.ok) return new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
  return new vscode.ThemeIcon(ICONS[kind], state.running ? new vscode.ThemeColor('testing.iconPassed') : undefined);
}
