import { timingSafeEqual } from 'node:crypto';
import type { Ctx, Reply } from '../http/context';
import { notFound } from '../http/errors';
import type { Router } from '../http/router';

// OAuth endpoints on the web origin: code exchange, refresh-token rotation
// and the device flow. Like GitHub they answer errors with HTTP 200 and an
// `error` field, in JSON only when the client asks for it.

const TROUBLESHOOTING = 'https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors';
const DEVICE_ERRORS = 'https://docs.github.com/developers/apps/authorizing-oauth-apps#error-codes-for-the-device-flow';

const ERRORS: Record<string, [string, string]> = {
  incorrect_client_credentials: ['The client_id and/or client_secret passed are incorrect.', `${TROUBLESHOOTING}/#incorrect-client-credentials`],
  bad_verification_code: ['The code passed is incorrect or expired.', `${TROUBLESHOOTING}/#bad-verification-code`],
  bad_refresh_token: ['The refresh token passed is incorrect or expired.', 'https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors'],
  authorization_pending: ['The authorization request is still pending.', DEVICE_ERRORS],
  expired_token: ['The device_code has expired.', DEVICE_ERRORS],
  incorrect_device_code: ['The device_code provided is not valid.', DEVICE_ERRORS],
  unsupported_grant_type: ['The grant type is not supported.', DEVICE_ERRORS],
};

function answer(ctx: Ctx, fields: Record<string, string | number>): Reply {
  if (/application\/json/i.test(String(ctx.headers.accept ?? ''))) return { status: 200, body: fields };
  const form = new URLSearchParams(Object.entries(fields).map(([k, v]): [string, string] => [k, String(v)]));
  return { status: 200, text: form.toString(), contentType: 'application/x-www-form-urlencoded; charset=utf-8' };
}

function oauthError(ctx: Ctx, code: string): Reply {
  const [description, uri] = ERRORS[code];
  return answer(ctx, { error: code, error_description: description, error_uri: uri });
}

