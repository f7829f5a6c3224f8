/**
 * In-flight discovery: the tree hands over every page it fetched, and tracking decides what on it
 * is still being made (started in the console or by a policy) and should be followed.
 */
import type { Backup, BackupStatus, GaussBackup } from '../../api';
import { TrackedWork } from './types';

// TODO(api): take these from the in-progress status constants src/api will export (issue 9,
// "cloud facts live in src/api"); until then this is their one home in the extension.
/** CBR backup statuses of a restore point being made (not a restore or a deletion). */
export const CBR_BEING_MADE_STATUSES = ['protecting', 'waiting_protect'] as const satisfies readonly BackupStatus[];
const CBR_BEING_MADE: ReadonlySet<string> = new Set(CBR_BEING_MADE_STATUSES);
/** GaussDB(for MySQL) backup statuses of a backup being made (compared upper-cased). */
const GAUSS_BEING_MADE: ReadonlySet<string> = new Set(['BUILDING']);

/** One fetched page of a list, as the tree model reports it (no tree types). */
export type SeenPage =
  | { kind: 'backups'; region: string; vaultId: string; backups: readonly Backup[] }
  | { kind: 'gaussBackups'; region: string; instanceId: string; backups: readonly GaussBackup[] };

export function isCbrBeingMade(status: string): boolean {
  return CBR_BEING_MADE.has(status);
}

export function isGaussBeingMade(status: string): boolean {
  return GAUSS_BEING_MADE.has(status.toUpperCase());
}

/** The work on a page that is still being made, as tracked work. `now` stands in for a missing start time. */
export function inFlightOnPage(page: SeenPage, now: number): TrackedWork[] {
  if (page.kind === 'gaussBackups') {
    // Followed from when it began (the cloud always says): tracking lists backups since then.
    return page.backups
      .filter((b) => isGaussBeingMade(b.status) && b.beginTime)
      .map((b) => ({ kind: 'gaussBackup', region: page.region, instanceId: page.instanceId, backupId: b.id, label: b.name, startedAt: b.beginTime?.getTime() ?? now }));
  }
  // A restore point is in flight while any of its backups is; its first backup names it.
  const byCheckpoint = new Map<string, Backup[]>();
  for (const b of page.backups) {
    if (b.checkpointId) {
      byCheckpoint.set(b.checkpointId, [...(byCheckpoint.get(b.checkpointId) ?? []), b]);
    }
  }
  return [...byCheckpoint]
    .filter(([, backups]) => backups.some((b) => isCbrBeingMade(b.status)))
    .map(([checkpointId, backups]) => ({
      kind: 'checkpoint',
      region: page.region,
      vaultId: page.vaultId,
      checkpointId,
      label: backups[0]?.name ?? checkpointId,
      startedAt: backups[0]?.createdAt?.getTime() ?? now,
    }));
}
