import type { IncomingMessage, ServerResponse } from 'node:http';
import { classifyAuth, resolveAuth } from '../auth';
import { sha256Hex } from '../random';
import type { Ctx, Principal, Reply, Services } from './context';
import { HttpError, ghError, notAccessibleByIntegration, notFound } from './errors';
import { type Faults, serverErrorMessage } from './faults';
import { rateIdentity, type RateInfo, type Resource } from './ratelimit';
import type { Handler, Match, Router } from './router';
import type { RequestRecord, Stats } from './stats';
import { JWT_MESSAGES } from '../jwt';
import { parseBody } from './body';
import { finishHeaders, tokenHeaders } from './headers';
import { isStreamed, rewriteReply, streamHostile } from './hostile';
import type { OpenApiCheck } from '../openapi/check';

// The request pipeline. API requests (/api/v3/...) pass through faults,
// authentication, rate-limit switches, routing and the handler, then get
// GitHub's headers, an ETag and conditional-request handling. Everything else
// goes to the web router (OAuth endpoints).

const API_PREFIX = '/api/v3';
/** GHES serves GraphQL beside the REST API, not below it. */
const GRAPHQL_PATH = '/api/graphql';
const SECONDARY_DOCS = 'https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits';
const PRIMARY_DOCS = 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api';

export interface Pipeline {
  services: Services;
  api: Router;
  web: Router;
  faults: Faults;
  stats: Stats;
  /** Where a `redirect` hostile mode points by default. */
  otherOriginUrl?: string;
  /** POST /api/graphql; authenticated, metered and faulted like the REST API. */
  graphql?: Handler;
  /** When set, every API answer is checked against GitHub's OpenAPI description (see ../openapi/check.ts). */
  openApi?: OpenApiCheck;
}

function graphqlMatch(p: Pipeline, method: string): Match {
  if (!p.graphql) return undefined;
  if (method !== 'POST') return { methodNotAllowed: true };
  return { route: { method: 'POST', segments: [], handler: p.graphql, options: { resource: 'graphql' } }, params: {} };
}

let requestCounter = 0;
function requestId(): string {
  requestCounter++;
  const hex = (n: number, w: number) => (n >>> 0).toString(16).toUpperCase().padStart(w, '0').slice(-w);
  return `${hex(0xc0de + requestCounter, 4)}:${hex(requestCounter * 7919, 4)}:${hex(requestCounter * 104729, 6)}:${hex(requestCounter * 1299709, 6)}:${hex(Math.floor(Date.now() / 1000), 8)}`;
}

function primaryMessage(principal: Principal, ip: string, rid: string): string {
  const support = `If you reach out to GitHub Support for help, please include the request ID ${rid}.`;
  if (principal.kind === 'user') return `API rate limit exceeded for user ID ${principal.user.id}. ${support}`;
  if (principal.kind === 'installation') return `API rate limit exceeded for installation ID ${principal.installation.id}. ${support}`;
  if (principal.kind === 'jwt') return `API rate limit exceeded for app ID ${principal.app.id}. ${support}`;
  return `API rate limit exceeded for ${ip}. (But here's the good news: Authenticated requests get a higher rate limit. Check out the documentation for more details.) ${support}`;
}

function errorReply(error: unknown): Reply {
  if (error instanceof HttpError) {
    return typeof error.body === 'string'
      ? { status: error.status, text: error.body, contentType: 'text/plain; charset=utf-8', headers: error.headers }
      : { status: error.status, body: error.body, headers: error.headers };
  }
  console.error('[github-simulator] handler crashed:', error);
  return { status: 500, body: { message: 'Server Error', documentation_url: 'https://docs.github.com/rest', status: '500' } };
}

function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const bare = (t: string) => t.trim().replace(/^W\//, '');
  return header.split(',').some((t) => t.trim() === '*' || bare(t) === bare(etag));
}

/** Splits a request target into path and query, without letting `//host/...` pick another authority. */
export function parseTarget(raw: string): { pathname: string; query: URLSearchParams } | undefined {
  try {
    if (raw.startsWith('/')) {
      const u = new URL(`http://simulator.invalid${raw}`);
      return { pathname: u.pathname, query: u.searchParams };
    }
    // Absolute form (what a proxy gets): only its path and query matter here.
    if (/^https?:\/\//i.test(raw)) {
      const u = new URL(raw);
      return { pathname: u.pathname, query: u.searchParams };
    }
  } catch {
    // fall through
  }
  return undefined;
}

