import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, parseCoreConfig, pygithubClassFor, type AuthConfig, type CoreConfig, type Environment } from '../../../src/core/config';
import { Secret } from '../../../src/core/secret';
import { fakeJwt, fakeToken, rsaKeys, tempDir, writeTemp } from './helpers';

function configError(env: Environment): ConfigError {
  try {
    parseCoreConfig(env);
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected ConfigError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected parseCoreConfig to throw');
}

function authOf<M extends AuthConfig['method']>(config: CoreConfig, method: M): Extract<AuthConfig, { method: M }> {
  assert.equal(config.auth.method, method);
  return config.auth as Extract<AuthConfig, { method: M }>;
}

/** The message names the variable and carries none of the secret (nor a long line of it). */
function assertNamesWithoutSecret(error: Error, variable: string, secret: string): void {
  assert.match(error.message, new RegExp(variable));
  assert.ok(!error.message.includes(secret), 'message must not contain the secret value');
  for (const line of secret.split('\n').filter((l) => l.length >= 20)) {
    assert.ok(!error.message.includes(line), 'message must not contain part of the secret value');
  }
}

describe('parseCoreConfig: auth method selection', () => {
  it('selects Auth.Token from GITHUB_TOKEN', () => {
    const token = fakeToken('ghp_');
    const auth = authOf(parseCoreConfig({ GITHUB_TOKEN: token }), 'token');
    assert.ok(auth.token instanceof Secret);
    assert.equal(auth.token.reveal(), token);
    assert.equal(pygithubClassFor(auth), 'Auth.Token');
  });

  it('selects Auth.Token from GITHUB_PERSONAL_ACCESS_TOKEN', () => {
    const token = fakeToken('github_pat_');
    const auth = authOf(parseCoreConfig({ GITHUB_PERSONAL_ACCESS_TOKEN: token }), 'token');
    assert.equal(auth.token.reveal(), token);
  });

  it('prefers GITHUB_TOKEN when both token variables are set (same method, no conflict)', () => {
    const a = fakeToken('ghp_');
    const b = fakeToken('ghp_');
    const auth = authOf(parseCoreConfig({ GITHUB_TOKEN: a, GITHUB_PERSONAL_ACCESS_TOKEN: b }), 'token');
    assert.equal(auth.token.reveal(), a);
  });

  it('selects Auth.Login from GITHUB_LOGIN and GITHUB_PASSWORD', () => {
    const password = 'pw-' + 'q'.repeat(10);
    const auth = authOf(parseCoreConfig({ GITHUB_LOGIN: 'octocat', GITHUB_PASSWORD: password }), 'login');
    assert.equal(auth.login, 'octocat');
    assert.equal(auth.password.reveal(), password);
    assert.equal(pygithubClassFor(auth), 'Auth.Login');
  });

  it('requires GITHUB_PASSWORD with GITHUB_LOGIN', () => {
    const error = configError({ GITHUB_LOGIN: 'octocat' });
    assert.match(error.message, /GITHUB_PASSWORD/);
    assert.match(error.message, /Auth\.Login/);
  });

  it('requires GITHUB_LOGIN with GITHUB_PASSWORD and does not echo the password', () => {
    const password = 'only-password-' + 'z'.repeat(8);
    const error = configError({ GITHUB_PASSWORD: password });
    assertNamesWithoutSecret(error, 'GITHUB_LOGIN', password);
  });

  it('treats empty variables as unset: no credentials gives method none', () => {
    const config = parseCoreConfig({ GITHUB_TOKEN: '', GITHUB_LOGIN: '', GITHUB_APP_ID: '' });
    assert.deepEqual(config.auth, { method: 'none' });
    assert.equal(pygithubClassFor(config.auth), 'none');
  });

  it('gives method none for an empty environment and for GITHUB_AUTH=none', () => {
    assert.equal(parseCoreConfig({}).auth.method, 'none');
    assert.equal(parseCoreConfig({ GITHUB_AUTH: 'none' }).auth.method, 'none');
  });

  it('rejects an unknown GITHUB_AUTH without echoing the value', () => {
    const value = fakeToken('ghp_');
    const error = configError({ GITHUB_AUTH: value });
    assertNamesWithoutSecret(error, 'GITHUB_AUTH', value);
  });
});

describe('parseCoreConfig: netrc', () => {
  const password = () => 'netrc-pw-' + Math.random().toString(36).slice(2);

  it('reads the entry for the API URL host (api.github.com by default)', () => {
    const pw = password();
    const file = writeTemp('netrc', `machine example.com login nobody password nope\nmachine api.github.com login octocat password ${pw}\n`);
    const auth = authOf(parseCoreConfig({ GITHUB_AUTH: 'netrc', NETRC: file }), 'netrc');
    assert.equal(auth.host, 'api.github.com');
    assert.equal(auth.login, 'octocat');
    assert.equal(auth.password.reveal(), pw);
    assert.equal(auth.file, file);
    assert.equal(pygithubClassFor(auth), 'Auth.NetrcAuth');
  });

  it('uses the hostname of GITHUB_API_URL for GitHub Enterprise Server', () => {
    const pw = password();
    const file = writeTemp('netrc', `machine api.github.com login wrong password wrong\nmachine ghe.example.com login enterprise password ${pw}\n`);
    const auth = authOf(parseCoreConfig({ GITHUB_AUTH: 'netrc', NETRC: file, GITHUB_API_URL: 'https://ghe.example.com/api/v3' }), 'netrc');
    assert.equal(auth.host, 'ghe.example.com');
    assert.equal(auth.login, 'enterprise');
    assert.equal(auth.password.reveal(), pw);
  });

  it('falls back to the default entry', () => {
    const pw = password();
    const file = writeTemp('netrc', `machine other.example login a password b\ndefault login fallback password ${pw}\n`);
    const auth = authOf(parseCoreConfig({ GITHUB_AUTH: 'netrc', NETRC: file }), 'netrc');
    assert.equal(auth.login, 'fallback');
    assert.equal(auth.password.reveal(), pw);
  });

  it('names the host and the file when there is no entry', () => {
    const file = writeTemp('netrc', 'machine other.example login a password secretish-value\n');
    const error = configError({ GITHUB_AUTH: 'netrc', NETRC: file });
    assert.match(error.message, /NETRC/);
    assert.match(error.message, /api\.github\.com/);
    assert.ok(error.message.includes(file));
    assert.ok(!error.message.includes('secretish-value'));
  });

  it('says when the netrc file cannot be read', () => {
    const missing = join(tempDir(), 'does-not-exist');
    const error = configError({ GITHUB_AUTH: 'netrc', NETRC: missing });
    assert.match(error.message, /NETRC/);
    assert.match(error.message, /ENOENT/);
  });

  it('conflicts with a token, naming both', () => {
    const file = writeTemp('netrc', 'default login a password b\n');
    const error = configError({ GITHUB_AUTH: 'netrc', NETRC: file, GITHUB_TOKEN: fakeToken('ghp_') });
    assert.match(error.message, /GITHUB_TOKEN/);
    assert.match(error.message, /GITHUB_AUTH=netrc/);
  });
});

describe('parseCoreConfig: GitHub App', () => {
  it('accepts PKCS#1 PEM text', () => {
    const { pkcs1 } = rsaKeys();
    const auth = authOf(parseCoreConfig({ GITHUB_APP_ID: '12345', GITHUB_APP_PRIVATE_KEY: pkcs1 }), 'app');
    assert.equal(auth.appId, 12345);
    assert.equal(auth.privateKey.reveal(), pkcs1.trim());
    assert.equal(auth.installationId, undefined);
    assert.equal(pygithubClassFor(auth), 'Auth.AppAuth');
  });

  it('accepts PEM with literal "\\n" escapes, as .env files store it', () => {
    const { pkcs1 } = rsaKeys();
    const escaped = pkcs1.trim().split('\n').join('\\n');
    assert.ok(!escaped.includes('\n'));
    const auth = authOf(parseCoreConfig({ GITHUB_APP_ID: '7', GITHUB_APP_PRIVATE_KEY: escaped }), 'app');
    assert.equal(auth.privateKey.reveal(), pkcs1.trim());
  });

  it('accepts a PKCS#8 key', () => {
    const { pkcs8 } = rsaKeys();
    const auth = authOf(parseCoreConfig({ GITHUB_APP_ID: '7', GITHUB_APP_PRIVATE_KEY: pkcs8 }), 'app');
    assert.match(auth.privateKey.reveal(), /^-----BEGIN PRIVATE KEY-----/);
  });

  it('reads GITHUB_APP_PRIVATE_KEY_PATH', () => {
    const { pkcs1 } = rsaKeys();
    const path = writeTemp('app.pem', pkcs1);
    const auth = authOf(parseCoreConfig({ GITHUB_APP_ID: '7', GITHUB_APP_PRIVATE_KEY_PATH: path }), 'app');
    assert.equal(auth.privateKey.reveal(), pkcs1.trim());
  });

  it('reports an unreadable key path by variable and path', () => {
    const path = join(tempDir(), 'missing.pem');
    const error = configError({ GITHUB_APP_ID: '7', GITHUB_APP_PRIVATE_KEY_PATH: path });
    assert.match(error.message, /GITHUB_APP_PRIVATE_KEY_PATH/);
    assert.match(error.message, /ENOENT/);
  });

  it('rejects both key text and key path', () => {
    const { pkcs1 } = rsaKeys();
    const path = writeTemp('app.pem', pkcs1);
    const error = configError({ GITHUB_APP_ID: '7', GITHUB_APP_PRIVATE_KEY: pkcs1, GITHUB_APP_PRIVATE_KEY_PATH: path });
    assertNamesWithoutSecret(error, 'GITHUB_APP_PRIVATE_KEY_PATH', pkcs1);
  });

  it('requires a private key with GITHUB_APP_ID', () => {
    const error = configError({ GITHUB_APP_ID: '7' });
    assert.match(error.message, /GITHUB_APP_PRIVATE_KEY/);
  });

  it('requires GITHUB_APP_ID with a private key, without echoing the key', () => {
    const { pkcs1 } = rsaKeys();
    const error = configError({ GITHUB_APP_PRIVATE_KEY: pkcs1 });
    assertNamesWithoutSecret(error, 'GITHUB_APP_ID', pkcs1);
  });

  it('rejects a bad PEM by variable name without echoing it', () => {
    const bad = '-----BEGIN RSA PRIVATE KEY-----\n' + 'A'.repeat(64) + '\n-----END RSA PRIVATE KEY-----';
    const error = configError({ GITHUB_APP_ID: '7', GITHUB_APP_PRIVATE_KEY: bad });
    assertNamesWithoutSecret(error, 'GITHUB_APP_PRIVATE_KEY', bad);
    assert.match(error.message, /RSA private key/);
  });

  it('rejects a non-RSA (EC) private key', () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const error = configError({ GITHUB_APP_ID: '7', GITHUB_APP_PRIVATE_KEY: pem });
    assertNamesWithoutSecret(error, 'GITHUB_APP_PRIVATE_KEY', pem);
  });

  it('rejects a non-numeric app id by variable name without echoing it', () => {
    const { pkcs1 } = rsaKeys();
    const error = configError({ GITHUB_APP_ID: 'Iv1.notanumber', GITHUB_APP_PRIVATE_KEY: pkcs1 });
    assertNamesWithoutSecret(error, 'GITHUB_APP_ID', 'Iv1.notanumber');
    assert.ok(!error.message.includes(pkcs1.split('\n')[1]!));
  });

  it('rejects app id 0 and negative ids', () => {
    const { pkcs1 } = rsaKeys();
    assert.match(configError({ GITHUB_APP_ID: '0', GITHUB_APP_PRIVATE_KEY: pkcs1 }).message, /GITHUB_APP_ID/);
    assert.match(configError({ GITHUB_APP_ID: '-3', GITHUB_APP_PRIVATE_KEY: pkcs1 }).message, /GITHUB_APP_ID/);
  });

  it('selects Auth.AppInstallationAuth with GITHUB_APP_INSTALLATION_ID and permissions JSON', () => {
    const { pkcs1 } = rsaKeys();
    const auth = authOf(
      parseCoreConfig({
        GITHUB_APP_ID: '7',
        GITHUB_APP_PRIVATE_KEY: pkcs1,
        GITHUB_APP_INSTALLATION_ID: '99',
        GITHUB_APP_TOKEN_PERMISSIONS: '{"issues":"write","contents":"read"}',
      }),
      'app',
    );
    assert.equal(auth.installationId, 99);
    assert.deepEqual(auth.permissions, { issues: 'write', contents: 'read' });
    assert.equal(pygithubClassFor(auth), 'Auth.AppInstallationAuth');
  });

  it('rejects a non-numeric installation id', () => {
    const { pkcs1 } = rsaKeys();
    const error = configError({ GITHUB_APP_ID: '7', GITHUB_APP_PRIVATE_KEY: pkcs1, GITHUB_APP_INSTALLATION_ID: 'abc' });
    assert.match(error.message, /GITHUB_APP_INSTALLATION_ID/);
  });

  it('rejects permissions that are not JSON, naming the variable', () => {
    const { pkcs1 } = rsaKeys();
    const error = configError({ GITHUB_APP_ID: '7', GITHUB_APP_PRIVATE_KEY: pkcs1, GITHUB_APP_TOKEN_PERMISSIONS: '{issues: write' });
    assert.match(error.message, /GITHUB_APP_TOKEN_PERMISSIONS/);
    assert.match(error.message, /JSON/);
  });

  it('rejects permission levels other than read/write/admin', () => {
    const { pkcs1 } = rsaKeys();
    const error = configError({ GITHUB_APP_ID: '7', GITHUB_APP_PRIVATE_KEY: pkcs1, GITHUB_APP_TOKEN_PERMISSIONS: '{"issues":"delete"}' });
    assert.match(error.message, /GITHUB_APP_TOKEN_PERMISSIONS/);
  });

  it('rejects permissions JSON that is not an object', () => {
    const { pkcs1 } = rsaKeys();
    const error = configError({ GITHUB_APP_ID: '7', GITHUB_APP_PRIVATE_KEY: pkcs1, GITHUB_APP_TOKEN_PERMISSIONS: '["issues"]' });
    assert.match(error.message, /GITHUB_APP_TOKEN_PERMISSIONS/);
  });

  it('selects Auth.AppAuthToken from GITHUB_APP_JWT without an app id', () => {
    const jwt = fakeJwt({ iss: '7', iat: 1, exp: 2 });
    const auth = authOf(parseCoreConfig({ GITHUB_APP_JWT: ` ${jwt} ` }), 'app_token');
    assert.equal(auth.jwt.reveal(), jwt);
    assert.equal(pygithubClassFor(auth), 'Auth.AppAuthToken');
  });

  it('rejects a GITHUB_APP_JWT that is not JWT-shaped without echoing it', () => {
    const notJwt = fakeToken('ghp_');
    const error = configError({ GITHUB_APP_JWT: notJwt });
    assertNamesWithoutSecret(error, 'GITHUB_APP_JWT', notJwt);
  });

  it('selects Auth.AppUserAuth with client id, secret, token and refresh token', () => {
    const token = fakeToken('ghu_');
    const refresh = fakeToken('ghr_');
    const auth = authOf(
      parseCoreConfig({
        GITHUB_APP_CLIENT_ID: 'Iv1.client',
        GITHUB_APP_CLIENT_SECRET: 'client-secret-' + 'c'.repeat(20),
        GITHUB_APP_USER_TOKEN: token,
        GITHUB_APP_USER_TOKEN_EXPIRES_AT: '2030-01-01T08:00:00Z',
        GITHUB_APP_USER_REFRESH_TOKEN: refresh,
        GITHUB_APP_USER_REFRESH_TOKEN_EXPIRES_AT: '2030-06-01T00:00:00Z',
      }),
      'app_user',
    );
    assert.equal(auth.clientId, 'Iv1.client');
    assert.equal(auth.token.reveal(), token);
    assert.equal(auth.refreshToken?.reveal(), refresh);
    assert.equal(auth.expiresAt, '2030-01-01T08:00:00Z');
    assert.equal(auth.refreshTokenExpiresAt, '2030-06-01T00:00:00Z');
    assert.equal(pygithubClassFor(auth), 'Auth.AppUserAuth');
  });

  it('requires the client secret for Auth.AppUserAuth only when it can refresh', () => {
    const token = fakeToken('ghu_');
    const refresh = fakeToken('ghr_');
    const error = configError({ GITHUB_APP_CLIENT_ID: 'Iv1.client', GITHUB_APP_USER_TOKEN: token, GITHUB_APP_USER_REFRESH_TOKEN: refresh });
    assertNamesWithoutSecret(error, 'GITHUB_APP_CLIENT_SECRET', refresh);
    // A host that refreshes the token itself (the VS Code extension) passes neither.
    const auth = parseCoreConfig({ GITHUB_APP_CLIENT_ID: 'Iv1.client', GITHUB_APP_USER_TOKEN: token }).auth;
    assert.equal(auth.method, 'app_user');
    assert.equal(auth.method === 'app_user' ? auth.clientSecret : 'unset', undefined);
  });

  it('rejects a user token expiry that is not a date', () => {
    const error = configError({
      GITHUB_APP_CLIENT_ID: 'Iv1.client',
      GITHUB_APP_CLIENT_SECRET: 's'.repeat(20),
      GITHUB_APP_USER_TOKEN: fakeToken('ghu_'),
      GITHUB_APP_USER_TOKEN_EXPIRES_AT: 'tomorrow-ish',
    });
    assert.match(error.message, /GITHUB_APP_USER_TOKEN_EXPIRES_AT/);
  });
});

