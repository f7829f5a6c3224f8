import * as vscode from 'vscode';
import { CloudApiError } from '../api';
import { describeError } from '../common/errors';
import { Logger } from '../common/logger';

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

export interface WriteOnce<T, F> {
  /** One write per key at a time. */
  key: string;
  busyMessage: string;
  progressTitle: string;
  /** For the log: which action. */
  action: string;
  write(): Promise<T>;
  /** Looks for what the write would have created, when its outcome is unknown. */
  reconcile(): Promise<F | undefined>;
  created(result: T): void;
  /** The write happened after all: follow it and tell the user, with the unanswered error. */
  foundAfterUnknown(found: F, message: string): void;
  /** Nothing was created: tell the user they may try again. */
  missingAfterUnknown(message: string): void;
}

/**
 * Sends a create request exactly once. When its outcome is unknown (timeout, reset, 5xx) it is
 * not repeated: the cloud is asked whether it was created, and the user is told either way.
 */
export async function writeOnce<T, F>(guard: WriteGuard, logger: Logger, o: WriteOnce<T, F>): Promise<void> {
  await guard.run(o.key, o.busyMessage, async () => {
    let result: T;
    try {
      result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: o.progressTitle }, () => o.write());
    } catch (err) {
      if (!isOutcomeUnknown(err)) {
        throw err;
      }
      const message = describeError(err);
      logger.warn(`${o.action}: outcome unknown (${message}); reconciling`);
      const found = await o.reconcile();
      if (found === undefined) {
        o.missingAfterUnknown(message);
      } else {
        o.foundAfterUnknown(found, message);
      }
      return;
    }
    o.created(result);
  });
}
