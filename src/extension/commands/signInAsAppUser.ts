import * as vscode from 'vscode';
import { announce } from '../ui/followUp';
import { startServerButton } from './restartServer';
import type { AppUserTokens } from '../auth/credentialStore';
import { deviceFlowTokens } from '../auth/appUserTokens';
import { UserFacingError } from '../errorText';
import { serverEnv } from '../mcp/envContract';
import { registerCommand, scriptedArgs } from './command';
import type { Deps } from './deps';
import { verifyUser } from './verifyUser';

export interface AppUserSignInArgs extends Partial<AppUserTokens> {
  clientId: string;
  clientSecret: string;
  apiUrl?: string;
}

/**
 * Auth.AppUserAuth: the user authorizes a GitHub App through the device flow; the access
 * token, refresh token and expiries go to SecretStorage, and the extension refreshes the
 * token before it expires. Scripted callers may pass tokens they obtained elsewhere.
 */
export function register(context: vscode.ExtensionContext, deps: Deps): void {
  const log = deps.logger('appUser');
  registerCommand(context, deps, 'pygithubMcp.appUser.signIn', 'Signing in as App user', async (raw?: unknown) => {
    const args = scriptedArgs<AppUserSignInArgs>(context, raw);
    const apiUrl = (args?.apiUrl ?? deps.host().apiUrl).replace(/\/+$/, '');
    const clientId = args?.clientId ?? (await askClientId(deps));
    if (!clientId) return undefined;
    const clientSecret =
      args?.clientSecret ??
      (await vscode.window.showInputBox({
        title: 'Sign in as App user: client secret',
        prompt: 'A client secret of the App (generate one under "Client secrets"); it is needed to refresh the token',
        password: true,
        ignoreFocusOut: true,
      }));
    if (!clientSecret) return undefined;

    const tokens: AppUserTokens | undefined = args?.token ? { token: args.token, expiresAt: args.expiresAt, refreshToken: args.refreshToken, refreshTokenExpiresAt: args.refreshTokenExpiresAt } : await deviceFlow(apiUrl, clientId);
    if (!tokens) return undefined;
    const login = await verifyUser(serverEnv({ kind: 'pat', key: 'pat', apiUrl, token: tokens.token }, deps.options()), log);
    await deps.credentials.setAppUser({ apiUrl, login, clientId, clientSecret, ...tokens });
    await deps.refresher.schedule();
    log.info(`signed in as App user ${login}${tokens.expiresAt ? `; token expires ${tokens.expiresAt}` : ''}`);
    announce(`Signed in as ${login} through the GitHub App; its MCP server is available.`, startServerButton(deps, 'appUser'));
    return { login, expiresAt: tokens.expiresAt };
  });
}

async function askClientId(deps: Deps): Promise<string | undefined> {
  const known = deps.apps.list().filter((app) => app.clientId);
  if (known.length > 0) {
    const picked = await vscode.window.showQuickPick(
      [...known.map((app) => ({ label: app.name, description: app.clientId, clientId: app.clientId })), { label: 'Another App…', description: 'enter its client ID', clientId: undefined }],
      { placeHolder: 'Which GitHub App should act for you?', ignoreFocusOut: true },
    );
    if (!picked) return undefined;
    if (picked.clientId) return picked.clientId;
  }
  return vscode.window.showInputBox({ title: 'Sign in as App user: client ID', prompt: "The App's client ID (Iv1.… or Iv23…), on its settings page", ignoreFocusOut: true });
}

async function deviceFlow(apiUrl: string, clientId: string): Promise<AppUserTokens | undefined> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Waiting for you to authorize the App on GitHub…', cancellable: true },
    async (_progress, cancellation) => {
      // Cancelling aborts the next poll (ending the flow) and closes the progress at once.
      const abort = new AbortController();
      let subscription: vscode.Disposable | undefined;
      const cancelled = new Promise<undefined>((resolve) => {
        subscription = cancellation.onCancellationRequested(() => {
          abort.abort();
          resolve(undefined);
        });
      });
      const tokens = deviceFlowTokens(
        apiUrl,
        clientId,
        ({ userCode, verificationUri }) => {
          // Not awaited: polling starts now, while the message waits for a click.
          void vscode.env.clipboard.writeText(userCode).then(undefined, () => undefined);
          void vscode.window.showInformationMessage(`Enter code ${userCode} on GitHub (copied to the clipboard).`, 'Open GitHub').then(
            (choice) => (choice ? vscode.env.openExternal(vscode.Uri.parse(verificationUri)) : undefined),
            () => undefined,
          );
        },
        abort.signal,
      ).catch((error: unknown) => {
        if (abort.signal.aborted) return undefined;
        throw new UserFacingError(`GitHub did not issue a token: ${(error as Error).message}. Check the client ID and that device flow is enabled for the App.`);
      });
      try {
        return await Promise.race([tokens, cancelled]);
      } finally {
        subscription?.dispose();
      }
    },
  );
}
