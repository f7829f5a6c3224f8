/** The CBR client: one method per API call. */
import { CloudApiError, ValidationError } from '../errors';
import {
  AddResourcesResponseSchema,
  Backup,
  BackupEnvelopeSchema,
  BackupListSchema,
  Checkpoint,
  CheckpointEnvelopeSchema,
  EmptyAnswerSchema,
  OperationLogListSchema,
  ProtectableListSchema,
  RemoveResourcesResponseSchema,
  RestoreAnswerSchema,
  type RestoreBackupRequest,
  ReplicationCapabilitiesSchema,
  ReplicationEnvelopeSchema,
  VaultEnvelopeSchema,
  VaultListSchema,
  type ProtectableInstance,
  type Vault,
} from '../schemas';
import {
  parseVaultTags,
  validateCheckpointDescription,
  validateCheckpointName,
  validateUuid,
  validateVaultDescription,
  validateVaultName,
  validateVaultSize,
} from '../validation';

import { CallOptions, call, check, ClientContext, CLOCK_SKEW_MS, CreateCheckpointRequest, CreateVaultRequest, ListBackupsQuery, ListOperationLogsQuery, ListVaultsQuery, queryTime, ReplicateRequest } from './call';

/** The largest protectables page the API serves. */
export const PROTECTABLES_PAGE_LIMIT = 50;

export class CbrClient {
  /** Set once the cloud refused `operation_type=replication` (OTC lists no such type). */
  private replicationFilterRefused = false;

  constructor(private readonly ctx: ClientContext) {}

  /**
   * DeleteBackup `DELETE /v3/{project_id}/backups/{backup_id}`, answered 204 with no body
   * (huaweicloud-sdk-go-v3 services/cbr/v1/model/model_delete_backup_response.go). The backup shows
   * `deleting`, then a GET answers 404. Not idempotent for a caller: send through a WriteGuard.
   */
  async deleteBackup(backupId: string, o?: CallOptions): Promise<void> {
    check('backupId', validateUuid(backupId, 'backup id'));
    await call(this.ctx, 'cbr.deleteBackup', 'DELETE', `/backups/${backupId}`, EmptyAnswerSchema, o);
  }

  /** DeleteVault `DELETE /v3/{project_id}/vaults/{vault_id}`, 204; the vault's backups go with it. */
  async deleteVault(vaultId: string, o?: CallOptions): Promise<void> {
    check('vaultId', validateUuid(vaultId, 'vault id'));
    await call(this.ctx, 'cbr.deleteVault', 'DELETE', `/vaults/${vaultId}`, EmptyAnswerSchema, o);
  }

  async listVaults(q: ListVaultsQuery = {}, o?: CallOptions) {
    return call(this.ctx, 'cbr.listVaults', 'GET', '/vaults', VaultListSchema, o, {
      query: { limit: q.limit, offset: q.offset, name: q.name, object_type: q.objectType, protect_type: q.protectType },
    });
  }

  async showVault(vaultId: string, o?: CallOptions) {
    check('vaultId', validateUuid(vaultId, 'vault id'));
    return call(this.ctx, 'cbr.showVault', 'GET', `/vaults/${vaultId}`, VaultEnvelopeSchema, o);
  }

