import { readFileSync } from 'node:fs';
import { Agent, fetch as undiciFetch } from 'undici';
import type { GitHubClock } from '../clock';
import type { CoreConfig } from '../config';
import { ConfigError } from '../config';

export interface Transport {
  fetch: typeof globalThis.fetch;
  close(): Promise<void>;
}

/**
 * The HTTP layer under Octokit: undici with a bounded connection pool (pool_size), TLS
 * verification or a custom CA bundle (verify), a per-request timeout, and every response's
 * Date header fed to GitHub's clock. Node's global fetch cannot take a dispatcher of a
 * different undici version, so undici's own fetch is used with its own Agent.
 */
export function createTransport(config: CoreConfig, clock: GitHubClock): Transport {
  let ca: string | undefined;
  if (typeof config.verify === 'string') {
    try {
      ca = readFileSync(config.verify, 'utf8');
    } catch {
      throw new ConfigError(`Invalid configuration:\n  - GITHUB_VERIFY: cannot read CA bundle ${config.verify}`);
    }
  }
  const agent = new Agent({
    connections: config.poolSize,
    connect: { rejectUnauthorized: config.verify !== false, ...(ca ? { ca } : {}) },
  });

  const fetch = (async (input: Parameters<typeof globalThis.fetch>[0], init?: RequestInit) => {
    const timeout = AbortSignal.timeout(config.timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    const response = await undiciFetch(input as string, { ...(init as object), signal, dispatcher: agent } as never);
    clock.observe(response.headers.get('date'));
    return response;
  }) as unknown as typeof globalThis.fetch;

  return { fetch, close: () => agent.close() };
}
