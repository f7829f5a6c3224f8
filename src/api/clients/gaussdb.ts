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
} from '../validation';

import { CallOptions, call, check, ClientContext, CLOCK_SKEW_MS, gaussTime } from './call';

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
    return call(this.ctx, 'gaussdb.createBackup', 'POST', '/backups/create', GaussCreateBackupSchema, o, {
      body: { instance_id: req.instanceId, name: req.name, ...(req.description ? { description: req.description } : {}) },
    });
  }

  async showJob(jobId: string, o?: CallOptions) {
    return call(this.ctx, 'gaussdb.showJob', 'GET', '/jobs', GaussJobSchema, o, { query: { id: jobId } });
  }

  /** Reconciliation after a manual backup whose outcome is unknown. */
  async findBackupCreatedBy(q: { instanceId: string; name: string; notBefore: Date }, o?: CallOptions): Promise<GaussBackup | undefined> {
    const { backups } = await this.listBackups({ instanceId: q.instanceId, name: q.name, limit: 100 }, o);
    const threshold = q.notBefore.getTime() - CLOCK_SKEW_MS;
    // The newest match: the list's order is not documented, and an older backup may share the name.
    return backups
      .filter((b) => b.name === q.name && (b.beginTime?.getTime() ?? Date.now()) >= threshold)
      .sort((a, b) => (b.beginTime?.getTime() ?? Number.MAX_SAFE_INTEGER) - (a.beginTime?.getTime() ?? Number.MAX_SAFE_INTEGER))[0];
  }
}
