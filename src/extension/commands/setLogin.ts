import * as vscode from 'vscode';
import { announce } from '../ui/followUp';
import { startServerButton } from './restartServer';
import { serverEnv } from '../mcp/envContract';
import { registerCommand, scriptedArgs } from './command';
import type { Deps } from './deps';
import { verifyUser } from './verifyUser';

/** Auth.Login: Basic authentication (GitHub Enterprise Server; github.com refuses passwords). */
export function register(context: vscode.ExtensionContext, deps: Deps): void {
  const log = deps.logger('auth');
  registerCommand(context, deps, 'pygithubMcp.login.set', 'Saving the login', async (raw?: unknown) => {
    const args = scriptedArgs<{ login: string; password: string; apiUrl: string }>(context, raw);
    const apiUrl = (args?.apiUrl ?? deps.host().apiUrl).replace(/\/+$/, '');
    const login = args?.login ?? (await vscode.window.showInputBox({ title: 'Login (1/2)', prompt: `User name on ${apiUrl}`, ignoreFocusOut: true }));
    if (!login) return undefined;
    const password =
      args?.password ??
      (await vscode.window.showInputBox({ title: 'Login (2/2)', prompt: `Password or token for ${login}`, password: true, ignoreFocusOut: true }));
    if (!password) return undefined;
    const verified = await verifyUser(serverEnv({ kind: 'login', key: 'login', apiUrl, login: login.trim(), password }, deps.options()), log);
    await deps.credentials.setLogin({ apiUrl, login: login.trim(), password });
    log.info(`login saved for ${verified}`);
    announce(`Login for ${verified} saved; its MCP server is available.`, startServerButton(deps, 'login'));
    return { login: verified };
  });
}
