import { Disposable, Event } from './types';

/** A minimal event emitter for the vscode-free tracking code (same shape as `vscode.EventEmitter`). */
export class Emitter<T> implements Disposable {
  private listeners = new Set<(e: T) => unknown>();
  private disposed = false;

  readonly event: Event<T> = (listener) => {
    if (this.disposed) {
      return { dispose: () => undefined };
    }
    // Wrapped, so that the same function subscribed twice is two subscriptions.
    const entry = (e: T): unknown => listener(e);
    this.listeners.add(entry);
    return { dispose: () => void this.listeners.delete(entry) };
  };

  /** Calls every listener; one that throws does not stop the others. */
  fire(e: T): void {
    for (const listener of [...this.listeners]) {
      try {
        const result = listener(e);
        if (result instanceof Promise) {
          result.catch((err: unknown) => console.error('tracking listener failed', err));
        }
      } catch (err) {
        console.error('tracking listener failed', err);
      }
    }
  }

  dispose(): void {
    this.disposed = true;
    this.listeners.clear();
  }
}
