/**
 * GaussDB(for MySQL) restores onto an instance. With the job id (RestoreOldInstance's `job_id`):
 * one ShowGaussMySqlJobInfo per restore per poll, `Running` until `Completed` or `Failed` (OTC-TDB
 * task_center/obtaining_information_about_a_task_with_a_specified_id.rst). Without it (a lost
 * answer, reconciled by the instance reading RESTORING): the instance's status, one list request
 * per instance, until it is no longer restoring.
 */
import { isGone } from '../errors';
import { WorkFinished } from '../types';
import { GaussRestoreWork, ProbeContext, ReportFinished, TrackerSession } from './context';

type Outcome = Omit<WorkFinished, 'work'>;

/** v3 statuses (OTC-TDB querying_details_of_a_db_instance.rst) and the unified ones. */
const RESTORING = new Set(['RESTORING', 'restoring']);
const READY = new Set(['ACTIVE', 'normal']);
const BROKEN = new Set(['FAILED', 'abnormal', 'createfail']);

export async function probeGaussRestores(ctx: ProbeContext, session: TrackerSession, instanceId: string, works: GaussRestoreWork[], signal: AbortSignal, report: ReportFinished): Promise<void> {
  const byStatus = works.filter((w) => !w.jobId);
  for (const work of works) {
    if (work.jobId) {
      const outcome = await jobOutcome(ctx, session, work.jobId, signal);
      if (outcome) {
        report({ work, ...outcome });
      }
    }
  }
  if (byStatus.length === 0) {
    return;
  }
  const { instances } = await session.gaussdb.listInstances({ id: instanceId }, { signal });
  const status = instances.find((i) => i.id === instanceId)?.status;
  let outcome: Outcome | undefined;
  if (status === undefined) {
    outcome = { outcome: 'error', reason: ctx.l10n.t('The database instance no longer exists.') };
  } else if (READY.has(status)) {
    outcome = { outcome: 'success' };
  } else if (BROKEN.has(status)) {
    outcome = { outcome: 'error', reason: ctx.l10n.t('The database instance is {0} after the restore.', status) };
  } else if (!RESTORING.has(status)) {
    outcome = undefined; // another transient status (BACKING UP, REBOOTING…): look again
  }
  if (outcome) {
    for (const work of byStatus) {
      report({ work, ...outcome });
    }
  }
}

async function jobOutcome(ctx: ProbeContext, session: TrackerSession, jobId: string, signal: AbortSignal): Promise<Outcome | undefined> {
  try {
    const job = await session.gaussdb.showJob(jobId, { signal });
    switch (job.status) {
      case 'Completed':
        return { outcome: 'success' };
      case 'Failed':
        return { outcome: 'error', reason: job.failReason || ctx.l10n.t('The cloud reported the restore as failed.') };
      default:
        return undefined;
    }
  } catch (err) {
    if (isGone(err, 'gaussJob')) {
      return { outcome: 'error', reason: ctx.l10n.t('The cloud no longer knows the restore job.') };
    }
    throw err;
  }
}
