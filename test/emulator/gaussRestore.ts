/**
 * GaussDB(for MySQL) restore onto an existing instance (Huawei Cloud):
 * - ShowRestoreTime `GET /v3/{project_id}/instances/{instance_id}/restore-time` answers
 *   `{restore_times: [{start_time, end_time}]}`, UNIX ms, UTC (huaweicloud-sdk-go-v3
 *   services/gaussdb/v3/model/model_restore_time_info.go).
 * - RestoreOldInstance `POST /v3/{project_id}/instances/restore` takes `{source_instance_id,
 *   target_instance_id, type: backup|timestamp, backup_id?, restore_time? (ms)}` and answers
 *   `{job_id}` (model_restore_request.go, model_restore_old_instance_response.go); the job is read
 *   with `GET /v3/{project_id}/jobs?id=` (OTC-TDB task_center/obtaining_information_about_a_task_with_a_specified_id.rst:
 *   Running, Completed, Failed).
 * Open Telekom Cloud's TaurusDB API reference documents neither call: with that profile both
 * answer as the gateway answers an unknown API (404 APIGW.0101).
 *
 * Assumed (not documented): the restorable window is one range, from the begin time of the
 * instance's oldest completed backup to now; a time outside it is refused 400 DBS.200001, a target
 * that is not ACTIVE 400 DBS.200086 (the status refusal of backup creation), a backup that is not
 * the source's or not completed 400 DBS.200001; the target reads RESTORING for as long as a manual
 * backup takes to build (`gaussBackupBuildingMs`), then ACTIVE again (also after a failure); the
 * job is named `RestoreInstance`; `nextGaussBackup: 'error'` scripts the next restore job to fail too.
 */
import { randomUUID } from 'node:crypto';
import { gaussTime, parseCloudTime } from './clock';
import { HttpError, gaussError, isRecord, type Reply, type RequestContext } from './http';
import { endOf, isDone, progressOf, type EmulatorState, type GaussBackupRec, type RegionState, type Timed } from './state';
import type { GaussInstance } from './types';

const INSTANCE_ID_RE = /^[0-9a-f]{32}in\d{2}$/;
const READY_STATUSES = ['ACTIVE', 'normal'];

export interface GaussRestoreJob {
  id: string;
  projectId: string;
  sourceInstanceId: string;
  target: { id: string; name: string };
  type: 'backup' | 'timestamp';
  backupId?: string;
  restoreTime?: number;
  timed: Timed;
}

/** Restore jobs per region (a reset makes new regions, so it forgets them too). */
const JOBS = new WeakMap<RegionState, Map<string, GaussRestoreJob>>();

function jobsOf(rs: RegionState): Map<string, GaussRestoreJob> {
  let jobs = JOBS.get(rs);
  if (!jobs) {
    jobs = new Map();
    JOBS.set(rs, jobs);
  }
  return jobs;
}

export function restoreJobsOf(rs: RegionState): GaussRestoreJob[] {
  return [...jobsOf(rs).values()];
}

export function findRestoreJob(rs: RegionState, id: string): GaussRestoreJob | undefined {
  return jobsOf(rs).get(id);
}

/** True while a restore onto `instanceId` runs: the instance then reads RESTORING. */
export function isBeingRestored(rs: RegionState, instanceId: string, now: number): boolean {
  return restoreJobsOf(rs).some((j) => j.target.id === instanceId && !isDone(j.timed, now));
}

function notOffered(state: EmulatorState): void {
  if (!state.rules.gaussInstanceRestore) {
    throw new HttpError(404, { error_code: 'APIGW.0101', error_msg: 'The API does not exist or has not been published in the environment' });
  }
}

function regionOf(state: EmulatorState, ctx: RequestContext): RegionState {
  const rs = ctx.region === undefined ? undefined : state.region(ctx.region);
  if (!rs) {
    throw gaussError(404, 'DBS.200001', `Unknown region ${ctx.region ?? ''}`);
  }
  return rs;
}

function instanceOf(rs: RegionState, id: unknown, field: string): GaussInstance {
  if (typeof id !== 'string' || id === '') {
    throw gaussError(400, 'DBS.200001', `Invalid parameter ${field}.`);
  }
  if (!INSTANCE_ID_RE.test(id)) {
    throw gaussError(400, 'DBS.280404', 'Invalid DB instance ID or node ID format.');
  }
  const instance = rs.gaussInstanceById.get(id);
  if (!instance) {
    throw gaussError(404, 'DBS.200002', 'The DB instance does not exist.');
  }
  return instance;
}

