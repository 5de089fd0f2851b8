import type { Logger } from '../../core/logger';
import type { AppStore } from '../auth/appStore';
import type { AppUserCredential, CredentialStore } from '../auth/credentialStore';
import type { AccountSessions, SessionLike } from '../auth/session';
import { overrideFor, type GitHubHost, type ServerOptions } from '../settings';
import { serverEnv, type ServerEnv } from './envContract';
import type { Identity, IdentityKey } from './identity';

export interface IdentitySources {
  apps: AppStore;
  credentials: CredentialStore;
  accounts: AccountSessions;
  options: () => ServerOptions;
  host: () => GitHubHost;
  log: Logger;
}

type Of<K extends Identity['kind']> = Extract<Identity, { kind: K }>;

/**
 * Gathers every configured identity with its credentials. Reads only local state
 * (SecretStorage, globalState, a silent session lookup): never prompts, never calls GitHub,
 * so the provider can use it at provide time.
 */
export class IdentityResolver {
  constructor(private readonly sources: IdentitySources) {}

  /** Every identity that can serve now; one that fails to load is logged and left out, not the rest. */
  async all(): Promise<Identity[]> {
    const keys: IdentityKey[] = [
      ...(this.sources.options().userAccountEnabled ? (['account'] as const) : []),
      ...this.sources.apps.list().map((app) => `app:${app.id}` as const),
      'pat',
      'login',
      'netrc',
      'appUser',
    ];
    const identities: Identity[] = [];
    for (const key of keys) {
      try {
        const identity = await this.get(key);
        if (identity) identities.push(identity);
      } catch (error) {
        // A malformed secret or a keyring error must not hide every other identity.
        this.sources.log.error(`cannot load identity ${key}: ${(error as Error).message}`);
      }
    }
    return identities;
  }

  async get(key: IdentityKey): Promise<Identity | undefined> {
    const { credentials, accounts } = this.sources;
    switch (key) {
      case 'account': {
        // Offered only with a session found silently, so its label ("GitHub (login)") is stable
        // and starting it never prompts; the Sign In command covers the signed-out case.
        const session = await accounts.refresh();
        return session && this.account(session);
      }
      case 'pat': {
        const pat = await credentials.pat();
        return pat && { kind: 'pat', key, ...pat };
      }
      case 'login': {
        const login = await credentials.login();
        return login && { kind: 'login', key, ...login };
      }
      case 'netrc': {
        const netrc = credentials.netrc();
        return netrc && { kind: 'netrc', key, apiUrl: this.sources.host().apiUrl, ...netrc };
      }
      case 'appUser': {
        const credential = await credentials.appUser();
        return credential && this.appUser(credential);
      }
      default:
        return this.app(Number(key.slice('app:'.length)));
    }
  }

  account(session: SessionLike): Of<'account'> {
    return { kind: 'account', key: 'account', apiUrl: this.sources.host().apiUrl, account: session.account.label, token: session.accessToken };
  }

  appUser(credential: AppUserCredential): Of<'appUser'> {
    const { apiUrl, login, clientId, token, expiresAt } = credential;
    return { kind: 'appUser', key: 'appUser', apiUrl, login, clientId, token, expiresAt };
  }

  async app(appId: number): Promise<Of<'app'> | undefined> {
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
}
