/** The GaussDB(for MySQL) client: one method per API call. */
import { CloudApiError, isGone, ValidationError } from '../errors';
import {
  GaussBackup,
  GaussRestoreAnswerSchema,
  GaussRestoreRequest,
  GaussRestoreTimesSchema,
  GaussBackupListSchema,
  GaussCreateBackupSchema,
  GaussDeleteBackupSchema,
  GaussInstanceListSchema,
  GaussJobSchema,
} from '../schemas';
import {
  validateGaussBackupDescription,
  validateGaussBackupName,
  validateGaussInstanceId,
} from '../validation';

import { CallOptions, call, check, ClientContext, CLOCK_SKEW_MS, gaussTime } from './call';

/** The largest backup page GaussDB serves (ShowGaussMySqlBackupList `limit` 1–100). */
const GAUSS_PAGE_LIMIT = 100;
/** Reconciliation reads at most this many pages (2,000 backups of one instance). */
const RECONCILE_MAX_PAGES = 20;

/** The API gateway's "the API does not exist or has not been published" codes. */
const UNKNOWN_API_CODES: ReadonlySet<string> = new Set(['APIGW.0101', 'APIG.0101']);

/**
 * True when the cloud says the call itself does not exist there: the gateway's unknown-API code,
 * or a 404 that names nothing documented as gone (a missing instance is `DBS.200002`, which is
 * not this). Open Telekom Cloud's TaurusDB documents no instance restore calls, for example.
 */
export function isApiNotOffered(err: unknown): boolean {
  if (!(err instanceof CloudApiError)) {
    return false;
  }
  if (err.errorCode !== undefined && UNKNOWN_API_CODES.has(err.errorCode)) {
    return true;
  }
  return err.httpStatus === 404 && !isGone(err, ['gaussInstance', 'gaussBackup', 'gaussJob']) && (err.errorCode === undefined || !err.errorCode.startsWith('DBS.'));
}

export class GaussDbClient {
  constructor(private readonly ctx: ClientContext) {}

  /**
   * ShowRestoreTime `GET /v3/{project_id}/instances/{instance_id}/restore-time`: the ranges an
   * instance can be restored to, oldest first (model_restore_time_info.go: ms, UTC).
   */
  async listRestoreTimes(instanceId: string, o?: CallOptions) {
    check('instanceId', validateGaussInstanceId(instanceId));
    return call(this.ctx, 'gaussdb.listRestoreTimes', 'GET', `/instances/${encodeURIComponent(instanceId)}/restore-time`, GaussRestoreTimesSchema, o);
  }

  /**
   * RestoreOldInstance `POST /v3/{project_id}/instances/restore` onto an existing instance (the
   * source itself or another one): from a backup, or to a point in time as UTC milliseconds
   * (model_restore_request.go). Answers `{job_id}`. The target's data is overwritten; the caller
   * confirms first and never resends after a lost answer.
   */
  async restoreInstance(req: GaussRestoreRequest, o?: CallOptions) {
    check('sourceInstanceId', validateGaussInstanceId(req.sourceInstanceId));
    check('targetInstanceId', validateGaussInstanceId(req.targetInstanceId));
    let body: Record<string, unknown>;
    if (req.type === 'backup') {
      if (req.backupId.trim() === '') {
        throw new ValidationError('backupId', 'Choose a backup.');
      }
      body = { source_instance_id: req.sourceInstanceId, target_instance_id: req.targetInstanceId, type: 'backup', backup_id: req.backupId };
    } else {
      const ms = req.restoreTime.getTime();
      if (!Number.isFinite(ms) || ms <= 0) {
        throw new ValidationError('restoreTime', 'Choose a point in time.');
      }
      body = { source_instance_id: req.sourceInstanceId, target_instance_id: req.targetInstanceId, type: 'timestamp', restore_time: ms };
    }
    return call(this.ctx, 'gaussdb.restoreInstance', 'POST', '/instances/restore', GaussRestoreAnswerSchema, o, { body });
  }

