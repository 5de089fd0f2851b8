import { Octokit } from '@octokit/rest';
import type { GitHubClock } from '../clock';
import type { CoreConfig } from '../config';
import type { Logger } from '../logger';
import type { AuthStrategy, RequestTarget } from '../auth/types';
import { currentScope, ensureActive, outsideCallScope, withinCallScope } from './callScope';
import { installResilience, type Pacer } from './resilience';
import type { Transport } from './transport';

export type GitHubOctokit = Octokit;

/** What every Octokit of one identity shares: settings, connections, pacing and logging. */
export interface ClientRuntime {
  config: CoreConfig;
  transport: Transport;
  log: Logger;
  pacer: Pacer;
  clock: GitHubClock;
}

// Routes that take the App JWT rather than an installation token (after @octokit/auth-app's list).
const APP_LEVEL = /^\/(?:app(?:\/.*)?|marketplace_listing\/.*|orgs\/[^/]+\/installation|repos\/[^/]+\/[^/]+\/installation|users\/[^/]+\/installation)$/;

export function isAppLevelPath(path: string): boolean {
  return APP_LEVEL.test(path.split('?')[0]);
}

export function createOctokit(runtime: ClientRuntime, auth: AuthStrategy, target: Omit<RequestTarget, 'appLevel'> = {}): GitHubOctokit {
  const { config, log } = runtime;
  const octokit = new Octokit({
    baseUrl: config.apiUrl,
    userAgent: config.userAgent,
    request: { fetch: runtime.transport.fetch },
    authStrategy: () => createAuthHook(auth, target, config.apiUrl),
    // Octokit's request log reports every failed request as an error; the tool result already says it.
    log: { debug: () => {}, info: () => {}, warn: (m: string) => log.warn(m), error: (m: string) => log.debug(m) },
  });
  installResilience(octokit.hook as never, { pacer: runtime.pacer, retries: config.retries, log, clock: runtime.clock });
  return octokit;
}

type RequestFn = ((options: Record<string, unknown>) => Promise<unknown>) & {
  endpoint: { merge(route: unknown, parameters?: unknown): { url: string; headers: Record<string, string | undefined> } & Record<string, unknown> };
};

/** An Octokit auth strategy: picks the credential per request and retries once after a 401 the strategy can fix. */
function createAuthHook(auth: AuthStrategy, target: Omit<RequestTarget, 'appLevel'>, baseUrl: string) {
  const hook = async (request: RequestFn, route: unknown, parameters?: unknown) => {
    const endpoint = request.endpoint.merge(route, parameters);
    // Routes arrive as templates ("/repos/{owner}/{repo}"); full URLs only when a caller passed one.
    const path = endpoint.url.startsWith(baseUrl) ? endpoint.url.slice(baseUrl.length) : endpoint.url.startsWith('/') ? endpoint.url : new URL(endpoint.url).pathname;
    const requestTarget = { ...target, appLevel: isAppLevelPath(path) };
    // A credential is only ever sent to the configured API host, whatever URL a caller passes.
    const ownHost = !/^https?:\/\//i.test(endpoint.url) || new URL(endpoint.url).origin === new URL(baseUrl).origin;
    let header: string | undefined;
    const send = async () => {
      // Minting and refreshing are shared by concurrent calls: one call's end stops its wait, not the work.
      header = ownHost ? await withinCallScope(outsideCallScope(() => auth.authorization(requestTarget))) : undefined;
      // No credential leaves the request as it came: auth-app and auth-oauth-user set their own headers.
      if (header) endpoint.headers.authorization = header;
      return request(endpoint);
    };
    try {
      return await send();
    } catch (error) {
      const rejected = header;
      if ((error as { status?: number }).status !== 401 || !rejected || currentScope()?.signal.aborted) throw error;
      if (!(await withinCallScope(outsideCallScope(() => auth.invalidate(requestTarget, rejected))))) throw error;
      // A cancel or the deadline during the refresh: the request is not sent again.
      ensureActive(currentScope());
      return send();
    }
  };
  return Object.assign(async () => auth.facts(), { hook });
}
