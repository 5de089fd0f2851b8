import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { parseCoreConfig } from '../../../src/core/config';
import { loadServerConfig } from '../../../src/server/config';
import { AUTH_VARIABLES, coreEnvironment, SECRET_VARIABLES, serverEnv, withoutSecrets } from '../../../src/extension/mcp/envContract';
import type { Identity } from '../../../src/extension/mcp/identity';
import { labelFor } from '../../../src/extension/mcp/identity';
import { definitionVersion } from '../../../src/extension/mcp/version';
import { DEFAULT_OPTIONS } from '../../../src/extension/settings';

const pem = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
const apiUrl = 'https://ghe.example.com/api/v3';
const identities: Identity[] = [
  { kind: 'account', key: 'account', apiUrl, account: 'octocat', token: 'gho_accounttoken00000000000000' },
  { kind: 'app', key: 'app:42', apiUrl, appId: 42, name: 'My App', slug: 'my-app', privateKey: pem, installationId: 7, permissions: { issues: 'write' } },
  { kind: 'pat', key: 'pat', apiUrl, login: 'octocat', token: 'ghp_patpatpatpatpatpatpat000000' },
  { kind: 'login', key: 'login', apiUrl, login: 'octocat', password: 'hunter2-password' },
  { kind: 'appUser', key: 'appUser', apiUrl, login: 'octocat', clientId: 'Iv1.abc', token: 'ghu_usertoken0000000000000000', expiresAt: '2030-01-01T00:00:00Z' },
];

describe('server environment (the env contract)', () => {
  it('is accepted by the server and the core for every identity, with the expected method', () => {
    const expected = { account: 'token', app: 'app', pat: 'token', login: 'login', appUser: 'app_user' } as Record<string, string>;
    for (const identity of identities) {
      const env = serverEnv(identity, { ...DEFAULT_OPTIONS, toolsets: ['repos', 'issues'], readOnly: true });
      const server = loadServerConfig(coreEnvironment(env));
      assert.equal(server.core.auth.method, expected[identity.kind], identity.kind);
      assert.equal(server.core.apiUrl, apiUrl);
      assert.equal(server.readOnly, true);
      assert.ok(server.toolsets.includes('repos') && !server.toolsets.includes('pull_requests'));
      assert.equal(parseCoreConfig(coreEnvironment(env)).auth.method, expected[identity.kind]);
    }
  });

  it('clears every credential variable it does not set, so the editor environment cannot collide', () => {
    const env = serverEnv(identities[1], DEFAULT_OPTIONS);
    for (const name of AUTH_VARIABLES) assert.ok(name in env, name);
    assert.equal(env.GITHUB_TOKEN, null);
    assert.equal(env.GITHUB_APP_ID, '42');
    assert.equal(env.GITHUB_APP_INSTALLATION_ID, '7');
    assert.equal(env.GITHUB_APP_TOKEN_PERMISSIONS, '{"issues":"write"}');
    assert.equal(env.ELECTRON_RUN_AS_NODE, '1');
  });

  it('never gives the server the App-user refresh token or client secret (the extension alone refreshes)', () => {
    const env = serverEnv(identities[4], DEFAULT_OPTIONS);
    assert.equal(env.GITHUB_APP_USER_REFRESH_TOKEN, null);
    assert.equal(env.GITHUB_APP_CLIENT_SECRET, null);
    assert.equal(env.GITHUB_APP_USER_TOKEN, 'ghu_usertoken0000000000000000');
    assert.equal(env.GITHUB_APP_USER_TOKEN_EXPIRES_AT, '2030-01-01T00:00:00Z');
  });

  it('withoutSecrets clears every credential value and keeps the rest (what provide() hands VS Code to cache)', () => {
    for (const identity of identities) {
      const full = serverEnv(identity, DEFAULT_OPTIONS);
      const cached = withoutSecrets(full);
      const values = JSON.stringify(cached);
      for (const name of SECRET_VARIABLES) {
        assert.equal(cached[name], null, `${identity.kind}: ${name}`);
        const secret = full[name];
        if (secret) assert.ok(!values.includes(secret.split('\n')[1] ?? secret), `${identity.kind}: the value of ${name} survives`);
      }
      assert.equal(cached.GITHUB_API_URL, apiUrl);
      assert.equal(cached.GITHUB_TOOLSETS, full.GITHUB_TOOLSETS);
    }
    assert.equal(withoutSecrets(serverEnv(identities[1], DEFAULT_OPTIONS)).GITHUB_APP_ID, '42');
  });

  it('maps every option to its variable', () => {
    const env = serverEnv(identities[0], { ...DEFAULT_OPTIONS, timeout: 5, verify: '/etc/ca.pem', jwtExpiry: 60, lazy: false, logLevel: 'debug', exposeTokens: true });
    assert.equal(env.GITHUB_TIMEOUT, '5');
    assert.equal(env.GITHUB_VERIFY, '/etc/ca.pem');
    assert.equal(env.GITHUB_JWT_EXPIRY, '60');
    assert.equal(env.GITHUB_LAZY, 'false');
    assert.equal(env.GITHUB_LOG_LEVEL, 'debug');
    assert.equal(env.GITHUB_EXPOSE_TOKENS, 'true');
  });

  it('labels each identity', () => {
    assert.deepEqual(identities.map(labelFor), ['GitHub account (octocat)', 'GitHub App (my-app)', 'GitHub PAT (octocat)', 'GitHub login (octocat)', 'GitHub App user (octocat)']);
  });
});

describe('definition version', () => {
  const base = { label: 'GitHub account (octocat)', command: '/usr/bin/node', args: ['/ext/dist/server.js'], env: serverEnv(identities[0], DEFAULT_OPTIONS) };

  it('is stable for the same configuration and salt, and differs with the salt', () => {
    assert.equal(definitionVersion(base, 'salt'), definitionVersion({ ...base, env: { ...base.env } }, 'salt'));
    assert.notEqual(definitionVersion(base, 'salt'), definitionVersion(base, 'other salt'));
  });

  it('changes with the token, toolsets and read-only mode', () => {
    const v = definitionVersion(base, 'salt');
    assert.notEqual(definitionVersion({ ...base, env: { ...base.env, GITHUB_TOKEN: 'gho_other' } }, 'salt'), v);
    assert.notEqual(definitionVersion({ ...base, env: { ...base.env, GITHUB_TOOLSETS: 'repos' } }, 'salt'), v);
    assert.notEqual(definitionVersion({ ...base, env: { ...base.env, GITHUB_READ_ONLY: 'true' } }, 'salt'), v);
  });

  it('contains no piece of the secret, and changes with it', () => {
    // A hex secret shares the version's alphabet, so an echo of it would be caught here.
    const secret = 'a3f1c09e77b2d5e4a3f1c09e77b2d5e4';
    const version = definitionVersion({ ...base, env: { ...base.env, GITHUB_TOKEN: secret } }, 'salt');
    assert.match(version, /^[0-9a-f]{16}$/);
    for (let i = 0; i + 6 <= version.length; i++) assert.ok(!secret.includes(version.slice(i, i + 6)), `${version} repeats part of the secret`);
    assert.notEqual(definitionVersion({ ...base, env: { ...base.env, GITHUB_TOKEN: `${secret.slice(0, -1)}f` } }, 'salt'), version);
    assert.notEqual(definitionVersion(base, 'salt'), version);
  });
});