  /**
   * DeleteBackup `DELETE /v3/{project_id}/backups/{backup_id}`, 200 with `backup_id` and
   * `backup_name` (huaweicloud-sdk-go-v3 services/gaussdb/v3/model/model_delete_gauss_my_sql_backup_response.go).
   * Manual backups only; the caller checks the type before sending.
   */
  async deleteBackup(backupId: string, o?: CallOptions) {
    if (backupId.trim() === '') {
      throw new ValidationError('backupId', 'Choose a backup.');
    }
    return call(this.ctx, 'gaussdb.deleteBackup', 'DELETE', `/backups/${encodeURIComponent(backupId)}`, GaussDeleteBackupSchema, o);
  }

  async listInstances(q: { id?: string; limit?: number; offset?: number; name?: string } = {}, o?: CallOptions) {
    return call(this.ctx, 'gaussdb.listInstances', 'GET', '/instances', GaussInstanceListSchema, o, {
      query: { id: q.id, limit: q.limit, offset: q.offset, name: q.name },
    });
  }

  /** `beginTime` and `endTime` go together (the API documents them as a pair). */
  async listBackups(q: { instanceId?: string; backupType?: 'auto' | 'manual'; limit?: number; offset?: number; name?: string; beginTime?: Date; endTime?: Date } = {}, o?: CallOptions) {
    if (q.instanceId !== undefined) {
      check('instanceId', validateGaussInstanceId(q.instanceId));
    }
    return call(this.ctx, 'gaussdb.listBackups', 'GET', '/backups', GaussBackupListSchema, o, {
      query: { instance_id: q.instanceId, backup_type: q.backupType, limit: q.limit, offset: q.offset, name: q.name, begin_time: gaussTime(q.beginTime), end_time: gaussTime(q.endTime) },
    });
  }

  async createBackup(req: { instanceId: string; name: string; description?: string }, o?: CallOptions) {
    check('name', validateGaussBackupName(req.name));
    if (req.description !== undefined) {
      check('description', validateGaussBackupDescription(req.description));
    }
    if (!req.instanceId) {
      throw new ValidationError('instanceId', 'Choose an instance.');
    }
    check('instanceId', validateGaussInstanceId(req.instanceId));
    return call(this.ctx, 'gaussdb.createBackup', 'POST', '/backups/create', GaussCreateBackupSchema, o, {
      body: { instance_id: req.instanceId, name: req.name, ...(req.description ? { description: req.description } : {}) },
    });
  }

  async showJob(jobId: string, o?: CallOptions) {
    return call(this.ctx, 'gaussdb.showJob', 'GET', '/jobs', GaussJobSchema, o, { query: { id: jobId } });
  }

  /**
   * Reconciliation after a manual backup whose outcome is unknown. Not by the `name` filter: OTC
   * documents none (OTC-TDB backup_management/querying_backups.rst; the emulator ignores it there),
   * so the instance's backups are listed and matched here by instance, name and time. Not by
   * begin_time/end_time either: those compare with the cloud's clock, which may run ahead of ours.
   * Every page (100 at most), since the list's order is not documented.
   */
  async findBackupCreatedBy(q: { instanceId: string; name: string; notBefore: Date }, o?: CallOptions): Promise<GaussBackup | undefined> {
    const threshold = q.notBefore.getTime() - CLOCK_SKEW_MS;
    const backups: GaussBackup[] = [];
    for (let page = 0; page < RECONCILE_MAX_PAGES; page++) {
      const { backups: items, totalCount } = await this.listBackups({ instanceId: q.instanceId, offset: backups.length, limit: GAUSS_PAGE_LIMIT }, o);
      backups.push(...items);
      if (items.length < GAUSS_PAGE_LIMIT || backups.length >= totalCount) {
        break;
      }
    }
    // The newest match: the list's order is not documented, and an older backup may share the name.
    return backups
      .filter((b) => b.name === q.name && (b.instanceId === undefined || b.instanceId === q.instanceId) && (b.beginTime?.getTime() ?? Date.now()) >= threshold)
      .sort((a, b) => (b.beginTime?.getTime() ?? Number.MAX_SAFE_INTEGER) - (a.beginTime?.getTime() ?? Number.MAX_SAFE_INTEGER))[0];
  }
}
