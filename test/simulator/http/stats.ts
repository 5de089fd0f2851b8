import type { AuthKind } from './context';
import type { TokenStore } from '../tokens';
import type { OpenApiReport } from '../openapi/check';

export interface RequestRecord {
  method: string;
  /** The raw request target exactly as received (path and query, before any normalisation). */
  url: string;
  /** Which server got it: the API (/api/v3...), GraphQL (/api/graphql), the web origin (OAuth and anything else), or `otherOrigin`. */
  origin: 'api' | 'graphql' | 'web' | 'other';
  /** API path relative to /api/v3 (e.g. "/repos/octocat/hello-world"), or the web path for OAuth routes. */
  path: string;
  /** 0 when the socket was dropped on purpose. */
  status: number;
  auth: AuthKind;
  installationId?: number;
  /** The hostile mode applied to this request, if any. */
  hostile?: string;
}

export class Stats {
  readonly requests: RequestRecord[] = [];
  /** The OpenAPI check of every API answer (startSimulator({ checkOpenApi }) / SIM_OPENAPI=1); reset() keeps it. */
  openApi: OpenApiReport = { enabled: false, checked: 0, skipped: { deliberate: 0, notJson: 0 }, violations: [], undocumented: [], unrouted: [], cost: { checkMs: 0, loadMs: 0 } };

  constructor(private readonly tokens: TokenStore) {}

  tokensMinted(installationId?: number): number {
    return this.tokens.tokensMinted(installationId);
  }

  reset(): void {
    this.requests.length = 0;
    this.tokens.resetMinted();
  }
}
