/** How stored records look on the wire at a given emulator time (statuses are computed, not stored). */
import { cbrTime } from '../clock';
import { isRecord } from '../http';
import { PROFILE_RULES, type ProfileRules } from '../profile';
import { endOf, isDone, progressOf, type BackupRec, type CheckpointRec, type EmulatorState, type OpLogRec, type RegionState, type Timed } from '../state';
import { isRestoring } from './restore';
import type { Backup, JsonObject, OperationLog, ProtectableInstance, ReplicationRecord, Vault } from '../types';

/**
 * Why timed work fails, with documented codes (OTC-CBR appendix/error_codes.rst): 7202 "Failed to
 * obtain the snapshot." for a backup, 1006 "Failed to import the backup replica." for a
 * replication. Which code a real failure carries is not documented; these are plausible ones.
 */
export const BACKUP_FAILURE = { code: 'BackupService.7202', message: 'Failed to obtain the snapshot.' } as const;
export const REPLICATION_FAILURE = { code: 'BackupService.1006', message: 'Failed to import the backup replica.' } as const;

export function backupStatus(rec: BackupRec, now: number): { status: string; updated_at: string; protected_at: string } {
  const b = rec.wire;
  if (rec.deleting) {
    return { status: 'deleting', updated_at: cbrTime(rec.deleting.startMs), protected_at: b.protected_at };
  }
  if (isRestoring(rec, now)) {
    return { status: 'restoring', updated_at: cbrTime(now), protected_at: b.protected_at };
  }
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
    extra.fail_code = REPLICATION_FAILURE.code;
    extra.fail_reason = REPLICATION_FAILURE.message;
  }
  return {
    ...r,
    status: !done ? 'replicating' : failed ? 'fail' : 'success',
    updated_at: done ? cbrTime(endOf(timed)) : r.created_at,
    extra_info: extra,
  };
}

/** What a backup carries besides its own fields, which depends on the cloud and the request (profile.ts). */
export interface BackupView {
  rules: ProfileRules;
  /** Include `replication_records` (HW: show backup always, list only with show_replication=true). */
  replicationRecords: boolean;
}

const FULL_VIEW: BackupView = { rules: PROFILE_RULES.huaweicloud, replicationRecords: true };

export function renderBackup(rec: BackupRec, now: number, view: BackupView = FULL_VIEW): Backup {
  const out: Backup = {
    ...rec.wire,
    ...backupStatus(rec, now),
    // Replicas are `replication` where the cloud documents that type, else `backup` (OTC).
    image_type: view.rules.imageTypes.includes(rec.wire.image_type) ? rec.wire.image_type : 'backup',
    replication_records: [...rec.wire.replication_records, ...rec.replications.map((r) => renderReplicationRecord(r.wire, r.timed, now))],
  };
  if (!view.replicationRecords || view.rules.replicationRecords === 'never') {
    delete (out as Partial<Backup>).replication_records;
  }
  return out;
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

/** An operation log as the cloud sends it; OTC documents no `extra_info.replication` (profile.ts). */
export function renderOpLog(rec: OpLogRec, now: number, rules: ProfileRules = PROFILE_RULES.huaweicloud): OperationLog {
  const log = renderOpLogStatus(rec, now);
  if (rules.opLogReplicationInfo || !isRecord(log.extra_info) || log.extra_info.replication === undefined) {
    return log;
  }
  const extra = { ...log.extra_info };
  delete extra.replication;
  return { ...log, extra_info: extra };
}

function renderOpLogStatus(rec: OpLogRec, now: number): OperationLog {
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
    error_info: failed ? (rec.wire.operation_type === 'replication' ? REPLICATION_FAILURE : BACKUP_FAILURE) : { code: '', message: '' },
    extra_info: { ...extra, common: { ...common, progress: progressOf(rec.timed, now) } },
  };
}

/**
 * A protectable with its protection state. `children` are untyped in the SDK models
 * (HW-Go model_protectables_resp.go: `Children []interface{}`), so a child that is not a full
 * instance (a seed may hold one) is passed through as it is.
 */
export function renderProtectable(state: EmulatorState, rs: RegionState, p: ProtectableInstance): JsonObject {
  const vaultId = rs.resourceVault.get(p.id);
  const vault = vaultId === undefined ? undefined : rs.vaultById.get(vaultId);
  return {
    ...(p as unknown as JsonObject),
    children: p.children.map((c) => (isRecord(c) && typeof c.id === 'string' ? renderProtectable(state, rs, c as unknown as ProtectableInstance) : (c as JsonObject))),
    protectable: vault
      ? {
          result: false,
          // OTC-CBR appendix/error_codes.rst and the Huawei Cloud ErrorCode page: 6103, the resource is already in a vault.
          code: 'BackupService.6103',
          reason: `The resource has been associated with vault ${vault.name}.`,
          message: `The resource has been associated with vault ${vault.name}.`,
          vault: { id: vault.id, name: vault.name },
        }
      : { result: true, code: null, reason: null, message: null, vault: null },
  };
}
