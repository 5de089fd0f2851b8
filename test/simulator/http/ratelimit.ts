import type { Clock } from '../clock';
import type { Principal } from './context';

// Per-identity rate-limit windows, driven by the sim clock. The simulator
// reports GitHub's headers faithfully but only refuses requests when a test
// asks for it (faults.exhaustPrimaryRateLimit): a silently exhausted window
// would make unrelated tests flaky, so a full window simply starts over.

export type Resource = 'core' | 'search' | 'graphql';

export interface Window {
  limit: number;
  used: number;
  resetMs: number;
}

const WINDOW_MS: Record<Resource, number> = { core: 3_600_000, search: 60_000, graphql: 3_600_000 };

export interface RateInfo {
  limit: number;
  remaining: number;
  reset: number;
  used: number;
  resource: Resource;
}

export class RateLimiter {
  private readonly windows = new Map<string, Window>();
  exhausted = false;

  constructor(private readonly clock: Clock) {}

  private window(key: string, resource: Resource, limit: number): Window {
    const id = `${resource}:${key}`;
    const now = this.clock.now();
    let w = this.windows.get(id);
    if (!w || w.resetMs <= now || w.used >= limit) {
      w = { limit, used: 0, resetMs: now + WINDOW_MS[resource] };
      this.windows.set(id, w);
    }
    return w;
  }

  private info(w: Window, resource: Resource): RateInfo {
    const remaining = this.exhausted ? 0 : Math.max(0, w.limit - w.used);
    const used = this.exhausted ? w.limit : w.used;
    return { limit: w.limit, remaining, reset: Math.ceil(w.resetMs / 1000), used, resource };
  }

  peek(key: string, resource: Resource, limit: number): RateInfo {
    return this.info(this.window(key, resource, limit), resource);
  }

  consume(key: string, resource: Resource, limit: number): RateInfo {
    const w = this.window(key, resource, limit);
    w.used++;
    return this.info(w, resource);
  }

  reset(): void {
    this.windows.clear();
    this.exhausted = false;
  }
}

/** GitHub meters users across all their tokens, installations and apps separately, anonymous callers per IP. */
export function rateIdentity(principal: Principal, ip: string): { key: string; core: number; search: number } {
  if (principal.kind === 'user') return { key: `user:${principal.user.id}`, core: 5000, search: 30 };
  if (principal.kind === 'installation') return { key: `installation:${principal.installation.id}`, core: 5000, search: 30 };
  if (principal.kind === 'jwt') return { key: `app:${principal.app.id}`, core: 5000, search: 30 };
  return { key: `ip:${ip}`, core: 60, search: 10 };
}
