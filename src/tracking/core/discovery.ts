/**
 * In-flight discovery: the tree hands over every page it fetched, and tracking decides what on it
 * is still being made (started in the console or by a policy) and should be followed.
 */
import { BACKUP_BEING_MADE_STATUSES, GAUSS_BACKUP_BEING_MADE_STATUSES, type Backup, type GaussBackup } from '../../api';
import { TrackedWork } from './types';

/** The cloud's statuses of a backup being made (one home: src/api). */
export const CBR_BEING_MADE_STATUSES = BACKUP_BEING_MADE_STATUSES;
const CBR_BEING_MADE: ReadonlySet<string> = new Set(CBR_BEING_MADE_STATUSES);
const GAUSS_BEING_MADE: ReadonlySet<string> = new Set(GAUSS_BACKUP_BEING_MADE_STATUSES);

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
