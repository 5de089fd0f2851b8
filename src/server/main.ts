import { ConfigError } from '../core/config';
import type { GitHub } from '../core/github';
import { createLogger } from '../core/logger';
import { redact } from '../core/redact';
import { loadServerConfig } from './config';
import { ClientLog, teeLogger } from './logging';
import { createServer } from './server';
import { toolNameProblems } from './tools/registry';
import { StdioTransport } from './stdio';
import { verifyCredentials } from './verify';

// stdout is the MCP channel: anything a library prints goes to stderr instead, redacted like our own logs.
console.log = console.info = console.debug = console.warn = console.error = (...args: unknown[]) =>
  process.stderr.write(`${redact(args.map(String).join(' '))}\n`);

async function main(): Promise<void> {
  let config;
  try {
    config = loadServerConfig(process.env, process.argv.slice(2));
    const problems = toolNameProblems(config);
    if (problems.length > 0) throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`);
  } catch (error) {
    process.stderr.write(`${redact(error instanceof ConfigError ? error.message : String(error))}\n`);
    process.exit(2);
  }
  // Every line to stderr (GITHUB_LOG_LEVEL) and, once the client sets a level, to the client as notifications/message.
  const clientLog = new ClientLog();
  const log = teeLogger(createLogger((line) => process.stderr.write(`${line}\n`), config.logLevel, 'server'), clientLog);
  // The GitHub client (Octokit, auth strategies) is loaded and built at the first tool call:
  // PyGithub's lazy, and 15 ms off every start. esbuild defers a dynamically imported module's
  // initialisation, which is only safe while nothing under src/core/github.ts value-imports a
  // module that startup also runs (config.ts's zod schemas once were; the server suite catches it).
  let github: Promise<GitHub> | undefined;
  // GitHub rotates the refresh token at each refresh, and this process has nowhere to keep the new one.
  const onAppUserRefresh = () =>
    log.warn('refreshed the App user token; GitHub rotated the refresh token, so the one in GITHUB_APP_USER_REFRESH_TOKEN is spent and a restart needs fresh tokens');
  const loadGitHub = () => (github ??= import('../core/github').then(({ GitHub }) => new GitHub(config.core, { log, onAppUserRefresh })));
  if (!config.core.lazy) await verifyCredentials(await loadGitHub(), log);

  const server = createServer({ github: loadGitHub, config, log, clientLog });
  const transport = new StdioTransport();
  transport.onerror = (error) => log.warn(error.message);
  let closing = false;
  const shutdown = async (reason: string) => {
    if (closing) return;
    closing = true;
    log.info(`shutting down (${reason})`);
    await server.close().catch(() => {});
    await (await github)?.close().catch(() => {});
    process.exit(0);
  };
  process.stdin.on('end', () => void shutdown('stdin closed'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  await server.connect(transport);
  log.info(`ready: ${config.core.auth.method} auth, toolsets ${config.toolsets.join(',')}${config.readOnly ? ', read-only' : ''}, ${config.core.apiUrl}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`fatal: ${redact(error instanceof Error ? error.message : String(error))}\n`);
  process.exit(1);
});
