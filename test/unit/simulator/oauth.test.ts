import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '../../simulator/index';
import { call } from './helpers';

async function oauth(sim: Simulator, path: string, body: Record<string, string>, json = true): Promise<{ status: number; contentType: string; data: Record<string, unknown> }> {
  const res = await fetch(`${sim.origin}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(json ? { accept: 'application/json' } : {}) },
    body: new URLSearchParams(body).toString(),
  });
  const text = await res.text();
  const contentType = res.headers.get('content-type') ?? '';
  const data = contentType.startsWith('application/json') ? JSON.parse(text) : Object.fromEntries(new URLSearchParams(text));
  return { status: res.status, contentType, data };
}

describe('simulator: OAuth web and device flows', () => {
  let sim: Simulator;
  before(async () => {
    sim = await startSimulator();
  });
  after(() => sim.close());

  const app = () => sim.fixtures.apps[0];

  it('exchanges an authorization code for an expiring ghu_/ghr_ pair (code is single-use)', async () => {
    const code = sim.createOAuthCode('octocat', app().clientId);
    const res = await oauth(sim, '/login/oauth/access_token', { client_id: app().clientId, client_secret: app().clientSecret, code });
    assert.equal(res.status, 200);
    assert.match(String(res.data.access_token), /^ghu_/);
    assert.match(String(res.data.refresh_token), /^ghr_/);
    assert.equal(res.data.expires_in, 28800);
    assert.equal(res.data.token_type, 'bearer');
    assert.equal(res.data.scope, '');
    assert.ok(Number(res.data.refresh_token_expires_in) > 28800);
    const me = await call(sim, '/user', { auth: `token ${res.data.access_token}` });
    assert.equal(me.json.login, 'octocat');
    const again = await oauth(sim, '/login/oauth/access_token', { client_id: app().clientId, client_secret: app().clientSecret, code });
    assert.equal(again.status, 200);
    assert.equal(again.data.error, 'bad_verification_code');
  });

  it('answers form-encoded unless JSON is requested', async () => {
    const code = sim.createOAuthCode('hubot', app().clientId);
    const res = await oauth(sim, '/login/oauth/access_token', { client_id: app().clientId, client_secret: app().clientSecret, code }, false);
    assert.match(res.contentType, /^application\/x-www-form-urlencoded/);
    assert.match(String(res.data.access_token), /^ghu_/);
  });

  it('rejects a wrong client secret with incorrect_client_credentials (HTTP 200)', async () => {
    const code = sim.createOAuthCode('octocat', app().clientId);
    const res = await oauth(sim, '/login/oauth/access_token', { client_id: app().clientId, client_secret: 'nope', code });
    assert.equal(res.status, 200);
    assert.equal(res.data.error, 'incorrect_client_credentials');
  });

  it('rotates refresh tokens: the old refresh token and old access token stop working', async () => {
    const pair = sim.createAppUserToken('octocat');
    const refreshed = await oauth(sim, '/login/oauth/access_token', { client_id: app().clientId, client_secret: app().clientSecret, grant_type: 'refresh_token', refresh_token: pair.refreshToken });
    assert.match(String(refreshed.data.access_token), /^ghu_/);
    assert.notEqual(refreshed.data.refresh_token, pair.refreshToken);
    assert.equal((await call(sim, '/user', { auth: `token ${pair.token}` })).status, 401);
    assert.equal((await call(sim, '/user', { auth: `token ${refreshed.data.access_token}` })).status, 200);
    const reuse = await oauth(sim, '/login/oauth/access_token', { client_id: app().clientId, client_secret: app().clientSecret, grant_type: 'refresh_token', refresh_token: pair.refreshToken });
    assert.equal(reuse.status, 200);
    assert.equal(reuse.data.error, 'bad_refresh_token');
    assert.equal(reuse.data.error_description, 'The refresh token passed is incorrect or expired.');
    assert.ok(reuse.data.error_uri);
  });

  it('rejects an expired refresh token', async () => {
    const pair = sim.createAppUserToken('octocat', { refreshTokenExpiresInSeconds: 100 });
    sim.clock.advance(101_000);
    try {
      const res = await oauth(sim, '/login/oauth/access_token', { client_id: app().clientId, client_secret: app().clientSecret, grant_type: 'refresh_token', refresh_token: pair.refreshToken });
      assert.equal(res.data.error, 'bad_refresh_token');
    } finally {
      sim.clock.advance(-101_000);
    }
  });

  it('runs the device flow: pending until approved, then tokens once', async () => {
    const start = await oauth(sim, '/login/device/code', { client_id: app().clientId });
    assert.equal(start.data.verification_uri, `${sim.origin}/login/device`);
    assert.equal(start.data.interval, 5);
    assert.match(String(start.data.user_code), /^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    const poll = () => oauth(sim, '/login/oauth/access_token', { client_id: app().clientId, device_code: String(start.data.device_code), grant_type: 'urn:ietf:params:oauth:grant-type:device_code' });
    assert.equal((await poll()).data.error, 'authorization_pending');
    assert.equal(sim.approveDevice(String(start.data.user_code), 'monalisa'), true);
    const done = await poll();
    assert.match(String(done.data.access_token), /^ghu_/);
    assert.equal((await call(sim, '/user', { auth: `token ${done.data.access_token}` })).json.login, 'monalisa');
    assert.equal((await poll()).data.error, 'incorrect_device_code');
  });

  it('issues non-expiring gho_ tokens with scopes for the classic OAuth App', async () => {
    const { clientId, clientSecret } = sim.fixtures.oauthApp;
    const code = sim.createOAuthCode('hubot', clientId);
    const res = await oauth(sim, '/login/oauth/access_token', { client_id: clientId, client_secret: clientSecret, code });
    assert.match(String(res.data.access_token), /^gho_[0-9A-Za-z]{36}$/);
    assert.equal(res.data.refresh_token, undefined);
    const me = await call(sim, '/user', { auth: `token ${res.data.access_token}` });
    assert.equal(me.json.login, 'hubot');
    assert.equal(sim.stats.requests.at(-1)?.auth, 'oauth');
  });

  it('redirects the browser authorize step with a code and state', async () => {
    const url = `${sim.origin}/login/oauth/authorize?client_id=${app().clientId}&redirect_uri=${encodeURIComponent('http://127.0.0.1:1/cb')}&state=xyz&login=hubot`;
    const res = await fetch(url, { redirect: 'manual' });
    assert.equal(res.status, 302);
    const location = new URL(res.headers.get('location') ?? '');
    assert.equal(location.searchParams.get('state'), 'xyz');
    const token = await oauth(sim, '/login/oauth/access_token', { client_id: app().clientId, client_secret: app().clientSecret, code: location.searchParams.get('code') ?? '' });
    assert.equal((await call(sim, '/user', { auth: `token ${token.data.access_token}` })).json.login, 'hubot');
  });
});
