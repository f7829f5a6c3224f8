/**
 * The tracking contract (docs/explorer-design.md): what the tree and the actions hand to the
 * tracker, and what it reports back. Plain TypeScript, no `vscode`, so the tracker runs in
 * plain Node under unit tests.
 */

/** One piece of work that finishes in the cloud some time after it was started. */
export type WorkTarget =
  | { kind: 'checkpoint'; region: string; vaultId: string; checkpointId: string }
  | { kind: 'gaussBackup'; region: string; instanceId: string; backupId: string }
  | { kind: 'replication'; region: string; vaultId: string; backupIds: string[]; destinationRegion: string; destinationVaultId: string }
  /** A restore of one backup (followed through the vault's restore operation logs). */
  | { kind: 'restore'; region: string; vaultId: string; backupId: string }
  /**
   * A GaussDB(for MySQL) restore onto `instanceId` (the target): followed through its job when the
   * job id is known, else through the instance's status (RESTORING, then ACTIVE).
   */
  | { kind: 'gaussRestore'; region: string; instanceId: string }
  /**
   * A deletion, followed until the cloud no longer has it: backups of one vault, a vault, or
   * manual backups of one GaussDB instance. `parentId` is the vault or instance; `items` name what goes.
   */
  | { kind: 'delete'; region: string; what: DeleteWhat; parentId: string; items: DeletedItem[] };

/** What a deletion removes. */
export type DeleteWhat = 'backups' | 'vault' | 'gaussBackups';
/** One thing being deleted, with the name the user knows it by. */
export interface DeletedItem {
  id: string;
  name: string;
}

/** A target plus what the user sees: ids only, never credentials (this is persisted). */
export type TrackedWork = WorkTarget & { label: string; startedAt: number /* epoch ms */; jobId?: string };

export type WorkOutcome = 'success' | 'error';

export interface WorkFinished {
  work: TrackedWork;
  outcome: WorkOutcome;
  /** Why it failed, in the cloud's words where the cloud gave any. */
  reason?: string;
}

/** Everything one poll found finished (never empty): the tracker's one finish event. */
export type FinishedBatch = readonly WorkFinished[];

/**
 * - `idle`: nothing in flight, nothing polled.
 * - `polling`: work in flight and the poller running.
 * - `signedOut`: work in flight but no credentials; resumes on sign-in.
 * - `authFailed`: the cloud refused the credentials while polling; resumes on sign-in.
 */
export type TrackerState = { kind: 'idle' } | { kind: 'polling' } | { kind: 'signedOut' } | { kind: 'authFailed'; message: string };

/** Same call shape as `vscode.Event`, so VS Code consumers can treat it as one (one home: src/common/emitter). */
export type { Disposable, Event } from '../../common/emitter';

/** The part of `vscode.Memento` (`context.globalState`) the tracker uses. */
export interface MementoLike {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

/** Where log lines go (the extension's `Logger`; English, redacted there). Listener errors go here too. */
export interface TrackerLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/**
 * Localizes a message (`vscode.l10n` in the extension). Written as a literal l10n.t call at each call
 * site so the bundle extraction finds the strings.
 */
export interface Localizer {
  t(message: string, ...args: Array<string | number | boolean>): string;
}

/** English fallback for plain Node: replaces `{0}`, `{1}`, … */
export const englishL10n: Localizer = {
  t: (message, ...args) => message.replace(/\{(\d+)\}/g, (whole, i: string) => (args[Number(i)] === undefined ? whole : String(args[Number(i)]))),
};

/** Identity of a target: two works with the same key are the same work. */
export function targetKey(t: WorkTarget): string {
  switch (t.kind) {
    case 'checkpoint':
      return `checkpoint|${t.region}|${t.checkpointId}`;
    case 'gaussBackup':
      return `gaussBackup|${t.region}|${t.backupId}`;
    case 'replication':
      return `replication|${t.region}|${t.vaultId}|${t.destinationRegion}|${t.destinationVaultId}|${[...t.backupIds].sort().join(',')}`;
    case 'restore':
      return `restore|${t.region}|${t.backupId}`;
    case 'delete':
      return `delete|${t.region}|${t.what}|${t.parentId}|${t.items.map((i) => i.id).sort().join(',')}`;
    case 'gaussRestore':
      return `gaussRestore|${t.region}|${t.instanceId}`;
  }
}

export function sameTarget(a: WorkTarget, b: WorkTarget): boolean {
  return targetKey(a) === targetKey(b);
}

/** Just the target fields of a tracked work (drops label, startedAt, jobId). */
export function targetOf(w: WorkTarget): WorkTarget {
  switch (w.kind) {
    case 'checkpoint':
      return { kind: w.kind, region: w.region, vaultId: w.vaultId, checkpointId: w.checkpointId };
    case 'gaussBackup':
      return { kind: w.kind, region: w.region, instanceId: w.instanceId, backupId: w.backupId };
    case 'replication':
      return { kind: w.kind, region: w.region, vaultId: w.vaultId, backupIds: [...w.backupIds], destinationRegion: w.destinationRegion, destinationVaultId: w.destinationVaultId };
    case 'restore':
      return { kind: w.kind, region: w.region, vaultId: w.vaultId, backupId: w.backupId };
    case 'delete':
      return { kind: w.kind, region: w.region, what: w.what, parentId: w.parentId, items: w.items.map((i) => ({ id: i.id, name: i.name })) };
    case 'gaussRestore':
      return { kind: w.kind, region: w.region, instanceId: w.instanceId };
  }
}
