/** Cloud Backup and Recovery (CBR) v3: vaults, protectables, checkpoints, backups, replication, operation logs. */
import { randomBytes, randomUUID } from 'node:crypto';
import { cbrTime, parseCloudTime } from './clock';
import { badRequest, cbrError, intParam, isRecord, type Reply, type RequestContext } from './http';
import { endOf, isDone, progressOf, type BackupRec, type CheckpointRec, type EmulatorState, type OpLogRec, type RegionState, type Timed } from './state';
import type { Backup, JsonObject, OperationLog, ProtectableInstance, ReplicationRecord, Vault, VaultResource } from './types';

export const PROVIDER_IDS: Record<string, string> = {
  server: '0daac4c5-6707-4851-97ba-169e36266b66',
  disk: 'd1603440-187d-4516-af25-121250c7cc97',
  turbo: '3f3c3220-245c-4805-b811-758870015881',
};

const RESOURCE_TYPES = [
  'OS::Nova::Server', 'OS::Cinder::Volume', 'OS::Ironic::BareMetalServer', 'OS::Native::Server', 'OS::Sfs::Turbo', 'OS::Workspace::DesktopV2',
];
/** Which resource types a vault of each object_type accepts, and where the emulator keeps them. */
const OBJECT_TYPE_RESOURCES: Record<string, { types: string[]; protectable: string }> = {
  server: { types: ['OS::Nova::Server', 'OS::Ironic::BareMetalServer'], protectable: 'server' },
  disk: { types: ['OS::Cinder::Volume'], protectable: 'disk' },
};
const OP_LOG_TYPES = ['backup', 'copy', 'replication', 'delete', 'restore', 'vault_delete', 'remove_resource', 'sync'];
const BACKUP_SORT_KEYS = ['created_at', 'updated_at', 'name', 'status', 'protected_at', 'id'] as const;
type BackupSortKey = (typeof BACKUP_SORT_KEYS)[number];

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NAME_RE = /^[\p{L}\p{N}_-]{1,64}$/u;

function regionOf(state: EmulatorState, ctx: RequestContext): RegionState {
  const rs = ctx.region === undefined ? undefined : state.region(ctx.region);
  if (!rs) {
    throw cbrError(404, 'BackupService.9900', `Unknown region ${ctx.region ?? ''}`);
  }
  return rs;
}

function projectOf(ctx: RequestContext): string {
  return ctx.params.project ?? '';
}

function requireUuid(value: unknown, field: string): string {
  if (typeof value !== 'string' || !UUID_RE.test(value)) {
    throw badRequest('cbr', `Invalid parameter ${field}: must be a UUID`);
  }
  return value;
}

