import { timingSafeEqual } from 'node:crypto';
import { looksLikeJwt, verifyAppJwt } from './jwt';
import { badCredentials, ghError } from './http/errors';
import type { AuthKind, Principal, Services } from './http/context';
import type { TokenRecord } from './tokens';

// Turns an Authorization header into a principal, or throws GitHub's 401.
// Schemes: `token X` / `bearer X` (any case), and Basic with login:password
// or login:token, as GitHub (Enterprise) accepts.

export interface Resolved {
  principal: Principal;
  authKind: AuthKind;
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const KIND_TO_AUTH: Record<TokenRecord['kind'], AuthKind> = {
  pat: 'token',
  'fine-grained': 'token',
  oauth: 'oauth',
  'user-to-server': 'user-to-server',
  installation: 'installation',
};

function fromToken(services: Services, value: string): Resolved {
  const record = services.tokens.lookup(value);
  if (!record) throw badCredentials();
  if (record.kind === 'installation') {
    const installation = services.world.installations.get(record.installationId ?? -1);
    if (!installation) throw badCredentials();
    return { principal: { kind: 'installation', installation, token: record }, authKind: 'installation' };
  }
  const user = services.world.account(record.login ?? '');
  if (!user) throw badCredentials();
  return { principal: { kind: 'user', user, token: record }, authKind: KIND_TO_AUTH[record.kind] };
}

export function resolveAuth(services: Services, header: string | undefined): Resolved {
  if (!header || header.trim() === '') return { principal: { kind: 'none' }, authKind: 'none' };
  const match = /^(\S+)\s+(.+)$/.exec(header.trim());
  if (!match) throw badCredentials();
  const scheme = match[1].toLowerCase();
  const credential = match[2].trim();

  if (scheme === 'basic') {
    const decoded = Buffer.from(credential, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) throw badCredentials();
    const login = decoded.slice(0, colon);
    const secret = decoded.slice(colon + 1);
    const user = services.world.account(login);
    if (user?.password && sameText(user.password, secret)) {
      return { principal: { kind: 'user', user }, authKind: 'basic' };
    }
    // login:token works like the token itself, provided it belongs to that login.
    const viaToken = fromToken(services, secret);
    if (viaToken.principal.kind === 'user' && viaToken.principal.user.login.toLowerCase() !== login.toLowerCase()) throw badCredentials();
    return { principal: viaToken.principal, authKind: 'basic' };
  }
  if (scheme !== 'token' && scheme !== 'bearer') throw badCredentials();

  if (looksLikeJwt(credential)) {
    const result = verifyAppJwt(credential, (id) => services.world.apps.get(id), services.clock.now());
    if (!result.ok) throw ghError(401, result.message);
    return { principal: { kind: 'jwt', app: result.app }, authKind: 'jwt' };
  }
  return fromToken(services, credential);
}

/** What kind of credential a header carries, before (or despite) validation. */
export function classifyAuth(header: string | undefined): AuthKind {
  const match = /^(\S+)\s+(.+)$/.exec(header?.trim() ?? '');
  if (!match) return 'none';
  if (match[1].toLowerCase() === 'basic') return 'basic';
  const credential = match[2].trim();
  if (looksLikeJwt(credential)) return 'jwt';
  if (credential.startsWith('ghs_')) return 'installation';
  if (credential.startsWith('ghu_')) return 'user-to-server';
  if (credential.startsWith('gho_')) return 'oauth';
  return 'token';
}
