import { createPrivateKey, sign, type KeyObject } from 'node:crypto';

/**
 * Signs App JWTs with PyGithub's claims: iat = now + issuedAt (default -60),
 * exp = now + expiry (default 300), iss = app id. universal-github-app-jwt, which
 * auth-app uses by default, fixes iat at -30 s and exp at +570 s, so we sign here and hand
 * this to auth-app's `createJwt` option. node:crypto reads PKCS#1 and PKCS#8 alike.
 */
export interface JwtOptions {
  appId: number | string;
  privateKeyPem: string;
  expirySeconds: number;
  issuedAtSeconds: number;
  algorithm: 'RS256' | 'RS384' | 'RS512';
}

export interface SignedJwt {
  jwt: string;
  claims: { iat: number; exp: number; iss: string };
  expiresAt: string;
}

const HASH = { RS256: 'sha256', RS384: 'sha384', RS512: 'sha512' } as const;

export function createJwtSigner(options: Omit<JwtOptions, 'privateKeyPem'> & { privateKeyPem: string }) {
  const key: KeyObject = createPrivateKey(options.privateKeyPem);
  return (nowSeconds: number, expirySeconds = options.expirySeconds): SignedJwt => {
    const claims = { iat: nowSeconds + options.issuedAtSeconds, exp: nowSeconds + expirySeconds, iss: String(options.appId) };
    const header = base64url(JSON.stringify({ alg: options.algorithm, typ: 'JWT' }));
    const payload = base64url(JSON.stringify(claims));
    const signature = sign(HASH[options.algorithm], Buffer.from(`${header}.${payload}`), key).toString('base64url');
    return { jwt: `${header}.${payload}.${signature}`, claims, expiresAt: new Date(claims.exp * 1000).toISOString() };
  };
}

/** Claims of a JWT we did not sign (GITHUB_APP_JWT); never verifies, only reads. */
export function decodeJwtClaims(jwt: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

function base64url(text: string): string {
  return Buffer.from(text).toString('base64url');
}
