/**
 * Completion notifications ("Reveal" shows the node), one summary when many finish in the same
 * poll, and the sign-in warning when polling stopped on an auth failure. Everything is shown
 * through the extension's `Notifier`, whose bounded history records what each one was about.
 */
import * as vscode from 'vscode';
import { redact } from '../../api';
import type { Notifier, NotificationRecord } from '../../common/notifier';
import { Commands } from '../../constants';
import { Event, FinishedBatch, TrackedWork, TrackerState, WorkFinished, WorkOutcome, WorkTarget } from '../core/types';
import { signInAgainMessage } from './statusBarView';

/** More than this many finishing in one poll are summed up in one notification, not a wall of toasts. */
const MAX_SINGLE_NOTIFICATIONS = 3;
/** Labels named in a summary before "and N more". */
const MAX_NAMED_IN_SUMMARY = 5;

/** What a tracking notification is about (the `subject` of its history record). */
export interface TrackingSubject {
  readonly tracking: true;
  /** The work a completion notification is about. */
  target?: WorkTarget;
  /** The works a summary notification is about (several finished in the same poll). */
  targets?: WorkTarget[];
  outcome?: WorkOutcome;
}

/** A history record of a tracking notification, with its subject spread in. */
export type TrackingNotification = Omit<NotificationRecord, 'subject'> & Omit<TrackingSubject, 'tracking'>;

/** The tracking notifications in a notifier's history, oldest first. */
export function trackingNotifications(history: readonly NotificationRecord[]): TrackingNotification[] {
  return history.flatMap((r) => {
    const subject = r.subject as Partial<TrackingSubject> | undefined;
    if (subject?.tracking !== true) {
      return [];
    }
    return [{ severity: r.severity, message: r.message, actions: r.actions, at: r.at, target: subject.target, targets: subject.targets, outcome: subject.outcome }];
  });
}

/** What the notifications read from the tracker. */
export interface FinishSource {
  readonly items: readonly TrackedWork[];
  readonly onDidFinish: Event<FinishedBatch>;
  readonly onDidChangeState: Event<TrackerState>;
}

export class CompletionNotifications implements vscode.Disposable {
  private readonly subscriptions: { dispose(): void }[];

  constructor(
    source: FinishSource,
    private readonly notifier: Notifier,
    private readonly reveal: (target: WorkTarget) => unknown,
  ) {
    this.subscriptions = [
      source.onDidFinish((batch) => this.finished(batch)),
      source.onDidChangeState((state) => {
        if (state.kind === 'authFailed') {
          this.authFailed(source.items.length);
        }
      }),
    ];
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
    this.subscriptions.length = 0;
  }

  /**
   * A few finished items get a notification each; beyond that, the successes are summed up in
   * one, and so are the failures after the first few (their reasons are in the log).
   */
  private finished(batch: FinishedBatch): void {
    if (batch.length <= MAX_SINGLE_NOTIFICATIONS) {
      batch.forEach((f) => this.one(f));
      return;
    }
    const succeeded = batch.filter((f) => f.outcome === 'success');
    const failed = batch.filter((f) => f.outcome !== 'success');
    if (succeeded.length === 1 && succeeded[0]) {
      this.one(succeeded[0]);
    } else if (succeeded.length > 1) {
      this.summary('info', vscode.l10n.t('{0} tracked items finished: {1}.', succeeded.length, namedList(succeeded)), succeeded);
    }
    failed.slice(0, MAX_SINGLE_NOTIFICATIONS).forEach((f) => this.one(f));
    const rest = failed.slice(MAX_SINGLE_NOTIFICATIONS);
    if (rest.length > 0) {
      this.summary('error', vscode.l10n.t('{0} more tracked items failed: {1}. The log has the reason of each.', rest.length, namedList(rest)), rest);
    }
  }

  private summary(severity: 'info' | 'error', message: string, finished: readonly WorkFinished[]): void {
    const showLog = vscode.l10n.t('Show Log');
    const subject: TrackingSubject = { tracking: true, targets: finished.map((f) => f.work), outcome: severity === 'info' ? 'success' : 'error' };
    void this.notifier.show(severity, message, [showLog], subject).then((pick) => {
      if (pick === showLog) {
        void vscode.commands.executeCommand(Commands.showLog);
      }
    });
  }

  private one({ work, outcome, reason }: WorkFinished): void {
    const message = outcome === 'success' ? successMessage(work) : errorMessage(work, reason ? redact(reason) : vscode.l10n.t('no reason was given'));
    const revealLabel = vscode.l10n.t('Reveal');
    const subject: TrackingSubject = { tracking: true, target: work, outcome };
    void this.notifier.show(outcome === 'success' ? 'info' : 'error', message, [revealLabel], subject).then((pick) => {
      if (pick === revealLabel) {
        void Promise.resolve(this.reveal(work)).catch(() => undefined);
      }
    });
  }

  private authFailed(count: number): void {
    const signIn = vscode.l10n.t('Sign in');
    void this.notifier.show('warning', signInAgainMessage(count, vscode.l10n), [signIn], { tracking: true } satisfies TrackingSubject).then((pick) => {
      if (pick === signIn) {
        void vscode.commands.executeCommand(Commands.signIn);
      }
    });
  }
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
    case 'restore':
      return vscode.l10n.t('{0} restored.', work.label);
    case 'delete':
      return vscode.l10n.t('{0} deleted.', work.label);
    case 'gaussRestore':
      return vscode.l10n.t('Database instance {0} restored.', work.label);
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
    case 'restore':
      return vscode.l10n.t('Restore of {0} failed: {1}', work.label, reason);
    case 'delete':
      return vscode.l10n.t('Deleting {0} failed: {1}', work.label, reason);
    case 'gaussRestore':
      return vscode.l10n.t('Restore of database instance {0} failed: {1}', work.label, reason);
  }
}
