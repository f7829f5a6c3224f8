/**
 * Deletions, followed until the cloud no longer has what was deleted. The documented way to see a
 * delete finish is "not found" (GTC acceptance tests, `waitForBackupDelete`; see
 * src/api/schemas/deletion.ts `countsAsDeleted`):
 * - CBR backups: the vault's backup list, one request per vault per poll (a page of 1000; more
 *   pages only for a larger vault). A backup not listed is gone; one still `deleting` is on its
 *   way; one that reads anything else and was updated after the delete was sent failed (the cloud
 *   puts a backup whose deletion failed in `error`).
 * - A CBR vault: ShowVault; the documented not-found code means gone.
 * - GaussDB manual backups: the instance's backup list; a backup not listed is gone.
 */
import { isGone } from '../errors';
import { CLOCK_SKEW_MS, DeleteWork, ProbeContext, ReportFinished, TrackerSession } from './context';

/** Vault backup pages read per poll at most (a page holds 1000). */
const MAX_BACKUP_PAGES = 5;
/** GaussDB backup pages (100 each) read per poll at most. */
const MAX_GAUSS_PAGES = 10;
const STILL_DELETING: ReadonlySet<string> = new Set(['deleting', 'waiting_delete']);

export async function probeDeletions(ctx: ProbeContext, session: TrackerSession, works: DeleteWork[], signal: AbortSignal, report: ReportFinished): Promise<void> {
  const first = works[0];
  if (!first) {
    return;
  }
  switch (first.what) {
    case 'backups':
      return probeBackupDeletions(ctx, session, first.parentId, works, signal, report);
    case 'vault':
      return probeVaultDeletions(session, works, signal, report);
    case 'gaussBackups':
      return probeGaussDeletions(session, first.parentId, works, signal, report);
  }
}

async function probeBackupDeletions(ctx: ProbeContext, session: TrackerSession, vaultId: string, works: DeleteWork[], signal: AbortSignal, report: ReportFinished): Promise<void> {
  const wanted = new Set(works.flatMap((w) => w.items.map((i) => i.id)));
  const found = new Map<string, { status: string; updatedAt?: Date }>();
  let complete = false;
  try {
    for (let page = 0, offset = 0; page < MAX_BACKUP_PAGES; page++) {
      const { backups, count } = await session.cbr.listBackups({ vaultId, offset, limit: 1000 }, { signal });
      backups.filter((b) => wanted.has(b.id)).forEach((b) => found.set(b.id, { status: b.status, updatedAt: b.updatedAt }));
      offset += backups.length;
      if (backups.length === 0 || offset >= count || found.size === wanted.size) {
        complete = true;
        break;
      }
    }
  } catch (err) {
    if (!isGone(err, 'vault')) {
      throw err;
    }
    complete = true; // the vault went, and its backups with it
    found.clear();
  }
  for (const work of works) {
    const notBefore = work.startedAt - CLOCK_SKEW_MS;
    const failed = work.items.flatMap((item) => {
      const b = found.get(item.id);
      return b && !STILL_DELETING.has(b.status) && b.updatedAt !== undefined && b.updatedAt.getTime() >= notBefore ? [{ item, status: b.status }] : [];
    });
    const pending = work.items.filter((item) => (found.has(item.id) || !complete) && !failed.some((f) => f.item.id === item.id));
    if (pending.length > 0) {
      continue;
    }
    if (failed.length === 0) {
      report({ work, outcome: 'success' });
    } else {
      const reasons = failed.map((f) => ctx.l10n.t('{0} is {1} in the cloud', f.item.name, f.status)).join('; ');
      report({ work, outcome: 'error', reason: ctx.l10n.t('{0} of {1} not deleted: {2}.', failed.length, work.items.length, reasons) });
    }
  }
}

async function probeVaultDeletions(session: TrackerSession, works: DeleteWork[], signal: AbortSignal, report: ReportFinished): Promise<void> {
  for (const work of works) {
    try {
      await session.cbr.showVault(work.parentId, { signal });
    } catch (err) {
      if (!isGone(err, 'vault')) {
        throw err;
      }
      report({ work, outcome: 'success' });
    }
  }
}

async function probeGaussDeletions(session: TrackerSession, instanceId: string, works: DeleteWork[], signal: AbortSignal, report: ReportFinished): Promise<void> {
  const listed = new Set<string>();
  let complete = false;
  try {
    // Manual backups only (the only ones deleted), 100 a page (the API's largest).
    for (let page = 0; page < MAX_GAUSS_PAGES; page++) {
      const { backups, totalCount } = await session.gaussdb.listBackups({ instanceId, backupType: 'manual', offset: page * 100, limit: 100 }, { signal });
      backups.forEach((b) => listed.add(b.id));
      if (backups.length < 100 || (page + 1) * 100 >= totalCount) {
        complete = true;
        break;
      }
    }
  } catch (err) {
    if (!isGone(err, 'gaussInstance')) {
      throw err;
    }
    listed.clear(); // the instance went, and its backups with it
    complete = true;
  }
  for (const work of works) {
    if (complete && work.items.every((item) => !listed.has(item.id))) {
      report({ work, outcome: 'success' });
    }
  }
}
