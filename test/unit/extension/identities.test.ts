import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AppStore } from '../../../src/extension/auth/appStore';
import { CredentialStore } from '../../../src/extension/auth/credentialStore';
import { AccountSessions, type SessionLike } from '../../../src/extension/auth/session';
import { IdentityResolver } from '../../../src/extension/mcp/identities';
import { labelFor } from '../../../src/extension/mcp/identity';
import { DEFAULT_OPTIONS, resolveHost } from '../../../src/extension/settings';
import { FakeMemento, FakeSecrets } from './fakes';

const octocat: SessionLike = { id: 's', accessToken: 'gho_session000000000000000000', account: { id: '1', label: 'octocat' }, scopes: [] };

/** Secret storage whose keyring fails for one key, as a corrupt or locked entry would. */
class BrokenSecrets extends FakeSecrets {
  constructor(private readonly broken: string) {
    super();
  }
  override async get(key: string) {
    if (key === this.broken) throw new Error('keyring: cannot decrypt');
    return super.get(key);
  }
}

async function resolver(secrets: FakeSecrets, session: SessionLike | undefined) {
  const state = new FakeMemento();
  const apps = new AppStore(secrets, state);
  const credentials = new CredentialStore(secrets, state);
  const accounts = new AccountSessions(async () => session, () => ({ providerId: 'github', scopes: [] }));
  const errors: string[] = [];
  const log = { debug() {}, info() {}, warn() {}, error: (m: string) => errors.push(m) };
  await apps.add({ id: 7, name: 'App', slug: 'my-app', baseUrl: 'https://api.github.com', addedAt: 'now' }, 'PEM');
  await credentials.setPat({ apiUrl: 'https://api.github.com', login: 'octocat', token: 'ghp_x' });
  await credentials.setAppUser({ apiUrl: 'https://api.github.com', login: 'octocat', clientId: 'Iv1.x', clientSecret: 'cs', token: 'ghu_x' });
  const identities = new IdentityResolver({ apps, credentials, accounts, options: () => DEFAULT_OPTIONS, host: () => resolveHost(DEFAULT_OPTIONS), log });
  return { identities, errors };
}

describe('IdentityResolver', () => {
  it('offers the account only when a silent lookup finds a session, labelled with its login', async () => {
    const signedIn = await resolver(new FakeSecrets(), octocat);
    assert.deepEqual((await signedIn.identities.all()).map(labelFor), ['GitHub account (octocat)', 'GitHub App (my-app)', 'GitHub PAT (octocat)', 'GitHub App user (octocat)']);
    const signedOut = await resolver(new FakeSecrets(), undefined);
    assert.ok(!(await signedOut.identities.all()).some((identity) => identity.kind === 'account'));
  });

  it('skips (and logs) one identity whose secret cannot be read, keeping the others', async () => {
    const { identities, errors } = await resolver(new BrokenSecrets('pygithubMcp.app.7.privateKey'), octocat);
    assert.deepEqual((await identities.all()).map((identity) => identity.key), ['account', 'pat', 'appUser']);
    assert.equal(errors.length, 1);
    assert.match(errors[0], /app:7.*keyring/);
  });

  it('skips an App-user entry with malformed stored tokens', async () => {
    const secrets = new FakeSecrets();
    const { identities, errors } = await resolver(secrets, undefined);
    secrets.values.set('pygithubMcp.appUser.tokens', '{not json');
    assert.deepEqual((await identities.all()).map((identity) => identity.key), ['app:7', 'pat']);
    assert.match(errors.join('\n'), /appUser/);
  });
});
