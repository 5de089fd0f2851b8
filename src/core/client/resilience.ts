import type { CoreConfig } from '../config';
import type { Logger } from '../logger';

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
 *  - A rate-limited request (403/429 with Retry-After, or remaining 0) is retried once when
 *    the wait is short; otherwise the error goes back with its reset time.
 */

export const MAX_RATE_LIMIT_WAIT_SECONDS = 10;
const BACKOFF_BASE_MS = 500;

type RequestOptions = { method?: string; url?: string; request?: Record<string, unknown> };
type RequestFn = (options: RequestOptions) => Promise<{ data: unknown; headers: Record<string, string | undefined> }>;
interface HookCollection {
  wrap(name: 'request', hook: (request: RequestFn, options: RequestOptions) => Promise<unknown>): void;
}

export interface Pacer {
  wait(isWrite: boolean): Promise<void>;
}

/** One pacer per identity's runtime, shared by all its Octokit clients. */
export function createPacer(config: Pick<CoreConfig, 'secondsBetweenRequests' | 'secondsBetweenWrites'>, sleep = delay): Pacer {
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

export function installResilience(hook: HookCollection, options: { pacer: Pacer; retries: number; log: Logger; sleep?: (ms: number) => Promise<void> }): void {
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
        if (parseHere) response.data = await readBody(response.data, response.headers['content-type']);
        return response;
      } catch (error) {
        const wait = rateLimitWait(error);
        if (wait !== undefined && !rateLimitRetried && wait <= MAX_RATE_LIMIT_WAIT_SECONDS) {
          rateLimitRetried = true;
          options.log.warn(`rate limited on ${method} ${requestOptions.url}; retrying in ${wait} s`);
          await sleep(wait * 1000);
          continue;
        }
        if (!idempotent || attempt >= options.retries || !isTransient(error)) throw error;
        const backoff = BACKOFF_BASE_MS * 2 ** attempt;
        options.log.warn(`${method} ${requestOptions.url} failed (${(error as { status?: number }).status ?? 'network'}); retry ${attempt + 1} of ${options.retries} in ${backoff} ms`);
        await sleep(backoff);
      }
    }
  });
}

async function readBody(body: unknown, contentType: string | undefined): Promise<unknown> {
  if (!body || typeof (body as ReadableStream).getReader !== 'function') return body;
  const text = await new Response(body as ReadableStream).text();
  if (/json/i.test(contentType ?? '') && text !== '') return JSON.parse(text) as unknown;
  return text;
}

function isTransient(error: unknown): boolean {
  const status = (error as { status?: number }).status;
  return status === undefined || status >= 500;
}

/** Seconds to wait before a rate-limited request may go again, or undefined if it was not rate limited. */
export function rateLimitWait(error: unknown, now = Date.now()): number | undefined {
  const e = error as { status?: number; response?: { headers?: Record<string, string | undefined> } };
  if (e.status !== 403 && e.status !== 429) return undefined;
  const headers = e.response?.headers ?? {};
  if (headers['retry-after'] !== undefined) return Number(headers['retry-after']) || 0;
  if (headers['x-ratelimit-remaining'] === '0' && headers['x-ratelimit-reset'] !== undefined) {
    return Math.max(0, Number(headers['x-ratelimit-reset']) - Math.floor(now / 1000)) + 1;
  }
  return e.status === 429 ? 60 : undefined;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
