import type { Clock } from './clock';
import { randomBase62 } from './random';
import type { Permissions } from './model';

// Issues and looks up every credential the simulator hands out. Values follow
// GitHub's formats (prefix + 36 base62, or github_pat_22_59) and each one is
// remembered as a secret so tests can check that nothing leaks it.

export type TokenKind = 'pat' | 'fine-grained' | 'oauth' | 'user-to-server' | 'installation';

export interface TokenRecord {
  value: string;
  kind: TokenKind;
  login?: string;
  scopes?: string[];
  appId?: number;
  clientId?: string;
  installationId?: number;
  permissions?: Permissions;
  /** Installation tokens narrowed to some repositories; null means the installation's own selection. */
  repositoryIds?: Set<number> | null;
  expiresAt: number | null;
  revoked: boolean;
}

export interface RefreshRecord {
  value: string;
  login: string;
  appId: number;
  clientId: string;
  expiresAt: number;
  used: boolean;
  accessToken: string;
}

export interface Lifetimes {
  tokenLifetimeSeconds: number;
  userTokenLifetimeSeconds: number;
  refreshTokenLifetimeSeconds: number;
}

const PREFIX: Record<TokenKind, string> = { pat: 'ghp_', 'fine-grained': 'github_pat_', oauth: 'gho_', 'user-to-server': 'ghu_', installation: 'ghs_' };

export class TokenStore {
  private readonly tokens = new Map<string, TokenRecord>();
  private readonly refreshTokens = new Map<string, RefreshRecord>();
  private readonly secretValues = new Set<string>();
  private readonly minted = new Map<number, number>();

  constructor(
    private readonly clock: Clock,
    readonly lifetimes: Lifetimes,
  ) {}

  remember(secret: string): string {
    this.secretValues.add(secret);
    return secret;
  }

  secrets(): string[] {
    return [...this.secretValues];
  }

  private newValue(kind: TokenKind): string {
    for (;;) {
      const value = kind === 'fine-grained' ? `github_pat_${randomBase62(22)}_${randomBase62(59)}` : `${PREFIX[kind]}${randomBase62(36)}`;
      if (!this.tokens.has(value) && !this.refreshTokens.has(value)) return this.remember(value);
    }
  }

  issue(kind: TokenKind, fields: Omit<TokenRecord, 'value' | 'kind' | 'revoked'>): TokenRecord {
    const record: TokenRecord = { value: this.newValue(kind), kind, revoked: false, ...fields };
    this.tokens.set(record.value, record);
    if (kind === 'installation' && record.installationId !== undefined) {
      this.minted.set(record.installationId, (this.minted.get(record.installationId) ?? 0) + 1);
    }
    return record;
  }

  /** A usable token, or undefined when unknown, revoked or expired by the sim clock. */
  lookup(value: string): TokenRecord | undefined {
    const record = this.tokens.get(value);
    if (!record || record.revoked) return undefined;
    if (record.expiresAt !== null && record.expiresAt <= this.clock.now()) return undefined;
    return record;
  }

  revoke(value: string): void {
    const record = this.tokens.get(value);
    if (record) record.revoked = true;
  }

  issueUserPair(
    login: string,
    appId: number,
    clientId: string,
    expiresInSeconds = this.lifetimes.userTokenLifetimeSeconds,
    refreshExpiresInSeconds = this.lifetimes.refreshTokenLifetimeSeconds,
  ): { access: TokenRecord; refresh: RefreshRecord } {
    const now = this.clock.now();
    const access = this.issue('user-to-server', { login, appId, clientId, expiresAt: now + expiresInSeconds * 1000 });
    let value: string;
    do value = `ghr_${randomBase62(76)}`;
    while (this.refreshTokens.has(value));
    const refresh: RefreshRecord = { value: this.remember(value), login, appId, clientId, expiresAt: now + refreshExpiresInSeconds * 1000, used: false, accessToken: access.value };
    this.refreshTokens.set(value, refresh);
    return { access, refresh };
  }

  /** Rotates a refresh token: the old pair dies, a new pair is born. */
  refresh(value: string, clientId: string): { access: TokenRecord; refresh: RefreshRecord } | undefined {
    const old = this.refreshTokens.get(value);
    if (!old || old.used || old.clientId !== clientId || old.expiresAt <= this.clock.now()) return undefined;
    old.used = true;
    this.revoke(old.accessToken);
    return this.issueUserPair(old.login, old.appId, clientId);
  }

  tokensMinted(installationId?: number): number {
    if (installationId !== undefined) return this.minted.get(installationId) ?? 0;
    let total = 0;
    for (const n of this.minted.values()) total += n;
    return total;
  }

  resetMinted(): void {
    this.minted.clear();
  }
}
