import { toGitHubError } from '../core/client/errors';
import type { GitHub } from '../core/github';
import type { Logger } from '../core/logger';

/** GITHUB_LAZY=false: check the credentials at startup and fail fast, as a non-lazy GithubIntegration would. */
export async function verifyCredentials(github: GitHub, log: Logger): Promise<void> {
  try {
    const client = await github.client();
    if (github.isApp) await client.request('GET /app');
    else if (github.auth.method !== 'none') await client.request('GET /user');
    else await client.request('GET /rate_limit');
    log.info('credentials verified');
  } catch (error) {
    throw new Error(`startup check failed: ${toGitHubError(error).message}`);
  }
}
