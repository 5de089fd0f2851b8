import * as vscode from 'vscode';
import { registerCommand } from './command';
import type { Deps } from './deps';

/** Reads every identity's rate limit now (GET /rate_limit costs nothing) for the status bar. */
export function register(context: vscode.ExtensionContext, deps: Deps): void {
  registerCommand(context, deps, 'pygithubMcp.rateLimits.refresh', 'Reading the rate limits', async () => {
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Reading GitHub rate limits…' }, () => deps.rateLimits.refresh());
    return deps.rateLimits.lowest();
  });
}
