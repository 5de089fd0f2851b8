/**
 * The slices of vscode.SecretStorage and vscode.Memento the stores use. Declared here so
 * that stores are plain classes that unit tests can drive with in-memory fakes.
 */
export interface SecretStorageLike {
  get(key: string): PromiseLike<string | undefined>;
  store(key: string, value: string): PromiseLike<void>;
  delete(key: string): PromiseLike<void>;
}

export interface MementoLike {
  get<T>(key: string, defaultValue: T): T;
  update(key: string, value: unknown): PromiseLike<void>;
}
