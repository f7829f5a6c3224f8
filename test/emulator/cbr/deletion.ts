/**
 * Deleting backups and vaults.
 * - DeleteBackup `DELETE /v3/{project_id}/backups/{backup_id}`: 204, no body (huaweicloud-sdk-go-v3
 *   services/cbr/v1/model/model_delete_backup_response.go carries no fields). Only a backup that is
 *   `available` or `error` may be deleted (OTC cloud-backup-recovery umn/source/backup_management/
 *   deleting_a_backup.rst, "Prerequisites"); the emulator refuses the others with a 400.
 * - DeleteVault `DELETE /v3/{project_id}/vaults/{vault_id}`: 204; its backups go with it.
 * The backup shows `deleting` for `checkpointProtectingMs`, then is gone (GET answers 404).
 */
import { cbrError, type Reply, type RequestContext } from '../http';
import type { BackupRec, EmulatorState, RegionState } from '../state';
import { getVault, projectOf, regionOf, requireUuid } from './common';
import { forgetVaultPolicies } from './policies';
import { backupStatus } from './render';

/**
 * Not documented: which code a refused delete carries. Assumed (docs/emulator-contract.md).
 */
export const BACKUP_NOT_DELETABLE = 'BackupService.6301';

function dropFrom(map: Map<string, BackupRec[]>, key: string, rec: BackupRec): void {
  const list = map.get(key);
  const at = list?.indexOf(rec) ?? -1;
  if (list && at >= 0) {
    list.splice(at, 1);
  }
}

function removeBackup(rs: RegionState, rec: BackupRec): void {
  const at = rs.backups.indexOf(rec);
  if (at >= 0) {
    rs.backups.splice(at, 1);
  }
  rs.backupById.delete(rec.wire.id);
  dropFrom(rs.backupsByVault, rec.wire.vault_id, rec);
  dropFrom(rs.backupsByCheckpoint, rec.wire.checkpoint_id, rec);
  dropFrom(rs.backupsByResource, rec.wire.resource_id, rec);
}

/** Drops backups whose deletion has finished; called before anything reads backups. */
export function purgeDeleted(rs: RegionState, now: number): void {
  for (const rec of rs.backups.filter((b) => b.deleting !== undefined && now >= b.deleting.startMs + b.deleting.durationMs)) {
    removeBackup(rs, rec);
  }
}

export function deleteBackup(state: EmulatorState, ctx: RequestContext): Reply {
  const rs = regionOf(state, ctx);
  const now = state.now();
  purgeDeleted(rs, now);
  const id = requireUuid(ctx.params.backup, 'backup_id');
  const rec = rs.backupById.get(id);
  if (!rec || rec.wire.project_id !== projectOf(ctx)) {
    throw cbrError(404, 'BackupService.6200', `Backup ${id} does not exist.`);
  }
  const status = backupStatus(rec, now).status;
  if (status !== 'available' && status !== 'error') {
    throw cbrError(400, BACKUP_NOT_DELETABLE, `The backup cannot be deleted in status ${status}.`);
  }
  rec.deleting = { startMs: now, durationMs: state.timing.checkpointProtectingMs, fails: false };
  return { status: 204, body: undefined };
}

export function deleteVault(state: EmulatorState, ctx: RequestContext): Reply {
  const rs = regionOf(state, ctx);
  const now = state.now();
  purgeDeleted(rs, now);
  const vault = getVault(rs, projectOf(ctx), ctx.params.vault);
  const backups = [...(rs.backupsByVault.get(vault.id) ?? [])];
  const busy = backups.find((b) => backupStatus(b, now).status === 'protecting');
  if (busy) {
    throw cbrError(400, BACKUP_NOT_DELETABLE, `The vault has a backup being made (${busy.wire.id}).`);
  }
  for (const rec of backups) {
    removeBackup(rs, rec);
  }
  rs.vaults.splice(rs.vaults.indexOf(vault), 1);
  rs.vaultById.delete(vault.id);
  for (const r of vault.resources ?? []) {
    rs.resourceVault.delete(r.id);
  }
  forgetVaultPolicies(rs, vault.id);
  return { status: 204, body: undefined };
}
