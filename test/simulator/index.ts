import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClock, iso, type Clock } from './clock';
import { buildFixtures, type Fixtures } from './fixtures';
import type { Services } from './http/context';
import { Faults } from './http/faults';
import type { HostileMode } from './http/hostile';
import { RateLimiter } from './http/ratelimit';
import { Router } from './http/router';
import { handleRequest, type Pipeline } from './http/server';
import { graphqlEndpoint } from './graphql';
import { OpenApiCheck, type OpenApiReport } from './openapi/check';
import { Stats, type RequestRecord } from './http/stats';
import { classifyAuth } from './auth';
import { OAuthGrants } from './oauth-grants';
import { appRoutes } from './routes/apps';
import { contentRoutes } from './routes/contents';
import { gitDataRoutes } from './routes/gitData';
import { issueRoutes } from './routes/issues';
import { milestoneRoutes } from './routes/milestones';
import { subIssueRoutes } from './routes/subIssues';
import { timelineRoutes } from './routes/timeline';
import { oauthRoutes } from './routes/oauth';
import { pullRoutes } from './routes/pulls';
import { pullUpdateRoutes } from './routes/pullUpdates';
import { statusRoutes } from './routes/statuses';
import { checkRoutes } from './routes/checks';
import { seedChecks } from './seed/checks';
import { repoRoutes } from './routes/repos';
import { releaseRoutes } from './routes/releases';
import { releaseWriteRoutes } from './routes/releaseWrites';
import { labelWriteRoutes } from './routes/labelWrites';
import { notificationRoutes, seedNotifications } from './routes/notifications';
import { orgStarRoutes, seedStars } from './routes/orgsStars';
import { gistRoutes, seedGists } from './routes/gists';
import { repositoryRoutes } from './routes/repositories';
import { teamRoutes } from './routes/teams';
import { reviewRoutes } from './routes/reviews';
import { searchRoutes } from './routes/search';
import { userRoutes } from './routes/users';
import { securityRoutes } from './routes/security';
import { projectRoutes, seedProjects } from './routes/projects';
import { seededSecrets, seedSecurity } from './seed/security';
import { generateAppKeys, seedAccounts } from './seed/accounts';
import { seedIssueHistory } from './seed/issueHistory';
import { seedRepos } from './seed/repos';
import { seedDiscussions } from './seed/discussions';
import { seedReleasesAndTeams } from './seed/releases';
import { TokenStore } from './tokens';
import { World } from './world';
import { SignedDownloads } from './downloads';
import { actionRoutes } from './routes/actions';
import { seedActions } from './seed/actions';

// Entry point: a loopback GitHub (GHES layout) for tests, the benchmark and
// manual runs. See README-like notes in the report; the API below is a contract.

export type { Fixtures } from './fixtures';
export type { RequestRecord } from './http/stats';
export type { HostileMode } from './http/hostile';
export type { OpenApiReport, OpenApiViolation } from './openapi/check';

