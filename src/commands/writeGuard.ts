import * as vscode from 'vscode';
import { CloudApiError } from '../api';

/**
 * Keeps one write per target in flight: a second click while the first request is on its way is
 * refused instead of creating a second restore point or backup.
 */
export class WriteGuard {
  private readonly running = new Set<string>();

  async run<T>(key: string, busyMessage: string, write: () => Promise<T>): Promise<T | undefined> {
    if (this.running.has(key)) {
      void vscode.window.showWarningMessage(busyMessage);
      return undefined;
    }
    this.running.add(key);
    try {
      return await write();
    } finally {
      this.running.delete(key);
    }
  }
}

export function isOutcomeUnknown(err: unknown): err is CloudApiError {
  return err instanceof CloudApiError && err.outcomeUnknown;
}
