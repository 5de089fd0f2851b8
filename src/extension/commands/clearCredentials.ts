import * as vscode from 'vscode';
import type { CredentialKind } from '../auth/credentialStore';
import { IdentityNode } from '../views/identityNode';
import { registerCommand, scriptedArgs } from './command';
import type { Deps } from './deps';

const NAMES: Record<CredentialKind, string> = {
  pat: 'Personal access token',
  login: 'Login and password',
  netrc: 'Netrc',
  appUser: 'App user sign-in',
};

/**
 * Signs out of a stored identity (deletes its secrets) or stops serving the VS Code account.
 * VS Code's own GitHub session belongs to VS Code: it is signed out from the Accounts menu.
 */
export function register(context: vscode.ExtensionContext, deps: Deps): void {
  registerCommand(context, deps, 'pygithubMcp.credentials.clear', 'Signing out', async (raw?: unknown): Promise<Array<CredentialKind | 'account'>> => {
    // An Accounts row's inline sign-out names its kind; an App row has "Remove" instead.
    const args = raw instanceof IdentityNode && raw.key !== 'account' ? { kind: raw.key as CredentialKind } : raw instanceof IdentityNode ? { kind: 'account' as const } : scriptedArgs<{ kind: CredentialKind | 'account' }>(context, raw);
    let kinds: Array<CredentialKind | 'account'>;
    if (args?.kind) kinds = [args.kind];
    else {
      const items: Array<vscode.QuickPickItem & { target: CredentialKind | 'account' }> = [
        ...deps.credentials.configured().map((kind) => ({ label: NAMES[kind], target: kind })),
        ...(deps.options().userAccountEnabled ? [{ label: 'GitHub account', description: 'stop serving your VS Code GitHub account', target: 'account' as const }] : []),
      ];
      if (items.length === 0) {
        void vscode.window.showInformationMessage('Nothing to sign out of: no token, login, netrc or App user is stored.');
        return [];
      }
      const picked = await vscode.window.showQuickPick(items, { canPickMany: true, placeHolder: 'Sign out of…' });
      if (!picked?.length) return [];
      kinds = picked.map((item) => item.target);
    }
    if (raw instanceof IdentityNode) {
      const answer = await vscode.window.showWarningMessage(`Sign out of "${raw.summary.label}"? Its stored credentials are deleted and its MCP server stops.`, { modal: true }, 'Sign Out');
      if (answer !== 'Sign Out') return [];
    }
    for (const kind of kinds) {
      if (kind === 'account') await deps.updateSetting('userAccount.enabled', false);
      else await deps.credentials.clear(kind);
      deps.logger('auth').info(`signed out: ${kind}`);
    }
    return kinds;
  });
}
