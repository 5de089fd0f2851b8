import * as vscode from 'vscode';
import { LoadMoreNode } from '../views/loadMoreNode';
import { registerCommand } from './command';
import type { Deps } from './deps';

/** The "Load more…" row's click: the next page of installations or repositories. */
export function register(context: vscode.ExtensionContext, deps: Deps): void {
  registerCommand(context, deps, 'pygithubMcp.installations.loadMore', 'Loading more', async (node?: unknown) => {
    if (node instanceof LoadMoreNode) await node.load();
  });
}