function completed(b: GaussBackupRec, now: number): boolean {
  return b.timed === undefined ? b.wire.status === 'COMPLETED' : isDone(b.timed, now) && !b.timed.fails;
}

/** The one assumed range: the oldest completed backup's begin time until now. */
export function restorableRanges(rs: RegionState, instanceId: string, now: number): { start_time: number; end_time: number }[] {
  const starts = rs.gaussBackups
    .filter((b) => b.wire.instance_id === instanceId && completed(b, now))
    .map((b) => parseCloudTime(b.wire.begin_time))
    .filter((ms) => Number.isFinite(ms) && ms <= now);
  return starts.length === 0 ? [] : [{ start_time: Math.min(...starts), end_time: now }];
}

export function listRestoreTimes(state: EmulatorState, ctx: RequestContext): Reply {
  notOffered(state);
  const rs = regionOf(state, ctx);
  const instance = instanceOf(rs, ctx.params.instance, 'instance_id');
  return { status: 200, body: { restore_times: restorableRanges(rs, instance.id, state.now()) } };
}

export function restoreInstance(state: EmulatorState, ctx: RequestContext, statusOf: (rs: RegionState, i: GaussInstance, now: number) => string): Reply {
  notOffered(state);
  const rs = regionOf(state, ctx);
  const body = isRecord(ctx.body) ? ctx.body : undefined;
  if (!body) {
    throw gaussError(400, 'DBS.200001', 'The request body must be a JSON object.');
  }
  const source = instanceOf(rs, body.source_instance_id, 'source_instance_id');
  const target = instanceOf(rs, body.target_instance_id, 'target_instance_id');
  const type = body.type;
  if (type !== 'backup' && type !== 'timestamp') {
    throw gaussError(400, 'DBS.200001', 'Invalid parameter type: backup or timestamp.');
  }
  const now = state.now();
  let backupId: string | undefined;
  let restoreTime: number | undefined;
  if (type === 'backup') {
    if (typeof body.backup_id !== 'string' || body.backup_id === '') {
      throw gaussError(400, 'DBS.200001', 'Invalid parameter backup_id: required when type is backup.');
    }
    const backup = rs.gaussBackups.find((b) => b.wire.id === body.backup_id);
    if (!backup) {
      throw gaussError(404, 'DBS.201203', 'The backup does not exist.');
    }
    if (backup.wire.instance_id !== source.id || !completed(backup, now)) {
      throw gaussError(400, 'DBS.200001', 'Invalid parameter backup_id: not a completed backup of the source instance.');
    }
    backupId = backup.wire.id;
  } else {
    const t = body.restore_time;
    if (typeof t !== 'number' || !Number.isInteger(t)) {
      throw gaussError(400, 'DBS.200001', 'Invalid parameter restore_time: UNIX milliseconds required when type is timestamp.');
    }
    if (!restorableRanges(rs, source.id, now).some((r) => t >= r.start_time && t <= r.end_time)) {
      throw gaussError(400, 'DBS.200001', 'Invalid parameter restore_time: not within the restorable time range.');
    }
    restoreTime = t;
  }
  const status = statusOf(rs, target, now);
  if (!READY_STATUSES.includes(status)) {
    throw gaussError(400, 'DBS.200086', `This operation is not allowed by the DB instance status (${status}).`);
  }
  const job: GaussRestoreJob = {
    id: randomUUID(),
    projectId: ctx.params.project ?? '',
    sourceInstanceId: source.id,
    target: { id: target.id, name: target.name },
    type,
    backupId,
    restoreTime,
    timed: state.newGaussTiming(),
  };
  jobsOf(rs).set(job.id, job);
  return { status: 200, body: { job_id: job.id } };
}

/** The job as ShowGaussMySqlJobInfo shows it. */
export function renderRestoreJob(job: GaussRestoreJob, now: number): Record<string, unknown> {
  const done = isDone(job.timed, now);
  const failed = done && job.timed.fails;
  const out: Record<string, unknown> = {
    id: job.id,
    name: 'RestoreInstance',
    status: !done ? 'Running' : failed ? 'Failed' : 'Completed',
    created: gaussTime(job.timed.startMs),
    process: done ? '' : `${progressOf(job.timed, now)}%`,
    instance: { id: job.target.id, name: job.target.name },
    entities: { source_instance_id: job.sourceInstanceId, type: job.type, ...(job.backupId ? { backup_id: job.backupId } : { restore_time: job.restoreTime }) },
  };
  if (done) {
    out.ended = gaussTime(endOf(job.timed));
  }
  if (failed) {
    out.fail_reason = 'Restoration failed: the backup data could not be read from storage.';
  }
  return out;
}