  async createVault(req: CreateVaultRequest, o?: CallOptions) {
    check('name', validateVaultName(req.name, undefined, req.cloud));
    check('sizeGb', validateVaultSize(String(req.sizeGb)));
    if (req.description !== undefined) {
      check('description', validateVaultDescription(req.description, undefined, req.cloud));
    }
    if (req.consistentLevel === 'app_consistent' && req.objectType !== 'server') {
      throw new ValidationError('consistentLevel', 'Application-consistent backup is only available for server vaults.');
    }
    if (req.protectType === 'replication' && (req.resources?.length || req.autoBind)) {
      throw new ValidationError('resources', 'A replication vault holds replicas only: it protects no resources.');
    }
    for (const [field, tags] of [['tags', req.tags], ['bindTags', req.bindTags]] as const) {
      const parsed = tags ? parseVaultTags(tags.map((tag) => `${tag.key}=${tag.value}`).join(','), undefined, req.cloud) : undefined;
      if (parsed && 'error' in parsed) {
        throw new ValidationError(field, parsed.error);
      }
    }
    return call(this.ctx, 'cbr.createVault', 'POST', '/vaults', VaultEnvelopeSchema, o, {
      body: {
        vault: {
          name: req.name,
          ...(req.description ? { description: req.description } : {}),
          billing: {
            cloud_type: 'public',
            consistent_level: req.consistentLevel ?? 'crash_consistent',
            object_type: req.objectType,
            protect_type: req.protectType ?? 'backup',
            size: req.sizeGb,
          },
          resources: (req.resources ?? []).map((r) => ({ id: r.id, type: r.type, ...(r.name ? { name: r.name } : {}) })),
          // VaultCreate: tags (not an empty list), auto_bind, bind_rules.tags (OTC-CBR
          // vaults/creating_a_vault.rst Tables 4, 8 and 9; HW-Go model_vault_create.go).
          ...(req.tags && req.tags.length > 0 ? { tags: req.tags.map((tag) => ({ key: tag.key, value: tag.value })) } : {}),
          ...(req.autoBind ? { auto_bind: true, ...(req.bindTags && req.bindTags.length > 0 ? { bind_rules: { tags: req.bindTags.map((tag) => ({ key: tag.key, value: tag.value })) } } : {}) } : {}),
        },
      },
    });
  }

  async addResources(vaultId: string, resources: { id: string; type: string; name?: string }[], o?: CallOptions) {
    check('vaultId', validateUuid(vaultId, 'vault id'));
    if (resources.length === 0) {
      throw new ValidationError('resources', 'Choose at least one resource.');
    }
    return call(this.ctx, 'cbr.addResources', 'POST', `/vaults/${vaultId}/addresources`, AddResourcesResponseSchema, o, {
      body: { resources: resources.map((r) => ({ id: r.id, type: r.type, ...(r.name ? { name: r.name } : {}) })) },
    });
  }

  async removeResources(vaultId: string, resourceIds: string[], o?: CallOptions) {
    check('vaultId', validateUuid(vaultId, 'vault id'));
    if (resourceIds.length === 0 || resourceIds.length > 256) {
      throw new ValidationError('resourceIds', 'Choose 1 to 256 resources.');
    }
    return call(this.ctx, 'cbr.removeResources', 'POST', `/vaults/${vaultId}/removeresources`, RemoveResourcesResponseSchema, o, {
      body: { resource_ids: resourceIds },
    });
  }

  async listProtectables(type: 'server' | 'disk', q: { limit?: number; offset?: number; name?: string } = {}, o?: CallOptions) {
    return call(this.ctx, 'cbr.listProtectables', 'GET', `/protectables/${type}/instances`, ProtectableListSchema, o, {
      query: { limit: q.limit, offset: q.offset, name: q.name },
    });
  }

  /**
   * Every protectable server or disk, up to `maxItems`. The API pages at most 50 and answers
   * without a count (ListProtectable, huaweicloud-sdk-go-v3 model_list_protectable_request.go and
   * model_list_protectable_response.go), so the list ends with a short page.
   */
  async listAllProtectables(type: 'server' | 'disk', q: { maxItems: number }, o?: CallOptions): Promise<ProtectableInstance[]> {
    const instances: ProtectableInstance[] = [];
    for (;;) {
      const page = await this.listProtectables(type, { offset: instances.length, limit: PROTECTABLES_PAGE_LIMIT }, o);
      instances.push(...page.instances);
      if (page.instances.length < PROTECTABLES_PAGE_LIMIT || instances.length >= q.maxItems) {
        return instances.slice(0, q.maxItems);
      }
    }
  }

  async listBackups(q: ListBackupsQuery = {}, o?: CallOptions) {
    return call(this.ctx, 'cbr.listBackups', 'GET', '/backups', BackupListSchema, o, {
      query: {
        vault_id: q.vaultId,
        resource_id: q.resourceId,
        checkpoint_id: q.checkpointId,
        status: q.status,
        image_type: q.imageType,
        show_replication: q.showReplication ? 'true' : undefined,
        name: q.name,
        sort: q.sort,
        limit: q.limit,
        offset: q.offset,
      },
    });
  }

