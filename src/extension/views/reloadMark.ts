import * as vscode from 'vscode';
import { describeError } from '../errorText';
import type { TreeNode } from './node';
import type { PagedChildren } from './pagedChildren';

/**
 * Marks a row whose children failed to reload: error icon, the reason in the tooltip, and a
 * click that retries. Its loaded children stay below it. Returns whether it marked the row.
 */
export function markReload(item: vscode.TreeItem, node: TreeNode, children: PagedChildren<TreeNode>): boolean {
  if (children.reloading) {
    item.iconPath = new vscode.ThemeIcon('sync~spin');
    return false;
  }
  if (children.reloadError === undefined) return false;
  const reason = describeError(children.reloadError);
  item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
  item.description = `${item.description ? `${String(item.description)} · ` : ''}refresh failed`;
  const rest = item.tooltip instanceof vscode.MarkdownString ? `\n\n---\n\n${item.tooltip.value}` : '';
  const tooltip = new vscode.MarkdownString();
  tooltip.appendMarkdown('**Refresh failed:** ');
  tooltip.appendText(reason);
  tooltip.appendMarkdown(`\n\nThe rows below are from the last successful load. Click to retry.${rest}`);
  item.tooltip = tooltip;
  item.command = { command: 'pygithubMcp.installations.retry', title: 'Retry', arguments: [node] };
  return true;
}
