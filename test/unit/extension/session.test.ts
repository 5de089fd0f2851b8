import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AccountSessions, createSessionLookup, type AuthenticationLike, type GetSessionOptions, type SessionLike } from '../../../src/extension/auth/session';
import { resolveHost, DEFAULT_OPTIONS } from '../../../src/extension/settings';

function fakeAuthentication(session: SessionLike | undefined) {
  const calls: Array<{ providerId: string; scopes: readonly string[]; options: GetSessionOptions }> = [];
  let listener: ((event: { provider: { id: string } }) => unknown) | undefined;
  const authentication: AuthenticationLike = {
    async getSession(providerId, scopes, options) {
      calls.push({ providerId, scopes, options });
      return session;
    },
    onDidChangeSessions(l) {
      listener = l;
      return { dispose: () => (listener = undefined) };
    },
  };
  return { authentication, calls, fire: (id: string) => listener?.({ provider: { id } }) };
}

const octocat: SessionLike = { id: 's1', accessToken: 'gho_sessiontoken000000000000', account: { id: '1', label: 'octocat' }, scopes: ['repo'] };

describe('session lookup (vscode.authentication.getSession)', () => {
  it('asks silently at provide time: provider id, the configured scopes, { silent: true }', async () => {
    const { authentication, calls } = fakeAuthentication(octocat);
    const host = resolveHost(DEFAULT_OPTIONS);
    const accounts = new AccountSessions(createSessionLookup(authentication), () => ({ providerId: host.providerId, scopes: ['repo', 'read:org', 'read:user'] }), authentication);
    assert.equal((await accounts.refresh())?.account.label, 'octocat');
    assert.deepEqual(calls, [{ providerId: 'github', scopes: ['repo', 'read:org', 'read:user'], options: { silent: true } }]);
  });

  it('prompts only on sign-in (createIfNone), and lets the user switch accounts (clearSessionPreference)', async () => {
    const { authentication, calls } = fakeAuthentication(octocat);
    const accounts = new AccountSessions(createSessionLookup(authentication), () => ({ providerId: 'github', scopes: ['repo'] }));
    await accounts.signIn('interactive');
    await accounts.signIn('switch');
    assert.deepEqual(
      calls.map((call) => call.options),
      [{ createIfNone: true }, { createIfNone: true, clearSessionPreference: true }],
    );
  });

  it('uses github-enterprise for a GHES or ghe.com URI, with the derived API URL', () => {
    assert.deepEqual(resolveHost({ ...DEFAULT_OPTIONS }, 'https://ghe.example.com'), {
      providerId: 'github-enterprise',
      apiUrl: 'https://ghe.example.com/api/v3',
      enterpriseUri: 'https://ghe.example.com',
    });
    assert.equal(resolveHost({ ...DEFAULT_OPTIONS, enterpriseUri: 'https://acme.ghe.com' }, 'https://other.example.com').apiUrl, 'https://api.acme.ghe.com');
    assert.equal(resolveHost({ ...DEFAULT_OPTIONS, apiUrl: 'http://127.0.0.1:9/api/v3/' }).apiUrl, 'http://127.0.0.1:9/api/v3');
    assert.equal(resolveHost(DEFAULT_OPTIONS).providerId, 'github');
  });

  it('follows onDidChangeSessions for its provider and fires when the token changes', async () => {
    let current: SessionLike | undefined = octocat;
    const { authentication, fire } = fakeAuthentication(undefined);
    authentication.getSession = async () => current;
    const accounts = new AccountSessions(createSessionLookup(authentication), () => ({ providerId: 'github', scopes: ['repo'] }), authentication);
    let changes = 0;
    accounts.onDidChange(() => changes++);
    await accounts.refresh();
    assert.equal(changes, 1);
    current = { ...octocat, accessToken: 'gho_rotatedtoken0000000000000' };
    fire('microsoft');
    await new Promise((r) => setImmediate(r));
    assert.equal(changes, 1, 'other providers are ignored');
    fire('github');
    await new Promise((r) => setImmediate(r));
    assert.equal(changes, 2);
    assert.equal(accounts.current?.accessToken, 'gho_rotatedtoken0000000000000');
  });

  it('treats a failing silent lookup as signed out, but lets an interactive failure through', async () => {
    const accounts = new AccountSessions(async (_id, _scopes, mode) => {
      throw new Error(mode === 'silent' ? 'no provider' : 'User did not consent');
    }, () => ({ providerId: 'github', scopes: [] }));
    assert.equal(await accounts.refresh(), undefined);
    await assert.rejects(accounts.signIn(), /did not consent/);
  });
});
