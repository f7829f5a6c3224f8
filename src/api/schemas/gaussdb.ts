/** GaussDB(for MySQL) responses: instances, backups, jobs. */
import * as z from 'zod/mini';
import { fail, map, num, onFirstUse, optNum, optStr, optTimestamp, raw, str, withRaw } from './primitives';

// ------------------------------------------------------------------ GaussDB(for MySQL)

export const GaussInstanceSchema = onFirstUse(() => withRaw(map(raw({
  id: str,
  name: str,
  status: optStr,
  type: optStr,
  region: optStr,
  port: optStr,
  private_ips: z.nullish(z.array(str)),
  datastore: z.nullish(raw({ type: optStr, version: optStr })),
  created: optTimestamp,
  updated: optTimestamp,
}), (i) => ({
  id: i.id,
  name: i.name,
  status: i.status,
  type: i.type,
  region: i.region,
  port: i.port,
  privateIps: i.private_ips ?? [],
  datastore: i.datastore ? { type: i.datastore.type, version: i.datastore.version } : undefined,
  created: i.created,
  updated: i.updated,
  raw: i,
}))));
export type GaussInstance = z.output<typeof GaussInstanceSchema>;
export const GaussInstanceListSchema = onFirstUse(() => map(raw({ instances: z.array(GaussInstanceSchema), total_count: optNum }), (r) => ({
  instances: r.instances,
  totalCount: r.total_count ?? r.instances.length,
})));
export type GaussInstanceList = z.output<typeof GaussInstanceListSchema>;

export const GaussBackupStatusValues = ['BUILDING', 'COMPLETED', 'FAILED', 'AVAILABLE'] as const;
/** A GaussDB(for MySQL) backup being made (compared upper-cased). */
export const GAUSS_BACKUP_BEING_MADE_STATUSES = ['BUILDING'] as const;

export const GaussBackupSchema = onFirstUse(() => withRaw(map(raw({
  id: str,
  name: optStr,
  description: optStr,
  status: str,
  type: optStr,
  size: optNum,
  begin_time: optTimestamp,
  end_time: optTimestamp,
  take_up_time: optNum,
  instance_id: optStr,
  instance_name: optStr,
  backup_level: optStr,
}), (b) => ({
  id: b.id,
  name: b.name ?? b.id,
  description: b.description,
  status: b.status,
  type: b.type,
  /** MB. */
  size: b.size,
  beginTime: b.begin_time,
  endTime: b.end_time,
  takeUpTime: b.take_up_time,
  instanceId: b.instance_id,
  instanceName: b.instance_name,
  backupLevel: b.backup_level,
  raw: b,
}))));
export type GaussBackup = z.output<typeof GaussBackupSchema>;
export const GaussBackupListSchema = onFirstUse(() => map(raw({ backups: z.array(GaussBackupSchema), total_count: optNum }), (r) => ({
  backups: r.backups,
  totalCount: r.total_count ?? r.backups.length,
})));
export type GaussBackupList = z.output<typeof GaussBackupListSchema>;
export const GaussCreateBackupSchema = onFirstUse(() => map(raw({ backup: GaussBackupSchema, job_id: str }), (r) => ({ backup: r.backup, jobId: r.job_id })));
export type GaussCreatedBackup = z.output<typeof GaussCreateBackupSchema>;

export const GaussJobSchema = onFirstUse(() => map(raw({
  job: raw({
    id: str,
    name: optStr,
    status: str,
    created: optTimestamp,
    ended: optTimestamp,
    process: optStr,
    fail_reason: optStr,
    instance: z.nullish(raw({ id: optStr, name: optStr })),
  }),
}), ({ job }) => ({
  id: job.id,
  name: job.name,
  status: job.status,
  created: job.created,
  ended: job.ended,
  process: job.process,
  failReason: job.fail_reason,
  instance: job.instance ? { id: job.instance.id, name: job.instance.name } : undefined,
})));
export type GaussJob = z.output<typeof GaussJobSchema>;

// ------------------------------------------------------------------ GaussDB(for MySQL) restore
/*
 * Restoring an instance (Huawei Cloud; Open Telekom Cloud's TaurusDB API reference documents no
 * restore calls, so there they answer as an unknown API).
 * - ShowRestoreTime `GET /v3/{project_id}/instances/{instance_id}/restore-time`: `restore_times[]`,
 *   each `{start_time, end_time}` in UNIX milliseconds, UTC (huaweicloud-sdk-go-v3
 *   services/gaussdb/v3/model/model_restore_time_info.go).
 * - RestoreOldInstance `POST /v3/{project_id}/instances/restore`: body `{source_instance_id,
 *   target_instance_id, type: backup|timestamp, backup_id?, restore_time? (ms, UTC)}`, answer
 *   `{job_id}` (model_restore_request.go, model_restore_old_instance_response.go). The job is
 *   followed with ShowGaussMySqlJobInfo `GET /v3/{project_id}/jobs?id=` (GaussJobSchema above).
 */

/** An epoch-milliseconds number (or a string holding one), as a Date. */
const epochMs = onFirstUse(() => map(num, (n, ctx) => {
  if (!(Number.isFinite(n) && n >= 0)) {
    fail(ctx, 'expected epoch milliseconds');
    return z.NEVER;
  }
  return new Date(n);
}));

/** One range the instance can be restored to, both ends included. */
export interface RestorableRange {
  start: Date;
  end: Date;
}

export const GaussRestoreTimesSchema = onFirstUse(() => map(raw({
  restore_times: z.nullish(z.array(raw({ start_time: epochMs, end_time: epochMs }))),
}), (r): { ranges: RestorableRange[] } => ({
  ranges: (r.restore_times ?? []).map((t) => ({ start: t.start_time, end: t.end_time })).sort((a, b) => a.start.getTime() - b.start.getTime()),
})));
export type GaussRestoreTimes = z.output<typeof GaussRestoreTimesSchema>;

export const GaussRestoreAnswerSchema = onFirstUse(() => map(raw({ job_id: str }), (r) => ({ jobId: r.job_id })));
export type GaussRestoreAnswer = z.output<typeof GaussRestoreAnswerSchema>;

/** What RestoreOldInstance sends (camelCase; the client writes the wire body). */
export type GaussRestoreRequest =
  | { sourceInstanceId: string; targetInstanceId: string; type: 'backup'; backupId: string }
  | { sourceInstanceId: string; targetInstanceId: string; type: 'timestamp'; restoreTime: Date };

/** True when `at` lies inside one of the ranges (both ends included). */
export function insideRestorableWindow(ranges: readonly RestorableRange[], at: Date): boolean {
  const t = at.getTime();
  return ranges.some((r) => t >= r.start.getTime() && t <= r.end.getTime());
}
