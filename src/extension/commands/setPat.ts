import * as vscode from 'vscode';
import { serverEnv } from '../mcp/envContract';
import { announce } from '../ui/followUp';
import { registerCommand, scriptedArgs } from './command';
import type { Deps } from './deps';
import { startServerButton } from './restartServer';
import { verifyUser } from './verifyUser';

/** Auth.Token: a personal access token, checked with GET /user, kept in SecretStorage. */
export function register(context: vscode.ExtensionContext, deps: Deps): void {
  const log = deps.logger('auth');
  registerCommand(context, deps, 'pygithubMcp.pat.set', 'Saving the personal access token', async (raw?: unknown) => {
    const args = scriptedArgs<{ token: string; apiUrl: string }>(context, raw);
    const apiUrl = (args?.apiUrl ?? deps.host().apiUrl).replace(/\/+$/, '');
    const token =
      args?.token ??
      (await vscode.window.showInputBox({
        title: 'Personal access token',
        prompt: `A classic (ghp_…) or fine-grained (github_pat_…) token for ${apiUrl}`,
        password: true,
        ignoreFocusOut: true,
        validateInput: (text) => (text.trim() ? undefined : 'Paste the token'),
      }));
    if (!token) return undefined;
    const login = await verifyUser(serverEnv({ kind: 'pat', key: 'pat', apiUrl, token: token.trim() }, deps.options()), log);
    await deps.credentials.setPat({ apiUrl, login, token: token.trim() });
    log.info(`personal access token saved for ${login}`);
    announce(`Personal access token for ${login} saved; its MCP server is available.`, startServerButton(deps, 'pat'));
    return { login };
  });
}
