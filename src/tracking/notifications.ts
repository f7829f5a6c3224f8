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
/** More than this many finishing in one poll are summed up in one notification, not a wall of toasts. */
const MAX_SINGLE_NOTIFICATIONS = 3;
/** Labels named in a summary before "and N more". */
const MAX_NAMED_IN_SUMMARY = 5;

export interface NotificationRecord {
  severity: 'info' | 'warning' | 'error';
  message: string;
  /** The work the notification is about (completion notifications only). */
  target?: WorkTarget;
  /** The works a summary notification is about (several finished in the same poll). */
  targets?: WorkTarget[];
  outcome?: WorkFinished['outcome'];
  at: number;
}

/** What the notifier reads from the tracker. */
export interface FinishSource {
  readonly items: readonly TrackedWork[];
  readonly onDidFinishTogether: Event<readonly WorkFinished[]>;
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
      source.onDidFinishTogether((all) => this.finishedTogether(all)),
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

  /**
   * A few finished items get a notification each; beyond that, the successes are summed up in
   * one, and so are the failures after the first few (their reasons are in the log).
   */
  private finishedTogether(all: readonly WorkFinished[]): void {
    const succeeded = all.filter((f) => f.outcome === 'success');
    const failed = all.filter((f) => f.outcome !== 'success');
    if (all.length <= MAX_SINGLE_NOTIFICATIONS) {
      all.forEach((f) => this.finished(f));
      return;
    }
    if (succeeded.length === 1) {
      this.finished(succeeded[0]);
    } else if (succeeded.length > 1) {
      this.summary('info', vscode.l10n.t('{0} tracked items finished: {1}.', succeeded.length, namedList(succeeded)), succeeded);
    }
    failed.slice(0, MAX_SINGLE_NOTIFICATIONS).forEach((f) => this.finished(f));
    const rest = failed.slice(MAX_SINGLE_NOTIFICATIONS);
    if (rest.length > 0) {
      this.summary('error', vscode.l10n.t('{0} more tracked items failed: {1}. The log has the reason of each.', rest.length, namedList(rest)), rest);
    }
  }

  private summary(severity: 'info' | 'error', message: string, finished: readonly WorkFinished[]): void {
    const showLog = vscode.l10n.t('Show Log');
    const shown = severity === 'info' ? vscode.window.showInformationMessage(message, showLog) : vscode.window.showErrorMessage(message, showLog);
    this.record({ severity, message, targets: finished.map((f) => f.work), outcome: severity === 'info' ? 'success' : 'error', at: Date.now() });
    void shown.then((pick) => {
      if (pick === showLog) {
        void vscode.commands.executeCommand(Commands.showLog);
      }
    });
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
    const message = signInAgainMessage(count);
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

/** Shown when polling stopped on an auth failure (the notification and the status bar). */
export function signInAgainMessage(count: number): string {
  return count === 1
    ? vscode.l10n.t('Sign in again to keep following the item in flight.')
    : vscode.l10n.t('Sign in again to keep following {0} items in flight.', count);
}

function namedList(finished: readonly WorkFinished[]): string {
  const names = finished.slice(0, MAX_NAMED_IN_SUMMARY).map((f) => `"${f.work.label}"`).join(', ');
  const more = finished.length - MAX_NAMED_IN_SUMMARY;
  return more > 0 ? vscode.l10n.t('{0} and {1} more', names, more) : names;
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
