import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { startSimulator, type Simulator } from '../../simulator/index';
import { appJwt, call, signJwt } from './helpers';

describe('simulator: App JWT verification', () => {
  let sim: Simulator;
  before(async () => {
    sim = await startSimulator();
  });
  after(() => sim.close());

  const now = () => Math.floor(sim.clock.now() / 1000);
  const app = () => sim.fixtures.apps[0];

  it('accepts a valid RS256 JWT (PKCS#1 or PKCS#8 key, iss as string or number) on GET /app', async () => {
    for (const [pem, iss] of [[app().privateKeyPkcs1Pem, app().id], [app().privateKeyPkcs8Pem, String(app().id)]] as const) {
      const res = await call(sim, '/app', { auth: `Bearer ${signJwt(pem, { iat: now() - 30, exp: now() + 570, iss })}` });
      assert.equal(res.status, 200);
      assert.equal(res.json.id, 1001);
      assert.equal(res.json.slug, 'sim-app');
      assert.equal(res.json.installations_count, 45);
    }
    assert.equal(sim.stats.requests.at(-1)?.auth, 'jwt');
  });

  it('identifies the second app by iss', async () => {
    const res = await call(sim, '/app', { auth: `Bearer ${appJwt(sim, 1)}` });
    assert.equal(res.status, 200);
    assert.equal(res.json.slug, 'other-app');
  });

  it('rejects a JWT signed with a foreign key', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const res = await call(sim, '/app', { auth: `Bearer ${signJwt(pem, { iat: now() - 30, exp: now() + 500, iss: '1001' })}` });
    assert.equal(res.status, 401);
    assert.equal(res.json.message, 'A JSON web token could not be decoded');
  });

  it('rejects a JWT signed by app 1002 but claiming to be 1001', async () => {
    const res = await call(sim, '/app', { auth: `Bearer ${signJwt(sim.fixtures.apps[1].privateKeyPkcs8Pem, { iat: now() - 30, exp: now() + 500, iss: 1001 })}` });
    assert.equal(res.status, 401);
    assert.equal(res.json.message, 'A JSON web token could not be decoded');
  });

  it('rejects an expired JWT with GitHub\'s exp message', async () => {
    const res = await call(sim, '/app', { auth: `Bearer ${signJwt(app().privateKeyPkcs8Pem, { iat: now() - 700, exp: now() - 1, iss: 1001 })}` });
    assert.equal(res.status, 401);
    assert.equal(res.json.message, "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires");
  });

  it('rejects exp more than 10 minutes ahead', async () => {
    const res = await call(sim, '/app', { auth: `Bearer ${signJwt(app().privateKeyPkcs8Pem, { iat: now(), exp: now() + 660, iss: 1001 })}` });
    assert.equal(res.status, 401);
    assert.equal(res.json.message, "'Expiration time' claim ('exp') is too far in the future");
  });

  it('rejects iat in the future beyond the allowed skew', async () => {
    const res = await call(sim, '/app', { auth: `Bearer ${signJwt(app().privateKeyPkcs8Pem, { iat: now() + 120, exp: now() + 500, iss: 1001 })}` });
    assert.equal(res.status, 401);
    assert.equal(res.json.message, "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued");
  });

  it('rejects an unknown iss and garbage', async () => {
    const unknown = await call(sim, '/app', { auth: `Bearer ${signJwt(app().privateKeyPkcs8Pem, { iat: now() - 30, exp: now() + 500, iss: 4242 })}` });
    assert.equal(unknown.status, 401);
    assert.match(unknown.json.message, /Integration not found/);
    const garbage = await call(sim, '/app', { auth: 'Bearer aaa.bbb.ccc' });
    assert.equal(garbage.status, 401);
    assert.equal(garbage.json.message, 'A JSON web token could not be decoded');
  });

  it('judges time by the sim clock and reports it in the Date header (clock skew)', async () => {
    const jwt = appJwt(sim);
    sim.clock.advance(15 * 60_000);
    try {
      const res = await call(sim, '/app', { auth: `Bearer ${jwt}` });
      assert.equal(res.status, 401);
      assert.match(res.json.message, /'Expiration time' claim/);
      const skew = Date.parse(res.headers.get('date') ?? '') - Date.now();
      assert.ok(skew > 14 * 60_000 && skew < 16 * 60_000, `Date header skew ${skew}`);
    } finally {
      sim.clock.advance(-15 * 60_000);
    }
  });

  it('keeps JWT-only endpoints for JWTs and other endpoints for tokens', async () => {
    const pat = sim.createPersonalToken('octocat');
    const withPat = await call(sim, '/app/installations', { auth: `token ${pat}` });
    assert.equal(withPat.status, 401);
    const withJwt = await call(sim, '/repos/octocat/hello-world', { auth: `Bearer ${appJwt(sim)}` });
    assert.equal(withJwt.status, 403);
    assert.equal(withJwt.json.message, 'Resource not accessible by integration');
  });

  it('serves the installation lookups to JWTs', async () => {
    const auth = `Bearer ${appJwt(sim)}`;
    assert.equal((await call(sim, '/repos/octocat/hello-world/installation', { auth })).json.id, sim.fixtures.installations.octocat);
    assert.equal((await call(sim, '/orgs/sim-org/installation', { auth })).json.id, sim.fixtures.installations.simOrg);
    assert.equal((await call(sim, '/users/octocat/installation', { auth })).json.id, sim.fixtures.installations.octocat);
    assert.equal((await call(sim, '/repos/hubot/scripts/installation', { auth })).status, 404);
    const inst = await call(sim, `/app/installations/${sim.fixtures.installations.suspended}`, { auth });
    assert.equal(inst.status, 200);
    assert.ok(inst.json.suspended_at);
    assert.equal((await call(sim, `/app/installations/${sim.fixtures.installations.hubot}`, { auth })).status, 404);
  });
});
