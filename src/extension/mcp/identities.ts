import type { AppStore } from '../auth/appStore';
import type { CredentialStore } from '../auth/credentialStore';
import type { AccountSessions } from '../auth/session';
import { overrideFor, type GitHubHost, type ServerOptions } from '../settings';
import { serverEnv, type ServerEnv } from './envContract';
import { labelFor, type Identity } from './identity';

export interface IdentitySources {
  apps: AppStore;
  credentials: CredentialStore;
  accounts: AccountSessions;
  options: () => ServerOptions;
  host: () => GitHubHost;
}

/**
 * Gathers every configured identity with its credentials. Reads only local state
 * (SecretStorage, globalState, a silent session lookup): never prompts, never calls GitHub,
 * so the provider can use it at provide time.
 */
export class IdentityResolver {
  constructor(private readonly sources: IdentitySources) {}

  async all(): Promise<Identity[]> {
    const options = this.sources.options();
    const identities: Identity[] = [];
    if (options.userAccountEnabled) identities.push(await this.account());
    for (const app of this.sources.apps.list()) {
      const identity = await this.app(app.id);
      if (identity) identities.push(identity);
    }
    const { credentials } = this.sources;
    const pat = await credentials.pat();
    if (pat) identities.push({ kind: 'pat', key: 'pat', ...pat });
    const login = await credentials.login();
    if (login) identities.push({ kind: 'login', key: 'login', ...login });
    const netrc = credentials.netrc();
    if (netrc) identities.push({ kind: 'netrc', key: 'netrc', apiUrl: this.sources.host().apiUrl, ...netrc });
    const appUser = await credentials.appUser();
    if (appUser) {
      const { apiUrl, login: user, clientId, clientSecret, token, expiresAt } = appUser;
      identities.push({ kind: 'appUser', key: 'appUser', apiUrl, login: user, clientId, clientSecret, token, expiresAt });
    }
    return identities;
  }

  async byKey(key: string): Promise<Identity | undefined> {
    return (await this.all()).find((identity) => identity.key === key);
  }

  /** The user's account; without a session it has no token, and resolve will ask for one. */
  async account(): Promise<Extract<Identity, { kind: 'account' }>> {
    const session = await this.sources.accounts.refresh();
    const apiUrl = this.sources.host().apiUrl;
    return session
      ? { kind: 'account', key: 'account', apiUrl, account: session.account.label, token: session.accessToken }
      : { kind: 'account', key: 'account', apiUrl };
  }

  async app(appId: number): Promise<Extract<Identity, { kind: 'app' }> | undefined> {
    const app = this.sources.apps.get(appId);
    const privateKey = app && (await this.sources.apps.privateKey(appId));
    if (!app || !privateKey) return undefined;
    const override = overrideFor(this.sources.options(), app);
    return {
      kind: 'app',
      key: `app:${app.id}`,
      apiUrl: app.baseUrl,
      appId: app.id,
      name: app.name,
      slug: app.slug,
      privateKey,
      ...(override.installationId ? { installationId: override.installationId } : {}),
      ...(override.permissions ? { permissions: override.permissions } : {}),
    };
  }

  env(identity: Identity): ServerEnv {
    return serverEnv(identity, this.sources.options());
  }

  label(identity: Identity): string {
    return labelFor(identity);
  }
}
