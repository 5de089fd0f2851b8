import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { verify } from 'node:crypto';
import { createJwtSigner, decodeJwtClaims } from '../../../src/core/auth/jwt';
import { fakeJwt, rsaKeys } from './helpers';

const NOW = Date.parse('2030-03-01T12:00:00.000Z') / 1000;
const HASH = { RS256: 'sha256', RS384: 'sha384', RS512: 'sha512' } as const;

function parts(jwt: string) {
  const [header, payload, signature] = jwt.split('.');
  assert.ok(header && payload && signature, 'three parts');
  return {
    header: JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as Record<string, unknown>,
    payload: JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>,
    signingInput: `${header}.${payload}`,
    signature: Buffer.from(signature, 'base64url'),
  };
}

function signer(pem: string, overrides: Partial<{ expirySeconds: number; issuedAtSeconds: number; algorithm: 'RS256' | 'RS384' | 'RS512'; appId: number | string }> = {}) {
  return createJwtSigner({ appId: 12345, privateKeyPem: pem, expirySeconds: 300, issuedAtSeconds: -60, algorithm: 'RS256', ...overrides });
}

describe('createJwtSigner', () => {
  it("signs PyGithub's claims: iat = now-60, exp = now+300, iss = app id string", () => {
    const signed = signer(rsaKeys().pkcs1)(NOW);
    assert.deepEqual(signed.claims, { iat: NOW - 60, exp: NOW + 300, iss: '12345' });
    const { header, payload } = parts(signed.jwt);
    assert.deepEqual(payload, { iat: NOW - 60, exp: NOW + 300, iss: '12345' });
    assert.equal(typeof payload.iss, 'string');
    assert.deepEqual(header, { alg: 'RS256', typ: 'JWT' });
    assert.equal(signed.expiresAt, new Date((NOW + 300) * 1000).toISOString());
  });

  it('takes a per-call expiry', () => {
    const signed = signer(rsaKeys().pkcs1)(NOW, 120);
    assert.equal(signed.claims.exp, NOW + 120);
    assert.equal(parts(signed.jwt).payload.exp, NOW + 120);
    assert.equal(signed.expiresAt, new Date((NOW + 120) * 1000).toISOString());
  });

  it('takes configured expiry and issued-at offsets', () => {
    const signed = signer(rsaKeys().pkcs1, { expirySeconds: 600, issuedAtSeconds: -30 })(NOW);
    assert.equal(signed.claims.iat, NOW - 30);
    assert.equal(signed.claims.exp, NOW + 600);
  });

  it('is deterministic for the same now (frozen clock) and moves with it', () => {
    const sign = signer(rsaKeys().pkcs1);
    assert.equal(sign(NOW).jwt, sign(NOW).jwt);
    assert.notEqual(sign(NOW).jwt, sign(NOW + 1).jwt);
    assert.equal(sign(NOW + 1).claims.iat, NOW - 59);
  });

  for (const format of ['pkcs1', 'pkcs8'] as const) {
    it(`produces a signature that verifies with the public key (${format.toUpperCase()})`, () => {
      const keys = rsaKeys();
      const { signingInput, signature } = parts(signer(keys[format])(NOW).jwt);
      assert.equal(verify('sha256', Buffer.from(signingInput), keys.publicKey, signature), true);
      // And not for different input: the check above can fail.
      assert.equal(verify('sha256', Buffer.from(signingInput + 'x'), keys.publicKey, signature), false);
    });
  }

  for (const algorithm of ['RS384', 'RS512'] as const) {
    it(`signs ${algorithm} with its header and hash`, () => {
      const keys = rsaKeys();
      const { header, signingInput, signature } = parts(signer(keys.pkcs8, { algorithm })(NOW).jwt);
      assert.equal(header.alg, algorithm);
      assert.equal(verify(HASH[algorithm], Buffer.from(signingInput), keys.publicKey, signature), true);
      assert.equal(verify('sha256', Buffer.from(signingInput), keys.publicKey, signature), false);
    });
  }

  it('uses base64url without padding in every part', () => {
    const { jwt } = signer(rsaKeys().pkcs1)(NOW);
    assert.match(jwt, /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
  });

  it('accepts a string app id and keeps it as the iss string', () => {
    assert.equal(signer(rsaKeys().pkcs1, { appId: '987' })(NOW).claims.iss, '987');
  });

  it('throws on a key that is not a private key', () => {
    assert.throws(() => signer('not a key'));
  });
});

describe('decodeJwtClaims', () => {
  it('reads the claims of a signed JWT', () => {
    const { jwt } = signer(rsaKeys().pkcs1)(NOW);
    assert.deepEqual(decodeJwtClaims(jwt), { iat: NOW - 60, exp: NOW + 300, iss: '12345' });
  });

  it('reads claims of a JWT it did not sign (no verification)', () => {
    assert.deepEqual(decodeJwtClaims(fakeJwt({ iss: 'Iv1.client', exp: 42 })), { iss: 'Iv1.client', exp: 42 });
  });

  it('returns undefined for text that is not a JWT', () => {
    assert.equal(decodeJwtClaims('plain-token'), undefined);
    assert.equal(decodeJwtClaims(''), undefined);
    assert.equal(decodeJwtClaims('a.%%%notbase64.c'), undefined);
    assert.equal(decodeJwtClaims(`a.${Buffer.from('{not json').toString('base64url')}.c`), undefined);
  });
});
