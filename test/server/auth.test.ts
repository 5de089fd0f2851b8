import assert from 'node:assert/strict';
import { createSign } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { textOf } from '../support/serverHarness';
import { appEnv, appUserEnv, serverFor, withServer, startSimulator, type Simulator } from '../support/simServer';
import { runToExit } from '../support/runToExit';

type Status = { method: string; pygithubClass: string; identity?: string; authenticated: boolean; tokenKind?: string; scopes?: string[]; expiresAt?: string; installationId?: number; permissions?: Record<string, string>; problem?: string };

describe('every PyGithub auth method, end to end over stdio', () => {
  let sim: Simulator;
  before(async () => (sim = await startSimulator()));
  after(() => sim.close());

  const user = (login: string) => sim.fixtures.users.find((u) => u.login === login)!;

  it('Auth.Token: a classic PAT acts as its user and auth_status reports scopes, never the token', async () => {
    const token = sim.createPersonalToken('octocat', { scopes: ['repo', 'read:org'] });
    await withServer(sim, 'token', { GITHUB_TOKEN: token }, async (server) => {
      assert.equal((await server.data<{ login: string }>('get_me')).login, 'octocat');
      const result = await server.call('auth_status');
      const status = result.structuredContent as Status;
      assert.equal(status.method, 'token');
      assert.equal(status.pygithubClass, 'Auth.Token');
      assert.equal(status.identity, 'octocat');
      assert.equal(status.tokenKind, 'classic personal access token');
      assert.deepEqual(status.scopes, ['repo', 'read:org']);
      assert.ok(!textOf(result).includes(token));
    });
  });

  it('Auth.Token also reads GITHUB_PERSONAL_ACCESS_TOKEN, and a fine-grained token is named as such', async () => {
    await withServer(sim, 'pat alias', { GITHUB_PERSONAL_ACCESS_TOKEN: sim.createPersonalToken('hubot', { fineGrained: true }) }, async (server) => {
      const status = await server.data<Status>('auth_status');
      assert.equal(status.identity, 'hubot');
      assert.equal(status.tokenKind, 'fine-grained personal access token');
    });
  });

  it('Auth.Login: HTTP Basic with login and password', async () => {
    await withServer(sim, 'login', { GITHUB_LOGIN: 'octocat', GITHUB_PASSWORD: user('octocat').password }, async (server) => {
      const status = await server.data<Status>('auth_status');
      assert.equal(status.pygithubClass, 'Auth.Login');
      assert.equal(status.identity, 'octocat');
    });
  });

  it('Auth.NetrcAuth: the entry for the API host, and a clear error naming the host when there is none', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'netrc-'));
    const good = join(dir, 'good');
    writeFileSync(good, `machine example.com login nobody password nothing\nmachine 127.0.0.1\n  login hubot\n  password ${user('hubot').password}\n`);
    await withServer(sim, 'netrc', { GITHUB_AUTH: 'netrc', NETRC: good }, async (server) => {
      const status = await server.data<Status>('auth_status');
      assert.equal(status.pygithubClass, 'Auth.NetrcAuth');
      assert.equal(status.identity, 'hubot');
    });
    const missing = join(dir, 'missing');
    writeFileSync(missing, 'machine example.com login nobody password nothing\n');
    const exit = await runToExit({ GITHUB_API_URL: sim.apiUrl, GITHUB_AUTH: 'netrc', NETRC: missing });
    assert.equal(exit.code, 2);
    assert.match(exit.stderr, /no netrc entry for host 127\.0\.0\.1/);
    assert.equal(exit.stdout, '');
  });

  it('Auth.AppAuth: acts as the installation covering each repository, one token per installation per lifetime', async () => {
    await withServer(sim, 'app', appEnv(sim), async (server) => {
      assert.equal((await server.data<{ slug: string }>('get_app')).slug, sim.fixtures.apps[0].slug);
      sim.stats.reset();
      for (let i = 0; i < 3; i++) await server.data('list_issues', { owner: 'octocat', repo: 'hello-world', perPage: 5 });
      await server.data('list_issues', { owner: 'sim-org', repo: 'api', perPage: 5 });
      await server.data('list_issues', { owner: 'sim-org', repo: 'web', perPage: 5 });
      assert.equal(sim.stats.tokensMinted(sim.fixtures.installations.octocat), 1);
      assert.equal(sim.stats.tokensMinted(sim.fixtures.installations.simOrg), 1);
      const lookups = sim.stats.requests.filter((r) => /\/installation$/.test(r.path));
      assert.equal(lookups.length, 3, 'one installation lookup per repository, then cached');
      const status = await server.data<Status>('auth_status');
      assert.equal(status.pygithubClass, 'Auth.AppAuth');
      assert.equal(status.identity, `${sim.fixtures.apps[0].slug}[bot]`);
    });
  });

  it('Auth.AppAuth reads PKCS#8 keys and key files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'key-'));
    const path = join(dir, 'app.pem');
    writeFileSync(path, sim.fixtures.apps[0].privateKeyPkcs8Pem);
    await withServer(sim, 'app pkcs8 file', { GITHUB_APP_ID: String(sim.fixtures.apps[0].id), GITHUB_APP_PRIVATE_KEY_PATH: path }, async (server) => {
      assert.equal((await server.data<{ id: number }>('get_app')).id, sim.fixtures.apps[0].id);
    });
  });

  it('Auth.AppInstallationAuth: a pinned installation with narrowed permissions, refreshed across expiry on the simulator clock', async () => {
    const installationId = sim.fixtures.installations.simOrg;
    const server = await serverFor(sim, 'app installation', appEnv(sim, {
      GITHUB_APP_INSTALLATION_ID: String(installationId),
      GITHUB_APP_TOKEN_PERMISSIONS: JSON.stringify({ issues: 'read', metadata: 'read' }),
    }));
    try {
      sim.stats.reset();
      await server.data('list_issues', { owner: 'sim-org', repo: 'api' });
      const status = await server.data<Status>('auth_status');
      assert.equal(status.pygithubClass, 'Auth.AppInstallationAuth');
      assert.equal(status.installationId, installationId);
      assert.deepEqual(status.permissions, { issues: 'read', metadata: 'read' });
      assert.ok(status.expiresAt && Date.parse(status.expiresAt) > sim.clock.now());

      const denied = await server.call('create_issue', { owner: 'sim-org', repo: 'api', title: 'narrowed tokens cannot write' });
      assert.equal(denied.isError, true);
      assert.match(textOf(denied), /403|Permission denied/);

      sim.clock.advance(30 * 60_000);
      await server.data('list_issues', { owner: 'sim-org', repo: 'api' });
      assert.equal(sim.stats.tokensMinted(installationId), 1, 'still within the token lifetime');

      sim.clock.advance(31 * 60_000);
      await server.data('list_issues', { owner: 'sim-org', repo: 'api' });
      assert.equal(sim.stats.tokensMinted(installationId), 2, 'a new token after the first expired');
    } finally {
      await server.close();
    }
  });

  it('Auth.AppAuthToken: a fixed JWT needs no app id, and cannot sign new JWTs', async () => {
    const app = sim.fixtures.apps[0];
    const now = Math.floor(sim.clock.now() / 1000);
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const unsigned = `${encode({ alg: 'RS256', typ: 'JWT' })}.${encode({ iat: now - 60, exp: now + 540, iss: String(app.id) })}`;
    const jwt = `${unsigned}.${createSign('RSA-SHA256').update(unsigned).sign(app.privateKeyPkcs1Pem).toString('base64url')}`;
    await withServer(sim, 'app token', { GITHUB_APP_JWT: jwt }, async (server) => {
      assert.equal((await server.data<{ id: number }>('get_app')).id, app.id);
      const status = await server.data<Status>('auth_status');
      assert.equal(status.pygithubClass, 'Auth.AppAuthToken');
      const refused = await server.call('create_jwt');
      assert.equal(refused.isError, true);
      assert.match(textOf(refused), /fixed JWT/);
    });
  });

  it('Auth.AppUserAuth: refreshes an expired user token and rotates the refresh token', async () => {
    const app = sim.fixtures.apps[0];
    const pair = sim.createAppUserToken('monalisa', { appId: app.id, expiresInSeconds: 600 });
    await withServer(sim, 'app user', appUserEnv(app, pair), async (server) => {
      assert.equal((await server.data<{ login: string }>('get_me')).login, 'monalisa');
      sim.clock.advance(11 * 60_000);
      assert.equal((await server.data<{ login: string }>('get_me')).login, 'monalisa', 'works after the first token expired');
      const status = await server.data<Status>('auth_status');
      assert.equal(status.pygithubClass, 'Auth.AppUserAuth');
      assert.ok(status.expiresAt && Date.parse(status.expiresAt) > sim.clock.now(), 'reports the refreshed expiry');
      // GitHub rotates refresh tokens: the original one is spent.
      const reuse = await fetch(`${sim.origin}/login/oauth/access_token`, {
        method: 'POST',
        headers: { accept: 'application/json', 'content-type': 'application/json' },
        body: JSON.stringify({ client_id: app.clientId, client_secret: app.clientSecret, grant_type: 'refresh_token', refresh_token: pair.refreshToken }),
      });
      assert.equal(((await reuse.json()) as { error?: string }).error, 'bad_refresh_token');
    });
  });

  it('Auth.AppUserAuth: an expired refresh token gives a clear error, not a crash', async () => {
    const app = sim.fixtures.apps[0];
    const pair = sim.createAppUserToken('monalisa', { appId: app.id, expiresInSeconds: 60, refreshTokenExpiresInSeconds: 120 });
    await withServer(sim, 'app user expired', appUserEnv(app, pair), async (server) => {
      sim.clock.advance(5 * 60_000);
      const result = await server.call('get_me');
      assert.equal(result.isError, true);
      assert.match(textOf(result), /refresh token .*(expired|rejected).*Sign in/i);
      assert.equal((await server.data<Status>('auth_status')).method, 'app_user', 'still serving after the failure');
    });
  });

  it('no credentials: starts, serves public data, and auth_status says so', async () => {
    await withServer(sim, 'anonymous', {}, async (server) => {
      const status = await server.data<Status>('auth_status');
      assert.equal(status.authenticated, false);
      assert.match(status.problem ?? '', /public data/);
      assert.equal((await server.data<{ fullName: string }>('get_repository', { owner: 'octocat', repo: 'hello-world' })).fullName, 'octocat/hello-world');
    });
  });

  it('refuses two methods at once, naming both, and bad values without echoing them', async () => {
    const both = await runToExit({ GITHUB_TOKEN: 'not-a-real-token-value', GITHUB_APP_ID: '5', GITHUB_APP_PRIVATE_KEY: 'x' });
    assert.equal(both.code, 2);
    assert.match(both.stderr, /GITHUB_TOKEN.*GITHUB_APP_ID|GITHUB_APP_ID.*GITHUB_TOKEN/);
    assert.ok(!both.stderr.includes('not-a-real-token-value'));

    const badPem = await runToExit({ GITHUB_APP_ID: '5', GITHUB_APP_PRIVATE_KEY: '-----BEGIN RSA PRIVATE KEY-----\nnot-a-key-secret-material\n-----END RSA PRIVATE KEY-----' });
    assert.equal(badPem.code, 2);
    assert.match(badPem.stderr, /GITHUB_APP_PRIVATE_KEY: is not a PEM-encoded RSA private key/);
    assert.ok(!badPem.stderr.includes('not-a-key-secret-material'));

    const badId = await runToExit({ GITHUB_APP_ID: 'my-app', GITHUB_APP_PRIVATE_KEY: sim.fixtures.apps[0].privateKeyPkcs1Pem, GITHUB_JWT_EXPIRY: '900' });
    assert.equal(badId.code, 2);
    assert.match(badId.stderr, /GITHUB_APP_ID: must be a positive integer/);
    assert.match(badId.stderr, /GITHUB_JWT_EXPIRY: must be a whole number of seconds from 15 to 600/);
    assert.equal(badId.stdout, '', 'nothing but JSON-RPC on stdout, even when failing');
  });
});