  async showBackup(backupId: string, o?: CallOptions) {
    check('backupId', validateUuid(backupId, 'backup id'));
    return call(this.ctx, 'cbr.showBackup', 'GET', `/backups/${backupId}`, BackupEnvelopeSchema, o);
  }

  async createCheckpoint(req: CreateCheckpointRequest, o?: CallOptions): Promise<Checkpoint> {
    check('vaultId', validateUuid(req.vaultId, 'vault id'));
    if (req.name !== undefined) {
      check('name', validateCheckpointName(req.name, undefined, req.cloud));
    }
    if (req.description !== undefined) {
      check('description', validateCheckpointDescription(req.description));
    }
    for (const id of req.resourceIds ?? []) {
      check('resourceIds', validateUuid(id, 'resource id'));
    }
    return call(this.ctx, 'cbr.createCheckpoint', 'POST', '/checkpoints', CheckpointEnvelopeSchema, o, {
      body: {
        checkpoint: {
          vault_id: req.vaultId,
          parameters: {
            auto_trigger: false,
            incremental: req.incremental ?? true,
            ...(req.name !== undefined ? { name: req.name } : {}),
            ...(req.description ? { description: req.description } : {}),
            ...(req.resourceIds ? { resources: req.resourceIds } : {}),
          },
        },
      },
    });
  }

  async showCheckpoint(checkpointId: string, o?: CallOptions) {
    check('checkpointId', validateUuid(checkpointId, 'restore point id'));
    return call(this.ctx, 'cbr.showCheckpoint', 'GET', `/checkpoints/${checkpointId}`, CheckpointEnvelopeSchema, o);
  }

  async replicate(req: ReplicateRequest, o?: CallOptions) {
    check('vaultId', validateUuid(req.vaultId, 'vault id'));
    check('destinationVaultId', validateUuid(req.destinationVaultId, 'destination vault id'));
    return call(this.ctx, 'cbr.replicate', 'POST', '/checkpoints/replicate', ReplicationEnvelopeSchema, o, {
      body: {
        replicate: {
          vault_id: req.vaultId,
          destination_project_id: req.destinationProjectId,
          destination_region: req.destinationRegion,
          destination_vault_id: req.destinationVaultId,
          auto_trigger: false,
          ...(req.enableAcceleration !== undefined ? { enable_acceleration: req.enableAcceleration } : {}),
        },
      },
    });
  }

  async listOperationLogs(q: ListOperationLogsQuery = {}, o?: CallOptions) {
    return call(this.ctx, 'cbr.listOperationLogs', 'GET', '/operation-logs', OperationLogListSchema, o, {
      query: { operation_type: q.operationType, vault_id: q.vaultId, status: q.status, start_time: queryTime(q.startTime), limit: q.limit, offset: q.offset },
    });
  }

  /**
   * The replication operation logs of a vault since `startTime`. Huawei Cloud filters them by
   * `operation_type=replication`; OTC documents no such type and refuses it, so then the logs
   * are listed unfiltered and filtered here, and this client remembers not to ask again.
   */
  async listReplicationLogs(q: { vaultId: string; startTime: Date; limit?: number }, o?: CallOptions) {
    const limit = q.limit ?? 1000;
    if (!this.replicationFilterRefused) {
      try {
        return (await this.listOperationLogs({ operationType: 'replication', vaultId: q.vaultId, startTime: q.startTime, limit }, o)).operationLogs;
      } catch (err) {
        if (!(err instanceof CloudApiError && err.kind === 'validation')) {
          throw err;
        }
        this.replicationFilterRefused = true;
      }
    }
    const { operationLogs } = await this.listOperationLogs({ vaultId: q.vaultId, startTime: q.startTime, limit }, o);
    return operationLogs.filter((l) => (l.operationType === undefined ? Boolean(l.replication?.sourceBackupId) : l.operationType === 'replication'));
  }

  async replicationCapabilities(o?: CallOptions) {
    return call(this.ctx, 'cbr.replicationCapabilities', 'GET', '/replication-capabilities', ReplicationCapabilitiesSchema, o);
  }