/** A request as `otherOrigin` received it; `path` is the raw request target (path and query). */
export interface OtherOriginRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** What `otherOrigin` answers (default: 200 `{"received":true}`). */
export interface OtherOriginReply {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

export interface SimulatorOptions {
  tokenLifetimeSeconds?: number;
  userTokenLifetimeSeconds?: number;
  refreshTokenLifetimeSeconds?: number;
  /**
   * Check every API answer against GitHub's OpenAPI description (hostile modes and injected faults excepted);
   * close() then rejects when one was a shape GitHub would not send. Default: on when SIM_OPENAPI=1
   * (scripts/run-node-tests.mjs sets it), off otherwise (manual runs, the benchmark).
   */
  checkOpenApi?: boolean;
}

export interface Simulator {
  origin: string;
  apiUrl: string;
  clock: Clock;
  fixtures: Fixtures;
  faults: {
    secondaryRateLimit(enabled: boolean, retryAfterSeconds?: number): void;
    exhaustPrimaryRateLimit(enabled: boolean): void;
    failNext(count: number, status?: number): void;
    slowNext(count: number, delayMs: number): void;
    dropNext(count: number): void;
    reset(): void;
  };
  hostile: {
    /** Applies `mode` to the next `times` (default 1) API requests whose path (relative to /api/v3, without query) matches `path` (string = exact match, RegExp = test). Later registrations are checked first. */
    when(path: string | RegExp, mode: HostileMode, options?: { times?: number; method?: string }): void;
    /** Also called by faults.reset(). */
    reset(): void;
  };
  /** A second origin (another 127.0.0.1 port), standing in for GitHub's download/CDN hosts or an attacker's host. Records every request it receives, answers 200 {"received":true} (JSON) unless told otherwise. */
  otherOrigin: {
    url: string;
    received: OtherOriginRequest[];
    /** Clears `received` and any reply set with `respond`. */
    reset(): void;
    /** Changes what it answers from now on (undefined: back to 200 {"received":true}). */
    respond(reply: OtherOriginReply | ((request: OtherOriginRequest) => OtherOriginReply) | undefined): void;
  };
  stats: {
    requests: RequestRecord[];
    /** What the OpenAPI check saw (`enabled: false` when it is off); stats.reset() keeps it. */
    openApi: OpenApiReport;
    tokensMinted(installationId?: number): number;
    reset(): void;
  };
  secrets(): string[];
  createPersonalToken(login: string, options?: { scopes?: string[]; fineGrained?: boolean }): string;
  createAppUserToken(
    login: string,
    options?: { appId?: number; expiresInSeconds?: number; refreshTokenExpiresInSeconds?: number },
  ): { token: string; refreshToken: string; expiresAt: string; refreshTokenExpiresAt: string };
  createOAuthCode(login: string, clientId: string): string;
  /** Approves a pending device-flow code as `login`; returns false when no pending code matches. */
  approveDevice(userCode: string, login: string): boolean;
  /** Waits until every answer sent so far is checked; a readable list of the answers GitHub's OpenAPI description does not allow, or undefined (also when the check is off). close() rejects with it. */
  openApiFailure(): Promise<string | undefined>;
  close(): Promise<void>;
}

/** The routes the simulator implements (for coverage checks): API routes relative to /api/v3, web routes on the origin. */
export function routeTable(): { api: Array<{ method: string; pattern: string }>; web: Array<{ method: string; pattern: string }> } {
  const { api, web } = buildRouters();
  const strip = (r: { method: string; pattern: string }) => ({ method: r.method, pattern: r.pattern });
  return { api: api.list().map(strip), web: web.list().map(strip) };
}

function buildRouters(): { api: Router; web: Router } {
  const api = new Router();
  appRoutes(api);
  userRoutes(api);
  repoRoutes(api);
  contentRoutes(api);
  gitDataRoutes(api);
  issueRoutes(api);
  subIssueRoutes(api);
  timelineRoutes(api);
  milestoneRoutes(api);
  pullRoutes(api);
  pullUpdateRoutes(api);
  statusRoutes(api);
  checkRoutes(api);
  reviewRoutes(api);
  searchRoutes(api);
  repositoryRoutes(api);
  releaseRoutes(api);
  releaseWriteRoutes(api);
  labelWriteRoutes(api);
  notificationRoutes(api);
  orgStarRoutes(api);
  gistRoutes(api);
  teamRoutes(api);
  actionRoutes(api);
  securityRoutes(api);
  projectRoutes(api);
  const web = new Router();
  oauthRoutes(web);
  return { api, web };
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const keys = await Promise.all([generateAppKeys(), generateAppKeys()]);
  const clock = createClock();
  const world = new World();
  seedAccounts(world, keys);
  seedRepos(world);
  seedChecks(world);
  seedReleasesAndTeams(world);
  seedIssueHistory(world);
  seedActions(world);
  seedSecurity(world);
  seedDiscussions(world);
  seedNotifications(world);
  seedStars(world);
  seedGists(world);
  seedProjects(world);
  const tokens = new TokenStore(clock, {
    tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? 3600,
    userTokenLifetimeSeconds: options.userTokenLifetimeSeconds ?? 28_800,
    refreshTokenLifetimeSeconds: options.refreshTokenLifetimeSeconds ?? 15_897_600,
  });
  for (const app of world.apps.values()) [app.clientSecret, app.privateKeyPkcs1Pem, app.privateKeyPkcs8Pem].forEach((s) => tokens.remember(s));
  for (const app of world.oauthApps) tokens.remember(app.clientSecret);
  for (const account of world.accounts.values()) if (account.password) tokens.remember(account.password);
  for (const secret of seededSecrets(world)) tokens.remember(secret);

  const downloads = new SignedDownloads(clock);
  const services: Services = { world, tokens, clock, grants: new OAuthGrants(clock, tokens), limiter: new RateLimiter(clock), downloads };
  const faults = new Faults();
  const stats = new Stats(tokens);
  const other = await startOtherOrigin(stats, downloads);
  const openApi = (options.checkOpenApi ?? process.env.SIM_OPENAPI === '1') ? new OpenApiCheck() : undefined;
  if (openApi) stats.openApi = openApi.report;
  const pipeline: Pipeline = { services, ...buildRouters(), graphql: graphqlEndpoint, faults, stats, otherOriginUrl: other.url, openApi };

  const server: Server = createServer((req, res) => {
    handleRequest(pipeline, req, res).catch((error: unknown) => {
      console.error('[github-simulator] request failed:', error);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ message: 'Server Error' }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;

  const userOrThrow = (login: string) => {
    const account = world.account(login);
    if (!account || account.type !== 'User') throw new Error(`simulator: no user ${login}`);
    return account;
  };

  return {
    origin,
    apiUrl: `${origin}/api/v3`,
    clock,
    fixtures: buildFixtures(world),
    faults,
    hostile: {
      when: (path, mode, opts) => faults.hostile.when(path, mode, opts),
      reset: () => faults.hostile.reset(),
    },
    otherOrigin: other.api,
    stats,
    secrets: () => tokens.secrets(),
    createPersonalToken(login, opts = {}) {
      const user = userOrThrow(login);
      if (opts.fineGrained) return tokens.issue('fine-grained', { login: user.login, expiresAt: null }).value;
      return tokens.issue('pat', { login: user.login, scopes: opts.scopes ?? ['repo', 'read:org', 'user'], expiresAt: null }).value;
    },
    createAppUserToken(login, opts = {}) {
      const user = userOrThrow(login);
      const app = world.apps.get(opts.appId ?? 1001);
      if (!app) throw new Error(`simulator: no app ${opts.appId}`);
      const { access, refresh } = tokens.issueUserPair(user.login, app.id, app.clientId, opts.expiresInSeconds, opts.refreshTokenExpiresInSeconds);
      return { token: access.value, refreshToken: refresh.value, expiresAt: iso(access.expiresAt as number), refreshTokenExpiresAt: iso(refresh.expiresAt) };
    },
    createOAuthCode: (login, clientId) => services.grants.createCode(userOrThrow(login).login, clientId),
    approveDevice: (userCode, login) => services.grants.approve(userCode, userOrThrow(login).login),
    openApiFailure: async () => {
      await openApi?.settled();
      return openApi?.failure();
    },
    close: async () => {
      await Promise.all([closeServer(server), closeServer(other.server)]);
      await openApi?.settled();
      if (openApi && process.env.SIM_OPENAPI_REPORT === '1') {
        const r = openApi.report;
        console.error(`[github-simulator] OpenAPI check: ${r.checked} answers checked, ${r.violations.length} violations, skipped ${r.skipped.deliberate} deliberate / ${r.skipped.notJson} non-JSON, ${r.unrouted.length} unrouted (GitHub operations among them: ${[...new Set(r.unrouted.filter((u) => u.operation).map((u) => `${u.method} ${u.operation}`))].join(', ') || 'none'}), ${r.undocumented.length} undocumented; ${Math.round(r.cost.checkMs)} ms checking, of which ${Math.round(r.cost.loadMs)} ms loading the descriptions`);
      }
      const failure = openApi?.failure();
      if (failure) throw new Error(failure);
    },
  };
}

function closeServer(server: Server): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const OTHER_MAX_BODY = 10 * 1024 * 1024;

async function startOtherOrigin(stats: Stats, downloads?: SignedDownloads): Promise<{ server: Server; url: string; api: Simulator['otherOrigin'] }> {
  const received: OtherOriginRequest[] = [];
  let custom: OtherOriginReply | ((request: OtherOriginRequest) => OtherOriginReply) | undefined;
  const server = createServer((req, res) => {
    const method = (req.method ?? 'GET').toUpperCase();
    const rawUrl = req.url ?? '/';
    const record: RequestRecord = { method, path: rawUrl.split('?')[0], url: rawUrl, origin: 'other', status: 0, auth: classifyAuth(req.headers.authorization) };
    stats.requests.push(record);
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= OTHER_MAX_BODY) chunks.push(chunk);
    });
    req.on('error', () => undefined);
    req.on('end', () => {
      const request: OtherOriginRequest = { method, path: rawUrl, headers: { ...req.headers }, body: Buffer.concat(chunks).toString('utf8') };
      received.push(request);
      let reply: OtherOriginReply = { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body: '{"received":true}' };
      const signed = downloads?.serve(method, rawUrl, req.headers.authorization);
      try {
        if (signed) reply = signed;
        else if (custom) reply = typeof custom === 'function' ? custom(request) : custom;
      } catch (error) {
        reply = { status: 500, body: String(error) };
      }
      record.status = reply.status;
      const body = reply.body ?? '';
      res.writeHead(reply.status, { ...(reply.headers ?? {}), 'content-length': String(Buffer.byteLength(body)) });
      res.end(body);
    });
  });
  const url = await listen(server);
  if (downloads) downloads.origin = url;
  return {
    server,
    url,
    api: {
      url,
      received,
      reset() {
        received.length = 0;
        custom = undefined;
      },
      respond(reply) {
        custom = reply;
      },
    },
  };
}
