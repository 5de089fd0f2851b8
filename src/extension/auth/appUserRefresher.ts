import type { Logger } from '../../core/logger';
import type { AppUserCredential, AppUserTokens, CredentialStore } from './credentialStore';

/** Refreshes with the stored refresh token; calls `persist` with the rotated pair before returning. */
export type RefreshAppUserToken = (credential: AppUserCredential, persist: (tokens: AppUserTokens) => Promise<void>) => Promise<AppUserTokens>;

export interface RefresherTimers {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Keeps the App-user token alive: refreshes it `marginMs` before it expires and stores the
 * rotated refresh token at once (GitHub invalidates the old one on use, so losing it would
 * mean signing in again). The store change then gives the server a new definition version.
 * The extension is the only refresher: the server never receives the refresh token.
 */
export class AppUserRefresher {
  #timer: unknown;
  #inFlight: Promise<AppUserCredential | undefined> | undefined;
  #disposed = false;

  constructor(
    private readonly credentials: CredentialStore,
    private readonly refreshToken: RefreshAppUserToken,
    private readonly log: Logger,
    private readonly timers: RefresherTimers = { now: Date.now, setTimeout: (cb, ms) => setTimeout(cb, ms), clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) },
    private readonly marginMs = 5 * 60_000,
    /** The earliest a timer fires, so activation itself never triggers a refresh. */
    private readonly minDelayMs = 30_000,
  ) {}

  /** (Re)arms the timer from the stored expiry. Local reads only. */
  async schedule(): Promise<number | undefined> {
    this.#clear();
    const credential = await this.credentials.appUser();
    if (this.#disposed || !credential?.expiresAt || !credential.refreshToken) return undefined;
    const due = Date.parse(credential.expiresAt) - this.marginMs - this.timers.now();
    const delay = Math.min(Math.max(due, this.minDelayMs), MAX_TIMER_MS);
    this.#timer = this.timers.setTimeout(() => void this.refreshNow().catch(() => undefined), delay);
    return delay;
  }

  /** Refreshes now when the token is within the margin of expiring; otherwise returns it as is. */
  async ensureFresh(): Promise<AppUserCredential | undefined> {
    const credential = await this.credentials.appUser();
    if (!credential?.expiresAt || !credential.refreshToken) return credential;
    if (Date.parse(credential.expiresAt) - this.timers.now() > this.marginMs) return credential;
    return this.refreshNow();
  }

  refreshNow(): Promise<AppUserCredential | undefined> {
    this.#inFlight ??= this.#refresh().finally(() => (this.#inFlight = undefined));
    return this.#inFlight;
  }

  async #refresh(): Promise<AppUserCredential | undefined> {
    const credential = await this.credentials.appUser();
    if (!credential?.refreshToken) return credential;
    try {
      await this.refreshToken(credential, (tokens) => this.credentials.rotateAppUserTokens(tokens));
      this.log.info(`App user token refreshed${credential.login ? ` for ${credential.login}` : ''}`);
    } catch (error) {
      this.log.warn(`App user token refresh failed: ${(error as Error).message}`);
      throw error;
    } finally {
      if (!this.#disposed) await this.schedule();
    }
    return this.credentials.appUser();
  }

  #clear(): void {
    if (this.#timer !== undefined) this.timers.clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  dispose(): void {
    this.#disposed = true;
    this.#clear();
  }
}
