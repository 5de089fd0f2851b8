import { GitHubError, type FieldError } from '../errors';
import { redact } from '../redact';

interface RequestErrorLike {
  status?: number;
  message?: string;
  name?: string;
  cause?: unknown;
  request?: { method?: string; url?: string };
  response?: { headers?: Record<string, string | number | undefined>; data?: unknown };
}

/** Whether an error is a failed GitHub request (Octokit's RequestError, or one of ours), rather than a bug. */
export function isRequestError(error: unknown): boolean {
  if (error instanceof GitHubError) return true;
  const e = error as { status?: unknown; request?: unknown } | undefined;
  return typeof e?.status === 'number' || Boolean(e?.request);
}

/**
 * The one place that turns Octokit's RequestError (and anything else a request throws)
 * into a typed GitHubError with a message that says what to do next. Every message is
 * redacted: GitHub echoes request fragments in some bodies.
 */
export function toGitHubError(error: unknown, resource?: string): GitHubError {
  if (error instanceof GitHubError) return error;
  const e = (error ?? {}) as RequestErrorLike;
  // Octokit wraps whatever fetch throws in a RequestError (status 500); the transport's own refusals are GitHubErrors.
  if (e.cause instanceof GitHubError) return e.cause;
  const status = e.status;
  const headers = e.response?.headers ?? {};
  const data = (typeof e.response?.data === 'object' ? e.response?.data : undefined) as
    | { message?: string; errors?: Array<FieldError | string>; documentation_url?: string }
    | undefined;
  // A proxy's HTML error page would otherwise become the whole message.
  const githubMessage = clip(data?.message ?? stripOctokitSuffix(e.message ?? 'unknown error'), 300);
  const what = resource ?? describeRequest(e.request);
  const details = { status, documentationUrl: data?.documentation_url };

  // Only a request that got no response can have timed out; a 422 about a field named "timeout" is still a 422.
  if (!e.response && isTimeout(e)) return new GitHubError('timeout', `GitHub did not answer ${what} in time. Try again, or raise GITHUB_TIMEOUT.`, details);
  if (status === undefined || (status === 500 && !e.response)) {
    return new GitHubError('network', `Could not reach GitHub for ${what}: ${redact(causeMessage(e))}. Check the network, GITHUB_API_URL and GITHUB_VERIFY.`, details);
  }

  const remaining = headers['x-ratelimit-remaining'];
  const retryAfter = numberHeader(headers['retry-after']);
  const reset = numberHeader(headers['x-ratelimit-reset']);
  const resetIso = reset !== undefined ? new Date(reset * 1000).toISOString() : undefined;
  const rateLimited = status === 429 || (status === 403 && (String(remaining) === '0' || retryAfter !== undefined || /rate limit/i.test(githubMessage)));
  if (rateLimited) {
    const secondary = /secondary rate limit/i.test(githubMessage) || (retryAfter !== undefined && String(remaining) !== '0');
    const when = retryAfter !== undefined ? `Retry after ${retryAfter} s` : resetIso ? `The limit resets at ${resetIso}` : 'Wait before retrying';
    const kind = secondary ? 'secondary rate limit' : 'primary rate limit';
    return new GitHubError('rate_limited', `GitHub ${kind} hit for ${what}. ${when}; do not retry sooner.`, {
      ...details,
      retryAfterSeconds: retryAfter,
      rateLimitReset: resetIso,
    });
  }

  switch (status) {
    case 401:
      return new GitHubError('auth', `GitHub rejected the credentials (401: ${redact(githubMessage)}). Re-authenticate: sign in again or supply a valid token.`, details);
    case 403:
      return new GitHubError('permission', `Permission denied for ${what} (403: ${redact(githubMessage)}). The token lacks a scope or permission this needs.`, details);
    case 404:
      return new GitHubError('not_found', `${capitalize(what)} was not found (404), or the credentials cannot see it.`, details);
    case 409:
      return new GitHubError('conflict', `Conflict for ${what} (409: ${redact(githubMessage)}).`, details);
    case 422: {
      const fieldErrors = (data?.errors ?? []).map((item) => (typeof item === 'string' ? { message: item } : item));
      const listed = fieldErrors.map(describeFieldError).join('; ');
      return new GitHubError('validation', `GitHub rejected the input for ${what} (422: ${redact(githubMessage)})${listed ? `: ${redact(listed)}` : ''}.`, {
        ...details,
        fieldErrors,
      });
    }
    default:
      if (status >= 500) return new GitHubError('server', `GitHub failed on ${what} (${status}: ${redact(githubMessage)}). Try again shortly.`, details);
      return new GitHubError('unknown', `GitHub answered ${status} for ${what}: ${redact(githubMessage)}.`, details);
  }
}

function describeFieldError(error: FieldError): string {
  if (error.message && !error.field) return error.message;
  const subject = [error.resource, error.field].filter(Boolean).join('.');
  return `${subject || 'field'} ${error.code ?? 'invalid'}${error.message ? ` (${error.message})` : ''}`;
}

/** "GET /repos/o/r": a request as messages name it, relative to GHES's /api/v3. */
export function describeRequest(request: RequestErrorLike['request']): string {
  if (!request?.url) return 'the request';
  try {
    return `${request.method ?? 'GET'} ${new URL(request.url).pathname.replace(/^\/api\/v3/, '')}`;
  } catch {
    return 'the request';
  }
}

function isTimeout(e: RequestErrorLike): boolean {
  const names = [e.name, (e.cause as { name?: string } | undefined)?.name];
  return names.includes('TimeoutError') || /due to timeout|timed? ?out/i.test(e.message ?? '');
}

function causeMessage(e: RequestErrorLike): string {
  const cause = e.cause as { message?: string; code?: string; cause?: { code?: string; message?: string } } | undefined;
  return cause?.cause?.code ?? cause?.code ?? cause?.cause?.message ?? cause?.message ?? e.message ?? 'network error';
}

// Octokit appends " - https://docs.github.com/..." to messages; the URL is kept separately.
function stripOctokitSuffix(message: string): string {
  return message.replace(/ - https:\/\/\S+$/, '');
}

function numberHeader(value: string | number | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

function clip(text: string, limit: number): string {
  return text.length > limit ? `${text.slice(0, limit)}…` : text;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
