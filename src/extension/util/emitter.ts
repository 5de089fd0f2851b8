/**
 * A minimal event emitter shaped like vscode.EventEmitter, so the stores can fire
 * changes without importing 'vscode' and stay testable under plain Node.
 */
export interface Disposable {
  dispose(): void;
}

export type Event<T> = (listener: (value: T) => void) => Disposable;

export class Emitter<T> {
  readonly #listeners = new Set<(value: T) => void>();

  /** `onListenerError` reports a listener's failure (the extension logs it). */
  constructor(private readonly onListenerError: (error: unknown) => void = (error) => console.error('listener failed:', error)) {}

  readonly event: Event<T> = (listener) => {
    this.#listeners.add(listener);
    return { dispose: () => this.#listeners.delete(listener) };
  };

  fire(value: T): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(value);
      } catch (error) {
        // One failing listener must not keep the others from hearing about the change.
        this.onListenerError(error);
      }
    }
  }

  dispose(): void {
    this.#listeners.clear();
  }
}
