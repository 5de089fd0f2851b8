import type { AuthKind } from './context';
import type { TokenStore } from '../tokens';

export interface RequestRecord {
  method: string;
  /** API path relative to /api/v3 (e.g. "/repos/octocat/hello-world"), or the web path for OAuth routes. */
  path: string;
  /** 0 when the socket was dropped on purpose. */
  status: number;
  auth: AuthKind;
  installationId?: number;
}

export class Stats {
  readonly requests: RequestRecord[] = [];

  constructor(private readonly tokens: TokenStore) {}

  tokensMinted(installationId?: number): number {
    return this.tokens.tokensMinted(installationId);
  }

  reset(): void {
    this.requests.length = 0;
    this.tokens.resetMinted();
  }
}
