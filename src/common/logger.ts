import * as vscode from 'vscode';
import { redact, RequestLogEntry } from '../api';
import { Emitter } from './emitter';

/**
 * The extension's log. Every line goes through the API layer's `redact`, so a token, password or
 * secret key that slips into a message still never reaches the output channel.
 */
export class Logger implements vscode.Disposable {
  private readonly channel: vscode.LogOutputChannel;
  private readonly logged = new Emitter<string>();
  /** Every line as written (redacted), for whoever watches the log. */
  readonly onDidLog = this.logged.event;

  constructor(name: string) {
    this.channel = vscode.window.createOutputChannel(name, { log: true });
  }

  info(message: string): void {
    this.channel.info(this.keep(message));
  }

  warn(message: string): void {
    this.channel.warn(this.keep(message));
  }

  error(message: string): void {
    this.channel.error(this.keep(message));
  }

  /** One line per HTTP request: operation, method, path, status, request id, duration, and the cloud's (bounded) message. */
  request(entry: RequestLogEntry): void {
    const status = entry.status ?? entry.errorCode ?? 'no response';
    const line = `${entry.operation ? `${entry.operation}: ` : ''}${entry.method} ${entry.path} -> ${status}${entry.errorCode && entry.status ? ` ${entry.errorCode}` : ''} (request id ${entry.requestId ?? 'none'}, ${Math.round(entry.durationMs)} ms${entry.attempt > 1 ? `, attempt ${entry.attempt}` : ''})${entry.detail ? `: ${redact(entry.detail)}` : ''}`;
    if (entry.outcome === 'ok') {
      this.channel.info(this.keep(line));
    } else {
      this.channel.warn(this.keep(line));
    }
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.logged.dispose();
    this.channel.dispose();
  }

  private keep(message: string): string {
    const safe = redact(message);
    this.logged.fire(safe);
    return safe;
  }
}
