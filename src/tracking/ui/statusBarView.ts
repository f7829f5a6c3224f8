/**
 * What the in-flight status bar item shows, as a pure function of the items, the tracker state and
 * the time: the status bar renders it, and tests (and the extension's test API) read it. No `vscode`.
 */
import { describeKind, formatElapsed, kindIcon } from '../core/format';
import { Localizer, TrackedWork, TrackerState } from '../core/types';

/** Command ids the item runs (the same values as `Commands` in src/constants.ts). */
const SHOW_IN_FLIGHT = 'cbr.showInFlight';
const SIGN_IN = 'cbr.signIn';
const WARNING_BACKGROUND = 'statusBarItem.warningBackground';

export interface StatusBarView {
  visible: boolean;
  text: string;
  /** Markdown with theme icons. */
  tooltip: string;
  command: { id: string; title: string } | undefined;
  /** A theme color id, when the item is in a bad state. */
  backgroundColor: string | undefined;
  accessibilityLabel: string;
}

export function statusBarView(items: readonly TrackedWork[], state: TrackerState, now: number, l10n: Localizer): StatusBarView {
  if (items.length === 0) {
    return { visible: false, text: '', tooltip: '', command: undefined, backgroundColor: undefined, accessibilityLabel: '' };
  }
  const waiting = isWaitingForSignIn(state);
  const lines = [`**${escapeMarkdown(l10n.t('In flight: {0}', items.length))}**`, ''];
  if (waiting) {
    lines.push(`$(warning) ${escapeMarkdown(signInAgainMessage(items.length, l10n))}`, '');
  }
  for (const w of items) {
    lines.push(`- $(${kindIcon(w)}) ${escapeMarkdown(describeKind(w, l10n))} **${escapeMarkdown(w.label)}** · ${escapeMarkdown(w.region)} · ${escapeMarkdown(formatElapsed(now - w.startedAt, l10n))}`);
  }
  const tooltip = `${lines.join('\n')}\n`;
  if (waiting) {
    return {
      visible: true,
      text: `$(warning) ${pausedWords(items, l10n)}`,
      tooltip,
      command: { id: SIGN_IN, title: l10n.t('Sign in') },
      backgroundColor: WARNING_BACKGROUND,
      accessibilityLabel: signInAgainMessage(items.length, l10n),
    };
  }
  return {
    visible: true,
    text: `$(sync~spin) ${inProgressWords(items, l10n)}`,
    tooltip,
    command: { id: SHOW_IN_FLIGHT, title: l10n.t('Show in-flight work') },
    backgroundColor: undefined,
    accessibilityLabel: inProgressWords(items, l10n),
  };
}

/** Backups (restore points, database backups) are the usual work; a replication or a restore is named as an operation. */
function onlyBackups(items: readonly TrackedWork[]): boolean {
  return items.every((w) => w.kind === 'checkpoint' || w.kind === 'gaussBackup');
}

/** "2 backups in progress": words beside the other counters of the status bar, not a bare number. */
function inProgressWords(items: readonly TrackedWork[], l10n: Localizer): string {
  const n = items.length;
  if (onlyBackups(items)) {
    return n === 1 ? l10n.t('1 backup in progress') : l10n.t('{0} backups in progress', n);
  }
  return n === 1 ? l10n.t('1 operation in progress') : l10n.t('{0} operations in progress', n);
}

function pausedWords(items: readonly TrackedWork[], l10n: Localizer): string {
  const n = items.length;
  if (onlyBackups(items)) {
    return n === 1 ? l10n.t('1 backup paused') : l10n.t('{0} backups paused', n);
  }
  return n === 1 ? l10n.t('1 operation paused') : l10n.t('{0} operations paused', n);
}

export function isWaitingForSignIn(state: TrackerState): boolean {
  return state.kind === 'authFailed' || state.kind === 'signedOut';
}

/** Shown when polling stopped on an auth failure (the notification and the status bar). */
export function signInAgainMessage(count: number, l10n: Localizer): string {
  return count === 1 ? l10n.t('Sign in again to keep following the item in flight.') : l10n.t('Sign in again to keep following {0} items in flight.', count);
}

/** Escapes Markdown (and `$(`, which would start an icon) in text that comes from the cloud or the user. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~$]/g, '\\$&');
}
