/** CBR responses: vaults, protectables, backups, restore points (checkpoints). */
import * as z from 'zod/mini';
import { map, onFirstUse, optBool, optNum, optStr, optTimestamp, raw, str, withRaw } from './primitives';

// ------------------------------------------------------------------ CBR: vaults

export const BackupStatusValues = ['available', 'protecting', 'deleting', 'restoring', 'error', 'waiting_protect', 'waiting_delete', 'waiting_restore'] as const;
export type BackupStatus = (typeof BackupStatusValues)[number];
/** A backup being made, as opposed to being restored or deleted (the statuses tracking follows). */
export const BACKUP_BEING_MADE_STATUSES = ['protecting', 'waiting_protect'] as const satisfies readonly BackupStatus[];

export const BillingSchema = onFirstUse(() => map(raw({
  allocated: optNum,
  charging_mode: optStr,
  cloud_type: optStr,
  consistent_level: optStr,
  object_type: optStr,
  protect_type: optStr,
  size: optNum,
  spec_code: optStr,
  status: optStr,
  used: optNum,
  storage_unit: optStr,
  frozen_scene: optStr,
  is_multi_az: optBool,
}), (b) => ({
  /** GB allocated. */
  allocated: b.allocated,
  chargingMode: b.charging_mode,
  cloudType: b.cloud_type,
  consistentLevel: b.consistent_level,
  objectType: b.object_type,
  protectType: b.protect_type,
  /** Capacity in GB. */
  size: b.size,
  specCode: b.spec_code,
  status: b.status,
  /** Used capacity in MB (not GB). */
  used: b.used,
  storageUnit: b.storage_unit,
  isMultiAz: b.is_multi_az,
})));
export type Billing = z.output<typeof BillingSchema>;

export const VaultResourceSchema = onFirstUse(() => withRaw(map(raw({
  id: str,
  name: optStr,
  type: str,
  protect_status: optStr,
  size: optNum,
  backup_size: optNum,
  backup_count: optNum,
  auto_protect: optBool,
  extra_info: z.optional(z.unknown()),
}), (r) => ({
  id: r.id,
  name: r.name ?? r.id,
  type: r.type,
  protectStatus: r.protect_status,
  /** Allocated GB. */
  size: r.size,
  backupSize: r.backup_size,
  backupCount: r.backup_count,
  raw: r,
}))));
export type VaultResource = z.output<typeof VaultResourceSchema>;

export const VaultSchema = onFirstUse(() => withRaw(map(raw({
  id: str,
  name: str,
  description: optStr,
  project_id: optStr,
  provider_id: optStr,
  billing: BillingSchema,
  resources: map(z.nullish(z.array(VaultResourceSchema)), (v) => v ?? []),
  tags: map(z.nullish(z.array(raw({ key: str, value: optStr }))), (v) => v ?? []),
  enterprise_project_id: optStr,
  auto_bind: optBool,
  created_at: optTimestamp,
}), (v) => ({
  id: v.id,
  name: v.name,
  description: v.description,
  projectId: v.project_id,
  providerId: v.provider_id,
  billing: v.billing,
  resources: v.resources,
  tags: v.tags.map((t) => ({ key: t.key, value: t.value })),
  enterpriseProjectId: v.enterprise_project_id,
  autoBind: v.auto_bind,
  createdAt: v.created_at,
  raw: v,
}))));
export type Vault = z.output<typeof VaultSchema>;

export const VaultListSchema = onFirstUse(() => map(raw({ vaults: z.array(VaultSchema), count: optNum, limit: optNum, offset: optNum }), (r) => ({
  vaults: r.vaults,
  count: r.count ?? r.vaults.length,
  limit: r.limit,
  offset: r.offset,
})));
export type VaultList = z.output<typeof VaultListSchema>;
export const VaultEnvelopeSchema = onFirstUse(() => map(raw({ vault: VaultSchema }), (r) => r.vault));

export const AddResourcesResponseSchema = onFirstUse(() => map(raw({ add_resource_ids: z.array(str) }), (r) => r.add_resource_ids));
export const RemoveResourcesResponseSchema = onFirstUse(() => map(raw({ remove_resource_ids: z.array(str) }), (r) => r.remove_resource_ids));

// ------------------------------------------------------------------ CBR: protectables

export interface ProtectableInstance {
  id: string;
  name: string;
  type: string;
  status?: string;
  size?: number;
  /** false when the resource cannot be added (already in a vault, wrong state). */
  protectable: boolean;
  reason?: string;
  vault?: { id: string; name?: string };
  children: ProtectableInstance[];
  raw: Record<string, unknown>;
}

const ProtectableWire: z.ZodMiniType<ProtectableInstance> = z.lazy(() =>
  map(raw({
    id: str,
    name: optStr,
    type: str,
    status: optStr,
    size: optNum,
    protectable: z.nullish(raw({ result: optBool, reason: optStr, message: optStr, vault: z.nullish(raw({ id: str, name: optStr })) })),
    // Untyped in the SDK models (`Children []interface{}`): a child that is not an instance is skipped, never fatal.
    children: z.nullish(z.array(z.unknown())),
  }), (p) => ({
    id: p.id,
    name: p.name ?? p.id,
    type: p.type,
    status: p.status,
    size: p.size,
    protectable: p.protectable?.result ?? true,
    reason: p.protectable?.reason ?? p.protectable?.message,
    vault: p.protectable?.vault ? { id: p.protectable.vault.id, name: p.protectable.vault.name } : undefined,
    children: (p.children ?? []).flatMap((c) => {
      const child = ProtectableWire.safeParse(c);
      return child.success ? [child.data] : [];
    }),
    raw: p,
  })),
);
/** The answer has no `count` (HW-Go model_list_protectable_response.go); `count` here is what this page holds. */
export const ProtectableListSchema = onFirstUse(() => map(raw({ instances: z.array(ProtectableWire), count: optNum }), (r) => ({
  instances: r.instances,
  count: r.count ?? r.instances.length,
})));
export type ProtectableList = z.output<typeof ProtectableListSchema>;

