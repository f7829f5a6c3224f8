/**
 * Completion notifications ("Reveal" shows the node) and the sign-in warning when polling
 * stopped on an auth failure. Every notification is also kept in a short list that host
 * tests read through the test API.
 */
import * as vscode from 'vscode';
import { redact } from '../api';
import { Commands } from '../constants';
import { Emitter } from './emitter';
import { Event, TrackedWork, TrackerState, WorkFinished, WorkTarget } from './types';

const MAX_RECORDS = 50;

export interface NotificationRecord {
  severity: 'info' | 'warning' | 'error';
  message: string;
  /** The work the notification is about (completion notifications only). */
  target?: WorkTarget;
  outcome?: WorkFinished['outcome'];
  at: number;
}

/** What the notifier reads from the tracker. */
export interface FinishSource {
  readonly items: readonly TrackedWork[];
  readonly onDidFinish: Event<WorkFinished>;
  readonly onDidChangeState: Event<TrackerState>;
}

export class CompletionNotifier implements vscode.Disposable {
  private readonly subscriptions: { dispose(): void }[];
  private readonly notified = new Emitter<NotificationRecord>();
  readonly onDidNotify: Event<NotificationRecord> = this.notified.event;
  private disposed = false;

  constructor(
    source: FinishSource,
    private readonly reveal: (target: WorkTarget) => unknown,
    /** Shared with the next notifier after a reload, so tests see every notification. */
    private readonly records: NotificationRecord[] = [],
  ) {
    this.subscriptions = [
      source.onDidFinish((f) => this.finished(f)),
      source.onDidChangeState((state) => {
        if (state.kind === 'authFailed') {
          this.authFailed(source.items.length);
        }
      }),
    ];
  }

  /** The most recent notifications, oldest first. */
  recent(): readonly NotificationRecord[] {
    return this.records;
  }

  dispose(): void {
    if (this.disposed) {
      return;
    }
    this.disposed = true;
    for (const s of this.subscriptions) {
      s.dispose();
    }
    this.notified.dispose();
  }

  private finished({ work, outcome, reason }: WorkFinished): void {
    const message = outcome === 'success' ? successMessage(work) : errorMessage(work, reason ? redact(reason) : vscode.l10n.t('no reason was given'));
    const revealLabel = vscode.l10n.t('Reveal');
    const shown = outcome === 'success' ? vscode.window.showInformationMessage(message, revealLabel) : vscode.window.showErrorMessage(message, revealLabel);
    this.record({ severity: outcome === 'success' ? 'info' : 'error', message, target: work, outcome, at: Date.now() });
    void shown.then((pick) => {
      if (pick === revealLabel) {
        void Promise.resolve(this.reveal(work)).catch(() => undefined);
      }
    });
  }

  private authFailed(count: number): void {
    const message = vscode.l10n.t('Sign in again to keep following {0} backups.', count);
    const signIn = vscode.l10n.t('Sign in');
    this.record({ severity: 'warning', message, at: Date.now() });
    void vscode.window.showWarningMessage(message, signIn).then((pick) => {
      if (pick === signIn) {
        void vscode.commands.executeCommand(Commands.signIn);
      }
    });
  }

  private record(r: NotificationRecord): void {
    this.records.push(r);
    if (this.records.length > MAX_RECORDS) {
      this.records.splice(0, this.records.length - MAX_RECORDS);
    }
    this.notified.fire(r);
  }
}

function successMessage(work: TrackedWork): string {
  switch (work.kind) {
    case 'checkpoint':
      return vscode.l10n.t('Restore point "{0}" is ready.', work.label);
    case 'gaussBackup':
      return vscode.l10n.t('Database backup "{0}" completed.', work.label);
    case 'replication':
      return vscode.l10n.t('Replication of "{0}" to {1} finished.', work.label, work.destinationRegion);
  }
}

function errorMessage(work: TrackedWork, reason: string): string {
  switch (work.kind) {
    case 'checkpoint':
      return vscode.l10n.t('Restore point "{0}" failed: {1}', work.label, reason);
    case 'gaussBackup':
      return vscode.l10n.t('Database backup "{0}" failed: {1}', work.label, reason);
    case 'replication':
      return vscode.l10n.t('Replication of "{0}" to {1} failed: {2}', work.label, work.destinationRegion, reason);
  }
}
