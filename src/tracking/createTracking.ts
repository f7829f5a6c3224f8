/**
 * Composition of the tracking pieces for the extension: the tracker (over globalState), the
 * status bar item, the completion notifications and the `cbr.showInFlight` command.
 */
import * as vscode from 'vscode';
import type { CommandHandler } from '../common/commands';
import { Commands } from '../constants';
import { Prompter, VsCodePrompter } from '../ui/prompter';
import { showInFlight } from './inFlightPick';
import { CompletionNotifier, NotificationRecord } from './notifications';
import { BackoffOptions } from './poller';
import { InFlightStatusBar } from './statusBar';
import { Event, MementoLike, TrackedWork, TrackerLogger, WorkFinished, WorkTarget } from './types';
import { TRACKING_STORE_KEY, TrackerConnection, WorkTracker } from './workTracker';

export interface TrackingDeps {
  connection: TrackerConnection;
  /** `context.globalState`: the tracked ids (no secrets) survive a window reload. */
  globalState: MementoLike;
  logger: TrackerLogger;
  /** Shows a target in the tree (`explorer.revealTarget`). */
  reveal: (target: WorkTarget) => unknown;
  /** Reloads a vault's subtree when its work finished (`explorer.refreshVault`). */
  refreshVault: (region: string, vaultId: string) => void;
  /** Reloads an instance's subtree when its backup finished (`explorer.refreshInstance`). */
  refreshInstance: (region: string, instanceId: string) => void;
  /** The prompter to ask with (host tests swap it); VS Code's quick pick by default. */
  prompter?: () => Prompter;
  /** Work the tree saw in flight (started elsewhere): followed too. */
  seenInFlight?: Event<readonly TrackedWork[]>;
  backoff?: Partial<BackoffOptions>;
}

export interface Tracking {
  /** The live tracker (a new one after `reload`). */
  readonly tracker: WorkTracker;
  readonly statusBar: InFlightStatusBar;
  readonly notifier: CompletionNotifier;
  /** Push on `context.subscriptions`. */
  readonly disposables: vscode.Disposable[];
  /** For the command table in extension.ts. */
  readonly commands: Record<typeof Commands.showInFlight, CommandHandler>;
  /** Every notification shown so far (most recent last, bounded), for tests. */
  notifications(): readonly NotificationRecord[];
  /** What is stored in globalState, for tests (to check that it holds no secrets). */
  storedState(): unknown;
  /**
   * Tears the tracker, status bar and notifier down and builds them again from globalState,
   * as a window reload does. Host tests use it to check that tracking resumes.
   */
  reload(): Promise<WorkTracker>;
}

interface Parts {
  tracker: WorkTracker;
  statusBar: InFlightStatusBar;
  notifier: CompletionNotifier;
  subscriptions: vscode.Disposable[];
}

export function createTracking(deps: TrackingDeps): Tracking {
  const records: NotificationRecord[] = [];
  const fallbackPrompter = new VsCodePrompter();

  const build = (): Parts => {
    const tracker = new WorkTracker({
      connection: deps.connection,
      store: deps.globalState,
      logger: deps.logger,
      l10n: vscode.l10n,
      backoff: deps.backoff,
    });
    const statusBar = new InFlightStatusBar(tracker);
    const notifier = new CompletionNotifier(tracker, deps.reveal, records);
    const subscriptions: vscode.Disposable[] = [tracker.onDidFinish((f) => refreshAfter(f, deps))];
    if (deps.seenInFlight) {
      subscriptions.push(deps.seenInFlight((works) => tracker.adopt(works)));
    }
    return { tracker, statusBar, notifier, subscriptions };
  };

  const teardown = (p: Parts): void => {
    for (const s of p.subscriptions) {
      s.dispose();
    }
    p.notifier.dispose();
    p.statusBar.dispose();
    p.tracker.dispose();
  };

  let parts = build();
  let disposed = false;

  return {
    get tracker() {
      return parts.tracker;
    },
    get statusBar() {
      return parts.statusBar;
    },
    get notifier() {
      return parts.notifier;
    },
    disposables: [
      {
        dispose: () => {
          if (!disposed) {
            disposed = true;
            teardown(parts);
          }
        },
      },
    ],
    commands: {
      [Commands.showInFlight]: () => showInFlight({ tracker: parts.tracker, prompter: deps.prompter?.() ?? fallbackPrompter, reveal: deps.reveal }),
    },
    notifications: () => records,
    storedState: () => deps.globalState.get<unknown>(TRACKING_STORE_KEY),
    reload: async () => {
      const old = parts;
      await old.tracker.flush();
      teardown(old);
      parts = build();
      return parts.tracker;
    },
  };
}

/** The tree node updates in place: reload the subtree the finished work lives in. */
function refreshAfter({ work }: WorkFinished, deps: TrackingDeps): void {
  switch (work.kind) {
    case 'checkpoint':
      deps.refreshVault(work.region, work.vaultId);
      break;
    case 'gaussBackup':
      deps.refreshInstance(work.region, work.instanceId);
      break;
    case 'replication':
      deps.refreshVault(work.region, work.vaultId);
      deps.refreshVault(work.destinationRegion, work.destinationVaultId);
      break;
  }
}
