import * as vscode from 'vscode';
import type { Logger } from '../../core/logger';
import { withGitHub } from '../github/createGitHub';
import type { ServerEnv } from '../mcp/envContract';

/**
 * GET /user with a credential about to be stored: proves it works and learns whose it is.
 * With retries against a slow host this can take a while, so it shows progress.
 */
export function verifyUser(env: ServerEnv, log: Logger): Promise<string> {
  return Promise.resolve(
    vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Checking the credentials with ${env.GITHUB_API_URL ?? 'GitHub'}…` }, () =>
      withGitHub(env, log, async (github) => {
        const { data } = await (await github.client()).request('GET /user');
        return (data as { login: string }).login;
      }),
    ),
  );
}
