import type { CheckRecord } from '../views/accountSummary';
import { Emitter } from '../util/emitter';
import type { IdentityKey } from '../mcp/identity';

/** The last "Check Authentication" result of each identity, for the Accounts rows (memory only). */
export class AuthChecks {
  readonly #results = new Map<IdentityKey, CheckRecord>();
  readonly #changed = new Emitter<void>();
  readonly onDidChange = this.#changed.event;

  get(key: IdentityKey): CheckRecord | undefined {
    return this.#results.get(key);
  }

  record(key: IdentityKey, result: Omit<CheckRecord, 'at'>): void {
    this.#results.set(key, { ...result, at: Date.now() });
    this.#changed.fire();
  }

  /** Credentials changed: an old check would speak for a token that is gone. */
  clear(): void {
    if (this.#results.size === 0) return;
    this.#results.clear();
    this.#changed.fire();
  }

  dispose(): void {
    this.#changed.dispose();
  }
}
