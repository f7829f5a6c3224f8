/**
 * Composition of the tracking pieces for the extension: the tracker (over globalState), the
 * status bar item, the completion notifications, in-flight discovery from fetched pages, and the
 * `cbr.showInFlight` slice of the command table.
 */
import * as vscode from 'vscode';
import type { CommandSlice } from '../common/commands';
import { Notifier } from '../common/notifier';
import { Commands } from '../constants';
import { Prompter, VsCodePrompter } from '../ui/prompter';
import { inFlightOnPage, SeenPage } from './core/discovery';
import { PaceOptions } from './core/pacer';
import { BackoffOptions } from './core/poller';
import { placesToRefresh } from './core/refresh';
import { realTimers, Timers } from './core/timers';
import { Event, FinishedBatch, MementoLike, TrackerLogger, WorkTarget } from './core/types';
import { TrackerConnection, WorkTracker } from './core/tracker';
import { showInFlight } from './ui/inFlightPick';
import { CompletionNotifications, TrackingNotification, trackingNotifications } from './ui/notifications';
import { InFlightStatusBar } from './ui/statusBar';
import { statusBarView, StatusBarView } from './ui/statusBarView';

export type { SeenPage } from './core/discovery';

export interface TrackingDeps {
  connection: TrackerConnection;
  /** `context.globalState`: the tracked ids (no secrets) survive a window reload. */
  globalState: MementoLike;
  logger: TrackerLogger;
  /** Shows a target in the tree (`explorer.revealTarget`). */
  reveal: (target: WorkTarget) => unknown;
  /** Reloads a vault's subtree; called once per vault for everything that finished in a poll. */
  refreshVault: (region: string, vaultId: string) => void;
  /** Reloads an instance's subtree; called once per instance for everything that finished in a poll. */
  refreshInstance: (region: string, instanceId: string) => void;
  /** The prompter to ask with (host tests swap it); VS Code's quick pick by default. */
  prompter?: () => Prompter;
  /** Every page the tree fetched; what is being made on it is followed too (or call `seePage`). */
  seenPages?: Event<SeenPage>;
  /** Shows the notifications; a notifier of its own by default. */
  notifier?: Notifier;
  timers?: Timers;
  backoff?: Partial<BackoffOptions>;
  pace?: Partial<PaceOptions>;
}

export interface Tracking {
  readonly tracker: WorkTracker;
  /** Push on `context.subscriptions`. */
  readonly disposables: vscode.Disposable[];
  /** Tracking's slice of the command table. */
  readonly commands: CommandSlice<typeof Commands.showInFlight>;
  /** Follows what a fetched page shows being made (started in the console or by a policy). */
  seePage(page: SeenPage): void;
  /** What the status bar item shows now. */
  statusBarView(): StatusBarView;
  /** The tracking notifications shown so far, oldest first (bounded by the notifier's history). */
  notifications(): readonly TrackingNotification[];
}

export function createTracking(deps: TrackingDeps): Tracking {
  const timers = deps.timers ?? realTimers;
  const notifier = deps.notifier ?? new Notifier(() => timers.now());
  const fallbackPrompter = new VsCodePrompter();
  const tracker = new WorkTracker({ connection: deps.connection, store: deps.globalState, logger: deps.logger, l10n: vscode.l10n, timers, backoff: deps.backoff, pace: deps.pace });
  const statusBar = new InFlightStatusBar(tracker, timers);
  const notifications = new CompletionNotifications(tracker, notifier, deps.reveal);
  const seePage = (page: SeenPage): void => {
    const works = inFlightOnPage(page, timers.now());
    if (works.length > 0) {
      tracker.adopt(works);
    }
  };
  const subscriptions = [tracker.onDidFinish((batch) => refreshOnce(batch, deps)), ...(deps.seenPages ? [deps.seenPages(seePage)] : [])];

  return {
    tracker,
    // Disposed in reverse: listeners first, the tracker last.
    disposables: [tracker, statusBar, notifications, ...subscriptions].reverse(),
    commands: {
      [Commands.showInFlight]: () => showInFlight({ tracker, prompter: deps.prompter?.() ?? fallbackPrompter, reveal: deps.reveal, now: () => timers.now() }),
    },
    seePage,
    statusBarView: () => statusBarView(tracker.items, tracker.state, timers.now(), vscode.l10n),
    notifications: () => trackingNotifications(notifier.recent()),
  };
}

/** The tree updates in place: reload each subtree the finished work lives in, once. */
function refreshOnce(batch: FinishedBatch, deps: TrackingDeps): void {
  const { vaults, instances } = placesToRefresh(batch);
  vaults.forEach((v) => deps.refreshVault(v.region, v.vaultId));
  instances.forEach((i) => deps.refreshInstance(i.region, i.instanceId));
}
