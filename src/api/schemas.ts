/**
 * zod schemas for every response the layer reads, and the domain types the rest of the code uses.
 * Wire quirks are normalized here: numbers that arrive as strings, three timestamp forms, nulls
 * for absent values, camelCase names. Unknown fields pass (and stay available as `raw`).
 */
import { z } from 'zod';

// ------------------------------------------------------------------ primitives

const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+_-]\d{2}:?\d{2})?$/i;

/**
 * Parses the timestamp forms the clouds use: `2020-02-05T10:38:34.209782` (no zone: UTC),
 * `2019-05-10T07:59:12.733+00:00`, `2020-07-07T01:17:05+0800`, and the OTC typo `…_0800`.
 */
export function parseCloudTimestamp(value: string): Date | undefined {
  const m = TIMESTAMP.exec(value.trim());
  if (!m) {
    return undefined;
  }
  const fraction = m[3] ? m[3].slice(0, 4).padEnd(4, '0') : '';
  let zone = (m[4] ?? 'Z').toUpperCase();
  if (zone !== 'Z') {
    const sign = zone.startsWith('-') ? '-' : '+';
    const digits = zone.slice(1).replace(':', '');
    zone = `${sign}${digits.slice(0, 2)}:${digits.slice(2, 4)}`;
  }
  const ms = Date.parse(`${m[1]}T${m[2]}${fraction}${zone}`);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

const timestamp = z.string().transform((s, ctx) => {
  const d = parseCloudTimestamp(s);
  if (!d) {
    ctx.addIssue({ code: 'custom', message: `not a timestamp: "${s}"` });
    return z.NEVER;
  }
  return d;
});
const optTimestamp = z
  .string()
  .nullish()
  .transform((s, ctx) => {
    if (!s) {
      return undefined;
    }
    const d = parseCloudTimestamp(s);
    if (!d) {
      ctx.addIssue({ code: 'custom', message: `not a timestamp: "${s}"` });
      return z.NEVER;
    }
    return d;
  });

/** A number, or a string holding one (sizes and counts arrive both ways). */
const num = z.union([z.number(), z.string().regex(/^\s*-?\d+(\.\d+)?\s*$/, 'expected a number')]).transform(Number);
const optNum = z
  .union([num, z.literal('')])
  .nullish()
  .transform((v) => (v === '' || v === null || v === undefined ? undefined : v));
const optStr = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((v) => (v === null || v === undefined ? undefined : String(v)));
const optBool = z
  .union([z.boolean(), z.enum(['true', 'false'])])
  .nullish()
  .transform((v) => (v === null || v === undefined ? undefined : v === true || v === 'true'));
const str = z.string();
const raw = <T extends z.ZodRawShape>(shape: T) => z.looseObject(shape);

/**
 * Parses with `schema` and keeps the untouched wire object as `raw` (for "show details").
 * Issues keep their paths, so schema errors still name the field.
 */
function withRaw<S extends z.ZodType<object>>(schema: S) {
  return z.unknown().transform((input, ctx): z.output<S> & { raw: Record<string, unknown> } => {
    const result = schema.safeParse(input);
    if (!result.success) {
      for (const issue of result.error.issues) {
        ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
      }
      return z.NEVER;
    }
    return { ...result.data, raw: input as Record<string, unknown> };
  });
}

// ------------------------------------------------------------------ CBR: vaults

export const BackupStatusValues = ['available', 'protecting', 'deleting', 'restoring', 'error', 'waiting_protect', 'waiting_delete', 'waiting_restore'] as const;
export type BackupStatus = (typeof BackupStatusValues)[number];

export const BillingSchema = raw({
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
}).transform((b) => ({
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
}));
export type Billing = z.output<typeof BillingSchema>;

export const VaultResourceSchema = withRaw(raw({
  id: str,
  name: optStr,
  type: str,
  protect_status: optStr,
  size: optNum,
  backup_size: optNum,
  backup_count: optNum,
  auto_protect: optBool,
  extra_info: z.unknown().optional(),
}).transform((r) => ({
  id: r.id,
  name: r.name ?? r.id,
  type: r.type,
  protectStatus: r.protect_status,
  /** Allocated GB. */
  size: r.size,
  backupSize: r.backup_size,
  backupCount: r.backup_count,
  raw: r,
})));
export type VaultResource = z.output<typeof VaultResourceSchema>;

export const VaultSchema = withRaw(raw({
  id: str,
  name: str,
  description: optStr,
  project_id: optStr,
  provider_id: optStr,
  billing: BillingSchema,
  resources: z.array(VaultResourceSchema).nullish().transform((v) => v ?? []),
  tags: z.array(raw({ key: str, value: optStr })).nullish().transform((v) => v ?? []),
  enterprise_project_id: optStr,
  auto_bind: optBool,
  created_at: optTimestamp,
}).transform((v) => ({
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
})));
export type Vault = z.output<typeof VaultSchema>;

export const VaultListSchema = raw({ vaults: z.array(VaultSchema), count: optNum, limit: optNum, offset: optNum }).transform((r) => ({
  vaults: r.vaults,
  count: r.count ?? r.vaults.length,
  limit: r.limit,
  offset: r.offset,
}));
export type VaultList = z.output<typeof VaultListSchema>;
export const VaultEnvelopeSchema = raw({ vault: VaultSchema }).transform((r) => r.vault);

export const AddResourcesResponseSchema = raw({ add_resource_ids: z.array(str) }).transform((r) => r.add_resource_ids);
export const RemoveResourcesResponseSchema = raw({ remove_resource_ids: z.array(str) }).transform((r) => r.remove_resource_ids);

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

const ProtectableWire: z.ZodType<ProtectableInstance> = z.lazy(() =>
  raw({
    id: str,
    name: optStr,
    type: str,
    status: optStr,
    size: optNum,
    protectable: raw({ result: optBool, reason: optStr, message: optStr, vault: raw({ id: str, name: optStr }).nullish() }).nullish(),
    // Untyped in the SDK models (`Children []interface{}`): a child that is not an instance is skipped, never fatal.
    children: z.array(z.unknown()).nullish(),
  }).transform((p) => ({
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
export const ProtectableListSchema = raw({ instances: z.array(ProtectableWire), count: optNum }).transform((r) => ({
  instances: r.instances,
  count: r.count ?? r.instances.length,
}));
export type ProtectableList = z.output<typeof ProtectableListSchema>;

// ------------------------------------------------------------------ CBR: backups

export const ReplicationRecordSchema = raw({
  id: optStr,
  status: optStr,
  destination_backup_id: optStr,
  destination_region: optStr,
  destination_vault_id: optStr,
  created_at: optTimestamp,
  extra_info: raw({ progress: optNum, fail_code: optStr, fail_reason: optStr }).nullish(),
}).transform((r) => ({
  id: r.id,
  status: r.status,
  destinationBackupId: r.destination_backup_id,
  destinationRegion: r.destination_region,
  destinationVaultId: r.destination_vault_id,
  createdAt: r.created_at,
  progress: r.extra_info?.progress,
  failCode: r.extra_info?.fail_code,
  failReason: r.extra_info?.fail_reason,
}));

export const BackupSchema = withRaw(raw({
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
  replication_records: z.array(ReplicationRecordSchema).nullish(),
}).transform((b) => ({
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
})));
export type Backup = z.output<typeof BackupSchema>;

export const BackupListSchema = raw({ backups: z.array(BackupSchema), count: optNum, limit: optNum, offset: optNum }).transform((r) => ({
  backups: r.backups,
  count: r.count ?? r.backups.length,
  limit: r.limit,
  offset: r.offset,
}));
export type BackupList = z.output<typeof BackupListSchema>;
export const BackupEnvelopeSchema = raw({ backup: BackupSchema }).transform((r) => r.backup);

// ------------------------------------------------------------------ CBR: checkpoints

export const SkippedResourceSchema = raw({ id: str, type: optStr, name: optStr, code: optStr, reason: optStr }).transform((s) => ({
  id: s.id,
  type: s.type,
  name: s.name ?? s.id,
  code: s.code,
  reason: s.reason,
}));
export type SkippedResource = z.output<typeof SkippedResourceSchema>;

const CheckpointResourceSchema = raw({
  id: str,
  name: optStr,
  type: optStr,
  protect_status: optStr,
  resource_size: optNum,
  backup_size: optNum,
  backup_count: optNum,
}).transform((r) => ({
  id: r.id,
  name: r.name ?? r.id,
  type: r.type,
  protectStatus: r.protect_status,
  resourceSize: r.resource_size,
  backupSize: r.backup_size,
  backupCount: r.backup_count,
}));

export const CheckpointStatusValues = ['available', 'deleting', 'protecting', 'deleted', 'error-deleting', 'error'] as const;

export const CheckpointSchema = withRaw(raw({
  id: str,
  project_id: optStr,
  status: str,
  created_at: optTimestamp,
  vault: raw({
    id: str,
    name: optStr,
    resources: z.array(CheckpointResourceSchema).nullish(),
    skipped_resources: z.array(SkippedResourceSchema).nullish(),
  }).nullish(),
  extra_info: raw({ name: optStr, description: optStr, retention_duration: optNum }).nullish(),
}).transform((c) => ({
  id: c.id,
  projectId: c.project_id,
  status: c.status,
  createdAt: c.created_at,
  vault: c.vault ? { id: c.vault.id, name: c.vault.name, resources: c.vault.resources ?? [], skippedResources: c.vault.skipped_resources ?? [] } : undefined,
  name: c.extra_info?.name,
  description: c.extra_info?.description,
  retentionDuration: c.extra_info?.retention_duration,
  raw: c,
})));
export type Checkpoint = z.output<typeof CheckpointSchema>;
export const CheckpointEnvelopeSchema = raw({ checkpoint: CheckpointSchema }).transform((r) => r.checkpoint);

// ------------------------------------------------------------------ CBR: replication, operation logs

export const ReplicationSchema = raw({
  backups: z.array(raw({ backup_id: str, replication_record_id: optStr })).nullish(),
  destination_project_id: optStr,
  destination_region: optStr,
  destination_vault_id: optStr,
  project_id: optStr,
  provider_id: optStr,
  source_region: optStr,
  vault_id: optStr,
}).transform((r) => ({
  backups: (r.backups ?? []).map((b) => ({ backupId: b.backup_id, replicationRecordId: b.replication_record_id })),
  destinationProjectId: r.destination_project_id,
  destinationRegion: r.destination_region,
  destinationVaultId: r.destination_vault_id,
  projectId: r.project_id,
  providerId: r.provider_id,
  sourceRegion: r.source_region,
  vaultId: r.vault_id,
}));
export type Replication = z.output<typeof ReplicationSchema>;
export const ReplicationEnvelopeSchema = raw({ replication: ReplicationSchema }).transform((r) => r.replication);

export const OperationLogSchema = withRaw(raw({
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
  error_info: raw({ code: optStr, message: optStr }).nullish(),
  extra_info: raw({
    common: raw({ progress: optNum, request_id: optStr, task_id: optStr }).nullish(),
    replication: raw({
      source_backup_id: optStr,
      destination_backup_id: optStr,
      source_checkpoint_id: optStr,
      destination_checkpoint_id: optStr,
      destination_region: optStr,
      destination_project_id: optStr,
      source_region: optStr,
      source_backup_name: optStr,
      destination_backup_name: optStr,
    }).nullish(),
    resource: raw({ id: optStr, name: optStr, type: optStr }).nullish(),
    backup: raw({ backup_id: optStr, backup_name: optStr }).nullish(),
  }).nullish(),
}).transform((o) => ({
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
})));
export type OperationLog = z.output<typeof OperationLogSchema>;
export const OperationLogListSchema = raw({ operation_logs: z.array(OperationLogSchema), count: optNum, limit: optNum, offset: optNum }).transform((r) => ({
  operationLogs: r.operation_logs,
  count: r.count ?? r.operation_logs.length,
}));
export type OperationLogList = z.output<typeof OperationLogListSchema>;

export const ReplicationCapabilitiesSchema = raw({
  regions: z.array(raw({ name: str, replication_destinations: z.array(str).nullish() })),
}).transform((r) => ({ regions: r.regions.map((x) => ({ name: x.name, replicationDestinations: x.replication_destinations ?? [] })) }));
export type ReplicationCapabilities = z.output<typeof ReplicationCapabilitiesSchema>;

// ------------------------------------------------------------------ GaussDB(for MySQL)

export const GaussInstanceSchema = withRaw(raw({
  id: str,
  name: str,
  status: optStr,
  type: optStr,
  region: optStr,
  port: optStr,
  private_ips: z.array(str).nullish(),
  datastore: raw({ type: optStr, version: optStr }).nullish(),
  created: optTimestamp,
  updated: optTimestamp,
}).transform((i) => ({
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
})));
export type GaussInstance = z.output<typeof GaussInstanceSchema>;
export const GaussInstanceListSchema = raw({ instances: z.array(GaussInstanceSchema), total_count: optNum }).transform((r) => ({
  instances: r.instances,
  totalCount: r.total_count ?? r.instances.length,
}));
export type GaussInstanceList = z.output<typeof GaussInstanceListSchema>;

export const GaussBackupStatusValues = ['BUILDING', 'COMPLETED', 'FAILED', 'AVAILABLE'] as const;

export const GaussBackupSchema = withRaw(raw({
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
}).transform((b) => ({
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
})));
export type GaussBackup = z.output<typeof GaussBackupSchema>;
export const GaussBackupListSchema = raw({ backups: z.array(GaussBackupSchema), total_count: optNum }).transform((r) => ({
  backups: r.backups,
  totalCount: r.total_count ?? r.backups.length,
}));
export type GaussBackupList = z.output<typeof GaussBackupListSchema>;
export const GaussCreateBackupSchema = raw({ backup: GaussBackupSchema, job_id: str }).transform((r) => ({ backup: r.backup, jobId: r.job_id }));
export type GaussCreatedBackup = z.output<typeof GaussCreateBackupSchema>;

export const GaussJobSchema = raw({
  job: raw({
    id: str,
    name: optStr,
    status: str,
    created: optTimestamp,
    ended: optTimestamp,
    process: optStr,
    fail_reason: optStr,
    instance: raw({ id: optStr, name: optStr }).nullish(),
  }),
}).transform(({ job }) => ({
  id: job.id,
  name: job.name,
  status: job.status,
  created: job.created,
  ended: job.ended,
  process: job.process,
  failReason: job.fail_reason,
  instance: job.instance ? { id: job.instance.id, name: job.instance.name } : undefined,
}));
export type GaussJob = z.output<typeof GaussJobSchema>;

// ------------------------------------------------------------------ IAM

export const TokenBodySchema = raw({
  token: raw({
    expires_at: timestamp,
    issued_at: optTimestamp,
    project: raw({ id: str, name: optStr }).nullish(),
  }),
}).transform((r) => ({ expiresAt: r.token.expires_at, projectId: r.token.project?.id, projectName: r.token.project?.name }));

export const ProjectListSchema = raw({
  projects: z.array(raw({ id: str, name: str, enabled: optBool, domain_id: optStr })),
}).transform((r) => r.projects.map((p) => ({ id: p.id, name: p.name, enabled: p.enabled ?? true, domainId: p.domain_id })));
export type Project = z.output<typeof ProjectListSchema>[number];

/** A zod issue path as `vaults[0].billing.size`. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)), '');
}
