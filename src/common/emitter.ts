/** A minimal event emitter for vscode-free code (the same call shape as `vscode.EventEmitter`). */
export interface Disposable {
  dispose(): void;
}

export type Event<T> = (listener: (e: T) => unknown) => Disposable;

export class Emitter<T> implements Disposable {
  private listeners = new Set<(e: T) => unknown>();
  private disposed = false;

  /** Told about a listener that threw; the other listeners still run. */
  constructor(private readonly onListenerError: (err: unknown) => void = () => undefined) {}

  readonly event: Event<T> = (listener) => {
    if (this.disposed) {
      return { dispose: () => undefined };
    }
    // Wrapped, so that the same function subscribed twice is two subscriptions.
    const entry = (e: T): unknown => listener(e);
    this.listeners.add(entry);
    return { dispose: () => void this.listeners.delete(entry) };
  };

  fire(e: T): void {
    for (const listener of [...this.listeners]) {
      try {
        const result = listener(e);
        if (result instanceof Promise) {
          result.catch(this.onListenerError);
        }
      } catch (err) {
        this.onListenerError(err);
      }
    }
  }

  dispose(): void {
    this.disposed = true;
    this.listeners.clear();
  }
}
