import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { Readable } from 'node:stream';
import type { GitHubClock } from '../clock';
import type { CoreConfig } from '../config';
import { GitHubError } from '../errors';
import { currentScope, endedAs, linkApplied, recordApplied, type Scope } from './callScope';
import { createFence } from './fence';
import { limitedBody } from './limits';
import { isGraphqlQuery, readOnlyObjection } from './readOnly';
import { takeTailRequest } from './tail';

export interface Transport {
  fetch: typeof globalThis.fetch;
  close(): Promise<void>;
}

type Body = string | Uint8Array | null | undefined;
type Agents = { 'http:': http.Agent; 'https:': https.Agent };

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 5;
const CREDENTIAL_HEADERS = new Set(['authorization', 'cookie', 'proxy-authorization']);

/**
 * The HTTP layer under Octokit: a fetch over node:http(s) Agents with a bounded socket pool
 * (pool_size), TLS verification or a custom CA bundle (verify), a per-request timeout, and
 * every response's Date header fed to GitHub's clock. It is also where the guards every tool
 * gets live: the base-path fence, read-only mode, response size caps, and the call scope's
 * deadline, cancel signal and record of applied writes.
 *
 * Why not undici's fetch with an Agent: Node's global fetch cannot take a dispatcher from
 * another undici version, and bundling undici adds 525 KB that every server start compiles,
 * which `npm run bench` measured as the largest part of our startup time. Node's own Agents
 * already pool and verify; what is left to write is redirects and decompression.
 */
export function createTransport(config: CoreConfig, clock: GitHubClock): Transport {
  // The configuration already checked that the bundle is readable.
  const ca = typeof config.verify === 'string' ? readFileSync(config.verify, 'utf8') : undefined;
  const pool = { keepAlive: true, maxSockets: config.poolSize };
  const agents: Agents = {
    'http:': new http.Agent(pool),
    'https:': new https.Agent({ ...pool, rejectUnauthorized: config.verify !== false, ...(ca ? { ca } : {}) }),
  };
  const fence = createFence(config.apiUrl);

  const fetch = async (input: string | URL, init: RequestInit = {}): Promise<Response> => {
    const scope = currentScope();
    let url = new URL(String(input));
    let method = (init.method ?? 'GET').toUpperCase();
    let body = init.body as Body;
    const { keep: keepTail, headers: sentHeaders } = takeTailRequest(init.headers as Record<string, string> | undefined);
    let headers = sentHeaders;
    let what = `${method} ${fence.describe(url)}`;
    const signal = requestSignal(scope, init.signal ?? undefined, config.timeoutMs, what);
    for (let hop = 0; ; hop++) {
      const place = fence.place(url);
      if (!place) {
        if (hop === 0) throw outsideFence(what, config.apiUrl);
        // Off the fence only a plain read may follow (GitHub sends downloads to its CDN); credentials were dropped below.
        if (!(method === 'GET' || method === 'HEAD') || body != null) {
          throw new GitHubError('permission', `GitHub redirected ${what} to ${url.origin}${url.pathname}, outside the GitHub API; the write was not forwarded there and nothing was sent to it.`);
        }
      }
      if (hop > 0) what = `${method} ${fence.describe(url)}`;
      const objection = place && config.readOnly ? await readOnlyObjection(place, fence.describe(url), url, method, body) : undefined;
      if (objection) throw new GitHubError('permission', `The server is read-only (GITHUB_READ_ONLY), so ${what} was not sent: ${objection}.`);
      if (scope) {
        if (scope.signal.aborted) throw scope.error(endedAs(scope));
        if (hop === 0) scope.attempts++;
        scope.lastRequest = what;
      }
      const write = !(method === 'GET' || method === 'HEAD');
      // Once a write's last byte is out, GitHub may apply it whatever happens to us next.
      const sent = scope && write ? () => (scope.unansweredWrite = what) : undefined;
      let response: http.IncomingMessage;
      try {
        response = await send(url, method, headers, body, signal, agents, scope, sent);
      } finally {
        if (scope && sent && scope.unansweredWrite === what && !scope.signal.aborted) scope.unansweredWrite = undefined;
      }
      clock.observe(response.headers.date as string | undefined);
      const status = response.statusCode ?? 500;
      const location = response.headers.location;
      if (!REDIRECTS.has(status) || !location || init.redirect === 'manual') {
        // Recorded before the body is read: GitHub applied the write even if its answer is then refused.
        const applied = scope && write && status >= 200 && status < 300 && !(place === 'graphql' && (await isGraphqlQuery(body)));
        const entry = applied ? recordApplied(scope, { method, path: fence.describe(url), status }, { graphql: place === 'graphql' }) : undefined;
        const tail = keepTail !== undefined && status >= 200 && status < 300 ? keepTail : undefined;
        const result = toResponse(response, method, signal, scope, config.maxResponseBytes, what, tail);
        // A constructed Response has an empty url; Octokit hands this one on as response.url.
        Object.defineProperty(result, 'url', { value: url.href });
        if (entry && result.body) linkApplied(result.body, entry);
        return result;
      }
      drain(response);
      if (init.redirect === 'error' || hop >= MAX_REDIRECTS) throw new GitHubError('network', `GitHub redirected ${what} too often, or a redirect was refused.`);
      const next = new URL(location, url);
      if (next.protocol !== 'http:' && next.protocol !== 'https:') {
        throw new GitHubError('network', `GitHub redirected ${what} to a ${next.protocol} address, which is not followed.`);
      }
      // Node would turn a user:password in the address into Basic auth of its own.
      next.username = '';
      next.password = '';
      // fetch would send a POST on after a 301/302 as a GET: the write would silently not happen
      // (a renamed repository answers so), and the tool would report the read as its result.
      if (write && (status === 301 || status === 302)) {
        throw new GitHubError('conflict', `GitHub answered ${what} with ${status}, moved to ${fence.describe(next)}; the write was not applied and is not repeated there. If the repository was renamed, use its new name.`);
      }
      // 303 See Other: GitHub applied the write and points at the result, which is read with a GET.
      if (status === 303 && method !== 'HEAD') {
        if (scope && write) recordApplied(scope, { method, path: fence.describe(url), status });
        method = 'GET';
        body = undefined;
      }
      // Credentials go to no other origin (GitHub sends downloads to its CDN), and nowhere off the fence.
      if (headers && (next.origin !== url.origin || !fence.place(next))) headers = withoutCredentials(headers);
      url = next;
    }
  };

  return {
    fetch: fetch as unknown as typeof globalThis.fetch,
    close: async () => {
      agents['http:'].destroy();
      agents['https:'].destroy();
    },
  };
}