/** Header values built from request input must not make writeHead throw. */
function safeHeaderValue(value: string): string {
  // eslint-disable-next-line no-control-regex
  return /[^\t\x20-\x7e]/.test(value) ? value.replace(/[^\t\x20-\x7e]/gu, (c) => [...Buffer.from(c, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('')) : value;
}

const MAX_BODY_BYTES = 100 * 1024 * 1024;

export async function handleRequest(p: Pipeline, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const host = req.headers.host ?? '127.0.0.1';
  const rawUrl = req.url ?? '/';
  const target = parseTarget(rawUrl);
  const pathname = target?.pathname ?? rawUrl;
  const method = (req.method ?? 'GET').toUpperCase();
  const isGraphql = pathname === GRAPHQL_PATH;
  const isApi = isGraphql || pathname === API_PREFIX || pathname.startsWith(`${API_PREFIX}/`);
  const path = isGraphql ? pathname : isApi ? pathname.slice(API_PREFIX.length) || '/' : pathname;
  const ip = req.socket.remoteAddress ?? '127.0.0.1';
  const record: RequestRecord = { method, path, url: rawUrl, origin: isGraphql ? 'graphql' : isApi ? 'api' : 'web', status: 0, auth: classifyAuth(req.headers.authorization) };
  p.stats.requests.push(record);
  const rid = requestId();
  p.services.limiter.exhausted = p.faults.primaryExhausted;

  const ctx: Ctx = {
    services: p.services,
    method,
    path,
    query: target?.query ?? new URLSearchParams(),
    headers: req.headers,
    body: undefined,
    params: {},
    principal: { kind: 'none' },
    apiBase: `http://${host}${API_PREFIX}`,
    webBase: `http://${host}`,
    requestId: rid,
    ip,
    resHeaders: {},
  };

  if (isApi && p.faults.takeDrop()) {
    req.socket.destroy();
    return;
  }
  const delay = isApi ? p.faults.takeDelay() : 0;
  if (delay > 0) await new Promise((r) => setTimeout(r, delay));
  const rawBody = await readBody(req);
  if (!rawBody) return; // The client went away mid-request.

  const failure = isApi ? p.faults.takeFailure() : undefined;
  const hostile = isApi && failure === undefined && target ? p.faults.hostile.take(method, path) : undefined;
  if (hostile) record.hostile = hostile.kind;
  if (hostile && isStreamed(hostile)) {
    p.openApi?.skipDeliberate();
    const headers: Record<string, string> = {};
    finishHeaders(headers, { now: p.services.clock.now(), requestId: rid, rate: undefined, api: true, authenticated: false, get: false });
    record.status = await streamHostile(hostile, req, res, headers, `${p.otherOriginUrl ?? ctx.webBase}${rawUrl}`);
    return;
  }

  let reply: Reply;
  let resource: Resource = 'core';
  let free = false;
  /** Injected by faults (failNext, rate-limit switches): not checked against the description. */
  let injected = failure !== undefined;
  let routePattern: string | undefined;
  try {
    if (failure) throw ghError(failure, serverErrorMessage(failure));
    if (!target) throw ghError(400, 'Bad Request');
    if (rawBody.tooLarge) throw ghError(413, 'Payload Too Large');
    ctx.body = parseBody(rawBody.data, req.headers['content-type'], isApi);
    if (!isApi) {
      for (const [k, v] of ctx.query) if (ctx.body && typeof ctx.body === 'object' && !(k in ctx.body)) (ctx.body as Record<string, unknown>)[k] = v;
    }
    if (isApi) {
      const resolved = resolveAuth(p.services, req.headers.authorization);
      ctx.principal = resolved.principal;
      record.auth = resolved.authKind;
      if (resolved.principal.kind === 'installation') record.installationId = resolved.principal.installation.id;
      injected = p.faults.secondary.enabled || p.faults.primaryExhausted;
      if (p.faults.secondary.enabled) {
        const message = `You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID ${rid}.`;
        throw new HttpError(403, { message, documentation_url: SECONDARY_DOCS, status: '403' }, { 'retry-after': String(p.faults.secondary.retryAfterSeconds) });
      }
      if (p.faults.primaryExhausted) throw new HttpError(403, { message: primaryMessage(ctx.principal, ip, rid), documentation_url: PRIMARY_DOCS, status: '403' });
    }
    const match = isGraphql ? graphqlMatch(p, method) : (isApi ? p.api : p.web).match(method, path);
    if (!match || 'methodNotAllowed' in match) throw notFound();
    ctx.params = match.params;
    routePattern = `/${match.route.segments.join('/')}`;
    resource = match.route.options.resource ?? 'core';
    free = !!match.route.options.free;
    if (isApi && match.route.options.jwt && ctx.principal.kind !== 'jwt') throw ghError(401, JWT_MESSAGES.undecodable);
    if (isApi && !match.route.options.jwt && ctx.principal.kind === 'jwt') throw notAccessibleByIntegration();
    if (match.route.options.scopes !== undefined) ctx.resHeaders['x-accepted-oauth-scopes'] = match.route.options.scopes;
    reply = await match.route.handler(ctx);
  } catch (error) {
    reply = errorReply(error);
  }
  // raw replaces whatever the handler answered; the body rewrites apply to successful JSON answers.
  if (hostile && (hostile.kind === 'raw' || reply.status < 300)) reply = rewriteReply(hostile, reply);

  const payload = reply.text ?? (reply.body === undefined ? '' : JSON.stringify(reply.body));
  let status = reply.status;
  const headers: Record<string, string> = { ...ctx.resHeaders, ...(reply.headers ?? {}) };
  if (reply.body !== undefined || reply.text !== undefined) headers['content-type'] = reply.contentType ?? 'application/json; charset=utf-8';
  if (isApi && p.openApi) {
    // The answer as the handler made it (before 304/HEAD strip the body: same shape), checked after it is sent.
    if (hostile || injected) p.openApi.skipDeliberate();
    else {
      // Authentication fails before routing: the route is still the operation the answer belongs to.
      const match = routePattern === undefined && target ? p.api.match(method, path) : undefined;
      const pattern = routePattern ?? (match && 'route' in match ? `/${match.route.segments.join('/')}` : undefined);
      p.openApi.later({ method, path, pattern, status, contentType: (headers['content-type'] ?? '').split(';')[0].trim(), text: payload });
    }
  }
  if ((method === 'GET' || method === 'HEAD') && status === 200) {
    headers.etag = `W/"${sha256Hex(`${headers['content-type'] ?? ''}\n${payload}`)}"`;
    if (matchesEtag(req.headers['if-none-match'], headers.etag)) status = 304;
  }
  let rate: RateInfo | undefined;
  if (isApi) {
    const who = rateIdentity(ctx.principal, ip);
    const limit = resource === 'search' ? who.search : who.core;
    // Conditional hits (304) and /rate_limit are free on GitHub.
    rate = status === 304 || free ? p.services.limiter.peek(who.key, resource, limit) : p.services.limiter.consume(who.key, resource, limit);
    Object.assign(headers, tokenHeaders(ctx));
  }
  finishHeaders(headers, { now: p.services.clock.now(), requestId: rid, rate, api: isApi, authenticated: ctx.principal.kind !== 'none', get: method === 'GET' && status === 200 });
  record.status = status;
  const body = status === 304 || method === 'HEAD' ? '' : payload;
  if (status === 304) delete headers['content-type'];
  headers['content-length'] = String(Buffer.byteLength(body));
  for (const [k, v] of Object.entries(headers)) headers[k] = safeHeaderValue(String(v));
  res.writeHead(status, headers);
  res.end(body);
}

/** The request body, capped at MAX_BODY_BYTES (the rest is read and dropped); undefined when the client aborted. */
async function readBody(req: IncomingMessage): Promise<{ data: Buffer; tooLarge: boolean } | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  try {
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > MAX_BODY_BYTES) {
        tooLarge = true;
        chunks.length = 0;
      } else chunks.push(chunk as Buffer);
    }
  } catch {
    return undefined;
  }
  return { data: tooLarge ? Buffer.alloc(0) : Buffer.concat(chunks), tooLarge };
}
