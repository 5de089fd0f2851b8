import type { Logger } from '../../core/logger';
import type { Disposable } from '../util/emitter';
import type { AppUserCredential, AppUserTokens, CredentialStore } from './credentialStore';

/** Refreshes with the stored refresh token; calls `persist` with the rotated pair before returning. */
export type RefreshAppUserToken = (credential: AppUserCredential, persist: (tokens: AppUserTokens) => Promise<void>) => Promise<AppUserTokens>;

export interface RefresherTimers {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** In [0, 1): spreads the timers of several windows sharing one refresh token. */
  random(): number;
}

const MAX_TIMER_MS = 2 ** 31 - 1;
const JITTER_MS = 30_000;

/** The refresh token is dead (rejected, expired or missing): only a new sign-in helps. */
export function isPermanentRefreshFailure(error: unknown): boolean {
  return /bad_refresh_token|rejected as incorrect or expired|refresh token expired|no refresh token/i.test(String((error as Error)?.message));
}

/**
 * Keeps the App-user token alive: refreshes it `marginMs` before it expires and stores the
 * rotated refresh token at once (GitHub invalidates the old one on use, so losing it would
 * mean signing in again). The store change then gives the server a new definition version.
 * The extension is the only refresher: the server never receives the refresh token.
 * Several windows share the stored pair; each re-reads it before refreshing, so a rotation
 * done by another window is used rather than repeated.
 */
export class AppUserRefresher {
  #timer: unknown;
  #ticket = 0;
  #inFlight: Promise<AppUserCredential | undefined> | undefined;
  /** The refresh token GitHub refused, and why: no more tries with it. */
  #dead: { refreshToken: string; error: unknown } | undefined;
  #disposed = false;
  readonly #subscription: Disposable;

  constructor(
    private readonly credentials: CredentialStore,
    private readonly refreshToken: RefreshAppUserToken,
    private readonly log: Logger,
    /** Told once per dead refresh token, to offer a new sign-in. */
    private readonly onPermanentFailure: (message: string) => void = () => {},
    private readonly timers: RefresherTimers = {
      now: Date.now,
      setTimeout: (cb, ms) => setTimeout(cb, ms),
      clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
      random: Math.random,
    },
    private readonly marginMs = 5 * 60_000,
    /** The earliest a timer fires, so activation itself never triggers a refresh. */
    private readonly minDelayMs = 30_000,
  ) {
    // Sign-in, sign-out, and rotations (also by another window) move the timer.
    this.#subscription = credentials.onDidChange((kind) => {
      if (kind === 'appUser') void this.schedule().catch((error: unknown) => this.log.warn(`cannot schedule the App user refresh: ${(error as Error).message}`));
    });
  }

  /** (Re)arms the one timer from the stored expiry. Local reads only. */
  async schedule(): Promise<number | undefined> {
    const ticket = ++this.#ticket;
    const credential = await this.credentials.appUser();
    // A later call superseded this one while it read: that call sets the timer.
    if (ticket !== this.#ticket || this.#disposed) return undefined;
    this.#clear();
    if (!credential?.expiresAt || !credential.refreshToken || credential.refreshToken === this.#dead?.refreshToken) return undefined;
    const due = Date.parse(credential.expiresAt) - this.marginMs - this.timers.now();
    const delay = Math.min(Math.max(due, this.minDelayMs) + Math.floor(this.timers.random() * JITTER_MS), MAX_TIMER_MS);
    this.#timer = this.timers.setTimeout(() => void this.#onTimer(), delay);
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

  async #onTimer(): Promise<void> {
    this.#timer = undefined;
    try {
      await this.ensureFresh();
    } catch {
      // Logged by #refresh; a permanent failure is not retried.
    }
    await this.schedule().catch(() => undefined);
  }

  async #refresh(): Promise<AppUserCredential | undefined> {
    const credential = await this.credentials.appUser();
    if (!credential?.refreshToken) return credential;
    if (credential.refreshToken === this.#dead?.refreshToken) throw this.#dead.error;
    try {
      await this.refreshToken(credential, (tokens) => this.credentials.rotateAppUserTokens(tokens));
      this.log.info(`App user token refreshed${credential.login ? ` for ${credential.login}` : ''}`);
    } catch (error) {
      // Another window may have rotated the pair first, which makes ours stale: use theirs.
      const now = await this.credentials.appUser();
      if (now?.refreshToken && now.refreshToken !== credential.refreshToken) return now;
      const message = `App user token refresh failed: ${(error as Error).message}`;
      this.log.warn(message);
      if (isPermanentRefreshFailure(error)) {
        this.#dead = { refreshToken: credential.refreshToken, error };
        this.onPermanentFailure(message);
      }
      throw error;
    }
    return this.credentials.appUser();
  }

  #clear(): void {
    if (this.#timer !== undefined) this.timers.clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  dispose(): void {
    this.#disposed = true;
    this.#subscription.dispose();
    this.#clear();
  }
}
