/** Replication of a vault's newest backups to another region, and the replication capabilities. */
import { randomUUID } from 'node:crypto';
import { cbrTime } from '../clock';
import { badRequest, cbrError, isRecord, type Reply, type RequestContext } from '../http';
import { isDone, type BackupRec, type EmulatorState } from '../state';
import type { ReplicationRecord } from '../types';
import { getVault, opLogBase, projectOf, regionOf, requireUuid } from './common';
import { backupStatus } from './render';

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
  if (input.enable_acceleration !== undefined && !state.rules.replicateAcceleration) {
    // Not in OTC's replicate body (profile.ts): refused rather than ignored, so a client that sends it fails its tests.
    throw badRequest('cbr', 'Invalid parameter replicate.enable_acceleration: not supported');
  }
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
