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
  if (!e.response && isTimeout(e)) {
    return new GitHubError('timeout', `GitHub did not answer ${what} in time. Try again, or raise GITHUB_TIMEOUT.`, { ...details, status: undefined, networkCause: 'the request timed out' });
  }
  if (status === undefined || isNoResponse(error)) {
    const cause = describeNetworkFailure(error);
    return new GitHubError('network', `Could not reach GitHub for ${what}: ${cause}. Check the network, GITHUB_API_URL and GITHUB_VERIFY.`, {
      ...details,
      status: undefined,
      networkCause: cause,
    });
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

/** A request that got no HTTP answer at all: Octokit reports what fetch threw as status 500 with no response. */
export function isNoResponse(error: unknown): boolean {
  const e = (error ?? {}) as RequestErrorLike;
  return !(error instanceof GitHubError) && !e.response && (e.status === undefined || e.status === 500);
}

const NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: 'the connection was refused',
  ECONNRESET: 'the connection was reset',
  ENOTFOUND: 'the host name did not resolve',
  EAI_AGAIN: 'the host name did not resolve (DNS lookup failed)',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  ETIMEDOUT: 'the connection timed out',
  EPIPE: 'the connection was closed',
};

/**
 * What went wrong with a request that got no answer, in words and with the system code:
 * "the connection was refused (ECONNREFUSED)", a certificate problem, a timeout. Logs and
 * messages say this rather than the status 500 Octokit gives such a failure.
 */
export function describeNetworkFailure(error: unknown): string {
  const e = (error ?? {}) as RequestErrorLike;
  if (isTimeout(e)) return 'the request timed out';
  const chain: Array<{ code?: string; message?: string; cause?: unknown }> = [];
  for (let link = e.cause as (typeof chain)[number] | undefined; link && chain.length < 4; link = link.cause as (typeof chain)[number] | undefined) chain.push(link);
  const code = chain.map((link) => link.code).find((candidate): candidate is string => typeof candidate === 'string');
  const message = chain.map((link) => link.message).find(Boolean) ?? e.message ?? 'network error';
  if (code && NETWORK_CODES[code]) return `${NETWORK_CODES[code]} (${code})`;
  if ((code && /CERT|SELF_SIGNED|SSL|TLS|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/i.test(code)) || /certificate/i.test(message)) {
    return `the TLS certificate was not accepted (${redact(code ?? clip(message, 120))})`;
  }
  return redact(code ? `${clip(message, 120)} (${code})` : clip(message, 160));
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
