import * as vscode from 'vscode';
import type { GitHub } from '../../core/github';
import type { AppMetadata, AppStore } from '../auth/appStore';
import { UserFacingError } from '../errorText';
import type { InstallationData } from '../views/installationNode';

/** The App to act on: the given one, the only one, or the user's pick; undefined if cancelled. */
export async function pickApp(apps: AppStore, appId?: number, placeHolder = 'Choose a GitHub App'): Promise<AppMetadata | undefined> {
  const all = apps.list();
  if (appId !== undefined) {
    const app = all.find((candidate) => candidate.id === Number(appId));
    if (!app) throw new UserFacingError(`GitHub App ${appId} is not configured. Run "PyGithub MCP: Add GitHub App…" first.`);
    return app;
  }
  if (all.length === 0) throw new UserFacingError('No GitHub App is configured. Run "PyGithub MCP: Add GitHub App…" first.');
  if (all.length === 1) return all[0];
  const picked = await vscode.window.showQuickPick(
    all.map((app) => ({ label: app.name, description: `App ${app.id} · ${app.slug}`, app })),
    { placeHolder, ignoreFocusOut: true },
  );
  return picked?.app;
}

/** At most this many pages are listed in the picker; the tree pages through any number. */
const MAX_PICKER_PAGES = 10;

/** Lets the user pick one installation, loading pages while the picker is open. */
export async function pickInstallation(github: GitHub, placeHolder = 'Choose an installation'): Promise<InstallationData | undefined> {
  const quickPick = vscode.window.createQuickPick<vscode.QuickPickItem & { installation: InstallationData }>();
  quickPick.placeholder = placeHolder;
  quickPick.ignoreFocusOut = true;
  quickPick.matchOnDescription = true;
  quickPick.busy = true;
  quickPick.show();
  // Once the picker is accepted or hidden it is disposed: the loader must stop touching it.
  let closed = false;
  const picked = new Promise<InstallationData | undefined>((resolve) => {
    quickPick.onDidAccept(() => resolve(quickPick.selectedItems[0]?.installation));
    quickPick.onDidHide(() => resolve(undefined));
  }).finally(() => (closed = true));
  let failure: unknown;
  void (async () => {
    try {
      for (let page = 1; page <= MAX_PICKER_PAGES; page++) {
        const result = await github.integration!.listInstallations(page, 100);
        if (closed) return;
        const items = (result.items as unknown as InstallationData[]).map((installation) => ({
          label: installation.account?.login ?? String(installation.id),
          description: `${installation.account?.type ?? installation.target_type ?? ''} · installation ${installation.id}${installation.suspended_at ? ' · suspended' : ''}`,
          installation,
        }));
        quickPick.items = [...quickPick.items, ...items];
        if (!result.hasNextPage) break;
      }
      if (quickPick.items.length === 0) quickPick.placeholder = 'This App has no installations';
    } catch (error) {
      if (closed) return;
      failure = error;
      quickPick.hide();
    } finally {
      if (!closed) quickPick.busy = false;
    }
  })();
  const installation = await picked;
  quickPick.dispose();
  if (failure) throw failure;
  return installation;
}
