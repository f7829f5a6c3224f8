/** Restore points: one in-progress list per vault, then one follow-up per restore point that left it. */
import type { OperationLog } from '../../../api';
import { CBR_BEING_MADE_STATUSES, isCbrBeingMade } from '../discovery';
import { describe, errorKind, isGone } from '../errors';
import { WorkFinished } from '../types';
import { CheckpointWork, CLOCK_SKEW_MS, ProbeContext, ReportFinished, TrackerSession } from './context';
import { failureText } from './operationLogs';

type Outcome = Omit<WorkFinished, 'work'>;

export async function probeCheckpoints(ctx: ProbeContext, session: TrackerSession, vaultId: string, works: CheckpointWork[], signal: AbortSignal, report: ReportFinished): Promise<void> {
  const { backups } = await session.cbr.listBackups({ vaultId, status: [...CBR_BEING_MADE_STATUSES], limit: 1000 }, { signal });
  const busy = new Set(backups.map((b) => b.checkpointId));
  const failed: { work: CheckpointWork; failedCount: number; total: number }[] = [];
  for (const work of works.filter((w) => !busy.has(w.checkpointId))) {
    const outcome = await checkpointOutcome(ctx, session, work, signal);
    if (!outcome) {
      continue;
    }
    if ('failedCount' in outcome) {
      failed.push({ work, ...outcome });
    } else {
      report({ work, ...outcome });
    }
  }
  if (failed.length > 0) {
    const reasons = await backupFailureReasons(ctx, session, vaultId, failed.map((f) => f.work), signal);
    for (const f of failed) {
      report({ work: f.work, outcome: 'error', reason: reasons.get(f.work.checkpointId) ?? ctx.l10n.t('{0} of {1} backups failed.', f.failedCount, f.total) });
    }
  }
}

/** The follow-up for one restore point that left the in-progress list; undefined = still running. */
async function checkpointOutcome(ctx: ProbeContext, session: TrackerSession, work: CheckpointWork, signal: AbortSignal): Promise<Outcome | { failedCount: number; total: number } | undefined> {
  const { backups } = await session.cbr.listBackups({ checkpointId: work.checkpointId, limit: 1000 }, { signal });
  if (backups.length > 0) {
    if (backups.some((b) => isCbrBeingMade(b.status))) {
      return undefined;
    }
    const failedCount = backups.filter((b) => b.status === 'error').length;
    return failedCount > 0 ? { failedCount, total: backups.length } : { outcome: 'success' };
  }
  // No backups (yet, or any more): the restore point's own status decides.
  let status: string;
  try {
    status = (await session.cbr.showCheckpoint(work.checkpointId, { signal })).status;
  } catch (err) {
    if (isGone(err, 'checkpoint')) {
      return { outcome: 'error', reason: ctx.l10n.t('The restore point no longer exists.') };
    }
    throw err;
  }
  switch (status) {
    case 'protecting':
      return undefined;
    case 'available':
      return { outcome: 'success' };
    case 'error':
      return { outcome: 'error', reason: ctx.l10n.t('The restore point failed.') };
    default:
      return { outcome: 'error', reason: ctx.l10n.t('The restore point is {0}.', status) };
  }
}

/** Why backups failed, per restore point, from the vault's backup operation logs (one request). */
async function backupFailureReasons(ctx: ProbeContext, session: TrackerSession, vaultId: string, works: CheckpointWork[], signal: AbortSignal): Promise<Map<string, string>> {
  const reasons = new Map<string, string>();
  const since = Math.min(...works.map((w) => w.startedAt)) - CLOCK_SKEW_MS;
  let logs: OperationLog[];
  try {
    logs = (await session.cbr.listOperationLogs({ operationType: 'backup', vaultId, startTime: new Date(since), limit: 1000 }, { signal })).operationLogs;
  } catch (err) {
    // Refused credentials and throttling are the poll's business; the failures come back next time.
    if (errorKind(err) === 'auth' || errorKind(err) === 'throttled' || errorKind(err) === 'cancelled') {
      throw err;
    }
    ctx.logger?.warn(`Tracking: could not read why backups failed in vault ${vaultId}: ${describe(err)}`);
    return reasons;
  }
  for (const work of works) {
    const failedLogs = logs.filter((l) => l.checkpointId === work.checkpointId && (l.status === 'failed' || l.status === 'timeout'));
    const messages = [...new Set(failedLogs.map((l) => failureText(l)).filter((m): m is string => Boolean(m)))];
    if (messages.length > 0) {
      reasons.set(work.checkpointId, messages.join('; '));
    }
  }
  return reasons;
}
