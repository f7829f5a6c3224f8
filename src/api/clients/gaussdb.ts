/** The GaussDB(for MySQL) client: one method per API call. */
import { ValidationError } from '../errors';
import {
  GaussBackup,
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

export class GaussDbClient {
  constructor(private readonly ctx: ClientContext) {}

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
