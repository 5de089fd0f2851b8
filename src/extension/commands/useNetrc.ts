import * as vscode from 'vscode';
import { announce } from '../ui/followUp';
import { startServerButton } from './restartServer';
import { parseCoreConfig } from '../../core/config';
import { coreEnvironment, serverEnv } from '../mcp/envContract';
import { registerCommand, scriptedArgs } from './command';
import type { Deps } from './deps';

/**
 * Auth.NetrcAuth: the server reads the login for the API host from a netrc file each time it
 * starts, so nothing secret is stored here, only which file (empty: ~/.netrc or $NETRC).
 */
export function register(context: vscode.ExtensionContext, deps: Deps): void {
  const log = deps.logger('auth');
  registerCommand(context, deps, 'pygithubMcp.netrc.use', 'Using netrc', async (raw?: unknown) => {
    const args = scriptedArgs<{ file: string }>(context, raw);
    let file = args?.file;
    if (!args) {
      const picked = await vscode.window.showQuickPick(
        [
          { label: 'Default netrc file', description: '$NETRC or ~/.netrc', file: undefined },
          { label: 'Choose a file…', file: 'choose' },
        ],
        { placeHolder: 'Which netrc file holds the login for GitHub?' },
      );
      if (!picked) return undefined;
      if (picked.file === 'choose') {
        const uri = (await vscode.window.showOpenDialog({ canSelectMany: false, openLabel: 'Use This File' }))?.[0];
        if (!uri) return undefined;
        file = uri.fsPath;
      }
    }
    const apiUrl = deps.host().apiUrl;
    // The core reads the file and finds the host's entry now, so a missing entry is reported here.
    const config = parseCoreConfig(coreEnvironment(serverEnv({ kind: 'netrc', key: 'netrc', apiUrl, ...(file ? { file } : {}) }, deps.options())));
    await deps.credentials.setNetrc(file ? { file } : {});
    const login = config.auth.method === 'netrc' ? config.auth.login : undefined;
    log.info(`netrc selected (${file ?? 'default file'}) for ${login} on ${new URL(apiUrl).host}`);
    announce(`Using netrc${login ? ` (${login})` : ''} for ${new URL(apiUrl).host}.`, startServerButton(deps, 'netrc'));
    return { login };
  });
}
