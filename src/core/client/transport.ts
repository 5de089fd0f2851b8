import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { pipeline, Readable } from 'node:stream';
import zlib from 'node:zlib';
import type { GitHubClock } from '../clock';
import type { CoreConfig } from '../config';

export interface Transport {
  fetch: typeof globalThis.fetch;
  close(): Promise<void>;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 5;

/**
 * The HTTP layer under Octokit: a fetch over node:http(s) Agents with a bounded socket pool
 * (pool_size), TLS verification or a custom CA bundle (verify), a per-request timeout, and
 * every response's Date header fed to GitHub's clock.
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
  const agents = {
    'http:': new http.Agent(pool),
    'https:': new https.Agent({ ...pool, rejectUnauthorized: config.verify !== false, ...(ca ? { ca } : {}) }),
  };

  const fetch = async (input: string | URL, init: RequestInit = {}): Promise<Response> => {
    const timeout = AbortSignal.timeout(config.timeoutMs);
    const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    let url = new URL(String(input));
    let method = (init.method ?? 'GET').toUpperCase();
    let body = init.body as string | Uint8Array | null | undefined;
    for (let hop = 0; ; hop++) {
      const response = await send(url, method, init.headers as Record<string, string> | undefined, body, signal, agents);
      clock.observe(response.headers.date as string | undefined);
      const location = response.headers.location;
      if (!REDIRECTS.has(response.statusCode ?? 0) || !location || init.redirect === 'manual') return toResponse(response, signal);
      response.resume();
      if (init.redirect === 'error' || hop >= MAX_REDIRECTS) throw new TypeError(`redirect refused or too many redirects at ${url.pathname}`);
      const next = new URL(location, url);
      // As fetch does: 303, and 301/302 after a POST, continue as a GET without the body.
      if ((response.statusCode === 303 && method !== 'HEAD') || ((response.statusCode === 301 || response.statusCode === 302) && method === 'POST')) {
        method = 'GET';
        body = undefined;
      }
      // Credentials never follow a redirect to another origin (GitHub sends downloads to its CDN).
      if (next.origin !== url.origin && init.headers) init = { ...init, headers: withoutAuthorization(init.headers as Record<string, string>) };
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

function send(
  url: URL,
  method: string,
  headers: Record<string, string> | undefined,
  body: string | Uint8Array | null | undefined,
  signal: AbortSignal,
  agents: { 'http:': http.Agent; 'https:': https.Agent },
): Promise<http.IncomingMessage> {
  const client = url.protocol === 'https:' ? https : url.protocol === 'http:' ? http : undefined;
  if (!client) return Promise.reject(new TypeError(`unsupported protocol ${url.protocol}`));
  return new Promise((resolve, reject) => {
    const request = client.request(url, {
      method,
      headers: { 'accept-encoding': 'gzip, br', ...headers },
      agent: agents[url.protocol as 'http:' | 'https:'],
      signal,
    });
    request.on('response', resolve).on('error', (error) => reject(signal.aborted && signal.reason ? signal.reason : error));
    request.end(body ?? undefined);
  });
}

function toResponse(message: http.IncomingMessage, signal: AbortSignal): Response {
  const headers = new Headers();
  for (const [name, value] of Object.entries(message.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const status = message.statusCode ?? 500;
  if (status === 204 || status === 205 || status === 304) {
    message.resume();
    return new Response(null, { status, statusText: message.statusMessage, headers });
  }
  const encoding = message.headers['content-encoding'];
  const decoder = encoding === 'gzip' ? zlib.createGunzip() : encoding === 'br' ? zlib.createBrotliDecompress() : undefined;
  if (decoder) {
    headers.delete('content-encoding');
    headers.delete('content-length');
    // pipeline, not pipe: a reset or timeout of the socket must fail the body, not stall it.
    pipeline(message, decoder, () => {});
  }
  const body = decoder ?? message;
  // A timeout while the body streams fails it with the TimeoutError itself, so callers can say "timeout".
  const onAbort = () => body.destroy(signal.reason as Error);
  signal.addEventListener('abort', onAbort, { once: true });
  body.once('close', () => signal.removeEventListener('abort', onAbort));
  return new Response(Readable.toWeb(body) as ReadableStream, { status, statusText: message.statusMessage, headers });
}

function withoutAuthorization(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => name.toLowerCase() !== 'authorization'));
}
