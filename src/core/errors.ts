/**
 * Typed failures the core hands to its callers. Messages are written for the person or
 * model reading them: what went wrong and what to do next. They never carry a credential.
 */
export type GitHubErrorKind =
  | 'auth'
  | 'permission'
  | 'not_found'
  | 'rate_limited'
  | 'validation'
  | 'conflict'
  | 'network'
  | 'timeout'
  /** The call's overall deadline (GITHUB_CALL_TIMEOUT) passed. */
  | 'deadline'
  /** The client cancelled the call. */
  | 'cancelled'
  /** A response exceeded GITHUB_MAX_RESPONSE_MB. */
  | 'too_large'
  | 'server'
  | 'config'
  | 'unknown';

export interface FieldError {
  resource?: string;
  field?: string;
  code?: string;
  message?: string;
}

export class GitHubError extends Error {
  override name = 'GitHubError';

  constructor(
    readonly kind: GitHubErrorKind,
    message: string,
    readonly details: {
      status?: number;
      retryAfterSeconds?: number;
      rateLimitReset?: string;
      fieldErrors?: FieldError[];
      documentationUrl?: string;
      /** For network and timeout failures: what happened, e.g. "the connection was refused (ECONNREFUSED)". */
      networkCause?: string;
    } = {},
  ) {
    super(message);
  }
}
