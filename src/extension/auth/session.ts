import { Emitter, type Disposable, type Event } from '../util/emitter';

/**
 * The user's own GitHub account, from VS Code's `github` / `github-enterprise`
 * authentication providers. `vscode.authentication` is passed in (shape below), so unit
 * tests check the exact getSession calls and the in-VS-Code tests substitute a session:
 * code-server has no GitHub authentication provider.
 */
export interface SessionLike {
  readonly id: string;
  readonly accessToken: string;
  readonly account: { readonly id: string; readonly label: string };
  readonly scopes: readonly string[];
}

export interface GetSessionOptions {
  silent?: boolean;
  createIfNone?: boolean;
  clearSessionPreference?: boolean;
}

export interface AuthenticationLike {
  getSession(providerId: string, scopes: readonly string[], options: GetSessionOptions): PromiseLike<SessionLike | undefined>;
  readonly onDidChangeSessions: (listener: (event: { provider: { id: string } }) => unknown) => Disposable;
}

/** silent: never prompts (provide time); interactive: prompts if needed; switch: lets the user pick another account. */
export type SessionMode = 'silent' | 'interactive' | 'switch';

export type SessionLookup = (providerId: string, scopes: readonly string[], mode: SessionMode) => Promise<SessionLike | undefined>;

export function sessionOptions(mode: SessionMode): GetSessionOptions {
  switch (mode) {
    case 'silent':
      return { silent: true };
    case 'interactive':
      return { createIfNone: true };
    case 'switch':
      return { createIfNone: true, clearSessionPreference: true };
  }
}

/** The real lookup: one getSession call with the options for the mode. */
export function createSessionLookup(authentication: AuthenticationLike): SessionLookup {
  return async (providerId, scopes, mode) => authentication.getSession(providerId, [...scopes], sessionOptions(mode));
}

export interface AccountTarget {
  providerId: string;
  scopes: readonly string[];
}

/**
 * Holds the current session for the configured provider and scopes; fires when the
 * account or its token changes (sign-in, sign-out, token rotation by the provider).
 */
export class AccountSessions {
  readonly #changed: Emitter<void>;
  readonly onDidChange: Event<void>;
  #current: SessionLike | undefined;
  #fingerprint = '';
  readonly #subscription: Disposable | undefined;

  constructor(
    private lookup: SessionLookup,
    private readonly target: () => AccountTarget,
    authentication?: Pick<AuthenticationLike, 'onDidChangeSessions'>,
    private readonly onError: (message: string) => void = () => {},
  ) {
    this.#changed = new Emitter<void>((error) => onError(`a session listener failed: ${(error as Error)?.message ?? String(error)}`));
    this.onDidChange = this.#changed.event;
    this.#subscription = authentication?.onDidChangeSessions((event) => {
      if (event.provider.id === this.target().providerId) void this.refresh();
    });
  }

  /** Tests have no GitHub auth provider; they substitute the lookup. */
  useLookup(lookup: SessionLookup): Promise<SessionLike | undefined> {
    this.lookup = lookup;
    return this.refresh();
  }

  get current(): SessionLike | undefined {
    return this.#current;
  }

  /** Silent lookup: never shows UI. Safe at provide time. */
  async refresh(): Promise<SessionLike | undefined> {
    return this.#fetch('silent');
  }

  /** May prompt; resolves undefined when the user declines. */
  async signIn(mode: Exclude<SessionMode, 'silent'> = 'interactive'): Promise<SessionLike | undefined> {
    return this.#fetch(mode);
  }

  async #fetch(mode: SessionMode): Promise<SessionLike | undefined> {
    const { providerId, scopes } = this.target();
    let session: SessionLike | undefined;
    try {
      session = await this.lookup(providerId, scopes, mode);
    } catch (error) {
      if (mode !== 'silent') throw error;
      // A provider that is missing or fails a silent lookup just means "not signed in".
      this.onError(`silent ${providerId} session lookup failed: ${(error as Error).message}`);
      session = undefined;
    }
    this.#set(session);
    return session;
  }

  #set(session: SessionLike | undefined): void {
    this.#current = session;
    const fingerprint = session ? `${session.id}\u0000${session.account.id}\u0000${session.accessToken}` : '';
    if (fingerprint !== this.#fingerprint) {
      this.#fingerprint = fingerprint;
      this.#changed.fire();
    }
  }

  dispose(): void {
    this.#subscription?.dispose();
    this.#changed.dispose();
  }
}
