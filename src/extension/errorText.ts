import { ConfigError } from '../core/config';
import { toGitHubError } from '../core/client/errors';
import { GitHubError } from '../core/errors';
import { redact } from '../core/redact';

/**
 * The one-line, actionable text for a failure, as shown in a notification. Octokit's
 * request errors go through the core's mapping (401 → "sign in again", 403 → missing
 * permission, rate limits with their reset); everything is redacted. Network failures name
 * the settings a user edits, not the server's environment variables.
 */
export function describeError(error: unknown): string {
  const mapped = asGitHubError(error);
  if (mapped?.kind === 'network') {
    return redact(`Could not reach GitHub: ${mapped.details.networkCause ?? 'network error'}. Check the network and the settings pygithubMcp.apiUrl and pygithubMcp.verify.`);
  }
  if (mapped?.kind === 'timeout') return redact('GitHub did not answer in time. Try again, or raise the setting pygithubMcp.timeout.');
  if (mapped) return redact(mapped.message);
  if (error instanceof ConfigError) return redact(error.message);
  return redact(error instanceof Error ? error.message : String(error));
}

/** A failed GitHub request as the core's typed error; undefined for anything else. */
export function asGitHubError(error: unknown): GitHubError | undefined {
  if (error instanceof GitHubError) return error;
  const candidate = error as { status?: unknown; request?: unknown; name?: string } | undefined;
  if (candidate && (typeof candidate.status === 'number' || candidate.request !== undefined || candidate.name === 'HttpError')) return toGitHubError(error);
  return undefined;
}

/**
 * The user said no: dismissed a sign-in ("User did not consent to login."), or cancelled
 * (VS Code's CancellationError is named "Canceled"). Nothing went wrong, so nothing is shown.
 */
export function isCancellation(error: unknown): boolean {
  const e = error as { name?: unknown; message?: unknown } | undefined;
  if (!e || typeof e !== 'object') return false;
  if (e.name === 'Canceled' || e.name === 'CancellationError') return true;
  return typeof e.message === 'string' && /did not consent|user (cancel+ed|declined)|^cancel+ed$/i.test(e.message.trim());
}

/** A page that helps fix a failure, offered as a button beside its message. */
export interface HelpLink {
  label: string;
  url: string;
}

/** A failure the user caused or can fix, with a message meant for them as it is (and pages that help). */
export class UserFacingError extends Error {
  override name = 'UserFacingError';

  constructor(
    message: string,
    readonly links: readonly HelpLink[] = [],
  ) {
    super(message);
  }
}
