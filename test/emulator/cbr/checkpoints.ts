/** Restore points (checkpoints): create (one backup per resource) and show. */
import { randomBytes, randomUUID } from 'node:crypto';
import { cbrTime } from '../clock';
import { badRequest, cbrError, isRecord, type Reply, type RequestContext } from '../http';
import type { EmulatorState } from '../state';
import type { Backup, JsonObject, VaultResource } from '../types';
import { getVault, NAME_RE, opLogBase, parseResourceInputs, projectOf, regionOf, requireUuid } from './common';
import { checkpointStatus, resourceStats } from './render';
import { diskBackupsOf } from './restore';

function optionalBool(obj: Record<string, unknown>, field: string): boolean | undefined {
  const v = obj[field];
  if (v !== undefined && typeof v !== 'boolean') {
    throw badRequest('cbr', `Invalid parameter checkpoint.parameters.${field}: must be a boolean`);
  }
  return v;
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
    backup.children = isServer ? diskBackupsOf(rs, backup) : [];
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
