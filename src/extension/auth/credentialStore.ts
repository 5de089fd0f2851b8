import { Emitter, type Disposable, type Event } from '../util/emitter';
import type { MementoLike, SecretStorageLike } from '../util/storage';

/**
 * The identities that are not Apps or the VS Code account: a personal access token, a
 * login and password, a netrc file, and an App user (OAuth user-to-server token). Secrets
 * go to SecretStorage; what they are for (login, host, expiry) to globalState.
 */
export interface PatCredential {
  apiUrl: string;
  login?: string;
  token: string;
}

export interface LoginCredential {
  apiUrl: string;
  login: string;
  password: string;
}

export interface NetrcCredential {
  /** Empty means the default (~/.netrc, or NETRC in the extension host's environment). */
  file?: string;
}

export interface AppUserTokens {
  token: string;
  expiresAt?: string;
  refreshToken?: string;
  refreshTokenExpiresAt?: string;
}

export interface AppUserCredential extends AppUserTokens {
  apiUrl: string;
  login?: string;
  clientId: string;
  clientSecret: string;
}

export type CredentialKind = 'pat' | 'login' | 'netrc' | 'appUser';

interface Metadata {
  pat?: { apiUrl: string; login?: string };
  login?: { apiUrl: string; login: string };
  netrc?: NetrcCredential;
  appUser?: { apiUrl: string; login?: string; clientId: string; expiresAt?: string; refreshTokenExpiresAt?: string };
}

const METADATA_KEY = 'pygithubMcp.credentials';
const SECRET = {
  pat: 'pygithubMcp.pat.token',
  login: 'pygithubMcp.login.password',
  appUserClientSecret: 'pygithubMcp.appUser.clientSecret',
  appUserTokens: 'pygithubMcp.appUser.tokens',
} as const;

const KIND_OF_SECRET: Record<string, CredentialKind> = {
  [SECRET.pat]: 'pat',
  [SECRET.login]: 'login',
  [SECRET.appUserClientSecret]: 'appUser',
  [SECRET.appUserTokens]: 'appUser',
};

export class CredentialStore {
  readonly #changed: Emitter<CredentialKind>;
  readonly onDidChange: Event<CredentialKind>;
  readonly #subscription: Disposable | undefined;

  constructor(
    private readonly secrets: SecretStorageLike,
    private readonly state: MementoLike,
    /** SecretStorage's change event: it also reports writes by other windows (a token rotation). */
    onDidChangeSecret?: Event<{ key: string }>,
    onListenerError?: (error: unknown) => void,
  ) {
    this.#changed = new Emitter<CredentialKind>(onListenerError);
    this.onDidChange = this.#changed.event;
    this.#subscription = onDidChangeSecret?.(({ key }) => {
      const kind = KIND_OF_SECRET[key];
      if (kind) this.#changed.fire(kind);
    });
  }

  configured(): CredentialKind[] {
    const meta = this.#meta();
    return (['pat', 'login', 'netrc', 'appUser'] as const).filter((kind) => meta[kind] !== undefined);
  }

  async pat(): Promise<PatCredential | undefined> {
    const meta = this.#meta().pat;
    const token = meta && (await this.secrets.get(SECRET.pat));
    return meta && token ? { ...meta, token } : undefined;
  }

  async setPat(credential: PatCredential): Promise<void> {
    await this.secrets.store(SECRET.pat, credential.token);
    await this.#update({ pat: { apiUrl: credential.apiUrl, login: credential.login } }, 'pat');
  }

  async login(): Promise<LoginCredential | undefined> {
    const meta = this.#meta().login;
    const password = meta && (await this.secrets.get(SECRET.login));
    return meta && password ? { ...meta, password } : undefined;
  }

  async setLogin(credential: LoginCredential): Promise<void> {
    await this.secrets.store(SECRET.login, credential.password);
    await this.#update({ login: { apiUrl: credential.apiUrl, login: credential.login } }, 'login');
  }

  netrc(): NetrcCredential | undefined {
    return this.#meta().netrc;
  }

  async setNetrc(credential: NetrcCredential): Promise<void> {
    await this.#update({ netrc: { ...(credential.file ? { file: credential.file } : {}) } }, 'netrc');
  }

  async appUser(): Promise<AppUserCredential | undefined> {
    const meta = this.#meta().appUser;
    if (!meta) return undefined;
    const [clientSecret, tokens] = await Promise.all([this.secrets.get(SECRET.appUserClientSecret), this.secrets.get(SECRET.appUserTokens)]);
    if (!clientSecret || !tokens) return undefined;
    return { ...meta, clientSecret, ...(JSON.parse(tokens) as AppUserTokens) };
  }

  async setAppUser(credential: AppUserCredential): Promise<void> {
    await this.secrets.store(SECRET.appUserClientSecret, credential.clientSecret);
    await this.#storeAppUserTokens(credential);
    await this.#update({ appUser: { apiUrl: credential.apiUrl, login: credential.login, clientId: credential.clientId, expiresAt: credential.expiresAt, refreshTokenExpiresAt: credential.refreshTokenExpiresAt } }, 'appUser');
  }

  /** Persists a refreshed pair at once: GitHub has already invalidated the old refresh token. */
  async rotateAppUserTokens(tokens: AppUserTokens): Promise<void> {
    const meta = this.#meta().appUser;
    if (!meta) return;
    await this.#storeAppUserTokens(tokens);
    await this.#update({ appUser: { ...meta, expiresAt: tokens.expiresAt, refreshTokenExpiresAt: tokens.refreshTokenExpiresAt } }, 'appUser');
  }

  async clear(kind: CredentialKind): Promise<void> {
    const meta = this.#meta();
    delete meta[kind];
    await this.state.update(METADATA_KEY, meta);
    if (kind === 'pat') await this.secrets.delete(SECRET.pat);
    if (kind === 'login') await this.secrets.delete(SECRET.login);
    if (kind === 'appUser') {
      await this.secrets.delete(SECRET.appUserClientSecret);
      await this.secrets.delete(SECRET.appUserTokens);
    }
    this.#changed.fire(kind);
  }

  dispose(): void {
    this.#subscription?.dispose();
    this.#changed.dispose();
  }

  async #storeAppUserTokens(tokens: AppUserTokens): Promise<void> {
    const { token, expiresAt, refreshToken, refreshTokenExpiresAt } = tokens;
    await this.secrets.store(SECRET.appUserTokens, JSON.stringify({ token, expiresAt, refreshToken, refreshTokenExpiresAt }));
  }

  #meta(): Metadata {
    return { ...this.state.get<Metadata>(METADATA_KEY, {}) };
  }

  async #update(patch: Metadata, kind: CredentialKind): Promise<void> {
    await this.state.update(METADATA_KEY, { ...this.#meta(), ...patch });
    this.#changed.fire(kind);
  }
}
