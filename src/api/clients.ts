/** CBR and GaussDB(for MySQL) clients: one method per API call, validated input, parsed output. */
import { z } from 'zod';
import { CloudApiError, ValidationError } from './errors';
import { Authenticator, CallSpec, HttpClient, QueryValue } from './http';
import {
  AddResourcesResponseSchema,
  Backup,
  BackupEnvelopeSchema,
  BackupListSchema,
  BackupStatus,
  Checkpoint,
  CheckpointEnvelopeSchema,
  GaussBackup,
  GaussBackupListSchema,
  GaussCreateBackupSchema,
  GaussInstanceListSchema,
  GaussJobSchema,
  OperationLogListSchema,
  ProtectableListSchema,
  RemoveResourcesResponseSchema,
  ReplicationCapabilitiesSchema,
  ReplicationEnvelopeSchema,
  VaultEnvelopeSchema,
  VaultListSchema,
} from './schemas';
import {
  validateCheckpointDescription,
  validateCheckpointName,
  validateGaussBackupDescription,
  validateGaussBackupName,
  validateUuid,
  validateVaultName,
  validateVaultSize,
} from './validation';

export interface CallOptions {
  signal?: AbortSignal;
}

/** What every client needs: the transport, credentials, its base URL and the project id. */
export interface ClientContext {
  http: HttpClient;
  auth: Authenticator;
  baseUrl: string;
  projectId(signal?: AbortSignal): Promise<string>;
}

function check(field: string, message: string | undefined): void {
  if (message) {
    throw new ValidationError(field, message);
  }
}

async function call<S extends z.ZodType>(
  ctx: ClientContext,
  operation: string,
  method: CallSpec<S>['method'],
  path: string,
  schema: S,
  options: CallOptions | undefined,
  extra: { query?: Record<string, QueryValue>; body?: unknown } = {},
): Promise<z.output<S>> {
  const projectId = await ctx.projectId(options?.signal);
  const result = await ctx.http.call({
    operation,
    method,
    baseUrl: ctx.baseUrl,
    path: `/v3/${projectId}${path}`,
    schema,
    auth: ctx.auth,
    signal: options?.signal,
    query: extra.query,
    body: extra.body,
  });
  return result.data;
}

/** Allowed clock skew between this machine and the cloud when matching "created after". */
const CLOCK_SKEW_MS = 5 * 60_000;

export interface ListVaultsQuery {
  limit?: number;
  offset?: number;
  name?: string;
  objectType?: string;
  protectType?: 'backup' | 'replication' | 'hybrid';
}

export interface ListBackupsQuery {
  vaultId?: string;
  resourceId?: string;
  checkpointId?: string;
  status?: readonly BackupStatus[];
  imageType?: 'backup' | 'replication';
  name?: string;
  /** `key[:asc|desc],…`, e.g. `created_at:desc`. */
  sort?: string;
  limit?: number;
  offset?: number;
}

export interface CreateVaultRequest {
  name: string;
  description?: string;
  objectType: 'server' | 'disk' | 'turbo';
  protectType?: 'backup' | 'replication';
  consistentLevel?: 'crash_consistent' | 'app_consistent';
  sizeGb: number;
  resources?: { id: string; type: string; name?: string }[];
}

export interface CreateCheckpointRequest {
  vaultId: string;
  name?: string;
  description?: string;
  incremental?: boolean;
  /** Omit to back up every resource of the vault. */
  resourceIds?: string[];
}

export interface ReplicateRequest {
  vaultId: string;
  destinationRegion: string;
  destinationProjectId: string;
  destinationVaultId: string;
  enableAcceleration?: boolean;
}

export interface ListOperationLogsQuery {
  operationType?: string;
  vaultId?: string;
  status?: string;
  startTime?: Date;
  limit?: number;
  offset?: number;
}

/** `2020-02-05T10:38:34Z` form that the list filters take. */
function queryTime(d: Date | undefined): string | undefined {
  return d ? `${d.toISOString().slice(0, 19)}Z` : undefined;
}

/** GaussDB's "yyyy-mm-ddThh:mm:ssZ", where Z is an offset such as +0800. */
function gaussTime(d: Date | undefined): string | undefined {
  return d ? `${d.toISOString().slice(0, 19)}+0000` : undefined;
}

export class CbrClient {
  /** Set once the cloud refused `operation_type=replication` (OTC lists no such type). */
  private replicationFilterRefused = false;

  constructor(private readonly ctx: ClientContext) {}

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
    check('name', validateVaultName(req.name));
    check('sizeGb', validateVaultSize(String(req.sizeGb)));
    if (req.consistentLevel === 'app_consistent' && req.objectType !== 'server') {
      throw new ValidationError('consistentLevel', 'Application-consistent backup is only available for server vaults.');
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

  async listBackups(q: ListBackupsQuery = {}, o?: CallOptions) {
    return call(this.ctx, 'cbr.listBackups', 'GET', '/backups', BackupListSchema, o, {
      query: {
        vault_id: q.vaultId,
        resource_id: q.resourceId,
        checkpoint_id: q.checkpointId,
        status: q.status,
        image_type: q.imageType,
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
      check('name', validateCheckpointName(req.name));
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
          enable_acceleration: req.enableAcceleration ?? false,
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
}

export class GaussDbClient {
  constructor(private readonly ctx: ClientContext) {}

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
