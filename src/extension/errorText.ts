import { ConfigError } from '../core/config';
import { toGitHubError } from '../core/client/errors';
import { GitHubError } from '../core/errors';
import { redact } from '../core/redact';

/**
 * The one-line, actionable text for a failure, as shown in a notification. Octokit's
 * request errors go through the core's mapping (401 → "sign in again", 403 → missing
 * permission, rate limits with their reset); everything is redacted.
 */
export function describeError(error: unknown): string {
  if (error instanceof GitHubError || error instanceof ConfigError) return redact(error.message);
  const candidate = error as { status?: unknown; request?: unknown; name?: string; message?: string } | undefined;
  if (candidate && (typeof candidate.status === 'number' || candidate.request !== undefined || candidate.name === 'HttpError')) {
    return redact(toGitHubError(error).message);
  }
  return redact(error instanceof Error ? error.message : String(error));
}

/** A failure the user caused or can fix, with a message meant for them as it is. */
export class UserFacingError extends Error {
  override name = 'UserFacingError';
}
