import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createBasicAuth } from '../../../src/core/auth/login';
import { redact } from '../../../src/core/redact';
import { Secret } from '../../../src/core/secret';

const target = { appLevel: false };

function password(): string {
  return 'pw:' + Math.random().toString(36).slice(2) + '-é';
}

function decodeBasic(header: string | undefined): string {
  assert.ok(header !== undefined && header.startsWith('Basic '), String(header));
  return Buffer.from(header.slice('Basic '.length), 'base64').toString('utf8');
}

describe('createBasicAuth (Auth.Login / Auth.NetrcAuth)', () => {
  it('sends Basic base64(login:password)', async () => {
    const pw = password();
    const auth = createBasicAuth('login', 'octocat', new Secret(pw));
    const header = await auth.authorization(target);
    assert.equal(header, `Basic ${Buffer.from(`octocat:${pw}`).toString('base64')}`);
    assert.equal(decodeBasic(header), `octocat:${pw}`);
  });

  it('sends the same header for app-level paths', async () => {
    const auth = createBasicAuth('login', 'octocat', new Secret(password()));
    assert.equal(await auth.authorization({ appLevel: true }), await auth.authorization(target));
  });

  it('cannot fix a 401', async () => {
    assert.equal(await createBasicAuth('login', 'octocat', new Secret(password())).invalidate(target, 'Basic x'), false);
  });

  it('facts carry the login and class, never the password', () => {
    const pw = password();
    const login = createBasicAuth('login', 'octocat', new Secret(pw)).facts();
    assert.deepEqual(login, { method: 'login', pygithubClass: 'Auth.Login', login: 'octocat' });
    assert.ok(!JSON.stringify(login).includes(pw));
    const netrc = createBasicAuth('netrc', 'octocat', new Secret(pw)).facts();
    assert.deepEqual(netrc, { method: 'netrc', pygithubClass: 'Auth.NetrcAuth', login: 'octocat' });
    assert.ok(!JSON.stringify(netrc).includes(pw));
  });

  it('its header is masked by redact wherever it is logged', async () => {
    const auth = createBasicAuth('netrc', 'octocat', new Secret(password()));
    const header = (await auth.authorization(target))!;
    const encoded = header.slice('Basic '.length);
    const out = redact(`request headers: {"authorization":"${header}"}`);
    assert.ok(!out.includes(encoded), out);
  });

  it('masks the plain password as a registered secret', () => {
    const pw = password();
    createBasicAuth('login', 'octocat', new Secret(pw));
    assert.ok(!redact(`typed ${pw}`).includes(pw));
  });
});
