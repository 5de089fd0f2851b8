import type * as vscode from 'vscode';
import { tokenHelpFor, tokenShape } from '../auth/tokenAdvice';
import { asGitHubError, UserFacingError } from '../errorText';
import { serverEnv } from '../mcp/envContract';
import { announce } from '../ui/followUp';
import { inputBox } from '../ui/prompts';
import { registerCommand, scriptedArgs } from './command';
import type { Deps } from './deps';
import { startServerButton } from './restartServer';
import { verifyUser } from './verifyUser';

/**
 * Auth.Token: a personal access token, checked with GET /user, kept in SecretStorage. Text
 * that is not shaped like a token is refused here and never sent; a token GitHub refuses
 * gets the page to create one and what the enabled toolsets need.
 */
export function register(context: vscode.ExtensionContext, deps: Deps): void {
  const log = deps.logger('auth');
  registerCommand(context, deps, 'pygithubMcp.pat.set', 'Saving the personal access token', async (raw?: unknown) => {
    const args = scriptedArgs<{ token: string; apiUrl: string }>(context, raw);
    const apiUrl = (args?.apiUrl ?? deps.host().apiUrl).replace(/\/+$/, '');
    const token =
      args?.token ??
      (await inputBox({
        title: 'Personal access token',
        prompt: `A classic (ghp_…) or fine-grained (github_pat_…) token for ${apiUrl}`,
        password: true,
        ignoreFocusOut: true,
        validateInput: (text) => {
          const shape = tokenShape(text);
          return shape.ok ? undefined : shape.reason;
        },
      }));
    if (!token) return undefined;
    const shape = tokenShape(token);
    if (!shape.ok) throw new UserFacingError(`${shape.reason} Nothing was sent to GitHub.`);
    let login: string;
    try {
      login = await verifyUser(serverEnv({ kind: 'pat', key: 'pat', apiUrl, token: token.trim() }, deps.options()), log);
    } catch (error) {
      if (asGitHubError(error)?.kind !== 'auth') throw error;
      const help = tokenHelpFor(apiUrl, deps.options());
      throw new UserFacingError(`GitHub did not accept this token (it may be mistyped, expired or revoked). ${help.advice}`, help.links);
    }
    await deps.credentials.setPat({ apiUrl, login, token: token.trim() });
    log.info(`personal access token saved for ${login}`);
    announce(`Personal access token for ${login} saved; its MCP server is available.`, startServerButton(deps, 'pat'));
    return { login };
  });
}
