/** How stored records look on the wire at a given emulator time (statuses are computed, not stored). */
import { cbrTime } from '../clock';
import { isRecord } from '../http';
import { endOf, isDone, progressOf, type BackupRec, type CheckpointRec, type EmulatorState, type OpLogRec, type RegionState, type Timed } from '../state';
import type { Backup, JsonObject, OperationLog, ProtectableInstance, ReplicationRecord, Vault } from '../types';

export function backupStatus(rec: BackupRec, now: number): { status: string; updated_at: string; protected_at: string } {
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
export function resourceStats(rs: RegionState, vaultId: string, resourceId: string, now: number): { count: number; size: number; protecting: boolean } {
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

export function renderVault(rs: RegionState, vault: Vault, now: number): Vault {
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

export function checkpointStatus(rs: RegionState, cp: CheckpointRec, now: number): string {
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

export function renderOpLog(rec: OpLogRec, now: number): OperationLog {
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

export function renderProtectable(state: EmulatorState, rs: RegionState, p: ProtectableInstance): JsonObject {
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
