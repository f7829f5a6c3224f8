/**
 * What `cbr.restoreInstance` checks before it sends anything, in words, and the regions where the
 * cloud does not offer instance restore. No `vscode` beyond l10n and one context key, so the unit
 * tests run it directly.
 *
 * Sources: huaweicloud-sdk-go-v3 services/gaussdb/v3/model/model_restore_request.go (the body:
 * `restore_time` is UNIX ms, UTC) and model_restore_time_info.go (the restorable ranges);
 * OTC-TDB api-ref documents neither call (there they answer as an unknown API).
 */
import * as vscode from 'vscode';
import { insideRestorableWindow, isApiNotOffered, type GaussBackup, type GaussInstance, type RestorableRange } from '../api';

/** The statuses an instance can be restored onto (v3 `ACTIVE`, unified `normal`). */
const READY_STATUSES = new Set(['ACTIVE', 'normal']);
/** Backups a restore can start from (GaussDB lists `COMPLETED`; `AVAILABLE` is documented too). */
const RESTORABLE_BACKUP_STATUSES = new Set(['COMPLETED', 'AVAILABLE']);

/** Shown in the context key that hides the command when no configured region offers it. */
export const NOT_OFFERED_CONTEXT_KEY = 'cbr.instanceRestoreNotOffered';

/**
 * The regions whose cloud answered the restore calls as an unknown API, remembered for this window
 * (the extension host's lifetime): the command is not offered there again.
 */
export class RestoreOffers {
  private readonly notOffered = new Set<string>();

  isOffered(region: string): boolean {
    return !this.notOffered.has(region);
  }

  /** Remembers the region; true the first time (the user is told once). */
  remember(region: string, configured: readonly string[]): boolean {
    if (this.notOffered.has(region)) {
      return false;
    }
    this.notOffered.add(region);
    const none = configured.length > 0 && configured.every((r) => this.notOffered.has(r));
    void vscode.commands.executeCommand('setContext', NOT_OFFERED_CONTEXT_KEY, none);
    return true;
  }

  /** Tests: forget everything. */
  clear(): void {
    this.notOffered.clear();
    void vscode.commands.executeCommand('setContext', NOT_OFFERED_CONTEXT_KEY, false);
  }
}

/** The one registry of this window. */
export const restoreOffers = new RestoreOffers();

/** Thrown when the cloud says a restore call does not exist in the region; carries the words to show. */
export class RestoreNotOffered extends Error {
  constructor(readonly region: string) {
    super(vscode.l10n.t('Restoring a database instance is not offered in {0}: the cloud does not provide it there. The command is not offered for {0} again in this window.', region));
    this.name = 'RestoreNotOffered';
  }
}

/** Runs a restore call; an unknown-API answer becomes RestoreNotOffered (and the region is remembered). */
export async function unlessNotOffered<T>(region: string, configured: readonly string[], run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (isApiNotOffered(err)) {
      restoreOffers.remember(region, configured);
      throw new RestoreNotOffered(region);
    }
    throw err;
  }
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** `2026-12-02 15:04:05`, local time: what the user types and reads. */
export function formatLocal(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

const LOCAL_TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/;

/** Reads `YYYY-MM-DD HH:MM[:SS]` as local time; undefined when it is not one (or no such date). */
export function parseLocal(text: string): Date | undefined {
  const m = LOCAL_TIME.exec(text.trim());
  if (!m) {
    return undefined;
  }
  const [y, mo, d, h, mi, s] = m.slice(1).map((v) => (v === undefined ? 0 : Number(v))) as [number, number, number, number, number, number];
  const date = new Date(y, mo - 1, d, h, mi, s);
  // new Date rolls 2026-02-30 over to March: such a date does not exist.
  if (date.getFullYear() !== y || date.getMonth() !== mo - 1 || date.getDate() !== d || date.getHours() !== h || date.getMinutes() !== mi) {
    return undefined;
  }
  return date;
}

/** The window as the user reads it: one `from – to` line per range, local time. */
export function describeRanges(ranges: readonly RestorableRange[]): string {
  return ranges.map((r) => vscode.l10n.t('from {0} to {1}', formatLocal(r.start), formatLocal(r.end))).join('; ');
}

/** Why `text` cannot be restored to, in words; undefined when it is a time inside the window. */
export function whyNotRestorableTime(text: string, ranges: readonly RestorableRange[]): string | undefined {
  const at = parseLocal(text);
  if (!at) {
    return vscode.l10n.t('Type a local time as YYYY-MM-DD HH:MM:SS.');
  }
  if (!insideRestorableWindow(ranges, at)) {
    return vscode.l10n.t('{0} is outside the restorable window ({1}).', formatLocal(at), describeRanges(ranges));
  }
  return undefined;
}

/** The default point in time: the newest moment of the window, to the second. */
export function defaultRestoreTime(ranges: readonly RestorableRange[]): Date | undefined {
  const last = ranges.at(-1);
  return last ? new Date(Math.floor(last.end.getTime() / 1000) * 1000) : undefined;
}

export function isRestorableBackup(b: GaussBackup): boolean {
  return RESTORABLE_BACKUP_STATUSES.has(b.status.toUpperCase());
}

/** Why nothing can be restored onto this instance now; undefined when it is ACTIVE. */
export function whyNotRestorableOnto(target: GaussInstance): string | undefined {
  const status = target.status ?? '';
  return READY_STATUSES.has(status) ? undefined : vscode.l10n.t('Database instance {0} is {1}; only an ACTIVE instance can be restored onto.', target.name, status || vscode.l10n.t('in an unknown state'));
}

export type RestoreSource = { kind: 'backup'; backup: GaussBackup } | { kind: 'timestamp'; at: Date };

/** The confirmation's words: what is overwritten, from what, and that its current data is lost. */
export function describeInstanceOverwrite(source: GaussInstance, target: GaussInstance, from: RestoreSource): string {
  const what =
    from.kind === 'backup'
      ? vscode.l10n.t('backup {0} of {1} taken {2}', from.backup.name, source.name, from.backup.beginTime ? formatLocal(from.backup.beginTime) : vscode.l10n.t('unknown time'))
      : vscode.l10n.t('{0} as it was at {1}', source.name, formatLocal(from.at));
  return vscode.l10n.t('Database instance {0} ({1}) is overwritten with {2}. All current data on {0} is lost.', target.name, target.id, what);
}