function cmp(a: string | number, b: string | number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function timeParam(ctx: RequestContext, name: string): number | undefined {
  const raw = ctx.query.get(name);
  if (raw === null || raw === '') {
    return undefined;
  }
  const ms = parseCloudTime(raw);
  if (Number.isNaN(ms)) {
    throw badRequest('cbr', `Invalid parameter ${name}: ${raw}`);
  }
  return ms;
}

function page<T>(items: T[], offset: number, limit: number): T[] {
  return items.slice(offset, offset + limit);
}

// ---------------------------------------------------------------- rendering

function backupStatus(rec: BackupRec, now: number): { status: string; updated_at: string; protected_at: string } {
  const b = rec.wire;
  if (!rec.timed) {
    return { status: b.status, updated_at: b.updated_at, protected_at: b.protected_at };
  }
  if (!isDone(rec.timed, now)) {
    return { status: 'protecting', updated_at: b.created_at, protected_at: b.created_at };
  }
  const end = cbrTime(endOf(rec.timed));
  return { status: rec.timed.fails ? 'error' : 'available', updated_at: end, protected_at: b.created_at };
}

function renderReplicationRecord(r: ReplicationRecord, timed: Timed, now: number): ReplicationRecord {
  const done = isDone(timed, now);
  const failed = done && timed.fails;
  const extra: ReplicationRecord['extra_info'] = { ...r.extra_info, progress: progressOf(timed, now) };
  if (failed) {
    extra.fail_code = 'BackupService.6902';
    extra.fail_reason = 'Replication failed: the destination region did not accept the backup data';
  }
  return {
    ...r,
    status: !done ? 'replicating' : failed ? 'fail' : 'success',
    updated_at: done ? cbrTime(endOf(timed)) : r.created_at,
    extra_info: extra,
  };
}

export function renderBackup(rec: BackupRec, now: number): Backup {
  return {
    ...rec.wire,
    ...backupStatus(rec, now),
    replication_records: [...rec.wire.replication_records, ...rec.replications.map((r) => renderReplicationRecord(r.wire, r.timed, now))],
  };
}

/** Backups of a resource in a vault that still count (available), for vault resource totals. */
function resourceStats(rs: RegionState, vaultId: string, resourceId: string, now: number): { count: number; size: number; protecting: boolean } {
  let count = 0;
  let size = 0;
  let protecting = false;
  for (const rec of rs.backupsByResource.get(resourceId) ?? []) {
    if (rec.wire.vault_id !== vaultId) {
      continue;
    }
    const status = backupStatus(rec, now).status;
    if (status === 'protecting') {
      protecting = true;
    } else if (status === 'available') {
      count += 1;
      size += rec.wire.resource_size;
    }
  }
  return { count, size, protecting };
}

function renderVault(rs: RegionState, vault: Vault, now: number): Vault {
  return {
    ...vault,
    resources: vault.resources.map((r) => {
      const stats = resourceStats(rs, vault.id, r.id, now);
      return {
        ...r,
        protect_status: stats.protecting ? 'protecting' : r.protect_status === 'protecting' ? 'available' : r.protect_status,
        backup_count: stats.count,
        backup_size: stats.size,
      };
    }),
  };
}

function checkpointStatus(rs: RegionState, cp: CheckpointRec, now: number): string {
  if (cp.timed) {
    return !isDone(cp.timed, now) ? 'protecting' : cp.timed.fails ? 'error' : 'available';
  }
  const statuses = cp.backupIds.map((id) => {
    const rec = rs.backupById.get(id);
    return rec ? backupStatus(rec, now).status : 'available';
  });
  if (statuses.includes('protecting')) {
    return 'protecting';
  }
  return statuses.includes('error') ? 'error' : 'available';
}

function renderOpLog(rec: OpLogRec, now: number): OperationLog {
  if (!rec.timed) {
    return rec.wire;
  }
  const done = isDone(rec.timed, now);
  const failed = done && rec.timed.fails;
  const extra = rec.wire.extra_info;
  const common = isRecord(extra.common) ? extra.common : {};
  return {
    ...rec.wire,
    status: !done ? 'running' : failed ? 'failed' : 'success',
    ended_at: done ? cbrTime(endOf(rec.timed)) : null,
    updated_at: done ? cbrTime(endOf(rec.timed)) : rec.wire.created_at,
    error_info: failed
      ? rec.wire.operation_type === 'replication'
        ? { code: 'BackupService.6902', message: 'Replication failed: the destination region did not accept the backup data' }
        : { code: 'BackupService.6803', message: 'Backup failed: the snapshot of the resource could not be created' }
      : { code: '', message: '' },
    extra_info: { ...extra, common: { ...common, progress: progressOf(rec.timed, now) } },
  };
}

function renderProtectable(state: EmulatorState, rs: RegionState, p: ProtectableInstance): JsonObject {
  const vaultId = rs.resourceVault.get(p.id);
  const vault = vaultId === undefined ? undefined : rs.vaultById.get(vaultId);
  return {
    ...(p as unknown as JsonObject),
    children: p.children.map((c) => renderProtectable(state, rs, c)),
    protectable: vault
      ? {
          result: false,
          code: 'BackupService.6303',
          reason: `The resource has been associated with vault ${vault.name}.`,
          message: `The resource has been associated with vault ${vault.name}.`,
          vault: { id: vault.id, name: vault.name },
        }
      : { result: true, code: null, reason: null, message: null, vault: null },
  };
}

// ---------------------------------------------------------------- vaults

function getVault(rs: RegionState, projectId: string, id: string | undefined): Vault {
  const vaultId = requireUuid(id, 'vault_id');
  const vault = rs.vaultById.get(vaultId);
  if (!vault || vault.project_id !== projectId) {
    throw cbrError(404, 'BackupService.6105', `Vault ${vaultId} does not exist.`);
  }
  return vault;
}

export function listVaults(state: EmulatorState, ctx: RequestContext): Reply {
  const rs = regionOf(state, ctx);
  const q = ctx.query;
  const limit = intParam('cbr', q, 'limit', 1000, 1, 1000);
  const offset = intParam('cbr', q, 'offset', 0, 0, Number.MAX_SAFE_INTEGER);
  const projectId = projectOf(ctx);
  const name = q.get('name');
  const objectType = q.get('object_type');
  const protectType = q.get('protect_type');
  const cloudType = q.get('cloud_type');
  const status = q.get('status');
  const ids = q.getAll('id').flatMap((v) => v.split(',')).filter((v) => v !== '');
  const resourceIds = q.getAll('resource_ids').flatMap((v) => v.split(',')).filter((v) => v !== '');
  const ep = q.get('enterprise_project_id');
  const matches = rs.vaults.filter(
    (v) =>
      v.project_id === projectId &&
      (name === null || v.name.includes(name)) &&
      (objectType === null || v.billing.object_type === objectType) &&
      (protectType === null || v.billing.protect_type === protectType) &&
      (cloudType === null || v.billing.cloud_type === cloudType) &&
      (status === null || v.billing.status === status) &&
      (ids.length === 0 || ids.includes(v.id)) &&
      (resourceIds.length === 0 || v.resources.some((r) => resourceIds.includes(r.id))) &&
      (ep === null || ep === 'all_granted_eps' || String(v.enterprise_project_id) === ep),
  );
  const now = state.now();
  return {
    status: 200,
    body: { vaults: page(matches, offset, limit).map((v) => renderVault(rs, v, now)), count: matches.length, limit, offset },
  };
}

export function showVault(state: EmulatorState, ctx: RequestContext): Reply {
  const rs = regionOf(state, ctx);
  const vault = getVault(rs, projectOf(ctx), ctx.params.vault);
  return { status: 200, body: { vault: renderVault(rs, vault, state.now()) } };
}

interface ResourceInput {
  id: string;
  type: string;
  name?: string;
  extra_info?: JsonObject;
}

function parseResourceInputs(value: unknown, field: string): ResourceInput[] {
  if (!Array.isArray(value)) {
    throw badRequest('cbr', `Invalid parameter ${field}: must be an array`);
  }
  if (value.length > 256) {
    throw badRequest('cbr', `Invalid parameter ${field}: at most 256 resources`);
  }
  return value.map((r, i) => {
    if (!isRecord(r) || typeof r.id !== 'string' || typeof r.type !== 'string') {
      throw badRequest('cbr', `Invalid parameter ${field}[${i}]: id and type are required`);
    }
    if (!RESOURCE_TYPES.includes(r.type)) {
      throw badRequest('cbr', `Invalid parameter ${field}[${i}].type: ${r.type}`);
    }
    if (r.name !== undefined && (typeof r.name !== 'string' || r.name.length > 255)) {
      throw badRequest('cbr', `Invalid parameter ${field}[${i}].name`);
    }
    if (r.extra_info !== undefined && !isRecord(r.extra_info)) {
      throw badRequest('cbr', `Invalid parameter ${field}[${i}].extra_info: must be an object`);
    }
    return { id: r.id, type: r.type, name: r.name, extra_info: r.extra_info as JsonObject | undefined };
  });
}

/** Checks that resources exist, fit the vault and are not protected yet; returns the entries to add. */
function resolveNewResources(rs: RegionState, vault: Pick<Vault, 'id' | 'billing'>, inputs: ResourceInput[]): VaultResource[] {
  const accepts = OBJECT_TYPE_RESOURCES[vault.billing.object_type];
  const seen = new Set<string>();
  return inputs.map((input) => {
    if (seen.has(input.id)) {
      throw badRequest('cbr', `Resource ${input.id} is listed twice.`);
    }
    seen.add(input.id);
    if (!accepts || !accepts.types.includes(input.type)) {
      throw badRequest('cbr', `Resource type ${input.type} cannot be added to a ${vault.billing.object_type} vault.`);
    }
    const instance = (rs.protectables.get(accepts.protectable) ?? []).find((p) => p.id === input.id);
    if (!instance) {
      throw cbrError(404, 'BackupService.6302', `Resource ${input.id} does not exist.`);
    }
    const holder = rs.resourceVault.get(input.id);
    if (holder !== undefined) {
      throw cbrError(
        400,
        'BackupService.6303',
        holder === vault.id
          ? `Resource ${input.id} is already associated with this vault.`
          : `Resource ${input.id} has been associated with another vault (${holder}).`,
      );
    }
    return {
      id: input.id,
      name: input.name ?? instance.name,
      type: input.type,
      protect_status: 'available',
      size: instance.size,
      backup_size: 0,
      backup_count: 0,
      extra_info: input.extra_info ?? {},
      auto_protect: false,
    };
  });
}

const SPEC_CODES: Record<string, Record<string, string>> = {
  backup: { server: 'vault.backup.server.normal', disk: 'vault.backup.volume.normal', turbo: 'vault.backup.turbo.normal' },
  replication: { server: 'vault.replication.server.normal', disk: 'vault.replication.volume.normal', turbo: 'vault.replication.turbo.normal' },
};

function userIdOf(state: EmulatorState, ctx: RequestContext): string {
  const p = ctx.principal;
  if (p?.kind === 'token' && p.userId !== undefined) {
    return p.userId;
  }
  return state.seed.domains.find((d) => d.id === p?.domainId)?.users[0]?.id ?? state.seed.domains[0]?.users[0]?.id ?? '';
}

export function createVault(state: EmulatorState, ctx: RequestContext): Reply {
  const rs = regionOf(state, ctx);
  const input = isRecord(ctx.body) && isRecord(ctx.body.vault) ? ctx.body.vault : undefined;
  if (!input) {
    throw badRequest('cbr', 'The request body must contain vault.');
  }
  if (typeof input.name !== 'string' || !NAME_RE.test(input.name)) {
    throw badRequest('cbr', 'Invalid parameter vault.name: 1 to 64 letters, digits, underscores or hyphens');
  }
  if (input.description !== undefined && input.description !== null && (typeof input.description !== 'string' || input.description.length > 255)) {
    throw badRequest('cbr', 'Invalid parameter vault.description: at most 255 characters');
  }
  const billing = isRecord(input.billing) ? input.billing : undefined;
  if (!billing) {
    throw badRequest('cbr', 'Invalid parameter vault.billing: required');
  }
  const enumField = (field: string, allowed: string[], dflt?: string): string => {
    const v = billing[field] ?? dflt;
    if (typeof v !== 'string' || !allowed.includes(v)) {
      throw badRequest('cbr', `Invalid parameter vault.billing.${field}: one of ${allowed.join(', ')}`);
    }
    return v;
  };
  const cloudType = enumField('cloud_type', ['public', 'hybrid'], 'public');
  const consistentLevel = enumField('consistent_level', ['crash_consistent', 'app_consistent']);
  const objectType = enumField('object_type', ['server', 'disk', 'turbo']);
  const protectType = enumField('protect_type', ['backup', 'replication']);
  const chargingMode = enumField('charging_mode', ['post_paid', 'pre_paid'], 'post_paid');
  const size = billing.size;
  if (typeof size !== 'number' || !Number.isInteger(size) || size < 1 || size > 10485760) {
    throw badRequest('cbr', 'Invalid parameter vault.billing.size: an integer from 1 to 10485760 (GB)');
  }
  if (consistentLevel === 'app_consistent' && objectType !== 'server') {
    throw badRequest('cbr', 'Invalid parameter vault.billing.consistent_level: app_consistent needs a server vault');
  }
  const tags = input.tags ?? [];
  if (!Array.isArray(tags) || tags.some((t) => !isRecord(t) || typeof t.key !== 'string' || (t.value !== undefined && typeof t.value !== 'string'))) {
    throw badRequest('cbr', 'Invalid parameter vault.tags: [{key, value}]');
  }
  const id = randomUUID();
  const billingOut = {
    allocated: 0,
    cloud_type: cloudType,
    consistent_level: consistentLevel,
    frozen_scene: null,
    charging_mode: chargingMode,
    order_id: chargingMode === 'pre_paid' ? `CS${randomBytes(8).toString('hex').toUpperCase()}` : null,
    product_id: chargingMode === 'pre_paid' ? randomUUID().replace(/-/g, '') : null,
    protect_type: protectType,
    object_type: objectType,
    spec_code: SPEC_CODES[protectType]?.[objectType] ?? 'vault.backup.server.normal',
    used: 0,
    storage_unit: null,
    status: 'available',
    size,
  };
  const resources = resolveNewResources(rs, { id, billing: billingOut }, parseResourceInputs(input.resources ?? [], 'vault.resources'));
  const vault: Vault = {
    id,
    name: input.name,
    description: typeof input.description === 'string' ? input.description : null,
    resources,
    provider_id: PROVIDER_IDS[objectType] ?? PROVIDER_IDS.server ?? '',
    created_at: cbrTime(state.now()),
    project_id: projectOf(ctx),
    enterprise_project_id: typeof input.enterprise_project_id === 'string' ? input.enterprise_project_id : '0',
    auto_bind: input.auto_bind === true,
    bind_rules: isRecord(input.bind_rules) ? (input.bind_rules as JsonObject) : {},
    user_id: userIdOf(state, ctx),
    billing: billingOut,
    tags: tags as { key: string; value: string }[],
  };
  rs.addVault(vault);
  return { status: 200, body: { vault: renderVault(rs, vault, state.now()) } };
}

export function addResources(state: EmulatorState, ctx: RequestContext): Reply {
  const rs = regionOf(state, ctx);
  const vault = getVault(rs, projectOf(ctx), ctx.params.vault);
  const body = isRecord(ctx.body) ? ctx.body : {};
  const inputs = parseResourceInputs(body.resources, 'resources');
  if (inputs.length === 0) {
    throw badRequest('cbr', 'Invalid parameter resources: at least one resource');
  }
  const added = resolveNewResources(rs, vault, inputs);
  for (const r of added) {
    vault.resources.push(r);
    rs.resourceVault.set(r.id, vault.id);
  }
  return { status: 200, body: { add_resource_ids: added.map((r) => r.id) } };
}

export function removeResources(state: EmulatorState, ctx: RequestContext): Reply {
  const rs = regionOf(state, ctx);
  const vault = getVault(rs, projectOf(ctx), ctx.params.vault);
  const ids = isRecord(ctx.body) ? ctx.body.resource_ids : undefined;
  if (!Array.isArray(ids) || ids.length < 1 || ids.length > 256 || ids.some((id) => typeof id !== 'string')) {
    throw badRequest('cbr', 'Invalid parameter resource_ids: 1 to 256 resource ids');
  }
  for (const id of ids as string[]) {
    if (!vault.resources.some((r) => r.id === id)) {
      throw cbrError(404, 'BackupService.6302', `Resource ${id} is not associated with vault ${vault.id}.`);
    }
  }
  vault.resources = vault.resources.filter((r) => !ids.includes(r.id));
  for (const id of ids as string[]) {
    rs.resourceVault.delete(id);
  }
  return { status: 200, body: { remove_resource_ids: ids } };
}

// ---------------------------------------------------------------- protectables

export function listProtectables(state: EmulatorState, ctx: RequestContext): Reply {
  const rs = regionOf(state, ctx);
  const type = ctx.params.ptype ?? '';
  if (!['server', 'disk', 'turbo'].includes(type)) {
    throw badRequest('cbr', `Invalid parameter protectable_type: ${type}`);
  }
  const q = ctx.query;
  const limit = intParam('cbr', q, 'limit', 1000, 1, 1000);
  const offset = intParam('cbr', q, 'offset', 0, 0, Number.MAX_SAFE_INTEGER);
  const name = q.get('name');
  const status = q.get('status');
  const id = q.get('id');
  let list = rs.protectables.get(type) ?? [];
  const marker = q.get('marker');
  if (marker !== null && marker !== '') {
    const at = list.findIndex((p) => p.id === marker);
    if (at < 0) {
      throw badRequest('cbr', `Invalid parameter marker: ${marker}`);
    }
    list = list.slice(at + 1);
  }
  const matches = list.filter(
    (p) => (name === null || p.name.includes(name)) && (status === null || p.status === status) && (id === null || p.id === id),
  );
  return {
    status: 200,
    body: { instances: page(matches, offset, limit).map((p) => renderProtectable(state, rs, p)), count: matches.length },
  };
}

// ---------------------------------------------------------------- backups

interface BackupView {
  rec: BackupRec;
  status: string;
  updated_at: string;
  protected_at: string;
}

function parseSort(raw: string | null): { key: BackupSortKey; desc: boolean }[] {
  if (raw === null || raw === '') {
    return [{ key: 'created_at', desc: true }];
  }
  if (raw.length > 255) {
    throw badRequest('cbr', 'Invalid parameter sort: at most 255 characters');
  }
  return raw.split(',').map((part) => {
    const [key, dir, extra] = part.trim().split(':');
    if (extra !== undefined || !BACKUP_SORT_KEYS.includes(key as BackupSortKey) || (dir !== undefined && dir !== 'asc' && dir !== 'desc')) {
      throw badRequest('cbr', `Invalid parameter sort: ${part}`);
    }
    // The documented default direction is desc.
    return { key: key as BackupSortKey, desc: dir !== 'asc' };
  });
}

function sortValue(v: BackupView, key: BackupSortKey): string {
  switch (key) {
    case 'status':
      return v.status;
    case 'updated_at':
      return v.updated_at;
    case 'protected_at':
      return v.protected_at;
    default:
      return v.rec.wire[key];
  }
}

export function listBackups(state: EmulatorState, ctx: RequestContext): Reply {
  const rs = regionOf(state, ctx);
  const q = ctx.query;
  const limit = intParam('cbr', q, 'limit', 1000, 1, 1000);
  const offset = intParam('cbr', q, 'offset', 0, 0, Number.MAX_SAFE_INTEGER);
  const sort = parseSort(q.get('sort'));
  const projectId = projectOf(ctx);
  const checkpointId = q.get('checkpoint_id');
  const resourceId = q.get('resource_id');
  const vaultId = q.get('vault_id');
  const statuses = q.getAll('status').flatMap((s) => s.split(',')).filter((s) => s !== '');
  const imageType = q.get('image_type');
  if (imageType !== null && imageType !== 'backup' && imageType !== 'replication') {
    throw badRequest('cbr', `Invalid parameter image_type: ${imageType}`);
  }
  const name = q.get('name');
  const resourceName = q.get('resource_name');
  const resourceType = q.get('resource_type');
  const resourceAz = q.get('resource_az');
  const parentId = q.get('parent_id');
  const ownType = q.get('own_type');
  const start = timeParam(ctx, 'start_time');
  const end = timeParam(ctx, 'end_time');

  // Start from the narrowest index so large seeds stay cheap to list.
  const candidates =
    checkpointId !== null
      ? (rs.backupsByCheckpoint.get(checkpointId) ?? [])
      : resourceId !== null
        ? (rs.backupsByResource.get(resourceId) ?? [])
        : vaultId !== null
          ? (rs.backupsByVault.get(vaultId) ?? [])
          : rs.backups;
  const now = state.now();
  const views: BackupView[] = [];
  for (const rec of candidates) {
    const b = rec.wire;
    if (
      b.project_id !== projectId ||
      (checkpointId !== null && b.checkpoint_id !== checkpointId) ||
      (resourceId !== null && b.resource_id !== resourceId) ||
      (vaultId !== null && b.vault_id !== vaultId) ||
      (imageType !== null && b.image_type !== imageType) ||
      (name !== null && !b.name.includes(name)) ||
      (resourceName !== null && !b.resource_name.includes(resourceName)) ||
      (resourceType !== null && b.resource_type !== resourceType) ||
      (resourceAz !== null && b.resource_az !== resourceAz) ||
      (parentId !== null && b.parent_id !== parentId) ||
      (ownType !== null && ownType !== 'private' && ownType !== 'all_granted') ||
      (start !== undefined && rec.createdMs < start) ||
      (end !== undefined && rec.createdMs > end)
    ) {
      continue;
    }
    const s = backupStatus(rec, now);
    if (statuses.length > 0 && !statuses.includes(s.status)) {
      continue;
    }
    views.push({ rec, ...s });
  }
  views.sort((a, b) => {
    for (const { key, desc } of sort) {
      const c = cmp(sortValue(a, key), sortValue(b, key));
      if (c !== 0) {
        return desc ? -c : c;
      }
    }
    return cmp(a.rec.wire.id, b.rec.wire.id);
  });
  let from = offset;
  const marker = q.get('marker');
  if (marker !== null && marker !== '') {
    const at = views.findIndex((v) => v.rec.wire.id === marker);
    if (at < 0) {
      throw badRequest('cbr', `Invalid parameter marker: ${marker}`);
    }
    from = at + 1 + offset;
  }
  return {
    status: 200,
    body: { backups: views.slice(from, from + limit).map((v) => renderBackup(v.rec, now)), count: views.length, offset, limit },
  };
}

export function showBackup(state: EmulatorState, ctx: RequestContext): Reply {
  const rs = regionOf(state, ctx);
  const id = requireUuid(ctx.params.backup, 'backup_id');
  const rec = rs.backupById.get(id);
  if (!rec || rec.wire.project_id !== projectOf(ctx)) {
    throw cbrError(404, 'BackupService.6200', `Backup ${id} does not exist.`);
  }
  return { status: 200, body: { backup: renderBackup(rec, state.now()) } };
}

// ---------------------------------------------------------------- checkpoints

function optionalBool(obj: Record<string, unknown>, field: string): boolean | undefined {
  const v = obj[field];
  if (v !== undefined && typeof v !== 'boolean') {
    throw badRequest('cbr', `Invalid parameter checkpoint.parameters.${field}: must be a boolean`);
  }
  return v;
}

function opLogBase(vault: Vault, type: string, checkpointId: string, now: number): Omit<OperationLog, 'extra_info'> {
  const at = cbrTime(now);
  return {
    id: randomUUID(),
    operation_type: type,
    status: 'running',
    checkpoint_id: checkpointId,
    created_at: at,
    updated_at: at,
    started_at: at,
    ended_at: null,
    error_info: { code: '', message: '' },
    policy_id: '',
    project_id: vault.project_id,
    provider_id: vault.provider_id,
    vault_id: vault.id,
    vault_name: vault.name,
  };
}

export function createCheckpoint(state: EmulatorState, ctx: RequestContext): Reply {
  const rs = regionOf(state, ctx);
  const input = isRecord(ctx.body) && isRecord(ctx.body.checkpoint) ? ctx.body.checkpoint : undefined;
  if (!input) {
    throw badRequest('cbr', 'The request body must contain checkpoint.');
  }
  const vault = getVault(rs, projectOf(ctx), requireUuid(input.vault_id, 'checkpoint.vault_id'));
  const params = input.parameters === undefined ? {} : input.parameters;
  if (!isRecord(params)) {
    throw badRequest('cbr', 'Invalid parameter checkpoint.parameters: must be an object');
  }
  const autoTrigger = optionalBool(params, 'auto_trigger') ?? false;
  const incremental = optionalBool(params, 'incremental') ?? true;
  if (params.name !== undefined && (typeof params.name !== 'string' || !NAME_RE.test(params.name))) {
    throw badRequest('cbr', 'Invalid parameter checkpoint.parameters.name: 1 to 64 letters, digits, underscores or hyphens');
  }
  if (params.description !== undefined && (typeof params.description !== 'string' || params.description.length > 255)) {
    throw badRequest('cbr', 'Invalid parameter checkpoint.parameters.description: at most 255 characters');
  }
  let wanted: string[] | undefined;
  if (params.resources !== undefined) {
    if (!Array.isArray(params.resources) || params.resources.some((r) => typeof r !== 'string')) {
      throw badRequest('cbr', 'Invalid parameter checkpoint.parameters.resources: an array of resource ids');
    }
    wanted = params.resources as string[];
  }
  if (params.resource_details !== undefined) {
    const details = parseResourceInputs(params.resource_details, 'checkpoint.parameters.resource_details');
    wanted = [...(wanted ?? []), ...details.map((d) => d.id)];
  }
  if (vault.billing.status !== 'available' || vault.billing.protect_type !== 'backup') {
    throw cbrError(400, 'BackupService.6113', `Vault ${vault.name} does not allow backups in its current status or type.`);
  }
  // Omitted (or empty) resources mean every resource in the vault.
  let targets: VaultResource[];
  if (wanted === undefined || wanted.length === 0) {
    targets = vault.resources;
  } else {
    targets = [...new Set(wanted)].map((id) => {
      const r = vault.resources.find((x) => x.id === id);
      if (!r) {
        throw cbrError(404, 'BackupService.6302', `Resource ${id} is not associated with vault ${vault.id}.`);
      }
      return r;
    });
  }
  if (targets.length === 0) {
    throw cbrError(400, 'BackupService.0001', 'No resource available for backup.');
  }

  const now = state.now();
  const timed = state.newCheckpointTiming();
  const checkpointId = randomUUID();
  const backupName = typeof params.name === 'string' ? params.name : `manualbk_${randomBytes(2).toString('hex')}`;
  const description = typeof params.description === 'string' ? params.description : '';
  const createdAt = cbrTime(now);
  const resourcesOut: JsonObject[] = [];
  const skipped: JsonObject[] = [];
  const backupIds: string[] = [];
  for (const r of targets) {
    const stats = resourceStats(rs, vault.id, r.id, now);
    if (stats.protecting) {
      skipped.push({ id: r.id, type: r.type, name: r.name, code: 'BackupService.0002', reason: 'resource is being backed up' });
      continue;
    }
    // Sizes are strings in this response (HW model and the end-to-end example).
    resourcesOut.push({
      id: r.id,
      type: r.type,
      name: r.name,
      extra_info: JSON.stringify(r.extra_info ?? {}),
      resource_size: String(r.size),
      backup_size: String(stats.size),
      backup_count: String(stats.count),
      protect_status: 'available',
    });
    const isServer = r.type !== 'OS::Cinder::Volume';
    const backup: Backup = {
      id: randomUUID(),
      name: backupName,
      description,
      checkpoint_id: checkpointId,
      created_at: createdAt,
      updated_at: createdAt,
      protected_at: createdAt,
      expired_at: null,
      image_type: 'backup',
      parent_id: null,
      project_id: vault.project_id,
      provider_id: vault.provider_id,
      resource_az: `${rs.name}a`,
      resource_id: r.id,
      resource_name: r.name,
      resource_size: r.size,
      resource_type: r.type,
      status: 'protecting',
      vault_id: vault.id,
      enterprise_project_id: String(vault.enterprise_project_id),
      incremental: incremental && stats.count > 0,
      version: null,
      children: [],
      extend_info: {
        auto_trigger: autoTrigger,
        bootable: isServer,
        contain_system_disk: isServer,
        encrypted: false,
        is_multi_az: false,
        os_images_data: [],
        snapshot_id: isServer ? '' : randomUUID(),
        support_lld: true,
        supported_restore_mode: 'backup',
        system_disk: false,
      },
      replication_records: [],
    };
    rs.addBackup({ wire: backup, timed, replications: [], createdMs: now });
    backupIds.push(backup.id);
    rs.addOpLog({
      wire: {
        ...opLogBase(vault, 'backup', checkpointId, now),
        extra_info: {
          backup: { backup_id: backup.id, backup_name: backup.name, incremental: backup.incremental ? 'true' : 'false' },
          common: { progress: 0, request_id: ctx.requestId, task_id: randomUUID() },
          resource: { id: r.id, name: r.name, type: r.type },
        },
      },
      timed,
      createdMs: now,
    });
  }
  rs.checkpoints.set(checkpointId, {
    id: checkpointId,
    projectId: vault.project_id,
    vaultId: vault.id,
    vaultName: vault.name,
    createdAt,
    backupIds,
    timed,
  });
  return {
    status: 200,
    body: {
      checkpoint: {
        id: checkpointId,
        project_id: vault.project_id,
        status: 'protecting',
        vault: { id: vault.id, name: vault.name, resources: resourcesOut, skipped_resources: skipped },
        created_at: createdAt,
        extra_info: { name: backupName, description, retention_duration: -1 },
      },
    },
  };
}

export function showCheckpoint(state: EmulatorState, ctx: RequestContext): Reply {
  const rs = regionOf(state, ctx);
  const id = requireUuid(ctx.params.checkpoint, 'checkpoint_id');
  const cp = rs.checkpoints.get(id);
  if (!cp || cp.projectId !== projectOf(ctx)) {
    throw cbrError(404, 'BackupService.6217', `Restore point ${id} does not exist.`);
  }
  // The documented show response (end-to-end example) carries vault and extra_info as null.
  return {
    status: 200,
    body: {
      checkpoint: {
        id: cp.id,
        project_id: cp.projectId,
        status: checkpointStatus(rs, cp, state.now()),
        vault: null,
        created_at: cp.createdAt,
        extra_info: null,
      },
    },
  };
}

// ---------------------------------------------------------------- replication

export function replicate(state: EmulatorState, ctx: RequestContext): Reply {
  const rs = regionOf(state, ctx);
  const input = isRecord(ctx.body) && isRecord(ctx.body.replicate) ? ctx.body.replicate : undefined;
  if (!input) {
    throw badRequest('cbr', 'The request body must contain replicate.');
  }
  const vault = getVault(rs, projectOf(ctx), requireUuid(input.vault_id, 'replicate.vault_id'));
  const destRegionName = input.destination_region;
  const destProjectId = input.destination_project_id;
  if (typeof destRegionName !== 'string' || destRegionName === '' || destRegionName.length > 255) {
    throw badRequest('cbr', 'Invalid parameter replicate.destination_region');
  }
  if (typeof destProjectId !== 'string' || destProjectId === '') {
    throw badRequest('cbr', 'Invalid parameter replicate.destination_project_id');
  }
  const destVaultId = requireUuid(input.destination_vault_id, 'replicate.destination_vault_id');
  for (const flag of ['auto_trigger', 'enable_acceleration']) {
    if (input[flag] !== undefined && typeof input[flag] !== 'boolean') {
      throw badRequest('cbr', `Invalid parameter replicate.${flag}: must be a boolean`);
    }
  }
  const autoTrigger = input.auto_trigger === true;
  const dest = state.region(destRegionName);
  if (!dest || !rs.replicationDestinations.includes(destRegionName)) {
    throw cbrError(500, 'BackupService.1005', `Replication from ${rs.name} to ${destRegionName} is not supported.`);
  }
  const destProject = state.projectById.get(destProjectId);
  if (!destProject || destProject.region !== destRegionName) {
    throw cbrError(400, 'BackupService.1011', `Project ${destProjectId} in ${destRegionName} does not support replication.`);
  }
  const destVault = dest.vaultById.get(destVaultId);
  if (!destVault || destVault.project_id !== destProjectId) {
    throw cbrError(400, 'BackupService.6120', `Destination vault ${destVaultId} does not exist.`);
  }
  if (destVault.billing.protect_type !== 'replication') {
    throw cbrError(400, 'BackupService.6119', `Destination vault ${destVault.name} is not a replication vault.`);
  }
  if (vault.billing.protect_type !== 'backup') {
    throw badRequest('cbr', `Vault ${vault.name} is not a backup vault.`);
  }

  const now = state.now();
  // The newest available backup of each resource that is not already (being) replicated there.
  const latest = new Map<string, BackupRec>();
  for (const rec of rs.backupsByVault.get(vault.id) ?? []) {
    if (rec.wire.image_type !== 'backup' || backupStatus(rec, now).status !== 'available') {
      continue;
    }
    const current = latest.get(rec.wire.resource_id);
    if (!current || rec.createdMs > current.createdMs) {
      latest.set(rec.wire.resource_id, rec);
    }
  }
  const toCopy = [...latest.values()].filter((rec) => {
    const seeded = rec.wire.replication_records.some((r) => r.destination_vault_id === destVaultId && r.status === 'success');
    const ours = rec.replications.some((r) => r.wire.destination_vault_id === destVaultId && !(isDone(r.timed, now) && r.timed.fails));
    return !seeded && !ours;
  });
  if (toCopy.length === 0) {
    throw cbrError(400, 'BackupService.0001', `Vault ${vault.name} has no backup that needs replicating to ${destVault.name}.`);
  }

  const timed = state.newReplicationTiming();
  const destCheckpointId = randomUUID();
  const createdAt = cbrTime(now);
  const backupsOut: { backup_id: string; replication_record_id: string }[] = [];
  const destBackupIds: string[] = [];
  for (const rec of toCopy) {
    const src = rec.wire;
    const destBackupId = randomUUID();
    const record: ReplicationRecord = {
      id: randomUUID(),
      status: 'replicating',
      created_at: createdAt,
      updated_at: createdAt,
      source_backup_id: src.id,
      source_checkpoint_id: src.checkpoint_id,
      source_region: rs.name,
      source_project_id: src.project_id,
      destination_backup_id: destBackupId,
      destination_checkpoint_id: destCheckpointId,
      destination_region: destRegionName,
      destination_project_id: destProjectId,
      destination_vault_id: destVaultId,
      vault_id: vault.id,
      extra_info: { progress: 0, auto_trigger: autoTrigger, destination_vault_id: destVaultId },
    };
    rec.replications.push({ wire: record, timed });
    dest.addBackup({
      wire: {
        ...src,
        id: destBackupId,
        checkpoint_id: destCheckpointId,
        created_at: createdAt,
        updated_at: createdAt,
        protected_at: createdAt,
        image_type: 'replication',
        project_id: destProjectId,
        vault_id: destVaultId,
        status: 'protecting',
        parent_id: null,
        replication_records: [],
        extend_info: { ...src.extend_info, auto_trigger: autoTrigger },
      },
      timed,
      replications: [],
      createdMs: now,
    });
    destBackupIds.push(destBackupId);
    rs.addOpLog({
      wire: {
        ...opLogBase(vault, 'replication', src.checkpoint_id, now),
        extra_info: {
          common: { progress: 0, request_id: ctx.requestId, task_id: randomUUID() },
          replication: {
            source_backup_id: src.id,
            source_checkpoint_id: src.checkpoint_id,
            source_backup_name: src.name,
            source_region: rs.name,
            source_project_id: src.project_id,
            destination_backup_id: destBackupId,
            destination_checkpoint_id: destCheckpointId,
            destination_backup_name: src.name,
            destination_region: destRegionName,
            destination_project_id: destProjectId,
          },
          resource: { id: src.resource_id, name: src.resource_name, type: src.resource_type },
        },
      },
      timed,
      createdMs: now,
    });
    backupsOut.push({ backup_id: src.id, replication_record_id: record.id });
  }
  dest.checkpoints.set(destCheckpointId, {
    id: destCheckpointId,
    projectId: destProjectId,
    vaultId: destVaultId,
    vaultName: destVault.name,
    createdAt,
    backupIds: destBackupIds,
    timed,
  });
  return {
    status: 200,
    body: {
      replication: {
        backups: backupsOut,
        destination_project_id: destProjectId,
        destination_region: destRegionName,
        destination_vault_id: destVaultId,
        project_id: vault.project_id,
        provider_id: vault.provider_id,
        source_region: rs.name,
        vault_id: vault.id,
      },
    },
  };
}

export function replicationCapabilities(state: EmulatorState, ctx: RequestContext): Reply {
  regionOf(state, ctx);
  return {
    status: 200,
    body: {
      regions: [...state.regions.values()].map((r) => ({ name: r.name, replication_destinations: [...r.replicationDestinations] })),
    },
  };
}

// ---------------------------------------------------------------- operation logs

export function listOperationLogs(state: EmulatorState, ctx: RequestContext): Reply {
  const rs = regionOf(state, ctx);
  const q = ctx.query;
  const limit = intParam('cbr', q, 'limit', 1000, 1, 1000);
  const offset = intParam('cbr', q, 'offset', 0, 0, Number.MAX_SAFE_INTEGER);
  const type = q.get('operation_type');
  if (type !== null && !OP_LOG_TYPES.includes(type)) {
    throw badRequest('cbr', `Invalid parameter operation_type: ${type}`);
  }
  const statuses = q.getAll('status').flatMap((s) => s.split(',')).filter((s) => s !== '');
  const vaultId = q.get('vault_id');
  const vaultName = q.get('vault_name');
  const resourceId = q.get('resource_id');
  const resourceName = q.get('resource_name');
  const providerId = q.get('provider_id');
  const start = timeParam(ctx, 'start_time');
  const end = timeParam(ctx, 'end_time');
  const projectId = projectOf(ctx);
  const now = state.now();
  const matches: OperationLog[] = [];
  for (const rec of rs.opLogs) {
    const w = rec.wire;
    const resource = isRecord(w.extra_info.resource) ? w.extra_info.resource : {};
    if (
      w.project_id !== projectId ||
      (type !== null && w.operation_type !== type) ||
      (vaultId !== null && w.vault_id !== vaultId) ||
      (vaultName !== null && w.vault_name !== vaultName) ||
      (resourceId !== null && resource.id !== resourceId) ||
      (resourceName !== null && resource.name !== resourceName) ||
      (providerId !== null && w.provider_id !== providerId) ||
      (start !== undefined && rec.createdMs < start) ||
      (end !== undefined && rec.createdMs > end)
    ) {
      continue;
    }
    const rendered = renderOpLog(rec, now);
    if (statuses.length === 0 || statuses.includes(rendered.status)) {
      matches.push(rendered);
    }
  }
  matches.sort((a, b) => cmp(b.created_at, a.created_at) || cmp(a.id, b.id));
  return { status: 200, body: { operation_logs: page(matches, offset, limit), count: matches.length, limit, offset } };
}

export function showOperationLog(state: EmulatorState, ctx: RequestContext): Reply {
  const rs = regionOf(state, ctx);
  const id = requireUuid(ctx.params.log, 'operation_log_id');
  const rec = rs.opLogById.get(id);
  if (!rec || rec.wire.project_id !== projectOf(ctx)) {
    throw cbrError(404, 'BackupService.6500', `Operation log ${id} does not exist.`);
  }
  return { status: 200, body: { operation_log: renderOpLog(rec, state.now()) } };
}
