import * as vscode from 'vscode';

const MAX_RECORDS = 50;

export interface ShownMessage {
  severity: 'info' | 'warning' | 'error';
  message: string;
  at: number;
}

/**
 * What the actions tell the user when they finish. Each message is shown without waiting for it
 * and kept in a short list, which host tests read through the test API.
 */
export class ActionMessages {
  private readonly records: ShownMessage[] = [];

  info(message: string): void {
    this.keep('info', message);
    void vscode.window.showInformationMessage(message);
  }

  warn(message: string): void {
    this.keep('warning', message);
    void vscode.window.showWarningMessage(message);
  }

  error(message: string): void {
    this.keep('error', message);
    void vscode.window.showErrorMessage(message);
  }

  /** The most recent messages, oldest first. */
  recent(): readonly ShownMessage[] {
    return this.records;
  }

  private keep(severity: ShownMessage['severity'], message: string): void {
    this.records.push({ severity, message, at: Date.now() });
    if (this.records.length > MAX_RECORDS) {
      this.records.splice(0, this.records.length - MAX_RECORDS);
    }
  }
}
