import { inspect } from 'node:util';
import { registerSecret } from './redact';

/**
 * A credential that cannot be printed by accident: string conversion, JSON and
 * util.inspect all say "[redacted]". Only `reveal()` hands out the value.
 */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
    registerSecret(value);
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
