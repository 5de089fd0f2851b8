import { Octokit } from '@octokit/rest';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import Bottleneck from 'bottleneck/light';
import type { CoreConfig } from '../config';
import type { Logger } from '../logger';
import type { AuthStrategy, RequestTarget } from '../auth/types';
import type { Transport } from './transport';

export const GitHubOctokit = Octokit.plugin(throttling, retry);
export type GitHubOctokit = InstanceType<typeof GitHubOctokit>;

/** What every Octokit of one server shares: settings, connections, pacing and logging. */
export interface ClientRuntime {
  config: CoreConfig;
  transport: Transport;
  log: Logger;
  limiters: { global: Bottleneck.Group; write: Bottleneck.Group; search: Bottleneck.Group };
}

/** Waiting longer than this inside a tool call would look like a hang; the caller gets the reset time instead. */
const MAX_RATE_LIMIT_WAIT_SECONDS = 10;

/**
 * PyGithub's seconds_between_requests and seconds_between_writes, expressed as the
 * throttling plugin's Bottleneck groups (its defaults pace writes at 1 s and searches at 2 s).
 */
export function createLimiters(config: CoreConfig): ClientRuntime['limiters'] {
  const requests = config.secondsBetweenRequests * 1000;
  return {
    global: new Bottleneck.Group({ maxConcurrent: config.poolSize, minTime: requests }),
    write: new Bottleneck.Group({ maxConcurrent: 1, minTime: Math.max(requests, config.secondsBetweenWrites * 1000) }),
    search: new Bottleneck.Group({ maxConcurrent: 1, minTime: requests }),
  };
}

// Routes that take the App JWT rather than an installation token (after @octokit/auth-app's list).
const APP_LEVEL = /^\/(?:app(?:\/.*)?|marketplace_listing\/.*|orgs\/[^/]+\/installation|repos\/[^/]+\/[^/]+\/installation|users\/[^/]+\/installation)$/;

export function isAppLevelPath(path: string): boolean {
  return APP_LEVEL.test(path.split('?')[0]);
}

export function createOctokit(runtime: ClientRuntime, auth: AuthStrategy, target: Omit<RequestTarget, 'appLevel'> = {}): GitHubOctokit {
  const { config, log } = runtime;
  const rateLimitHandler = (kind: string) => (retryAfter: number, options: { method?: string; url?: string }, _octokit: unknown, retryCount: number) => {
    log.warn(`${kind} rate limit on ${options.method} ${options.url}; retry after ${retryAfter} s`);
    return retryCount < 1 && retryAfter <= MAX_RATE_LIMIT_WAIT_SECONDS;
  };
  return new GitHubOctokit({
    baseUrl: config.apiUrl,
    userAgent: config.userAgent,
    request: { fetch: runtime.transport.fetch },
    authStrategy: () => createAuthHook(auth, target, config.apiUrl),
    // Octokit's request log reports every failed request as an error; the tool result already says it.
    log: { debug: () => {}, info: () => {}, warn: (m: string) => log.warn(m), error: (m: string) => log.debug(m) },
    retry: { retries: config.retries },
    throttle: {
      id: 'pygithub-mcp',
      global: runtime.limiters.global,
      write: runtime.limiters.write,
      search: runtime.limiters.search,
      onRateLimit: rateLimitHandler('Primary'),
      onSecondaryRateLimit: rateLimitHandler('Secondary'),
      // The plugin accepts its Bottleneck groups as options but does not type them.
    } as ConstructorParameters<typeof GitHubOctokit>[0] extends { throttle?: infer T } ? T : never,
  });
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
    const send = async () => {
      const header = await auth.authorization(requestTarget);
      if (header) endpoint.headers.authorization = header;
      else delete endpoint.headers.authorization;
      return request(endpoint);
    };
    try {
      return await send();
    } catch (error) {
      if ((error as { status?: number }).status === 401 && (await auth.invalidate(requestTarget))) return send();
      throw error;
    }
  };
  return Object.assign(async () => auth.facts(), { hook });
}
