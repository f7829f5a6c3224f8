/**
 * The status bar item for work in flight: a consumer of the tracker's events. Hidden while
 * nothing is in flight; `$(sync~spin) N` with a tooltip listing each item otherwise; a warning
 * look (and a click that signs in) while polling waits for a sign-in.
 */
import * as vscode from 'vscode';
import { Commands } from '../constants';
import { describeKind, formatElapsed, kindIcon } from './format';
import { signInAgainMessage } from './notifications';
import { Event, TrackedWork, TrackerState } from './types';

export const STATUS_BAR_ID = 'cbr.inFlight';
/** How often the elapsed times in the tooltip are brought up to date while visible. */
const TOOLTIP_REFRESH_MS = 10_000;

/** What the status bar reads from the tracker. */
export interface InFlightSource {
  readonly items: readonly TrackedWork[];
  readonly state: TrackerState;
  readonly onDidChange: Event<void>;
  readonly onDidChangeState: Event<TrackerState>;
}

/** The item as the user sees it (host tests read this). */
export interface StatusBarSnapshot {
  visible: boolean;
  text: string;
  tooltip: string;
  command: string | undefined;
  /** A theme color id, when the item is in a bad state. */
  backgroundColor: string | undefined;
}

export class InFlightStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly subscriptions: { dispose(): void }[];
  private visible = false;
  private refreshTimer: ReturnType<typeof setInterval> | undefined;
  private disposed = false;

  constructor(
    private readonly source: InFlightSource,
    private readonly now: () => number = () => Date.now(),
  ) {
    this.item = vscode.window.createStatusBarItem(STATUS_BAR_ID, vscode.StatusBarAlignment.Left, 50);
    this.item.name = vscode.l10n.t('CBR in-flight work');
    this.subscriptions = [source.onDidChange(() => this.update()), source.onDidChangeState(() => this.update())];
    this.update();
  }

  snapshot(): StatusBarSnapshot {
    const tooltip = this.item.tooltip;
    const command = this.item.command;
    const color = this.item.backgroundColor;
    return {
      visible: this.visible,
      text: this.item.text,
      tooltip: typeof tooltip === 'string' ? tooltip : (tooltip?.value ?? ''),
      command: typeof command === 'string' ? command : command?.command,
      backgroundColor: color instanceof vscode.ThemeColor ? (color as unknown as { id: string }).id : undefined,
    };
  }

  dispose(): void {
    if (this.disposed) {
      return;
    }
    this.disposed = true;
    this.stopRefresh();
    for (const s of this.subscriptions) {
      s.dispose();
    }
    this.item.dispose();
  }

  private update(): void {
    if (this.disposed) {
      return;
    }
    const items = this.source.items;
    if (items.length === 0) {
      this.item.hide();
      this.visible = false;
      this.stopRefresh();
      return;
    }
    const waiting = this.source.state.kind === 'authFailed' || this.source.state.kind === 'signedOut';
    if (waiting) {
      this.item.text = `$(warning) ${items.length}`;
      this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
      this.item.command = { command: Commands.signIn, title: vscode.l10n.t('Sign in') };
      this.item.accessibilityInformation = { label: signInAgainMessage(items.length) };
    } else {
      this.item.text = `$(sync~spin) ${items.length}`;
      this.item.backgroundColor = undefined;
      this.item.command = { command: Commands.showInFlight, title: vscode.l10n.t('Show in-flight work') };
      this.item.accessibilityInformation = { label: items.length === 1 ? vscode.l10n.t('1 backup in flight') : vscode.l10n.t('{0} backups in flight', items.length) };
    }
    this.item.tooltip = this.tooltip(items, waiting);
    this.item.show();
    this.visible = true;
    this.startRefresh();
  }

  private tooltip(items: readonly TrackedWork[], waiting: boolean): vscode.MarkdownString {
    const md = new vscode.MarkdownString(undefined, true);
    md.appendMarkdown(`**${escape(vscode.l10n.t('In flight: {0}', items.length))}**\n\n`);
    if (waiting) {
      md.appendMarkdown(`$(warning) ${escape(signInAgainMessage(items.length))}\n\n`);
    }
    const now = this.now();
    for (const w of items) {
      md.appendMarkdown(`- $(${kindIcon(w)}) ${escape(describeKind(w, vscode.l10n))} **${escape(w.label)}** · ${escape(w.region)} · ${escape(formatElapsed(now - w.startedAt, vscode.l10n))}\n`);
    }
    return md;
  }

  private startRefresh(): void {
    this.refreshTimer ??= setInterval(() => this.update(), TOOLTIP_REFRESH_MS);
  }

  private stopRefresh(): void {
    if (this.refreshTimer) {
      clearInterval(this.refreshTimer);
      this.refreshTimer = undefined;
    }
  }
}

/** Escapes Markdown (and `$(`, which would start an icon) in text that comes from the cloud or the user. */
function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~$]/g, '\\$&');
}
