/**
 * GitHub's clock as seen from here. Token expiries and JWT claims are in GitHub's time,
 * so we learn the offset from response `Date` headers (as octokit's auth-app does for
 * JWT skew) and use it everywhere a credential's lifetime is judged.
 */
export class GitHubClock {
  #offsetMs = 0;

  constructor(private readonly localNow: () => number = Date.now) {}

  now(): number {
    return this.localNow() + this.#offsetMs;
  }

  nowSeconds(): number {
    return Math.floor(this.now() / 1000);
  }

  /** Feed a response's Date header. Differences under 2 s are header rounding, not skew. */
  observe(dateHeader: string | null | undefined): void {
    if (!dateHeader) return;
    const serverTime = Date.parse(dateHeader);
    if (Number.isNaN(serverTime)) return;
    const offset = serverTime - this.localNow();
    if (Math.abs(offset - this.#offsetMs) >= 2000) this.#offsetMs = offset;
  }

  get offsetMs(): number {
    return this.#offsetMs;
  }
}
