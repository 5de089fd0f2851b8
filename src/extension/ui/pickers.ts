import * as vscode from 'vscode';
import type { GitHub } from '../../core/github';
import type { AppMetadata, AppStore } from '../auth/appStore';
import { UserFacingError } from '../errorText';
import type { InstallationData } from '../views/installationNode';
import { createQuickPick, quickPick } from './prompts';

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
  const picked = await quickPick(
    all.map((app) => ({ label: app.name, description: `App ${app.id} · ${app.slug}`, app })),
    { placeHolder, ignoreFocusOut: true },
  );
  return picked?.app;
}

/** At most this many pages are listed in a picker; the tree pages through any number. */
const MAX_PICKER_PAGES = 10;
const PER_PAGE = 100;

interface PagedPick<D> {
  title?: string;
  placeholder: string;
  emptyPlaceholder: string;
  canPickMany: boolean;
  loadPage(page: number): Promise<{ items: D[]; hasNextPage: boolean }>;
  toItem(data: D): vscode.QuickPickItem;
}

/**
 * A picker that loads pages while it is open (VS Code filters the loaded items as the user
 * types). Resolves with the data picked, or undefined when cancelled; a failed load closes it
 * and rejects.
 */
async function pickPaged<D>(spec: PagedPick<D>): Promise<D[] | undefined> {
  const quickPick = createQuickPick<vscode.QuickPickItem & { data: D }>();
  quickPick.title = spec.title;
  quickPick.placeholder = spec.placeholder;
  quickPick.canSelectMany = spec.canPickMany;
  quickPick.ignoreFocusOut = true;
  quickPick.matchOnDescription = true;
  quickPick.busy = true;
  quickPick.show();
  // Once the picker is accepted or hidden it is disposed: the loader must stop touching it.
  let closed = false;
  const picked = new Promise<D[] | undefined>((resolve) => {
    quickPick.onDidAccept(() => resolve(quickPick.selectedItems.map((item) => item.data)));
    quickPick.onDidHide(() => resolve(undefined));
  }).finally(() => (closed = true));
  let failure: unknown;
  void (async () => {
    try {
      for (let page = 1; page <= MAX_PICKER_PAGES; page++) {
        const result = await spec.loadPage(page);
        if (closed) return;
        quickPick.items = [...quickPick.items, ...result.items.map((data) => ({ ...spec.toItem(data), data }))];
        if (!result.hasNextPage) break;
        if (page === MAX_PICKER_PAGES) quickPick.placeholder = `${spec.placeholder} (the first ${quickPick.items.length} are listed)`;
      }
      if (quickPick.items.length === 0) quickPick.placeholder = spec.emptyPlaceholder;
    } catch (error) {
      if (closed) return;
      failure = error;
      quickPick.hide();
    } finally {
      if (!closed) quickPick.busy = false;
    }
  })();
  const result = await picked;
  quickPick.dispose();
  if (failure) throw failure;
  return result;
}

/** Lets the user pick one installation, loading pages while the picker is open. */
export async function pickInstallation(github: GitHub, placeHolder = 'Choose an installation'): Promise<InstallationData | undefined> {
  const picked = await pickPaged<InstallationData>({
    placeholder: placeHolder,
    emptyPlaceholder: 'This App has no installations',
    canPickMany: false,
    loadPage: async (page) => {
      const result = await github.integration!.listInstallations(page, PER_PAGE);
      return { items: result.items as unknown as InstallationData[], hasNextPage: result.hasNextPage };
    },
    toItem: (installation) => ({
      label: installation.account?.login ?? String(installation.id),
      description: `${installation.account?.type ?? installation.target_type ?? ''} · installation ${installation.id}${installation.suspended_at ? ' · suspended' : ''}`,
    }),
  });
  return picked?.[0];
}

/**
 * Lets the user tick repositories from the installation's own list (GET /installation/repositories),
 * type to filter; resolves with their names, [] for none ticked, undefined when cancelled.
 */
export async function pickInstallationRepositories(github: GitHub, installationId: number, title?: string): Promise<string[] | undefined> {
  const picked = await pickPaged<{ name: string; full_name?: string; private?: boolean; description?: string | null }>({
    title,
    placeholder: 'Type to filter. Tick the repositories the token may use; none ticked: all the installation can access',
    emptyPlaceholder: 'This installation has access to no repository',
    canPickMany: true,
    loadPage: async (page) => {
      const result = await github.integration!.listInstallationRepositories(installationId, page, PER_PAGE);
      return { items: result.items as unknown as Array<{ name: string; full_name?: string }>, hasNextPage: result.hasNextPage };
    },
    toItem: (repository) => ({
      label: repository.name,
      description: `${repository.full_name ?? ''}${repository.private ? ' · private' : ''}`,
      ...(repository.description ? { detail: repository.description } : {}),
    }),
  });
  return picked?.map((repository) => repository.name);
}
