/**
 * Wire and seed types. Wire objects are stored in the shape the services return them, so
 * seeds can be written by copying real responses.
 */

import type { CloudProfile } from './profile';

/** Milliseconds of emulator time for each kind of work. */
export interface Timing {
  /** How long a new checkpoint's backups stay `protecting`. */
  checkpointProtectingMs: number;
  /** How long a GaussDB manual backup stays `BUILDING` (its job `Running`). */
  gaussBackupBuildingMs: number;
  /** How long a replication runs before `success` / `failed`. */
  replicationMs: number;
  /** Lifetime of an IAM token. */
  tokenTtlMs: number;
}

export const DEFAULT_TIMING: Timing = {
  checkpointProtectingMs: 8_000,
  gaussBackupBuildingMs: 10_000,
  replicationMs: 12_000,
  tokenTtlMs: 24 * 60 * 60 * 1000,
};

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface Billing {
  allocated: number;
  charging_mode: string;
  cloud_type: string;
  consistent_level: string;
  object_type: string;
  order_id: string | null;
  product_id: string | null;
  protect_type: string;
  size: number;
  spec_code: string;
  status: string;
  storage_unit: string | null;
  used: number;
  frozen_scene: string | null;
  is_multi_az?: boolean;
}

export interface VaultResource {
  id: string;
  name: string;
  type: string;
  protect_status: string;
  size: number;
  backup_size: number;
  backup_count: number;
  extra_info?: JsonObject;
  auto_protect?: boolean;
}

export interface Vault {
  id: string;
  name: string;
  description: string | null;
  resources: VaultResource[];
  provider_id: string;
  created_at: string;
  project_id: string;
  enterprise_project_id: string;
  auto_bind: boolean;
  bind_rules: JsonObject;
  user_id: string;
  billing: Billing;
  tags: { key: string; value: string }[];
  auto_expand?: boolean;
  smn_notify?: boolean;
  threshold?: number;
  locked?: boolean;
}

export interface ReplicationRecord {
  id: string;
  status: string;
  created_at: string;
  updated_at: string;
  source_backup_id: string;
  source_checkpoint_id: string;
  source_region: string;
  source_project_id: string;
  destination_backup_id: string;
  destination_checkpoint_id: string;
  destination_region: string;
  destination_project_id: string;
  destination_vault_id: string;
  vault_id: string;
  extra_info: {
    progress: number;
    fail_code?: string;
    fail_reason?: string;
    auto_trigger: boolean;
    destination_vault_id: string;
  };
}

export interface Backup {
  id: string;
  name: string;
  description: string;
  checkpoint_id: string;
  created_at: string;
  updated_at: string;
  protected_at: string;
  expired_at: string | null;
  image_type: string;
  parent_id: string | null;
  project_id: string;
  provider_id: string;
  resource_az: string;
  resource_id: string;
  resource_name: string;
  resource_size: number;
  resource_type: string;
  status: string;
  vault_id: string;
  enterprise_project_id: string;
  incremental: boolean;
  version: string | null;
  children: Backup[];
  extend_info: JsonObject;
  replication_records: ReplicationRecord[];
}

export interface ProtectableInstance {
  id: string;
  name: string;
  type: string;
  status: string;
  size: number;
  detail?: JsonObject;
  /** Untyped in the SDK models (`Children []interface{}`): a child need not be a full instance. */
  children: (ProtectableInstance | JsonObject)[];
}

export interface OperationLog {
  id: string;
  operation_type: string;
  status: string;
  checkpoint_id: string;
  created_at: string;
  updated_at: string;
  started_at: string;
  ended_at: string | null;
  error_info: { code: string; message: string };
  extra_info: JsonObject;
  policy_id: string;
  project_id: string;
  provider_id: string;
  vault_id: string;
  vault_name: string;
}

/** A CBR policy as ListPolicies/ShowPolicy return it (HW-Go model_policy.go; OTC policies/*.rst). */
export interface Policy {
  id: string;
  name: string;
  enabled: boolean;
  operation_type: 'backup' | 'replication';
  operation_definition: { [key: string]: number | string | boolean };
  trigger: { id: string; name: string; type: 'time'; properties: { pattern: string[]; start_time: string } };
  associated_vaults: { vault_id: string; destination_vault_id?: string }[];
}

export interface GaussInstance {
  id: string;
  name: string;
  status: string;
  type: string;
  region: string;
  port: string;
  private_ips: string[];
  public_ips: string[];
  datastore: { type: string; version: string; kernel_version?: string };
  created: string;
  updated: string;
  db_user_name: string;
  vpc_id: string;
  subnet_id: string;
  security_group_id: string;
  backup_strategy: { start_time: string; keep_days: string };
  enterprise_project_id: string;
  time_zone: string;
  [extra: string]: Json;
}

export interface GaussBackup {
  id: string;
  name: string;
  description: string;
  begin_time: string;
  end_time?: string;
  status: string;
  take_up_time: number;
  type: string;
  size: number;
  datastore: { type: string; version: string };
  instance_id: string;
  instance_name: string;
  backup_level: string;
}

export interface SeedUser {
  id: string;
  name: string;
  password: string;
}

export interface SeedDomain {
  id: string;
  name: string;
  users: SeedUser[];
}

export interface SeedAccessKey {
  ak: string;
  sk: string;
  /** Set for a temporary AK/SK: requests must send it as `X-Security-Token`. */
  securityToken?: string;
  /** Domain name the key belongs to (IAM project listing); default: the first domain. */
  domain?: string;
}

export interface SeedProject {
  id: string;
  name: string;
  region: string;
  /** Default: the first domain. */
  domainId?: string;
}

export interface SeedRegion {
  /** Regions this one may replicate to (`replication-capabilities`, replicate checks). */
  replicationDestinations?: string[];
  vaults?: Vault[];
  protectables?: { server?: ProtectableInstance[]; disk?: ProtectableInstance[] };
  backups?: Backup[];
  operationLogs?: OperationLog[];
  /** Backup and replication policies; `associated_vaults` says which vaults each is applied to. */
  policies?: Policy[];
  gaussdb?: { instances?: GaussInstance[]; backups?: GaussBackup[] };
}

export interface SeedData {
  /** Which cloud's documented behaviour to follow (see profile.ts); default `huaweicloud`. */
  cloud?: CloudProfile;
  domains: SeedDomain[];
  accessKeys?: SeedAccessKey[];
  staticTokens?: string[];
  projects: SeedProject[];
  regions: Record<string, SeedRegion>;
}
