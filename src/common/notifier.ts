import * as vscode from 'vscode';

/** How many notifications are remembered (for the test API, and a later "recent messages" view). */
const MAX_HISTORY = 100;

export type Severity = 'info' | 'warning' | 'error';

export interface NotificationRecord {
  severity: Severity;
  message: string;
  /** The buttons offered. */
  actions: readonly string[];
  /** What the notification is about (a tracked work, several of them), for whoever reads the history. */
  subject?: unknown;
  at: number;
}

/**
 * The one way the extension tells the user something: a notification that is never awaited for
 * its own sake, kept in a bounded history. `show` resolves to the button picked, if any.
 */
export class Notifier {
  private readonly history: NotificationRecord[] = [];

  constructor(private readonly now: () => number = Date.now) {}

  info(message: string, ...actions: string[]): Promise<string | undefined> {
    return this.show('info', message, actions);
  }

  warn(message: string, ...actions: string[]): Promise<string | undefined> {
    return this.show('warning', message, actions);
  }

  error(message: string, ...actions: string[]): Promise<string | undefined> {
    return this.show('error', message, actions);
  }

  show(severity: Severity, message: string, actions: readonly string[] = [], subject?: unknown): Promise<string | undefined> {
    this.history.push({ severity, message, actions, subject, at: this.now() });
    if (this.history.length > MAX_HISTORY) {
      this.history.splice(0, this.history.length - MAX_HISTORY);
    }
    const show = severity === 'info' ? vscode.window.showInformationMessage : severity === 'warning' ? vscode.window.showWarningMessage : vscode.window.showErrorMessage;
    return Promise.resolve(show(message, ...actions));
  }

  /** The most recent notifications, oldest first. */
  recent(): readonly NotificationRecord[] {
    return this.history;
  }
}