function field(ctx: Ctx, name: string): string {
  const body = (ctx.body ?? {}) as Record<string, unknown>;
  const value = body[name];
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function issueFor(ctx: Ctx, clientId: string, login: string, scopes: string[]): Reply {
  const { world, tokens } = ctx.services;
  const app = world.appByClientId(clientId);
  if (app) {
    const { access, refresh } = tokens.issueUserPair(login, app.id, clientId);
    const now = ctx.services.clock.now();
    return answer(ctx, {
      access_token: access.value,
      expires_in: Math.round(((access.expiresAt as number) - now) / 1000),
      refresh_token: refresh.value,
      refresh_token_expires_in: Math.round((refresh.expiresAt - now) / 1000),
      scope: '',
      token_type: 'bearer',
    });
  }
  const record = tokens.issue('oauth', { login, scopes, clientId, expiresAt: null });
  return answer(ctx, { access_token: record.value, token_type: 'bearer', scope: scopes.join(',') });
}

function accessToken(ctx: Ctx): Reply {
  const { world, tokens, grants, clock } = ctx.services;
  const clientId = field(ctx, 'client_id');
  const secret = world.appByClientId(clientId)?.clientSecret ?? world.oauthApps.find((a) => a.clientId === clientId)?.clientSecret;
  if (secret === undefined) return oauthError(ctx, 'incorrect_client_credentials');
  const grantType = field(ctx, 'grant_type') || (field(ctx, 'device_code') ? 'urn:ietf:params:oauth:grant-type:device_code' : field(ctx, 'refresh_token') ? 'refresh_token' : 'authorization_code');

  if (grantType === 'urn:ietf:params:oauth:grant-type:device_code') {
    const grant = grants.device(field(ctx, 'device_code'));
    if (!grant || grant.clientId !== clientId || grant.redeemed) return oauthError(ctx, 'incorrect_device_code');
    if (grant.expiresAt <= clock.now()) return oauthError(ctx, 'expired_token');
    if (!grant.approvedLogin) return oauthError(ctx, 'authorization_pending');
    grant.redeemed = true;
    return issueFor(ctx, clientId, grant.approvedLogin, grant.scopes);
  }
  // The code and refresh grants are confidential-client grants: the secret is required.
  if (!sameSecret(field(ctx, 'client_secret'), secret)) return oauthError(ctx, 'incorrect_client_credentials');
  if (grantType === 'refresh_token') {
    const rotated = tokens.refresh(field(ctx, 'refresh_token'), clientId);
    if (!rotated) return oauthError(ctx, 'bad_refresh_token');
    const now = clock.now();
    return answer(ctx, {
      access_token: rotated.access.value,
      expires_in: Math.round(((rotated.access.expiresAt as number) - now) / 1000),
      refresh_token: rotated.refresh.value,
      refresh_token_expires_in: Math.round((rotated.refresh.expiresAt - now) / 1000),
      scope: '',
      token_type: 'bearer',
    });
  }
  if (grantType !== 'authorization_code') return oauthError(ctx, 'unsupported_grant_type');
  const code = grants.redeemCode(field(ctx, 'code'), clientId);
  if (!code) return oauthError(ctx, 'bad_verification_code');
  return issueFor(ctx, clientId, code.login, code.scopes);
}

function deviceCode(ctx: Ctx): Reply {
  const { world, grants, clock } = ctx.services;
  const clientId = field(ctx, 'client_id');
  if (!world.appByClientId(clientId) && !world.oauthApps.some((a) => a.clientId === clientId)) {
    // GitHub answers an unknown client here with a plain 404.
    throw notFound();
  }
  const scopes = field(ctx, 'scope').split(/[\s,]+/).filter(Boolean);
  const grant = grants.createDevice(clientId, scopes);
  return answer(ctx, {
    device_code: grant.deviceCode,
    user_code: grant.userCode,
    verification_uri: `${ctx.webBase}/login/device`,
    expires_in: Math.round((grant.expiresAt - clock.now()) / 1000),
    interval: grant.interval,
  });
}

/** GitHub's page for a redirect_uri it will not send a code to. */
function redirectMismatch(): Reply {
  return { status: 400, text: '<!doctype html><title>Redirect URI mismatch</title><p>The redirect_uri is not a valid callback URL for this application.</p>', contentType: 'text/html; charset=utf-8' };
}

/** Simulator shortcut for the browser step: approves at once as `login` (default octocat). */
function authorize(ctx: Ctx): Reply {
  const clientId = ctx.query.get('client_id') ?? '';
  const { world, grants } = ctx.services;
  if (!world.appByClientId(clientId) && !world.oauthApps.some((a) => a.clientId === clientId)) throw notFound();
  const login = world.account(ctx.query.get('login') ?? 'octocat')?.login ?? 'octocat';
  const scopes = (ctx.query.get('scope') ?? '').split(/[\s,]+/).filter(Boolean);
  const code = grants.createCode(login, clientId, scopes);
  const redirect = ctx.query.get('redirect_uri');
  if (!redirect) return { status: 200, body: { code, state: ctx.query.get('state') } };
  let target: URL;
  try {
    target = new URL(redirect);
  } catch {
    return redirectMismatch();
  }
  if (/^(javascript|data|vbscript|file):$/i.test(target.protocol)) return redirectMismatch();
  target.searchParams.set('code', code);
  const state = ctx.query.get('state');
  if (state !== null) target.searchParams.set('state', state);
  return { status: 302, headers: { location: target.toString() }, text: '', contentType: 'text/html; charset=utf-8' };
}

export function oauthRoutes(router: Router): void {
  router
    .add('POST', '/login/oauth/access_token', accessToken)
    .add('POST', '/login/device/code', deviceCode)
    .add('GET', '/login/oauth/authorize', authorize)
    .add('GET', '/login/device', () => ({ status: 200, text: '<!doctype html><title>Device activation</title><p>Enter the code shown in your app.</p>', contentType: 'text/html; charset=utf-8' }));
}
