import { Emitter, type Event } from '../util/emitter';
import type { MementoLike, SecretStorageLike } from '../util/storage';

/** What is known about an App without its key; kept in globalState. */
export interface AppMetadata {
  id: number;
  name: string;
  slug: string;
  /** The REST API URL of the GitHub that hosts the App. */
  baseUrl: string;
  htmlUrl?: string;
  clientId?: string;
  owner?: string;
  addedAt: string;
}

const METADATA_KEY = 'pygithubMcp.apps';
const keyName = (appId: number) => `pygithubMcp.app.${appId}.privateKey`;

/**
 * The configured GitHub Apps. The private key lives only in SecretStorage (the OS keychain
 * on desktop); everything else is plain metadata. Several Apps may be configured at once.
 */
export class AppStore {
  readonly #changed: Emitter<void>;
  readonly onDidChange: Event<void>;

  constructor(
    private readonly secrets: SecretStorageLike,
    private readonly state: MementoLike,
    onListenerError?: (error: unknown) => void,
  ) {
    this.#changed = new Emitter<void>(onListenerError);
    this.onDidChange = this.#changed.event;
  }

  list(): AppMetadata[] {
    return [...this.state.get<AppMetadata[]>(METADATA_KEY, [])].sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id);
  }

  get(appId: number): AppMetadata | undefined {
    return this.list().find((app) => app.id === appId);
  }

  async privateKey(appId: number): Promise<string | undefined> {
    return this.secrets.get(keyName(appId));
  }

  /** Adds or replaces an App; the key is stored first so metadata never points at no key. */
  async add(metadata: AppMetadata, privateKeyPem: string): Promise<void> {
    await this.secrets.store(keyName(metadata.id), privateKeyPem);
    const others = this.state.get<AppMetadata[]>(METADATA_KEY, []).filter((app) => app.id !== metadata.id);
    await this.state.update(METADATA_KEY, [...others, metadata]);
    this.#changed.fire();
  }

  async remove(appId: number): Promise<boolean> {
    const apps = this.state.get<AppMetadata[]>(METADATA_KEY, []);
    const known = apps.some((app) => app.id === appId);
    await this.state.update(METADATA_KEY, apps.filter((app) => app.id !== appId));
    await this.secrets.delete(keyName(appId));
    this.#changed.fire();
    return known;
  }

  dispose(): void {
    this.#changed.dispose();
  }
}