  /**
   * Reconciliation after a create-checkpoint whose outcome is unknown: the restore point that
   * write would have created (its backups carry the name and were created after `notBefore`).
   */
  async findCheckpointCreatedBy(q: { vaultId: string; name: string; notBefore: Date }, o?: CallOptions): Promise<{ checkpointId: string; backups: Backup[] } | undefined> {
    const { backups } = await this.listBackups({ vaultId: q.vaultId, name: q.name, sort: 'created_at:desc', limit: 100 }, o);
    const threshold = q.notBefore.getTime() - CLOCK_SKEW_MS;
    const matching = backups.filter((b) => b.name === q.name && b.checkpointId && (b.createdAt?.getTime() ?? 0) >= threshold);
    const checkpointId = matching[0]?.checkpointId;
    return checkpointId ? { checkpointId, backups: matching.filter((b) => b.checkpointId === checkpointId) } : undefined;
  }

  /**
   * Reconciliation after a create-vault whose outcome is unknown. Vault names need not be
   * unique: only one created since the request was sent counts (the newest).
   */
  async findVaultCreatedBy(q: { name: string; notBefore: Date }, o?: CallOptions): Promise<Vault | undefined> {
    const { vaults } = await this.listVaults({ name: q.name, limit: 1000 }, o);
    const threshold = q.notBefore.getTime() - CLOCK_SKEW_MS;
    return vaults
      .filter((v) => v.name === q.name && (v.createdAt?.getTime() ?? Date.now()) >= threshold)
      .sort((a, b) => (b.createdAt?.getTime() ?? 0) - (a.createdAt?.getTime() ?? 0))[0];
  }
  /**
   * RestoreBackup: `POST /v3/{project_id}/backups/{backup_id}/restore`, answered 202 with no body
   * (huaweicloud-sdk-go-v3 services/cbr/v1/model/model_backup_restore.go; OTC api-ref
   * backups/restoring_from_a_backup.rst). A server backup needs `server_id` and one mapping per
   * disk backup; a disk backup needs `volume_id`. Never retried: the caller reconciles.
   */
  async restoreBackup(req: RestoreBackupRequest, o?: CallOptions): Promise<void> {
    check('backupId', validateUuid(req.backupId, 'backup id'));
    if ((req.serverId === undefined) === (req.volumeId === undefined)) {
      throw new ValidationError('target', 'Restore onto either a server or a disk.');
    }
    if (req.serverId !== undefined) {
      check('serverId', validateUuid(req.serverId, 'server id'));
      if (!req.mappings || req.mappings.length === 0) {
        throw new ValidationError('mappings', 'A server restore pairs each disk backup with a disk.');
      }
    }
    if (req.volumeId !== undefined) {
      check('volumeId', validateUuid(req.volumeId, 'disk id'));
    }
    for (const m of req.mappings ?? []) {
      check('mappings', validateUuid(m.backupId, 'disk backup id') ?? validateUuid(m.volumeId, 'disk id'));
    }
    await call(this.ctx, 'cbr.restoreBackup', 'POST', `/backups/${req.backupId}/restore`, RestoreAnswerSchema, o, {
      body: {
        restore: {
          ...(req.serverId !== undefined ? { server_id: req.serverId } : {}),
          ...(req.volumeId !== undefined ? { volume_id: req.volumeId } : {}),
          ...(req.mappings ? { mappings: req.mappings.map((m) => ({ backup_id: m.backupId, volume_id: m.volumeId })) } : {}),
          ...(req.powerOn !== undefined ? { power_on: req.powerOn } : {}),
        },
      },
    });
  }

  /**
   * Restore operation logs of a vault since `startTime` (`operation_type=restore`, documented by
   * both clouds: HW model_list_op_logs_request.go, OTC tasks/querying_the_task_list.rst).
   */
  async listRestoreLogs(q: { vaultId: string; startTime: Date; limit?: number }, o?: CallOptions) {
    const { operationLogs } = await this.listOperationLogs({ operationType: 'restore', vaultId: q.vaultId, startTime: q.startTime, limit: q.limit ?? 1000 }, o);
    return operationLogs.filter((l) => l.operationType === undefined || l.operationType === 'restore');
  }
}
