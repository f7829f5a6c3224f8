/** GaussDB(for MySQL) backups: one list per instance of the backups begun since the earliest tracked one. */
import { errorKind, isGone } from '../errors';
import { WorkFinished } from '../types';
import { CLOCK_SKEW_MS, GaussWork, ProbeContext, ReportFinished, TrackerSession } from './context';

type Outcome = Omit<WorkFinished, 'work'>;

export async function probeGaussBackups(ctx: ProbeContext, session: TrackerSession, instanceId: string, works: GaussWork[], signal: AbortSignal, report: ReportFinished): Promise<void> {
  // Only the backups begun since the earliest tracked one: an older backup never pushes a tracked
  // one off the page, however many the instance keeps.
  const beginTime = new Date(Math.min(...works.map((w) => w.startedAt)) - CLOCK_SKEW_MS);
  // The API takes the two bounds as a pair; the upper one only has to be past anything running.
  const endTime = new Date(ctx.now() + 24 * 60 * 60_000);
  const { backups, totalCount } = await session.gaussdb.listBackups({ instanceId, beginTime, endTime, limit: 100 }, { signal });
  const listedAll = totalCount <= backups.length;
  for (const work of works) {
    const backup = backups.find((b) => b.id === work.backupId);
    let outcome: Outcome | undefined;
    if (backup) {
      switch (backup.status) {
        case 'COMPLETED':
        case 'AVAILABLE':
          outcome = { outcome: 'success' };
          break;
        case 'FAILED':
          outcome = { outcome: 'error', reason: (work.jobId ? await jobFailReason(session, work.jobId, signal) : undefined) ?? ctx.l10n.t('The database backup failed.') };
          break;
        default:
          outcome = undefined; // BUILDING, or a status this code does not know yet
      }
    } else if (work.jobId) {
      outcome = await gaussJobOutcome(ctx, session, work.jobId, signal);
    } else if (listedAll) {
      outcome = { outcome: 'error', reason: ctx.l10n.t('The database backup no longer exists.') };
    }
    if (outcome) {
      report({ work, ...outcome });
    }
  }
}

async function gaussJobOutcome(ctx: ProbeContext, session: TrackerSession, jobId: string, signal: AbortSignal): Promise<Outcome | undefined> {
  try {
    const job = await session.gaussdb.showJob(jobId, { signal });
    switch (job.status) {
      case 'Completed':
        return { outcome: 'success' };
      case 'Failed':
        return { outcome: 'error', reason: job.failReason || ctx.l10n.t('The database backup failed.') };
      default:
        return undefined;
    }
  } catch (err) {
    if (isGone(err, 'gaussJob')) {
      return { outcome: 'error', reason: ctx.l10n.t('The database backup no longer exists.') };
    }
    throw err;
  }
}

async function jobFailReason(session: TrackerSession, jobId: string, signal: AbortSignal): Promise<string | undefined> {
  try {
    return (await session.gaussdb.showJob(jobId, { signal })).failReason || undefined;
  } catch (err) {
    if (errorKind(err) === 'auth' || errorKind(err) === 'throttled' || errorKind(err) === 'cancelled') {
      throw err;
    }
    return undefined;
  }
}
