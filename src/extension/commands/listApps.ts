import * as vscode from 'vscode';
import type { AppMetadata } from '../auth/appStore';
import { registerCommand } from './command';
import type { Deps } from './deps';

/** Lists the configured Apps; picking one opens its page on GitHub. Returns the metadata (no keys). */
export function register(context: vscode.ExtensionContext, deps: Deps): void {
  registerCommand(context, deps, 'pygithubMcp.apps.list', 'Listing GitHub Apps', async (raw?: unknown): Promise<AppMetadata[]> => {
    const apps = deps.apps.list();
    if (raw !== undefined) return apps; // scripted: just the list
    if (apps.length === 0) {
      const choice = await vscode.window.showInformationMessage('No GitHub App is configured.', 'Add GitHub App…');
      if (choice) await vscode.commands.executeCommand('pygithubMcp.apps.add');
      return apps;
    }
    const picked = await vscode.window.showQuickPick(
      apps.map((app) => ({
        label: app.name,
        description: `App ${app.id} · ${app.slug}`,
        detail: `${app.baseUrl}${app.owner ? ` · owned by ${app.owner}` : ''} · added ${app.addedAt.slice(0, 10)}`,
        app,
      })),
      { placeHolder: 'Configured GitHub Apps (pick one to open it on GitHub)' },
    );
    if (picked?.app.htmlUrl) await vscode.env.openExternal(vscode.Uri.parse(picked.app.htmlUrl));
    return apps;
  });
}
