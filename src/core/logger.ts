import { redact } from './redact';

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'off';
const ORDER: LogLevel[] = ['debug', 'info', 'warn', 'error', 'off'];

/** A logger that redacts every line before it reaches `write` (stderr for the server). */
export function createLogger(write: (line: string) => void, level: LogLevel = 'info', component = 'core'): Logger {
  const at = (lineLevel: LogLevel) => (message: string) => {
    if (ORDER.indexOf(lineLevel) >= ORDER.indexOf(level)) write(`[${lineLevel}] [${component}] ${redact(message)}`);
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
