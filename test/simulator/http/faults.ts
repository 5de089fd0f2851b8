import { Hostile } from './hostile';

// Failure injection for API requests. Counters are consumed in a fixed order
// per request: drop, then slow, then fail, then hostile modes (a request taken
// by an earlier fault does not use up a hostile registration); the rate-limit
// switches stay on until turned off.

export class Faults {
  readonly hostile = new Hostile();
  secondary: { enabled: boolean; retryAfterSeconds: number } = { enabled: false, retryAfterSeconds: 60 };
  primaryExhausted = false;
  private fail = { count: 0, status: 502 };
  private slow = { count: 0, delayMs: 0 };
  private drop = 0;

  secondaryRateLimit(enabled: boolean, retryAfterSeconds = 60): void {
    this.secondary = { enabled, retryAfterSeconds };
  }

  exhaustPrimaryRateLimit(enabled: boolean): void {
    this.primaryExhausted = enabled;
  }

  failNext(count: number, status = 502): void {
    if (status < 500 || status > 599) throw new RangeError('failNext expects a 5xx status');
    this.fail = { count, status };
  }

  slowNext(count: number, delayMs: number): void {
    this.slow = { count, delayMs };
  }

  dropNext(count: number): void {
    this.drop = count;
  }

  reset(): void {
    this.secondary = { enabled: false, retryAfterSeconds: 60 };
    this.primaryExhausted = false;
    this.fail = { count: 0, status: 502 };
    this.slow = { count: 0, delayMs: 0 };
    this.drop = 0;
    this.hostile.reset();
  }

  takeDrop(): boolean {
    if (this.drop <= 0) return false;
    this.drop--;
    return true;
  }

  takeFailure(): number | undefined {
    if (this.fail.count <= 0) return undefined;
    this.fail.count--;
    return this.fail.status;
  }

  takeDelay(): number {
    if (this.slow.count <= 0) return 0;
    this.slow.count--;
    return this.slow.delayMs;
  }
}

const SERVER_ERROR_MESSAGES: Record<number, string> = {
  500: 'Server Error',
  502: 'Server Error',
  503: 'Service Unavailable',
  504: "We couldn't respond to your request in time. Sorry about that. Please try resubmitting your request and contact us if the problem persists.",
};

export function serverErrorMessage(status: number): string {
  return SERVER_ERROR_MESSAGES[status] ?? 'Server Error';
}