/** The caller's signal, the scope's, and the per-request timeout when it ends before the call's deadline. */
function requestSignal(scope: Scope | undefined, caller: AbortSignal | undefined, timeoutMs: number, what: string): AbortSignal {
  const signals: AbortSignal[] = caller ? [caller] : [];
  if (scope) {
    const left = scope.deadline - Date.now();
    if (scope.signal.aborted || left <= 0) throw scope.error(scope.signal.aborted ? endedAs(scope) : 'deadline', what);
    signals.push(scope.signal);
    if (timeoutMs < left) signals.push(timeoutSignal(timeoutMs));
  } else {
    signals.push(timeoutSignal(timeoutMs));
  }
  return signals.length === 1 ? signals[0] : AbortSignal.any(signals);
}

/**
 * AbortSignal.timeout, but one that fires when combined: Node 20's AbortSignal.any holds its
 * sources weakly, and a timeout signal nothing else holds is collected before it fires (a
 * hung GitHub then got one attempt per call instead of one per GITHUB_TIMEOUT). The timer's
 * closure holds this controller until it fires.
 */
function timeoutSignal(ms: number): AbortSignal {
  const controller = new AbortController();
  setTimeout(() => controller.abort(new DOMException(`The operation timed out after ${ms} ms`, 'TimeoutError')), ms).unref();
  return controller.signal;
}

/** Why a request failed, in the scope's words when the call ended, else the signal's (a TimeoutError) or the socket's. */
function failure(error: unknown, signal: AbortSignal, scope: Scope | undefined): unknown {
  if (scope?.signal.aborted) return scope.error(endedAs(scope));
  return signal.aborted && signal.reason ? signal.reason : error;
}

function send(
  url: URL,
  method: string,
  headers: Record<string, string> | undefined,
  body: Body,
  signal: AbortSignal,
  agents: Agents,
  scope: Scope | undefined,
  onSent?: () => void,
): Promise<http.IncomingMessage> {
  const client = url.protocol === 'https:' ? https : http;
  // Node frames a body by default only for methods it expects one on: a DELETE with a body
  // (remove_sub_issue, deleting a file) would go out unframed and GitHub would read no body.
  const framed = body == null || Object.keys(headers ?? {}).some((name) => /^(content-length|transfer-encoding)$/i.test(name));
  const length = framed ? {} : { 'content-length': String(typeof body === 'string' ? Buffer.byteLength(body) : (body as Uint8Array).byteLength) };
  return new Promise((resolve, reject) => {
    const request = client.request(url, {
      method,
      headers: { 'accept-encoding': 'gzip, br', ...headers, ...length },
      agent: agents[url.protocol as 'http:' | 'https:'],
      signal,
    });
    request.on('response', resolve).on('error', (error) => reject(failure(error, signal, scope)));
    if (onSent) request.once('finish', onSent);
    request.end(body ?? undefined);
  });
}

function toResponse(message: http.IncomingMessage, method: string, signal: AbortSignal, scope: Scope | undefined, cap: number, what: string, keepTail?: number): Response {
  const headers = new Headers();
  for (const [name, value] of Object.entries(message.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const status = message.statusCode ?? 500;
  if (status === 204 || status === 205 || status === 304 || method === 'HEAD') {
    message.resume();
    return new Response(null, { status, statusText: message.statusMessage, headers });
  }
  const { body, decoded } = limitedBody(message, cap, what, keepTail);
  if (decoded) {
    headers.delete('content-encoding');
    headers.delete('content-length');
  }
  // An abort while the body streams fails it with the scope's error or the TimeoutError, so callers can say which.
  const onAbort = () => body.destroy(failure(undefined, signal, scope) as Error);
  signal.addEventListener('abort', onAbort, { once: true });
  body.once('close', () => signal.removeEventListener('abort', onAbort));
  return new Response(Readable.toWeb(body) as ReadableStream, { status, statusText: message.statusMessage, headers });
}

/** A redirect's own body is read away to keep the socket, unless it is large or of unknown length. */
function drain(message: http.IncomingMessage): void {
  const length = Number(message.headers['content-length']);
  if (length <= 64 * 1024) message.resume();
  else message.destroy();
}

function outsideFence(what: string, apiUrl: string): GitHubError {
  return new GitHubError(
    'validation',
    `Refused to send ${what}: it is outside the GitHub API at ${apiUrl}. A path argument (such as "..") may have led out of it; nothing was sent.`,
  );
}

function withoutCredentials(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !CREDENTIAL_HEADERS.has(name.toLowerCase())));
}
