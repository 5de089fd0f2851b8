import { inspect } from 'node:util';
import { registerSecret } from './redact';

/**
 * A credential that cannot be printed by accident: string conversion, JSON and
 * util.inspect all say "[redacted]". Only `reveal()` hands out the value.
 */
export class Secret {
  readonly #value: string;

  /** `shortLived` for tokens minted at run time, which the redactor may forget after many more. */
  constructor(value: string, options: { shortLived?: boolean } = {}) {
    this.#value = value;
    registerSecret(value, options.shortLived);
  }

  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return '[redacted]';
  }

  toJSON(): string {
    return '[redacted]';
  }

  [inspect.custom](): string {
    return 'Secret([redacted])';
  }
}
