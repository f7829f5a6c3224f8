/** CBR replication and operation-log responses. */
import * as z from 'zod/mini';
import { map, onFirstUse, optNum, optStr, optTimestamp, raw, str, withRaw } from './primitives';

// ------------------------------------------------------------------ CBR: replication, operation logs

export const ReplicationSchema = onFirstUse(() => map(raw({
  backups: z.nullish(z.array(raw({ backup_id: str, replication_record_id: optStr }))),
  destination_project_id: optStr,
  destination_region: optStr,
  destination_vault_id: optStr,
  project_id: optStr,
  provider_id: optStr,
  source_region: optStr,
  vault_id: optStr,
}), (r) => ({
  backups: (r.backups ?? []).map((b) => ({ backupId: b.backup_id, replicationRecordId: b.replication_record_id })),
  destinationProjectId: r.destination_project_id,
  destinationRegion: r.destination_region,
  destinationVaultId: r.destination_vault_id,
  projectId: r.project_id,
  providerId: r.provider_id,
  sourceRegion: r.source_region,
  vaultId: r.vault_id,
})));
export type Replication = z.output<typeof ReplicationSchema>;
export const ReplicationEnvelopeSchema = onFirstUse(() => map(raw({ replication: ReplicationSchema }), (r) => r.replication));

export const OperationLogSchema = onFirstUse(() => withRaw(map(raw({
  id: str,
  operation_type: optStr,
  status: str,
  checkpoint_id: optStr,
  vault_id: optStr,
  vault_name: optStr,
  provider_id: optStr,
  created_at: optTimestamp,
  started_at: optTimestamp,
  ended_at: optTimestamp,
  updated_at: optTimestamp,
  error_info: z.nullish(raw({ code: optStr, message: optStr })),
  extra_info: z.nullish(raw({
    common: z.nullish(raw({ progress: optNum, request_id: optStr, task_id: optStr })),
    replication: z.nullish(raw({
      source_backup_id: optStr,
      destination_backup_id: optStr,
      source_checkpoint_id: optStr,
      destination_checkpoint_id: optStr,
      destination_region: optStr,
      destination_project_id: optStr,
      source_region: optStr,
      source_backup_name: optStr,
      destination_backup_name: optStr,
    })),
    resource: z.nullish(raw({ id: optStr, name: optStr, type: optStr })),
    backup: z.nullish(raw({ backup_id: optStr, backup_name: optStr })),
  })),
}), (o) => ({
  id: o.id,
  operationType: o.operation_type,
  status: o.status,
  checkpointId: o.checkpoint_id,
  vaultId: o.vault_id,
  vaultName: o.vault_name,
  createdAt: o.created_at,
  startedAt: o.started_at,
  endedAt: o.ended_at,
  updatedAt: o.updated_at,
  // The cloud sends {code: "", message: ""} on success: that is no error.
  errorInfo: o.error_info?.code || o.error_info?.message ? { code: o.error_info.code, message: o.error_info.message } : undefined,
  progress: o.extra_info?.common?.progress,
  replication: o.extra_info?.replication
    ? {
        sourceBackupId: o.extra_info.replication.source_backup_id,
        destinationBackupId: o.extra_info.replication.destination_backup_id,
        sourceCheckpointId: o.extra_info.replication.source_checkpoint_id,
        destinationCheckpointId: o.extra_info.replication.destination_checkpoint_id,
        destinationRegion: o.extra_info.replication.destination_region,
        sourceRegion: o.extra_info.replication.source_region,
        sourceBackupName: o.extra_info.replication.source_backup_name,
        destinationBackupName: o.extra_info.replication.destination_backup_name,
      }
    : undefined,
  resource: o.extra_info?.resource ? { id: o.extra_info.resource.id, name: o.extra_info.resource.name, type: o.extra_info.resource.type } : undefined,
  raw: o,
}))));
export type OperationLog = z.output<typeof OperationLogSchema>;
export const OperationLogListSchema = onFirstUse(() => map(raw({ operation_logs: z.array(OperationLogSchema), count: optNum, limit: optNum, offset: optNum }), (r) => ({
  operationLogs: r.operation_logs,
  count: r.count ?? r.operation_logs.length,
})));
export type OperationLogList = z.output<typeof OperationLogListSchema>;

export const ReplicationCapabilitiesSchema = onFirstUse(() => map(raw({
  regions: z.array(raw({ name: str, replication_destinations: z.nullish(z.array(str)) })),
}), (r) => ({ regions: r.regions.map((x) => ({ name: x.name, replicationDestinations: x.replication_destinations ?? [] })) })));
export type ReplicationCapabilities = z.output<typeof ReplicationCapabilitiesSchema>;
