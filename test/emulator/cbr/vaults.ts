/** Vaults: list, show, create, and associating or dissociating resources. */
import { randomBytes, randomUUID } from 'node:crypto';
import { cbrTime } from '../clock';
import { badRequest, cbrError, intParam, isRecord, type Reply, type RequestContext } from '../http';
import type { CloudProfile } from '../profile';
import type { EmulatorState, RegionState } from '../state';
import type { JsonObject, Vault, VaultResource } from '../types';
import { getVault, NAME_RE, OBJECT_TYPE_RESOURCES, page, parseResourceInputs, PROVIDER_IDS, projectOf, regionOf, type ResourceInput, userIdOf } from './common';
import { vaultHasPolicy } from './policies';
import { renderVault } from './render';

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
  const policyId = q.get('policy_id');
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
      (ep === null || ep === 'all_granted_eps' || String(v.enterprise_project_id) === ep) &&
      (policyId === null || vaultHasPolicy(rs, v.id, policyId)),
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

function resolveNewResources(rs: RegionState, vault: Pick<Vault, 'id' | 'billing'>, inputs: ResourceInput[]): VaultResource[] {
  const accepts = OBJECT_TYPE_RESOURCES[vault.billing.object_type];
  const seen = new Set<string>();
  return inputs.map((input) => {
    if (seen.has(input.id)) {
      throw cbrError(400, 'BackupService.6104', `Duplicate resource ${input.id}.`);
    }
    seen.add(input.id);
    if (!accepts || !accepts.types.includes(input.type)) {
      throw cbrError(400, 'BackupService.6102', `Resource type ${input.type} does not match the ${vault.billing.object_type} vault.`);
    }
    const instance = (rs.protectables.get(accepts.protectable) ?? []).find((p) => p.id === input.id);
    if (!instance) {
      throw cbrError(404, 'BackupService.6302', `Resource ${input.id} does not exist.`);
    }
    const holder = rs.resourceVault.get(input.id);
    if (holder !== undefined) {
      throw cbrError(
        400,
        'BackupService.6103',
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

/**
 * Create-vault input rules per cloud. OTC-CBR vaults/creating_a_vault.rst: description 0–64,
 * size 10–10485760. Huawei Cloud CreateVault (support.huaweicloud.com/intl/en-us/api-cbr/CreateVault.html,
 * 2025-10-17): description at most 255 without < or >; the Chinese page (api-cbr, 2024-06-21)
 * says at most 64 and size 1–10485760. The emulator takes the more lenient Huawei values so that
 * the client's own, stricter rules are what keep a value out.
 */
const VAULT_RULES: Record<CloudProfile, { descriptionMax: number; descriptionNoAngles: boolean; sizeMin: number; replicationVaults: boolean }> = {
  huaweicloud: { descriptionMax: 255, descriptionNoAngles: true, sizeMin: 1, replicationVaults: true },
  opentelekomcloud: { descriptionMax: 64, descriptionNoAngles: false, sizeMin: 10, replicationVaults: false },
};

/**
 * `tags` of VaultCreate and of `bind_rules`: not an empty list, at most 10, keys unique; key 1 to
 * 36 characters, value at most 43, neither with ASCII 0-31 or = * < > \ , | / (OTC-CBR
 * vaults/creating_a_vault.rst Tables 4 and 9; HW-Go services/cbr/v1/model/model_tag.go). The
 * character classes differ per cloud (Chinese characters and "." on Huawei Cloud); the emulator
 * refuses only what both forbid, so the client's own rules are what keep the rest out.
 */
function checkTags(value: unknown, field: string): { key: string; value: string }[] {
  if (value === undefined) {
    return [];
  }
  const forbidden = /[\u0000-\u001f=*<>\\,|/]/;
  if (!Array.isArray(value) || value.length === 0 || value.length > 10) {
    throw badRequest('cbr', `Invalid parameter ${field}: 1 to 10 tags`);
  }
  const keys = new Set<string>();
  for (const t of value) {
    if (!isRecord(t) || typeof t.key !== 'string' || (t.value !== undefined && typeof t.value !== 'string')) {
      throw badRequest('cbr', `Invalid parameter ${field}: [{key, value}]`);
    }
    const key = t.key.trim();
    const v = typeof t.value === 'string' ? t.value.trim() : '';
    if (key === '' || key.length > 36 || forbidden.test(key) || v.length > 43 || forbidden.test(v) || keys.has(key)) {
      throw badRequest('cbr', `Invalid parameter ${field}: key 1 to 36 characters, value at most 43, keys unique`);
    }
    keys.add(key);
  }
  return value as { key: string; value: string }[];
}

const SPEC_CODES: Record<string, Record<string, string>> = {
  backup: { server: 'vault.backup.server.normal', disk: 'vault.backup.volume.normal', turbo: 'vault.backup.turbo.normal' },
  replication: { server: 'vault.replication.server.normal', disk: 'vault.replication.volume.normal', turbo: 'vault.replication.turbo.normal' },
};

export function createVault(state: EmulatorState, ctx: RequestContext): Reply {
  const rs = regionOf(state, ctx);
  const input = isRecord(ctx.body) && isRecord(ctx.body.vault) ? ctx.body.vault : undefined;
  if (!input) {
    throw badRequest('cbr', 'The request body must contain vault.');
  }
  if (typeof input.name !== 'string' || !NAME_RE.test(input.name)) {
    throw badRequest('cbr', 'Invalid parameter vault.name: 1 to 64 letters, digits, underscores or hyphens');
  }
  const rules = VAULT_RULES[state.cloud];
  if (
    input.description !== undefined &&
    input.description !== null &&
    (typeof input.description !== 'string' || input.description.length > rules.descriptionMax || (rules.descriptionNoAngles && /[<>]/.test(input.description)))
  ) {
    throw badRequest('cbr', `Invalid parameter vault.description: at most ${rules.descriptionMax} characters${rules.descriptionNoAngles ? ', without < or >' : ''}`);
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
  if (typeof size !== 'number' || !Number.isInteger(size) || size < rules.sizeMin || size > 10485760) {
    throw cbrError(400, 'BackupService.6101', `Invalid vault capacity: an integer from ${rules.sizeMin} to 10485760 (GB)`);
  }
  if (consistentLevel === 'app_consistent' && objectType !== 'server') {
    throw badRequest('cbr', 'Invalid parameter vault.billing.consistent_level: app_consistent needs a server vault');
  }
  if (protectType === 'replication' && !rules.replicationVaults) {
    // OTC's VaultCreate documents protect_type "backup" only (OTC-CBR vaults/creating_a_vault.rst Table 5).
    throw badRequest('cbr', 'Invalid parameter vault.billing.protect_type: backup');
  }
  const tags = checkTags(input.tags, 'vault.tags');
  if (input.auto_bind !== undefined && typeof input.auto_bind !== 'boolean') {
    throw badRequest('cbr', 'Invalid parameter vault.auto_bind: a boolean');
  }
  if (input.bind_rules !== undefined && (!isRecord(input.bind_rules) || (input.bind_rules.tags !== undefined && !Array.isArray(input.bind_rules.tags)))) {
    throw badRequest('cbr', 'Invalid parameter vault.bind_rules: {tags: [{key, value}]}');
  }
  if (isRecord(input.bind_rules)) {
    checkTags(input.bind_rules.tags, 'vault.bind_rules.tags');
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
    tags,
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
