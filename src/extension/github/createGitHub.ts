import { parseCoreConfig } from '../../core/config';
import { GitHub, type GitHubOptions } from '../../core/github';
import type { Logger } from '../../core/logger';
import { coreEnvironment, type ServerEnv } from '../mcp/envContract';

/**
 * The extension's own GitHub calls use the very environment it hands the server, parsed
 * by the core's schema: one contract, and a key that the server would reject is
 * rejected here first, with the same message.
 */
export function createGitHub(env: ServerEnv, log: Logger, options: Omit<GitHubOptions, 'log'> = {}): GitHub {
  return new GitHub(parseCoreConfig(coreEnvironment(env)), { ...options, log });
}

/** Runs `work` with a short-lived client and always closes its connection pool. */
export async function withGitHub<T>(env: ServerEnv, log: Logger, work: (github: GitHub) => Promise<T>, options: Omit<GitHubOptions, 'log'> = {}): Promise<T> {
  const github = createGitHub(env, log, options);
  try {
    return await work(github);
  } finally {
    await github.close().catch(() => undefined);
  }
}
