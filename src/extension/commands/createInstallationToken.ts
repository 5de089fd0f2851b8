import * as vscode from 'vscode';
import type { AppInstallationPermissions } from '../../core/config';
import type { GitHub } from '../../core/github';
import { UserFacingError } from '../errorText';
import { pickApp, pickInstallation, pickInstallationRepositories } from '../ui/pickers';
import { quickPick, showMessage } from '../ui/prompts';
import { AppNode } from '../views/appNode';
import { InstallationNode, type InstallationData } from '../views/installationNode';
import { registerCommand, scriptedArgs } from './command';
import type { Deps } from './deps';

export interface CreateTokenArgs {
  appId: number;
  installationId: number;
  permissions?: AppInstallationPermissions;
  repositories?: string[];
}

const LEVELS = ['read', 'write', 'admin'] as const;

/**
 * GithubIntegration.get_access_token: mints a fresh installation token, optionally narrowed
 * to fewer permissions and repositories, and copies it. The token itself is never shown,
 * logged or returned; the caller learns its expiry and scope.
 */
export function register(context: vscode.ExtensionContext, deps: Deps): void {
  const log = deps.logger('tokens');
  registerCommand(context, deps, 'pygithubMcp.installations.createToken', 'Creating the installation token', async (raw?: unknown) => {
    const args = scriptedArgs<CreateTokenArgs>(context, raw);
    const node = raw instanceof InstallationNode ? raw : undefined;
    // From an App's context menu: that App, then pick one of its installations.
    const appId = node?.parent.app.id ?? (raw instanceof AppNode ? raw.app.id : args?.appId);
    const app = await pickApp(deps.apps, appId, 'Create a token for which App?');
    if (!app) return undefined;
    const github = await deps.clients.forApp(app.id);

    let installation: Pick<InstallationData, 'id' | 'permissions' | 'account' | 'suspended_at'> | undefined = node?.data;
    if (!installation && args?.installationId) installation = { id: Number(args.installationId) };
    installation ??= await pickInstallation(github, `Create a token for which installation of ${app.name}?`);
    if (!installation) return undefined;
    if (installation.suspended_at) throw new UserFacingError(`The installation on ${installation.account?.login ?? installation.id} is suspended; GitHub issues no tokens for it.`);

    // Scripted permissions or repositories skip the narrowing prompts; an App and installation alone do not.
    const scriptedNarrowing = args && (args.permissions !== undefined || args.repositories !== undefined);
    const narrowing = scriptedNarrowing ? { permissions: args.permissions, repositoryNames: args.repositories } : await askNarrowing(github, installation);
    if (!narrowing) return undefined;

    const token = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Creating installation token…' }, () =>
      github.integration!.createAccessToken(installation.id, narrowing),
    );
    await vscode.env.clipboard.writeText(token.token.reveal());
    const minutes = Math.round((Date.parse(token.expiresAt) - Date.now()) / 60_000);
    const scope = token.repositoryNames?.length ? token.repositoryNames.join(', ') : `${token.repositorySelection} repositories`;
    log.info(`created an installation token for installation ${installation.id} of App ${app.id}, expiring ${token.expiresAt}`);
    void showMessage(
      'warning',
      `Installation token copied to the clipboard. It expires at ${new Date(token.expiresAt).toLocaleTimeString()} (in ${minutes} min) and can act on ${scope} with ` +
        `${Object.entries(token.permissions).map(([name, level]) => `${name}:${level}`).join(', ') || 'no permissions'}. Treat it like a password.`,
    );
    return {
      appId: app.id,
      installationId: installation.id,
      expiresAt: token.expiresAt,
      permissions: token.permissions,
      repositorySelection: token.repositorySelection,
      repositoryNames: token.repositoryNames,
    };
  });
}

/** Offers to narrow the token; undefined when the user cancels. */
async function askNarrowing(
  github: GitHub,
  installation: Pick<InstallationData, 'id' | 'permissions'>,
): Promise<{ permissions?: AppInstallationPermissions; repositoryNames?: string[] } | undefined> {
  const mode = await quickPick(
    [
      { label: 'All of the installation\'s permissions and repositories', narrow: false },
      { label: 'Narrow permissions and repositories…', description: 'least privilege for a script or CI job', narrow: true },
    ],
    { placeHolder: 'What should the token be able to do?', ignoreFocusOut: true },
  );
  if (!mode) return undefined;
  if (!mode.narrow) return {};

  const granted = installation.permissions ?? ((await github.integration!.getInstallation(installation.id)).permissions as Record<string, string> | undefined) ?? {};
  const permissions = await askPermissions(granted);
  if (!permissions) return undefined;
  const repositoryNames = await pickInstallationRepositories(github, installation.id, 'Installation token: repositories');
  if (repositoryNames === undefined) return undefined;
  return {
    ...(Object.keys(permissions).length ? { permissions } : {}),
    ...(repositoryNames.length ? { repositoryNames } : {}),
  };
}

type Level = (typeof LEVELS)[number];

/** The levels a token may have for a permission the installation grants at `granted`, highest first. */
export function levelsUpTo(granted: string): Level[] {
  return LEVELS.slice(0, LEVELS.indexOf(granted as Level) + 1).reverse();
}

/**
 * One level per permission, in two steps: which permissions to keep (none ticked: all as
 * granted), then for each kept one granted above read, which level. {} keeps everything.
 */
async function askPermissions(granted: Record<string, string>): Promise<AppInstallationPermissions | undefined> {
  const kept = await quickPick(
    Object.entries(granted).map(([name, level]) => ({ label: name, description: `granted: ${level}`, name, level })),
    { canPickMany: true, title: 'Installation token: permissions (1/2)', placeHolder: 'Permissions to keep (none ticked: all granted permissions)', ignoreFocusOut: true },
  );
  if (!kept) return undefined;
  const permissions: AppInstallationPermissions = {};
  for (const permission of kept) {
    const levels = levelsUpTo(permission.level);
    if (levels.length <= 1) {
      if (levels[0]) permissions[permission.name] = levels[0];
      continue;
    }
    const level = await quickPick(
      levels.map((candidate) => ({ label: candidate, description: candidate === permission.level ? 'as granted' : undefined, level: candidate })),
      { title: `Installation token: permissions (2/2): ${permission.name}`, placeHolder: `Level of "${permission.name}" for this token`, ignoreFocusOut: true },
    );
    if (!level) return undefined;
    permissions[permission.name] = level.level;
  }
  return permissions;
}
