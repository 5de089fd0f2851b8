import type { MementoLike, SecretStorageLike } from '../../../src/extension/util/storage';

/** In-memory SecretStorage and Memento, recording what was written where. */
export class FakeSecrets implements SecretStorageLike {
  readonly values = new Map<string, string>();
  async get(key: string) {
    return this.values.get(key);
  }
  async store(key: string, value: string) {
    this.values.set(key, value);
  }
  async delete(key: string) {
    this.values.delete(key);
  }
}

export class FakeMemento implements MementoLike {
  readonly values = new Map<string, unknown>();
  get<T>(key: string, defaultValue: T): T {
    return this.values.has(key) ? (structuredClone(this.values.get(key)) as T) : defaultValue;
  }
  async update(key: string, value: unknown) {
    this.values.set(key, structuredClone(value));
  }
}
