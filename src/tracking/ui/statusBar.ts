/**
 * The status bar item for work in flight: renders `statusBarView` whenever the tracker's items or
 * state change, and every few seconds while visible so that the elapsed times stay current.
 */
import * as vscode from 'vscode';
import { Timers } from '../core/timers';
import { Event, TrackedWork, TrackerState } from '../core/types';
import { statusBarView } from './statusBarView';

export const STATUS_BAR_ID = 'cbr.inFlight';
/** How often the elapsed times in the tooltip are brought up to date while visible: every second, so they read as live. */
const TOOLTIP_REFRESH_MS = 1_000;

/** What the status bar reads from the tracker. */
export interface InFlightSource {
  readonly items: readonly TrackedWork[];
  readonly state: TrackerState;
  readonly onDidChange: Event<void>;
  readonly onDidChangeState: Event<TrackerState>;
}

export class InFlightStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly subscriptions: { dispose(): void }[];
  private refreshTimer: unknown;
  private disposed = false;

  constructor(
    private readonly source: InFlightSource,
    private readonly timers: Timers,
  ) {
    this.item = vscode.window.createStatusBarItem(STATUS_BAR_ID, vscode.StatusBarAlignment.Left, 50);
    this.item.name = vscode.l10n.t('CBR in-flight work');
    this.subscriptions = [source.onDidChange(() => this.update()), source.onDidChangeState(() => this.update())];
    this.update();
  }

  dispose(): void {
    if (this.disposed) {
      return;
    }
    this.disposed = true;
    this.stopRefresh();
    this.subscriptions.forEach((s) => s.dispose());
    this.item.dispose();
  }

  private update(): void {
    if (this.disposed) {
      return;
    }
    const view = statusBarView(this.source.items, this.source.state, this.timers.now(), vscode.l10n);
    if (!view.visible) {
      this.item.hide();
      this.stopRefresh();
      return;
    }
    this.item.text = view.text;
    this.item.tooltip = new vscode.MarkdownString(view.tooltip, true);
    this.item.command = view.command && { command: view.command.id, title: view.command.title };
    this.item.backgroundColor = view.backgroundColor === undefined ? undefined : new vscode.ThemeColor(view.backgroundColor);
    this.item.accessibilityInformation = { label: view.accessibilityLabel };
    this.item.show();
    this.scheduleRefresh();
  }

  private scheduleRefresh(): void {
    this.refreshTimer ??= this.timers.setTimeout(() => {
      this.refreshTimer = undefined;
      this.update();
    }, TOOLTIP_REFRESH_MS);
  }

  private stopRefresh(): void {
    if (this.refreshTimer !== undefined) {
      this.timers.clearTimeout(this.refreshTimer);
      this.refreshTimer = undefined;
    }
  }
}
