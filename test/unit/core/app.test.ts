import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { verify } from 'node:crypto';
import { request as octokitRequest } from '@octokit/request';
import { createAppAuthStrategy } from '../../../src/core/auth/app';
import { decodeJwtClaims } from '../../../src/core/auth/jwt';
import { GitHubClock } from '../../../src/core/clock';
import { GitHubError } from '../../../src/core/errors';
import { silentLogger } from '../../../src/core/logger';
import { Secret } from '../../../src/core/secret';
import { fakeToken, rsaKeys } from './helpers';

const START = Date.parse('2031-05-01T12:00:00.000Z');
const JWT = { expirySeconds: 300, issuedAtSeconds: -60, algorithm: 'RS256' as const };

interface MintCall {
  url: string;
  authorization: string | undefined;
  body: Record<string, unknown>;
}

function setup(options: { installationId?: number; permissions?: Record<string, 'read' | 'write' | 'admin'> } = {}) {
  let local = START;
  const clock = new GitHubClock(() => local);
  const calls: MintCall[] = [];
  const issued: string[] = [];
  const fetch = async (url: string | URL, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    calls.push({ url: String(url), authorization: headers.get('authorization') ?? undefined, body: init?.body ? (JSON.parse(String(init.body)) as Record<string, unknown>) : {} });
    const token = fakeToken('ghs_');
    issued.push(token);
    return new Response(
      JSON.stringify({ token, expires_at: new Date(clock.now() + 3_600_000).toISOString(), permissions: { issues: 'write' }, repository_selection: 'all' }),
      { status: 201, headers: { 'content-type': 'application/json', date: new Date(clock.now()).toUTCString() } },
    );
  };
  const strategy = createAppAuthStrategy({
    appId: 4242,
    privateKey: new Secret(rsaKeys().pkcs8),
    installationId: options.installationId,
    permissions: options.permissions,
    jwt: JWT,
    clock,
    request: octokitRequest.defaults({ baseUrl: 'https://api.github.com', request: { fetch } }),
    log: silentLogger,
  });
  return { strategy, clock, calls, issued, setLocal: (ms: number) => (local = ms) };
}

function bearerClaims(header: string | undefined) {
  assert.ok(header !== undefined && /^bearer /i.test(header), String(header));
  const jwt = header.replace(/^bearer /i, '');
  const [h, p, s] = jwt.split('.');
  assert.equal(verify('sha256', Buffer.from(`${h}.${p}`), rsaKeys().publicKey, Buffer.from(s!, 'base64url')), true);
  return decodeJwtClaims(jwt)!;
}

describe('createAppAuthStrategy', () => {
  it('sends a JWT on our frozen clock for app-level routes', async () => {
    const t = setup();
    const claims = bearerClaims(await t.strategy.authorization({ appLevel: true }));
    assert.deepEqual(claims, { iat: START / 1000 - 60, exp: START / 1000 + 300, iss: '4242' });
    assert.equal(t.calls.length, 0);
  });

  it("signs on GitHub's clock once the offset is known", async () => {
    const t = setup();
    t.clock.observe(new Date(START + 120_000).toUTCString());
    const claims = bearerClaims(await t.strategy.authorization({ appLevel: true }));
    assert.equal(claims.iat, START / 1000 + 120 - 60);
    assert.equal(t.strategy.createJwt(30).claims.exp, START / 1000 + 120 + 30);
  });

  it('mints an installation token with the App JWT and sends it as "token"', async () => {
    const t = setup({ permissions: { issues: 'write' } });
    const header = await t.strategy.authorization({ appLevel: false, installationId: 77 });
    assert.equal(header, `token ${t.issued[0]}`);
    assert.equal(t.calls.length, 1);
    assert.equal(t.calls[0]!.url, 'https://api.github.com/app/installations/77/access_tokens');
    assert.deepEqual(t.calls[0]!.body.permissions, { issues: 'write' });
    assert.equal(bearerClaims(t.calls[0]!.authorization).iss, '4242');
    // Cached for the next request.
    assert.equal(await t.strategy.authorization({ appLevel: false, installationId: 77 }), header);
    assert.equal(t.calls.length, 1);
  });

  it('uses the pinned installation when the request names none', async () => {
    const t = setup({ installationId: 5 });
    await t.strategy.authorization({ appLevel: false });
    assert.equal(t.calls[0]!.url, 'https://api.github.com/app/installations/5/access_tokens');
    const facts = t.strategy.facts();
    assert.equal(facts.method, 'app_installation');
    assert.equal(facts.pygithubClass, 'Auth.AppInstallationAuth');
    assert.equal(facts.installationId, 5);
    assert.equal(facts.expiresAt, new Date(START + 3_600_000).toISOString());
    assert.ok(!JSON.stringify(facts).includes(t.issued[0]!));
  });

  it('asks for an installation when none is pinned or named', async () => {
    const t = setup();
    await assert.rejects(t.strategy.authorization({ appLevel: false }), (error: unknown) => error instanceof GitHubError && error.kind === 'config' && /GITHUB_APP_INSTALLATION_ID/.test(error.message));
  });

  it('invalidate mints a fresh installation token and is retryable', async () => {
    const t = setup({ installationId: 5 });
    const first = await t.strategy.authorization({ appLevel: false });
    assert.equal(await t.strategy.invalidate({ appLevel: false }, first!), true);
    const second = await t.strategy.authorization({ appLevel: false });
    assert.notEqual(second, first);
    assert.equal(t.calls.length, 2);
    // A second 401 for the token already replaced keeps the new one.
    await t.strategy.invalidate({ appLevel: false }, first!);
    assert.equal(await t.strategy.authorization({ appLevel: false }), second);
    assert.equal(t.calls.length, 2);
  });

  it('facts for Auth.AppAuth carry no key material', () => {
    const t = setup();
    const facts = t.strategy.facts();
    assert.equal(facts.method, 'app');
    assert.equal(facts.pygithubClass, 'Auth.AppAuth');
    assert.equal(facts.appId, 4242);
    const json = JSON.stringify(facts);
    assert.ok(!json.includes('PRIVATE KEY'));
    assert.ok(!json.includes(rsaKeys().pkcs8.split('\n')[1]!));
  });
});
