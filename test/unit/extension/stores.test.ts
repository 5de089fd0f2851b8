import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AppStore } from '../../../src/extension/auth/appStore';
import { CredentialStore } from '../../../src/extension/auth/credentialStore';
import { FakeMemento, FakeSecrets } from './fakes';

const PEM = '-----BEGIN RSA PRIVATE KEY-----\nMIIEfake\n-----END RSA PRIVATE KEY-----';

describe('AppStore', () => {
  it('keeps the key in secret storage only and metadata in global state', async () => {
    const secrets = new FakeSecrets();
    const state = new FakeMemento();
    const store = new AppStore(secrets, state);
    let changes = 0;
    store.onDidChange(() => changes++);
    await store.add({ id: 1, name: 'B app', slug: 'b', baseUrl: 'https://api.github.com', addedAt: 'now' }, PEM);
    await store.add({ id: 2, name: 'A app', slug: 'a', baseUrl: 'https://api.github.com', addedAt: 'now' }, PEM);
    assert.deepEqual(store.list().map((app) => app.id), [2, 1]);
    assert.equal(await store.privateKey(1), PEM);
    assert.ok(!JSON.stringify([...state.values]).includes('MIIEfake'), 'no key material in globalState');
    assert.equal(await store.remove(1), true);
    assert.equal(await store.privateKey(1), undefined);
    assert.deepEqual(store.list().map((app) => app.id), [2]);
    assert.equal(changes, 3);
  });

  it('replaces an App added twice instead of listing it twice', async () => {
    const store = new AppStore(new FakeSecrets(), new FakeMemento());
    await store.add({ id: 1, name: 'old', slug: 'x', baseUrl: 'u', addedAt: 'now' }, PEM);
    await store.add({ id: 1, name: 'new', slug: 'x', baseUrl: 'u', addedAt: 'now' }, PEM);
    assert.deepEqual(store.list().map((app) => app.name), ['new']);
  });
});

describe('CredentialStore', () => {
  it('stores secrets apart from metadata and clears both', async () => {
    const secrets = new FakeSecrets();
    const state = new FakeMemento();
    const store = new CredentialStore(secrets, state);
    await store.setPat({ apiUrl: 'https://api.github.com', login: 'octocat', token: 'ghp_secret' });
    await store.setAppUser({ apiUrl: 'https://api.github.com', login: 'octocat', clientId: 'Iv1.x', clientSecret: 'cs', token: 'ghu_a', refreshToken: 'ghr_a', expiresAt: '2030-01-01T00:00:00Z' });
    await store.setNetrc({});
    assert.deepEqual(store.configured(), ['pat', 'netrc', 'appUser']);
    assert.ok(!JSON.stringify([...state.values]).match(/ghp_secret|ghu_a|ghr_a|"cs"/), 'no secret in globalState');
    assert.equal((await store.pat())?.token, 'ghp_secret');

    await store.rotateAppUserTokens({ token: 'ghu_b', refreshToken: 'ghr_b', expiresAt: '2031-01-01T00:00:00Z' });
    const rotated = await store.appUser();
    assert.equal(rotated?.token, 'ghu_b');
    assert.equal(rotated?.refreshToken, 'ghr_b');
    assert.equal(rotated?.clientSecret, 'cs');
    assert.equal(rotated?.expiresAt, '2031-01-01T00:00:00Z');
    assert.equal((state.values.get('pygithubMcp.credentials') as { appUser: { expiresAt: string } }).appUser.expiresAt, '2031-01-01T00:00:00Z', 'the expiry is kept as metadata too');

    await store.clear('appUser');
    await store.clear('pat');
    assert.deepEqual(store.configured(), ['netrc']);
    assert.equal(secrets.values.size, 0);
  });
});

describe('CredentialStore and SecretStorage changes', () => {
  it('reports a secret changed by another window as a change of its kind, and ignores unrelated keys', async () => {
    const listeners: Array<(e: { key: string }) => void> = [];
    const store = new CredentialStore(new FakeSecrets(), new FakeMemento(), (listener) => {
      listeners.push(listener);
      return { dispose: () => listeners.splice(listeners.indexOf(listener), 1) };
    });
    const kinds: string[] = [];
    store.onDidChange((kind) => kinds.push(kind));
    listeners.forEach((l) => l({ key: 'pygithubMcp.appUser.tokens' }));
    listeners.forEach((l) => l({ key: 'pygithubMcp.versionSalt' }));
    listeners.forEach((l) => l({ key: 'pygithubMcp.pat.token' }));
    assert.deepEqual(kinds, ['appUser', 'pat']);
    store.dispose();
    assert.equal(listeners.length, 0);
  });
});
