import { setTimeout as sleepFor } from 'node:timers/promises';
import type { GitHubClock } from '../clock';
import type { CoreConfig } from '../config';
import { GitHubError } from '../errors';
import { describeNetworkFailure, describeRequest, isNoResponse } from './errors';
import type { Logger } from '../logger';
import { currentScope, endedAs, noteAppliedBody, waitInScope } from './callScope';

/**
 * Pacing, retries and rate-limit waits, as one Octokit request hook.
 *
 * Why not @octokit/plugin-throttling and @octokit/plugin-retry: both run every request
 * through Bottleneck, whose datastore yields with setTimeout(0) at each step; `npm run bench`
 * measured 9–14 ms added per request per plugin, several times a whole simulated GitHub call.
 * The policy they implement is small, so it is written here:
 *  - PyGithub's seconds_between_requests / seconds_between_writes: a request waits until
 *    that long after the previous one (writes: after the previous write) started.
 *  - GET/HEAD are retried on 5xx and network failures with exponential backoff (`retries`);
 *    writes are not, since GitHub may have applied them.
 *  - A rate-limited request (403/429 with Retry-After, or remaining 0), of any method, is
 *    retried once when the wait is short (GitHub applied nothing); otherwise the error goes
 *    back with its reset time. Waits are judged on GitHub's clock.
 *  - Inside a call scope every wait fits the call's deadline or is not started, and ends on
 *    cancel; after a cancel nothing is sent again.
 */

export const MAX_RATE_LIMIT_WAIT_SECONDS = 10;
const BACKOFF_BASE_MS = 500;

type RequestOptions = { method?: string; url?: string; request?: Record<string, unknown> };
type RequestFn = (options: RequestOptions) => Promise<{ data: unknown; url?: string; headers: Record<string, string | undefined> }>;
type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;
interface HookCollection {
  wrap(name: 'request', hook: (request: RequestFn, options: RequestOptions) => Promise<unknown>): void;
}

export interface Pacer {
  wait(isWrite: boolean): Promise<void>;
}

/** One pacer per identity's runtime, shared by all its Octokit clients. */
export function createPacer(config: Pick<CoreConfig, 'secondsBetweenRequests' | 'secondsBetweenWrites'>, sleep: Sleep = (ms) => waitInScope(ms, delay)): Pacer {
  let nextRequestAt = 0;
  let nextWriteAt = 0;
  return {
    async wait(isWrite) {
      // Reserve the slot before sleeping, so concurrent callers queue behind one another.
      const now = Date.now();
      const at = Math.max(now, nextRequestAt, isWrite ? nextWriteAt : 0);
      nextRequestAt = at + config.secondsBetweenRequests * 1000;
      if (isWrite) nextWriteAt = at + config.secondsBetweenWrites * 1000;
      if (at > now) await sleep(at - now);
    },
  };
}

export function installResilience(
  hook: HookCollection,
  options: { pacer: Pacer; retries: number; log: Logger; clock: Pick<GitHubClock, 'now'>; sleep?: Sleep },
): void {
  const sleep = options.sleep ?? delay;
  hook.wrap('request', async (request, requestOptions) => {
    const method = (requestOptions.method ?? 'GET').toUpperCase();
    const idempotent = method === 'GET' || method === 'HEAD';
    // Octokit parses JSON with a BigInt-safe parser in plain JavaScript, ~15 ms for a page of
    // issues; GitHub's ids fit in a double, so the body is taken raw and parsed natively.
    const parseHere = requestOptions.request?.parseSuccessResponseBody !== false;
    // before-after-hook binds the original options to the inner hooks, so they are changed in place.
    requestOptions.request = { ...requestOptions.request, parseSuccessResponseBody: false };
    let rateLimitRetried = false;
    for (let attempt = 0; ; attempt++) {
      await options.pacer.wait(!idempotent);
      try {
        const response = await request(requestOptions);
        if (parseHere) {
          const body = response.data;
          response.data = await readBody(body, response.headers['content-type'], response.url ? describeRequest({ method, url: response.url }) : `${method} ${requestOptions.url}`);
          noteAppliedBody(body, response.data);
        }
        return response;
      } catch (error) {
        // The transport's own refusals (fence, read-only, size, deadline, cancel) arrive wrapped by Octokit; none is worth another try.
        const own = ownError(error);
        if (own) throw own;
        const scope = currentScope();
        if (scope?.signal.aborted) throw scope.error(endedAs(scope));
        const wait = rateLimitWait(error, options.clock.now());
        if (wait !== undefined && !rateLimitRetried && wait <= MAX_RATE_LIMIT_WAIT_SECONDS) {
          rateLimitRetried = true;
          options.log.warn(`rate limited on ${method} ${requestOptions.url}; retrying in ${wait} s`);
          // A wait past the deadline is not started: GitHub's own answer says when to come back.
          await waitInScope(wait * 1000, sleep, { onLate: () => error as Error });
          continue;
        }
        if (!idempotent || attempt >= options.retries || !isTransient(error)) throw error;
        const backoff = BACKOFF_BASE_MS * 2 ** attempt;
        // Octokit gives a request that got no answer status 500: the log says what really happened.
        const failure = isNoResponse(error) ? describeNetworkFailure(error) : `status ${(error as { status?: number }).status}`;
        options.log.warn(`${method} ${requestOptions.url} failed: ${failure}; retry ${attempt + 1} of ${options.retries} in ${backoff} ms`);
        await waitInScope(backoff, sleep, { lastFailure: failure });
      }
    }
  });
}

