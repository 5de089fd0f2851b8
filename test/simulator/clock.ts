// The simulated GitHub clock. It follows real time plus an offset so that
// ordinary waits behave normally, while tests can jump forward (token expiry)
// or backward (client/server clock skew) with advance().
export interface Clock {
  now(): number;
  advance(ms: number): void;
}

export function createClock(): Clock {
  let offset = 0;
  return {
    now: () => Date.now() + offset,
    advance(ms: number) {
      if (!Number.isFinite(ms)) throw new TypeError('clock.advance needs a finite number of milliseconds');
      offset += ms;
    },
  };
}

/** GitHub timestamps have second precision and a literal Z. */
export function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