describe('parseCoreConfig: conflicts', () => {
  it('names both variables for token + login', () => {
    const token = fakeToken('ghp_');
    const error = configError({ GITHUB_TOKEN: token, GITHUB_LOGIN: 'octocat', GITHUB_PASSWORD: 'pw-' + 'p'.repeat(12) });
    assertNamesWithoutSecret(error, 'GITHUB_TOKEN', token);
    assert.match(error.message, /GITHUB_LOGIN/);
    assert.match(error.message, /Conflicting/);
  });

  it('names both variables for token + App', () => {
    const token = fakeToken('ghp_');
    const error = configError({ GITHUB_PERSONAL_ACCESS_TOKEN: token, GITHUB_APP_ID: '7', GITHUB_APP_PRIVATE_KEY: rsaKeys().pkcs1 });
    assertNamesWithoutSecret(error, 'GITHUB_PERSONAL_ACCESS_TOKEN', token);
    assert.match(error.message, /GITHUB_APP_ID/);
  });

  it('names both variables for App JWT + App user token', () => {
    const jwt = fakeJwt({ iss: '7' });
    const user = fakeToken('ghu_');
    const error = configError({ GITHUB_APP_JWT: jwt, GITHUB_APP_USER_TOKEN: user });
    assertNamesWithoutSecret(error, 'GITHUB_APP_JWT', jwt);
    assertNamesWithoutSecret(error, 'GITHUB_APP_USER_TOKEN', user);
  });

  it('rejects GITHUB_AUTH naming one method while another method\'s variable is set', () => {
    const token = fakeToken('ghp_');
    const error = configError({ GITHUB_AUTH: 'login', GITHUB_TOKEN: token });
    assertNamesWithoutSecret(error, 'GITHUB_TOKEN', token);
    assert.match(error.message, /GITHUB_AUTH=login/);
  });
});

