import type { Logger } from '../../core/logger';
import { Emitter } from '../util/emitter';

/** GitHub's core rate limit for one identity, from GET /rate_limit (which costs nothing). */
export interface RateLimit {
  label: string;
  limit: number;
  remaining: number;
  /** Epoch seconds at which the window resets. */
  reset: number;
}

/** Fresh enough for the status bar; also the cadence while a server runs. */
export const RATE_LIMIT_MAX_AGE_MS = 5 * 60_000;

/**
 * The rate limits the status bar shows: fetched only when asked (a server started, the
 * status menu opened, the refresh command) and then kept; never on activation, and nobody
 * waits for them. One fetch at a time; a failing identity is left out, not the rest.
 */
export class RateLimits {
  #limits: RateLimit[] = [];
  #fetchedAt = 0;
  #inFlight: Promise<void> | undefined;
  #timer: ReturnType<typeof setInterval> | undefined;
  readonly #changed = new Emitter<void>();
  readonly onDidChange = this.#changed.event;

  constructor(
    private readonly fetchAll: () => Promise<Array<RateLimit | undefined>>,
    private readonly log: Logger,
    private readonly maxAgeMs = RATE_LIMIT_MAX_AGE_MS,
  ) {}

  get fetchedAt(): number {
    return this.#fetchedAt;
  }

  all(): readonly RateLimit[] {
    return this.#limits;
  }

  /** The identity closest to its limit (lowest remaining share). */
  lowest(): RateLimit | undefined {
    return [...this.#limits].sort((a, b) => a.remaining / Math.max(a.limit, 1) - b.remaining / Math.max(b.limit, 1) || a.remaining - b.remaining)[0];
  }

  refresh(): Promise<void> {
    this.#inFlight ??= this.fetchAll()
      .then((limits) => {
        this.#limits = limits.filter((limit): limit is RateLimit => limit !== undefined);
        this.#fetchedAt = Date.now();
        this.#changed.fire();
      })
      .catch((error: unknown) => this.log.warn(`cannot read the rate limits: ${(error as Error).message}`))
      .finally(() => (this.#inFlight = undefined));
    return this.#inFlight;
  }

  /** Fetches in the background if the cached values are older than the cadence. */
  refreshIfStale(): void {
    if (Date.now() - this.#fetchedAt >= this.maxAgeMs) void this.refresh();
  }

  /** Keeps them fresh while `active` (a server runs), and stops polling when it is not. */
  follow(active: boolean): void {
    if (active && !this.#timer) {
      this.refreshIfStale();
      this.#timer = setInterval(() => this.refreshIfStale(), this.maxAgeMs);
    } else if (!active && this.#timer) {
      clearInterval(this.#timer);
      this.#timer = undefined;
    }
  }

  dispose(): void {
    this.follow(false);
    this.#changed.dispose();
  }
}
