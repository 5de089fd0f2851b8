import type { Logger } from '../core/logger';
import { redact } from '../core/redact';

/** What the extension writes to: a vscode.LogOutputChannel has exactly these methods. */
export interface LogSink {
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  show?(preserveFocus?: boolean): void;
}

/**
 * One log for the whole extension. Each component gets a core Logger whose lines are
 * tagged `[component]` and redacted, so a token echoed in an error never reaches the
 * output channel. The last lines are kept in memory for "Check authentication" and tests.
 */
export class ExtensionLog {
  readonly #recent: string[] = [];
  /** Lines written so far, including those no longer kept: a position that survives trimming. */
  #written = 0;

  constructor(private readonly sink: LogSink, private readonly keep = 200) {}

  component(name: string): Logger {
    const line = (level: 'debug' | 'info' | 'warn' | 'error') => (message: string) => {
      const text = `[${name}] ${redact(message)}`;
      this.#recent.push(`${level} ${text}`);
      this.#written++;
      if (this.#recent.length > this.keep) this.#recent.shift();
      this.sink[level](text);
    };
    return { debug: line('debug'), info: line('info'), warn: line('warn'), error: line('error') };
  }

  show(): void {
    this.sink.show?.(true);
  }

  recent(): readonly string[] {
    return [...this.#recent];
  }

  /** How many lines were written so far; pass it to since() later. */
  mark(): number {
    return this.#written;
  }

  /** The kept lines written after `mark`. */
  since(mark: number): readonly string[] {
    return this.#recent.slice(Math.max(0, this.#recent.length - (this.#written - mark)));
  }
}
