import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createAnonymousAuth, createTokenAuth } from '../../../src/core/auth/token';
import { tokenKind } from '../../../src/core/auth/types';
import { Secret } from '../../../src/core/secret';
import { fakeToken } from './helpers';

const target = { appLevel: false };

describe('createTokenAuth (Auth.Token)', () => {
  it('sends "token <value>" on every request, app-level or not', async () => {
    const token = fakeToken('ghp_');
    const auth = createTokenAuth(new Secret(token));
    assert.equal(auth.method, 'token');
    assert.equal(await auth.authorization(target), `token ${token}`);
    assert.equal(await auth.authorization({ appLevel: true, installationId: 3 }), `token ${token}`);
  });

  it('cannot fix a 401', async () => {
    assert.equal(await createTokenAuth(new Secret(fakeToken('ghp_'))).invalidate(target, 'token x'), false);
  });

  it('facts name the class and token kind, never the token', () => {
    const token = fakeToken('github_pat_');
    const facts = createTokenAuth(new Secret(token)).facts();
    assert.deepEqual(facts, { method: 'token', pygithubClass: 'Auth.Token', tokenKind: 'fine-grained personal access token' });
    assert.ok(!JSON.stringify(facts).includes(token));
  });
});

describe('createAnonymousAuth', () => {
  it('sends no authorization and cannot fix a 401', async () => {
    const auth = createAnonymousAuth();
    assert.equal(auth.method, 'none');
    assert.equal(await auth.authorization(target), undefined);
    assert.equal(await auth.invalidate(target, 'token x'), false);
    assert.deepEqual(auth.facts(), { method: 'none', pygithubClass: 'none' });
  });
});

describe('tokenKind', () => {
  const cases: Array<[Parameters<typeof fakeToken>[0], string]> = [
    ['ghp_', 'classic personal access token'],
    ['gho_', 'OAuth access token'],
    ['ghu_', 'GitHub App user access token'],
    ['ghs_', 'GitHub App installation access token'],
    ['ghr_', 'refresh token'],
    ['github_pat_', 'fine-grained personal access token'],
  ];
  for (const [prefix, kind] of cases) {
    it(`${prefix} → ${kind}`, () => {
      assert.equal(tokenKind(fakeToken(prefix)), kind);
    });
  }

  it('anything else is just a token', () => {
    assert.equal(tokenKind('0123456789abcdef'.repeat(2) + '01234567'), 'token');
    assert.equal(tokenKind(''), 'token');
    assert.equal(tokenKind('ghx_' + 'x'.repeat(36)), 'token');
    assert.equal(tokenKind('GHP_' + 'x'.repeat(36)), 'token');
  });
});
