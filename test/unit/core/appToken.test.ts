import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createAppTokenAuth } from '../../../src/core/auth/appToken';
import { createJwtSigner } from '../../../src/core/auth/jwt';
import { Secret } from '../../../src/core/secret';
import { fakeJwt, rsaKeys } from './helpers';

const NOW = Date.parse('2030-03-01T12:00:00.000Z') / 1000;

describe('createAppTokenAuth (Auth.AppAuthToken)', () => {
  it('sends the JWT as a Bearer token for every request', async () => {
    const jwt = fakeJwt({ iss: '42', iat: NOW - 60, exp: NOW + 300 });
    const auth = createAppTokenAuth(new Secret(jwt));
    assert.equal(auth.method, 'app_token');
    assert.equal(await auth.authorization({ appLevel: true }), `Bearer ${jwt}`);
    assert.equal(await auth.authorization({ appLevel: false, installationId: 9 }), `Bearer ${jwt}`);
  });

  it('cannot fix a 401 (the JWT was made elsewhere)', async () => {
    assert.equal(await createAppTokenAuth(new Secret(fakeJwt({ iss: '1' }))).invalidate({ appLevel: true }, 'Bearer x'), false);
  });

  it('facts read expiry and app id from the claims, never the JWT', () => {
    const jwt = fakeJwt({ iss: '42', iat: NOW - 60, exp: NOW + 300 });
    const facts = createAppTokenAuth(new Secret(jwt)).facts();
    assert.deepEqual(facts, {
      method: 'app_token',
      pygithubClass: 'Auth.AppAuthToken',
      tokenKind: 'JWT',
      expiresAt: new Date((NOW + 300) * 1000).toISOString(),
      appId: 42,
    });
    const json = JSON.stringify(facts);
    for (const part of jwt.split('.')) assert.ok(!json.includes(part));
  });

  it('reads a JWT signed by createJwtSigner', () => {
    const { jwt } = createJwtSigner({ appId: 777, privateKeyPem: rsaKeys().pkcs1, expirySeconds: 600, issuedAtSeconds: -60, algorithm: 'RS256' })(NOW);
    const facts = createAppTokenAuth(new Secret(jwt)).facts();
    assert.equal(facts.appId, 777);
    assert.equal(facts.expiresAt, new Date((NOW + 600) * 1000).toISOString());
  });

  it('leaves appId unset when iss is a client id, and expiry unset without exp', () => {
    const facts = createAppTokenAuth(new Secret(fakeJwt({ iss: 'Iv1.abcdef' }))).facts();
    assert.equal(facts.appId, undefined);
    assert.equal(facts.expiresAt, undefined);
  });

  it('survives an undecodable token', async () => {
    const value = 'aaaa.%%%%.bbbb';
    const auth = createAppTokenAuth(new Secret(value));
    assert.equal(auth.facts().expiresAt, undefined);
    assert.equal(auth.facts().appId, undefined);
    assert.equal(await auth.authorization({ appLevel: true }), `Bearer ${value}`);
  });
});
