import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { SetLevelRequestSchema, type LoggingLevel } from '@modelcontextprotocol/sdk/types.js';
import type { Logger } from '../core/logger';
import { redact } from '../core/redact';

const SEVERITY: readonly LoggingLevel[] = ['debug', 'info', 'notice', 'warning', 'error', 'critical', 'alert', 'emergency'];
const AS_MCP = { debug: 'debug', info: 'info', warn: 'warning', error: 'error' } as const satisfies Record<keyof Logger, LoggingLevel>;
const MAX_LINE = 4_000;

/**
 * The MCP side of the server's log: once the client has sent logging/setLevel, every line at
 * or above that level also goes to it as notifications/message, redacted like stderr's. Before
 * that nothing is sent (stderr has it all, and clients show stderr). A failed send is dropped,
 * never logged, so logging cannot feed on itself.
 */
export class ClientLog implements Logger {
  #server: Server | undefined;
  #level: LoggingLevel | undefined;

  readonly debug = (message: string) => this.#send('debug', message);
  readonly info = (message: string) => this.#send('info', message);
  readonly warn = (message: string) => this.#send('warn', message);
  readonly error = (message: string) => this.#send('error', message);

  /** Takes over logging/setLevel from the SDK's handler, whose default is to send everything. */
  attach(server: Server): void {
    this.#server = server;
    server.setRequestHandler(SetLevelRequestSchema, (request) => {
      this.#level = request.params.level;
      return {};
    });
  }

  #send(level: keyof Logger, message: string): void {
    const server = this.#server;
    const wanted = this.#level;
    if (!server || wanted === undefined || SEVERITY.indexOf(AS_MCP[level]) < SEVERITY.indexOf(wanted)) return;
    const text = redact(message);
    const data = text.length > MAX_LINE ? `${text.slice(0, MAX_LINE)}… [${text.length - MAX_LINE} characters cut]` : text;
    server.notification({ method: 'notifications/message', params: { level: AS_MCP[level], logger: 'pygithub-mcp-server', data } }).catch(() => {});
  }
}

/** Each line to both loggers; each filters by its own level (stderr: GITHUB_LOG_LEVEL; the client: setLevel). */
export function teeLogger(first: Logger, second: Logger): Logger {
  return {
    debug: (message) => (first.debug(message), second.debug(message)),
    info: (message) => (first.info(message), second.info(message)),
    warn: (message) => (first.warn(message), second.warn(message)),
    error: (message) => (first.error(message), second.error(message)),
  };
}