describe('parseCoreConfig: options', () => {
  it('has PyGithub\'s defaults', () => {
    const config = parseCoreConfig({});
    assert.equal(config.apiUrl, 'https://api.github.com');
    assert.equal(config.timeoutMs, 15_000);
    assert.equal(config.perPage, 30);
    assert.equal(config.secondsBetweenRequests, 0.25);
    assert.equal(config.secondsBetweenWrites, 1);
    assert.deepEqual(config.jwt, { expirySeconds: 300, issuedAtSeconds: -60, algorithm: 'RS256' });
    assert.equal(config.lazy, true);
    assert.equal(config.verify, true);
    assert.equal(config.retries, 3);
    assert.equal(config.poolSize, 10);
    assert.ok(config.userAgent.length > 0);
  });

  it('reads explicit option values', () => {
    const config = parseCoreConfig({
      GITHUB_TIMEOUT: '2.5',
      GITHUB_PER_PAGE: '100',
      GITHUB_SECONDS_BETWEEN_REQUESTS: '0',
      GITHUB_SECONDS_BETWEEN_WRITES: '3',
      GITHUB_JWT_EXPIRY: '600',
      GITHUB_JWT_ISSUED_AT: '-30',
      GITHUB_JWT_ALGORITHM: 'RS512',
      GITHUB_LAZY: 'false',
      GITHUB_RETRY: '0',
      GITHUB_POOL_SIZE: '4',
      GITHUB_USER_AGENT: 'tests/1.0',
    });
    assert.equal(config.timeoutMs, 2500);
    assert.equal(config.perPage, 100);
    assert.equal(config.secondsBetweenRequests, 0);
    assert.equal(config.secondsBetweenWrites, 3);
    assert.deepEqual(config.jwt, { expirySeconds: 600, issuedAtSeconds: -30, algorithm: 'RS512' });
    assert.equal(config.lazy, false);
    assert.equal(config.retries, 0);
    assert.equal(config.poolSize, 4);
    assert.equal(config.userAgent, 'tests/1.0');
  });

  it('accepts GITHUB_JWT_EXPIRY at the bounds 15 and 600', () => {
    assert.equal(parseCoreConfig({ GITHUB_JWT_EXPIRY: '15' }).jwt.expirySeconds, 15);
    assert.equal(parseCoreConfig({ GITHUB_JWT_EXPIRY: '600' }).jwt.expirySeconds, 600);
  });

  for (const value of ['14', '601', '0', 'abc', '30.5']) {
    it(`rejects GITHUB_JWT_EXPIRY=${value}`, () => {
      const error = configError({ GITHUB_JWT_EXPIRY: value });
      assert.match(error.message, /GITHUB_JWT_EXPIRY/);
      assert.match(error.message, /15 to 600|number of seconds/);
    });
  }

  for (const value of ['0', '101', 'abc', '2.5', '-1']) {
    it(`rejects GITHUB_PER_PAGE=${value}`, () => {
      const error = configError({ GITHUB_PER_PAGE: value });
      assert.match(error.message, /GITHUB_PER_PAGE/);
    });
  }

  it('rejects a non-positive or non-numeric GITHUB_TIMEOUT', () => {
    assert.match(configError({ GITHUB_TIMEOUT: '0' }).message, /GITHUB_TIMEOUT/);
    assert.match(configError({ GITHUB_TIMEOUT: 'soon' }).message, /GITHUB_TIMEOUT/);
  });

  it('rejects a negative GITHUB_SECONDS_BETWEEN_WRITES', () => {
    assert.match(configError({ GITHUB_SECONDS_BETWEEN_WRITES: '-1' }).message, /GITHUB_SECONDS_BETWEEN_WRITES/);
  });

  it('rejects an unknown GITHUB_JWT_ALGORITHM', () => {
    assert.match(configError({ GITHUB_JWT_ALGORITHM: 'HS256' }).message, /GITHUB_JWT_ALGORITHM/);
  });

  it('lists every invalid variable in one error', () => {
    const error = configError({ GITHUB_PER_PAGE: '0', GITHUB_JWT_EXPIRY: '9999' });
    assert.match(error.message, /GITHUB_PER_PAGE/);
    assert.match(error.message, /GITHUB_JWT_EXPIRY/);
  });

  it('reads GITHUB_LAZY flags', () => {
    for (const value of ['0', 'false', 'no', 'off', 'FALSE']) assert.equal(parseCoreConfig({ GITHUB_LAZY: value }).lazy, false, value);
    for (const value of ['1', 'true', 'yes', 'on', 'True']) assert.equal(parseCoreConfig({ GITHUB_LAZY: value }).lazy, true, value);
    assert.match(configError({ GITHUB_LAZY: 'maybe' }).message, /GITHUB_LAZY/);
  });

  it('derives the API URL from GITHUB_HOST', () => {
    assert.equal(parseCoreConfig({ GITHUB_HOST: 'github.com' }).apiUrl, 'https://api.github.com');
    assert.equal(parseCoreConfig({ GITHUB_HOST: 'ghe.example.com' }).apiUrl, 'https://ghe.example.com/api/v3');
    assert.equal(parseCoreConfig({ GITHUB_HOST: 'https://ghe.example.com/' }).apiUrl, 'https://ghe.example.com/api/v3');
    assert.equal(parseCoreConfig({ GITHUB_HOST: 'octo.ghe.com' }).apiUrl, 'https://api.octo.ghe.com');
  });

  it('prefers GITHUB_API_URL over GITHUB_HOST and strips trailing slashes', () => {
    assert.equal(parseCoreConfig({ GITHUB_API_URL: 'https://ghe.example.com/api/v3/', GITHUB_HOST: 'github.com' }).apiUrl, 'https://ghe.example.com/api/v3');
  });

  it('rejects a GITHUB_API_URL that is not http(s)', () => {
    assert.match(configError({ GITHUB_API_URL: 'ftp://ghe.example.com' }).message, /GITHUB_API_URL/);
    assert.match(configError({ GITHUB_API_URL: 'not a url' }).message, /GITHUB_API_URL/);
  });

  it('reads GITHUB_VERIFY as true, false or a CA bundle path', () => {
    assert.equal(parseCoreConfig({ GITHUB_VERIFY: 'true' }).verify, true);
    assert.equal(parseCoreConfig({ GITHUB_VERIFY: '1' }).verify, true);
    assert.equal(parseCoreConfig({ GITHUB_VERIFY: 'false' }).verify, false);
    assert.equal(parseCoreConfig({ GITHUB_VERIFY: 'FALSE' }).verify, false);
    assert.equal(parseCoreConfig({ GITHUB_VERIFY: '0' }).verify, false);
    const bundle = join(mkdtempSync(join(tmpdir(), 'ca-')), 'corp-ca.pem');
    writeFileSync(bundle, '-----BEGIN CERTIFICATE-----\n');
    assert.equal(parseCoreConfig({ GITHUB_VERIFY: ` ${bundle} ` }).verify, bundle);
    assert.throws(() => parseCoreConfig({ GITHUB_VERIFY: '/etc/ssl/no-such-ca.pem' }), /GITHUB_VERIFY: cannot read CA bundle \/etc\/ssl\/no-such-ca.pem/);
  });
});