/** Octokit's rules for a body: JSON parsed, text as text, anything else (a tarball) as bytes. */
async function readBody(body: unknown, contentType: string | undefined, what: string): Promise<unknown> {
  if (!body || typeof (body as ReadableStream).getReader !== 'function') return body;
  const response = new Response(body as ReadableStream);
  const type = (contentType ?? '').toLowerCase();
  try {
    if (/json/.test(type)) {
      const text = await response.text();
      if (text === '') return text;
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        throw unreadable(what, `a body that is not valid JSON (${text.length} characters)`);
      }
      // No GitHub endpoint answers a success with null; every caller would read fields of it.
      if (parsed === null) throw unreadable(what, 'JSON null where a JSON object was expected');
      return parsed;
    }
    if (type.startsWith('text/') || (/charset=utf-8/.test(type) && !type.includes('octet-stream'))) return await response.text();
    return await response.arrayBuffer();
  } catch (error) {
    const own = ownError(error);
    if (own) throw own;
    // The headers came, the body did not: the socket was reset or the timeout fired mid-body.
    const timedOut = (error as Error).name === 'TimeoutError' || (error as { cause?: Error }).cause?.name === 'TimeoutError';
    throw new GitHubError(timedOut ? 'timeout' : 'network', timedOut ? `GitHub did not finish answering ${what} in time. Try again, or raise GITHUB_TIMEOUT.` : `The connection to GitHub broke while reading ${what}. Try again.`);
  }
}

/** A success whose body cannot be what any caller expects: said once here, for every tool. */
function unreadable(what: string, body: string): GitHubError {
  return new GitHubError('server', `GitHub answered ${what} with ${body}; nothing in it could be read. The host or a proxy in between may be misbehaving.`);
}

/** A GitHubError the transport threw, as is or as the cause of Octokit's RequestError. */
function ownError(error: unknown): GitHubError | undefined {
  if (error instanceof GitHubError) return error;
  const cause = (error as { cause?: unknown } | undefined)?.cause;
  return cause instanceof GitHubError ? cause : undefined;
}

/** Only a request that failed on the wire or with a 5xx may succeed when sent again. */
function isTransient(error: unknown): boolean {
  if (error instanceof GitHubError || !(error as { request?: unknown }).request) return false;
  const status = (error as { status?: number; response?: unknown }).status;
  return status === undefined || status >= 500;
}

/** Seconds to wait before a rate-limited request may go again (on GitHub's clock `now`), or undefined if it was not rate limited. */
export function rateLimitWait(error: unknown, now: number): number | undefined {
  const e = error as { status?: number; response?: { headers?: Record<string, string | undefined> } };
  if (e.status !== 403 && e.status !== 429) return undefined;
  const headers = e.response?.headers ?? {};
  const retryAfter = headers['retry-after'];
  if (retryAfter !== undefined) {
    // Retry-After is either seconds or an HTTP date.
    const seconds = /^\d+$/.test(retryAfter.trim()) ? Number(retryAfter) : (Date.parse(retryAfter) - now) / 1000;
    return Number.isFinite(seconds) ? Math.max(0, Math.ceil(seconds)) : 60;
  }
  if (headers['x-ratelimit-remaining'] === '0' && headers['x-ratelimit-reset'] !== undefined) {
    return Math.max(0, Number(headers['x-ratelimit-reset']) - Math.floor(now / 1000)) + 1;
  }
  return e.status === 429 ? 60 : undefined;
}

function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return sleepFor(ms, undefined, { signal });
}
