import type { AppInstallationPermissions } from '../config';

/** What a request needs: app-level routes take the App JWT, the rest an installation or user credential. */
export interface RequestTarget {
  appLevel: boolean;
  installationId?: number;
}

export type AuthMethodName = 'none' | 'token' | 'login' | 'netrc' | 'app' | 'app_installation' | 'app_token' | 'app_user';

/** Non-secret facts for auth_status and the extension's "Check authentication". */
export interface AuthFacts {
  method: AuthMethodName;
  pygithubClass: string;
  login?: string;
  tokenKind?: string;
  expiresAt?: string;
  refreshTokenExpiresAt?: string;
  appId?: number;
  installationId?: number;
  permissions?: AppInstallationPermissions;
}

/** Refresh a credential this long before it expires: PyGithub uses 20 s; a minute leaves room for a slow request and clock error. */
export const REFRESH_MARGIN_MS = 60_000;

/**
 * One per PyGithub auth class. `authorization` returns the header value to send;
 * `invalidate` is called after a 401 and says whether asking again may help
 * (a refreshed token, or a JWT signed against a corrected clock).
 */
export interface AuthStrategy {
  readonly method: AuthMethodName;
  authorization(target: RequestTarget): Promise<string | undefined>;
  /** `rejected` is the header GitHub refused; a credential replaced meanwhile is not replaced again. */
  invalidate(target: RequestTarget, rejected: string): Promise<boolean>;
  facts(): AuthFacts;
}

/** Names the kind of a token from its prefix, as GitHub documents them. */
export function tokenKind(token: string): string {
  if (token.startsWith('github_pat_')) return 'fine-grained personal access token';
  const kinds: Record<string, string> = {
    ghp_: 'classic personal access token',
    gho_: 'OAuth access token',
    ghu_: 'GitHub App user access token',
    ghs_: 'GitHub App installation access token',
    ghr_: 'refresh token',
  };
  return kinds[token.slice(0, 4)] ?? 'token';
}
