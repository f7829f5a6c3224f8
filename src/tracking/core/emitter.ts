import { Disposable, Event } from './types';

/**
 * A minimal event emitter for the vscode-free tracking code (same shape as `vscode.EventEmitter`).
 * A listener that throws or rejects is reported to `onListenerError` (the tracker passes its
 * redacting logger) and does not stop the others.
 */
export class Emitter<T> implements Disposable {
  private listeners = new Set<(e: T) => unknown>();
  private disposed = false;

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
