import type { Logger } from '../../core/logger';
import { withGitHub } from '../github/createGitHub';
import type { ServerEnv } from '../mcp/envContract';

/** GET /user with a credential about to be stored: proves it works and learns whose it is. */
export function verifyUser(env: ServerEnv, log: Logger): Promise<string> {
  return withGitHub(env, log, async (github) => {
    const { data } = await (await github.client()).request('GET /user');
    return (data as { login: string }).login;
  });
}
