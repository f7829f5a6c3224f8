/** GaussDB(for MySQL) v3: instances, backups, manual backup creation and its job. */
import { randomBytes, randomUUID } from 'node:crypto';
import { gaussTime, parseCloudTime } from './clock';
import { gaussError, intParam, isRecord, type Reply, type RequestContext } from './http';
import { endOf, isDone, progressOf, type EmulatorState, type GaussBackupRec, type RegionState } from './state';
import type { GaussBackup, GaussInstance } from './types';
import { findRestoreJob, isBeingRestored, renderRestoreJob, restoreInstance as restoreOnto } from './gaussRestore';

export { listRestoreTimes } from './gaussRestore';

/** HW rule: 4–64 characters and at most 64 bytes, starting with a letter; letters, digits, `-`, `_`. */
const BACKUP_NAME_RE = /^\p{L}[\p{L}\p{N}_-]{3,63}$/u;
const FORBIDDEN_DESCRIPTION = /[>!<"&'=]/;
/** Instance ids in the references: 32 hex characters and `in07` (OTC-TDB examples). */
const INSTANCE_ID_RE = /^[0-9a-f]{32}in\d{2}$/;
/**
 * The status that allows a manual backup. `GET /v3/{project_id}/instances` reports the v3 values
 * (OTC-TDB managing_db_instances/querying_details_of_a_db_instance.rst: BUILD, ACTIVE, FAILED,
 * FROZEN, MODIFYING, REBOOTING, RESTORING, MODIFYING INSTANCE TYPE, SWITCHOVER, MIGRATING,
 * BACKING UP, MODIFYING DATABASE PORT, STORAGE FULL); the lower-case unified ones (creating,
 * normal, abnormal, createfail) belong to `GET /v3.1/.../instances` (HW-Go
 * model_mysql_instance_list_info_unify_status.go). Seeds may use either; `normal` counts too.
 */
const READY_STATUSES = ['ACTIVE', 'normal'];

/**
 * Backup ids: the OTC-TDB list example shows `c0c9f155c7b7423a9d30f0175998b63bbr01` (32 hex and
 * `br01`), while its create example shows a UUID; the emulator makes the non-UUID form so that
 * clients cannot assume UUIDs.
 */
function newBackupId(): string {
  return `${randomBytes(16).toString('hex')}br01`;
}

function regionOf(state: EmulatorState, ctx: RequestContext): RegionState {
  const rs = ctx.region === undefined ? undefined : state.region(ctx.region);
  if (!rs) {
    throw gaussError(404, 'DBS.200001', `Unknown region ${ctx.region ?? ''}`);
  }
  return rs;
}

function projectRegionInstances(rs: RegionState): GaussInstance[] {
  return rs.gaussInstances;
}

function gaussBackupStatus(rec: GaussBackupRec, now: number): GaussBackup {
  if (!rec.timed) {
    return rec.wire;
  }
  if (!isDone(rec.timed, now)) {
    // No end_time until the backup is done.
    const building: GaussBackup = { ...rec.wire, status: 'BUILDING', size: 0, take_up_time: 0 };
    delete building.end_time;
    return building;
  }
  return {
    ...rec.wire,
    status: rec.timed.fails ? 'FAILED' : 'COMPLETED',
    end_time: gaussTime(endOf(rec.timed)),
    size: rec.timed.fails ? 0 : rec.wire.size,
    take_up_time: Math.max(1, Math.ceil(rec.timed.durationMs / 60_000)),
  };
}

/**
 * An instance shows `RESTORING` while a restore onto it runs and `BACKING UP` while one of its
 * backups is building, as the real service does (v3 statuses, see READY_STATUSES).
 */
function renderInstance(rs: RegionState, inst: GaussInstance, now: number): GaussInstance {
  if (READY_STATUSES.includes(inst.status) && isBeingRestored(rs, inst.id, now)) {
    return { ...inst, status: 'RESTORING' };
  }
  const building = rs.gaussBackups.some((b) => b.wire.instance_id === inst.id && b.timed !== undefined && !isDone(b.timed, now));
  return building && READY_STATUSES.includes(inst.status) ? { ...inst, status: 'BACKING UP' } : inst;
}

export function listInstances(state: EmulatorState, ctx: RequestContext): Reply {
  const rs = regionOf(state, ctx);
  const q = ctx.query;
  const offset = intParam('gaussdb', q, 'offset', 0, 0, Number.MAX_SAFE_INTEGER);
  const limit = intParam('gaussdb', q, 'limit', 100, 1, 100);
  const id = q.get('id');
  const name = q.get('name');
  const type = q.get('type');
  const datastoreType = q.get('datastore_type');
  const vpcId = q.get('vpc_id');
  const subnetId = q.get('subnet_id');
  const nameMatches = (n: string): boolean => {
    if (name === null) {
      return true;
    }
    // A leading `*` asks for a fuzzy match.
    return name.startsWith('*') ? n.includes(name.slice(1)) : n === name;
  };
  const matches = projectRegionInstances(rs).filter(
    (i) =>
      (id === null || i.id === id) &&
      nameMatches(i.name) &&
      (type === null || i.type === type) &&
      (datastoreType === null || i.datastore.type === datastoreType) &&
      (vpcId === null || i.vpc_id === vpcId) &&
      (subnetId === null || i.subnet_id === subnetId),
  );
  const now = state.now();
  return {
    status: 200,
    body: { instances: matches.slice(offset, offset + limit).map((i) => renderInstance(rs, i, now)), total_count: matches.length },
  };
}

export function listBackups(state: EmulatorState, ctx: RequestContext): Reply {
  const rs = regionOf(state, ctx);
  const q = ctx.query;
  const offset = intParam('gaussdb', q, 'offset', 0, 0, Number.MAX_SAFE_INTEGER);
  const limit = intParam('gaussdb', q, 'limit', 100, 1, 100);
  const instanceId = q.get('instance_id');
  const backupId = q.get('backup_id');
  const backupType = q.get('backup_type');
  if (backupType !== null && !['auto', 'manual'].includes(backupType)) {
    throw gaussError(400, 'DBS.200001', `Invalid parameter backup_type: ${backupType}`);
  }
  // Filters OTC does not document are ignored there (profile.ts).
  const name = state.rules.gaussBackupNameFilter ? q.get('name') : null;
  const instanceName = state.rules.gaussBackupNameFilter ? q.get('instance_name') : null;
  const parseTime = (field: string): number | undefined => {
    const raw = q.get(field);
    if (raw === null || raw === '') {
      return undefined;
    }
    const ms = parseCloudTime(raw);
    if (Number.isNaN(ms)) {
      throw gaussError(400, 'DBS.200001', `Invalid parameter ${field}: ${raw}`);
    }
    return ms;
  };
  const begin = parseTime('begin_time');
  const end = parseTime('end_time');
  const now = state.now();
  const matches = rs.gaussBackups
    .filter(
      (b) =>
        (instanceId === null || b.wire.instance_id === instanceId) &&
        (backupId === null || b.wire.id === backupId) &&
        (backupType === null || b.wire.type === backupType) &&
        (name === null || b.wire.name.includes(name)) &&
        (instanceName === null || b.wire.instance_name.includes(instanceName)) &&
        (begin === undefined || b.createdMs >= begin) &&
        (end === undefined || b.createdMs <= end),
    )
    .sort((a, b) => b.createdMs - a.createdMs || (a.wire.id < b.wire.id ? -1 : 1));
  return {
    status: 200,
    body: { backups: matches.slice(offset, offset + limit).map((b) => gaussBackupStatus(b, now)), total_count: matches.length },
  };
}

export function createBackup(state: EmulatorState, ctx: RequestContext): Reply {
  const rs = regionOf(state, ctx);
  const body = isRecord(ctx.body) ? ctx.body : undefined;
  if (!body) {
    throw gaussError(400, 'DBS.200001', 'The request body must be a JSON object.');
  }
  const { instance_id: instanceId, name, description } = body;
  if (typeof instanceId !== 'string' || instanceId === '') {
    throw gaussError(400, 'DBS.200001', 'Invalid parameter instance_id.');
  }
  if (typeof name !== 'string' || !BACKUP_NAME_RE.test(name) || Buffer.byteLength(name, 'utf8') > 64) {
    throw gaussError(
      400,
      'DBS.200001',
      'Invalid parameter name: 4 to 64 characters starting with a letter; only letters, digits, hyphens (-) and underscores (_).',
    );
  }
  if (description !== undefined && (typeof description !== 'string' || description.length > 256 || FORBIDDEN_DESCRIPTION.test(description))) {
    throw gaussError(400, 'DBS.200001', 'Invalid parameter description: at most 256 characters, without >!<"&\'=.');
  }
  // OTC-TDB appendix/error_codes.rst: 280404 invalid instance id format (400), 200002 instance does not exist (404).
  if (!INSTANCE_ID_RE.test(instanceId)) {
    throw gaussError(400, 'DBS.280404', 'Invalid DB instance ID or node ID format.');
  }
  const instance = rs.gaussInstanceById.get(instanceId);
  if (!instance) {
    throw gaussError(404, 'DBS.200002', `The DB instance does not exist.`);
  }
  const now = state.now();
  const status = renderInstance(rs, instance, now).status;
  if (!READY_STATUSES.includes(status)) {
    throw gaussError(400, 'DBS.200086', `This operation is not allowed by the DB instance status (${status}).`);
  }
  const timed = state.newGaussTiming();
  const beginTime = gaussTime(now);
  const backup: GaussBackup = {
    id: newBackupId(),
    name,
    description: description ?? '',
    begin_time: beginTime,
    status: 'BUILDING',
    take_up_time: 0,
    type: 'manual',
    // Roughly the size of the instance's last full backup, in MB.
    size: 1024 + (rs.gaussBackups.filter((b) => b.wire.instance_id === instanceId).length % 7) * 64,
    datastore: { type: instance.datastore.type, version: instance.datastore.version },
    instance_id: instanceId,
    instance_name: instance.name,
    backup_level: '0',
  };
  rs.gaussBackups.push({ wire: backup, timed, createdMs: now });
  const jobId = randomUUID();
  rs.gaussJobs.set(jobId, {
    id: jobId,
    backupId: backup.id,
    instanceId,
    instanceName: instance.name,
    projectId: ctx.params.project ?? '',
    timed,
  });
  return {
    status: 201,
    body: {
      backup: {
        id: backup.id,
        name: backup.name,
        description: backup.description,
        begin_time: beginTime,
        status: 'BUILDING',
        type: 'manual',
        instance_id: instanceId,
      },
      job_id: jobId,
    },
  };
}

export function showJob(state: EmulatorState, ctx: RequestContext): Reply {
  const rs = regionOf(state, ctx);
  const id = ctx.query.get('id');
  if (id === null || id === '') {
    throw gaussError(400, 'DBS.200001', 'Invalid parameter id: required.');
  }
  const restoreJob = findRestoreJob(rs, id);
  if (restoreJob && restoreJob.projectId === ctx.params.project) {
    return { status: 200, body: { job: renderRestoreJob(restoreJob, state.now()) } };
  }
  const job = rs.gaussJobs.get(id);
  if (!job || job.projectId !== ctx.params.project) {
    // 400, as OTC-TDB appendix/error_codes.rst lists it.
    throw gaussError(400, 'DBS.200543', 'The job does not exist.');
  }
  const now = state.now();
  const done = isDone(job.timed, now);
  const failed = done && job.timed.fails;
  const out: Record<string, unknown> = {
    id: job.id,
    name: 'CreateBackup',
    status: !done ? 'Running' : failed ? 'Failed' : 'Completed',
    created: gaussTime(job.timed.startMs),
    process: done ? '' : `${progressOf(job.timed, now)}%`,
    instance: { id: job.instanceId, name: job.instanceName },
    entities: { backup_id: job.backupId },
  };
  if (done) {
    out.ended = gaussTime(endOf(job.timed));
  }
  if (failed) {
    out.fail_reason = 'Backup failed: the backup data could not be uploaded to storage.';
  }
  return { status: 200, body: { job: out } };
}

// ---- Delete a manual backup ----------------------------------------------------------------
/**
 * GaussDB(for MySQL) DeleteBackup `DELETE /v3/{project_id}/backups/{backup_id}`: 200 with
 * `backup_id` and `backup_name` (huaweicloud-sdk-go-v3 services/gaussdb/v3/model/
 * model_delete_gauss_my_sql_backup_response.go). Only manual backups may be deleted; the code for
 * refusing an automated one, or one still being made, is not documented (assumed DBS.200019).
 */
export function deleteBackup(state: EmulatorState, ctx: RequestContext): Reply {
  const rs = regionOf(state, ctx);
  const id = ctx.params.backup ?? '';
  const at = rs.gaussBackups.findIndex((b) => b.wire.id === id);
  const rec = rs.gaussBackups[at];
  if (!rec) {
    throw gaussError(404, 'DBS.200403', `The backup ${id} does not exist.`);
  }
  if (rec.wire.type !== 'manual') {
    throw gaussError(400, 'DBS.200019', 'Automated backups cannot be deleted.');
  }
  if (gaussBackupStatus(rec, state.now()).status === 'BUILDING') {
    throw gaussError(400, 'DBS.200019', 'The backup is being created and cannot be deleted.');
  }
  rs.gaussBackups.splice(at, 1);
  return { status: 200, body: { backup_id: rec.wire.id, backup_name: rec.wire.name } };
}

/** RestoreOldInstance (gaussRestore.ts), refused unless the target reads ACTIVE as listed. */
export function restoreInstance(state: EmulatorState, ctx: RequestContext): Reply {
  return restoreOnto(state, ctx, (rs, inst, now) => renderInstance(rs, inst, now).status);
}