// ------------------------------------------------------------------ CBR: backups

export const ReplicationRecordSchema = onFirstUse(() => map(raw({
  id: optStr,
  status: optStr,
  destination_backup_id: optStr,
  destination_region: optStr,
  destination_vault_id: optStr,
  created_at: optTimestamp,
  extra_info: z.nullish(raw({ progress: optNum, fail_code: optStr, fail_reason: optStr })),
}), (r) => ({
  id: r.id,
  status: r.status,
  destinationBackupId: r.destination_backup_id,
  destinationRegion: r.destination_region,
  destinationVaultId: r.destination_vault_id,
  createdAt: r.created_at,
  progress: r.extra_info?.progress,
  failCode: r.extra_info?.fail_code,
  failReason: r.extra_info?.fail_reason,
})));

export const BackupSchema = onFirstUse(() => withRaw(map(raw({
  id: str,
  name: optStr,
  description: optStr,
  checkpoint_id: optStr,
  resource_id: optStr,
  resource_name: optStr,
  resource_type: optStr,
  resource_size: optNum,
  resource_az: optStr,
  status: str,
  image_type: optStr,
  vault_id: optStr,
  project_id: optStr,
  provider_id: optStr,
  created_at: optTimestamp,
  updated_at: optTimestamp,
  protected_at: optTimestamp,
  expired_at: optTimestamp,
  incremental: optBool,
  replication_records: z.nullish(z.array(ReplicationRecordSchema)),
}), (b) => ({
  id: b.id,
  name: b.name ?? b.id,
  description: b.description,
  checkpointId: b.checkpoint_id,
  resourceId: b.resource_id,
  resourceName: b.resource_name,
  resourceType: b.resource_type,
  /** GB. */
  resourceSize: b.resource_size,
  resourceAz: b.resource_az,
  status: b.status,
  imageType: b.image_type,
  vaultId: b.vault_id,
  projectId: b.project_id,
  providerId: b.provider_id,
  createdAt: b.created_at,
  updatedAt: b.updated_at,
  protectedAt: b.protected_at,
  expiredAt: b.expired_at,
  incremental: b.incremental,
  replicationRecords: b.replication_records ?? [],
  raw: b,
}))));
export type Backup = z.output<typeof BackupSchema>;

export const BackupListSchema = onFirstUse(() => map(raw({ backups: z.array(BackupSchema), count: optNum, limit: optNum, offset: optNum }), (r) => ({
  backups: r.backups,
  count: r.count ?? r.backups.length,
  limit: r.limit,
  offset: r.offset,
})));
export type BackupList = z.output<typeof BackupListSchema>;
export const BackupEnvelopeSchema = onFirstUse(() => map(raw({ backup: BackupSchema }), (r) => r.backup));

// ------------------------------------------------------------------ CBR: checkpoints

/** `skipped_resources[]`: `id` is optional in the SDK models (issue 8, Parsing), so an entry without one is shown by name. */
export const SkippedResourceSchema = onFirstUse(() => map(raw({ id: optStr, type: optStr, name: optStr, code: optStr, reason: optStr }), (s) => ({
  id: s.id,
  type: s.type,
  name: s.name ?? s.id ?? '?',
  code: s.code,
  reason: s.reason,
})));
export type SkippedResource = z.output<typeof SkippedResourceSchema>;

const CheckpointResourceSchema = onFirstUse(() => map(raw({
  id: str,
  name: optStr,
  type: optStr,
  protect_status: optStr,
  resource_size: optNum,
  backup_size: optNum,
  backup_count: optNum,
}), (r) => ({
  id: r.id,
  name: r.name ?? r.id,
  type: r.type,
  protectStatus: r.protect_status,
  resourceSize: r.resource_size,
  backupSize: r.backup_size,
  backupCount: r.backup_count,
})));

export const CheckpointStatusValues = ['available', 'deleting', 'protecting', 'deleted', 'error-deleting', 'error'] as const;

export const CheckpointSchema = onFirstUse(() => withRaw(map(raw({
  id: str,
  project_id: optStr,
  status: str,
  created_at: optTimestamp,
  vault: z.nullish(raw({
    id: str,
    name: optStr,
    resources: z.nullish(z.array(CheckpointResourceSchema)),
    skipped_resources: z.nullish(z.array(SkippedResourceSchema)),
  })),
  extra_info: z.nullish(raw({ name: optStr, description: optStr, retention_duration: optNum })),
}), (c) => ({
  id: c.id,
  projectId: c.project_id,
  status: c.status,
  createdAt: c.created_at,
  vault: c.vault ? { id: c.vault.id, name: c.vault.name, resources: c.vault.resources ?? [], skippedResources: c.vault.skipped_resources ?? [] } : undefined,
  name: c.extra_info?.name,
  description: c.extra_info?.description,
  retentionDuration: c.extra_info?.retention_duration,
  raw: c,
}))));
export type Checkpoint = z.output<typeof CheckpointSchema>;
export const CheckpointEnvelopeSchema = onFirstUse(() => map(raw({ checkpoint: CheckpointSchema }), (r) => r.checkpoint));
