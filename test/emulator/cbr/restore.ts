/**
 * RestoreBackup: `POST /v3/{project_id}/backups/{backup_id}/restore`, 202 with no body.
 *
 * Sources: huaweicloud-sdk-go-v3 services/cbr/v1/model/model_backup_restore.go (body
 * `restore{server_id, volume_id, mappings[{backup_id, volume_id}], power_on}`: server_id and
 * mappings for a whole-server restore, volume_id for a disk), model_backup_extend_info.go
 * (`supported_restore_mode`), model_op_extend_info_restore.go (restore operation logs); OTC
 * cloud-backup-and-recovery api-ref backups/restoring_from_a_backup.rst.
 *
 * Assumed (not documented): the refusal codes (9900 for a bad body, 6200 for a missing backup,
 * the documented "backup not available" has no published code, 9900 is used), and that the
 * backup reads `restoring` for as long as a restore point takes to protect, then `available`.
 */
import { randomUUID } from 'node:crypto';
import { badRequest, cbrError, isRecord, type Reply, type RequestContext } from '../http';
import type { BackupRec, EmulatorState, RegionState, Timed } from '../state';
import type { Backup } from '../types';
import { isDone } from '../state';
import { backupStatus } from './render';
import { opLogBase, projectOf, regionOf, requireUuid } from './common';

/** Restores started by the emulator, by backup: the backup reads `restoring` until done. */
export const RESTORES = new WeakMap<BackupRec, Timed>();

export function isRestoring(rec: BackupRec, now: number): boolean {
  const t = RESTORES.get(rec);
  return t !== undefined && !isDone(t, now);
}

const invalid = (what: string): never => {
  throw cbrError(400, 'BackupService.9900', `Parameter verification failed: ${what}`);
};

export function restoreBackup(state: EmulatorState, ctx: RequestContext): Reply {
  const rs = regionOf(state, ctx);
  const id = requireUuid(ctx.params.backup, 'backup_id');
  const rec = rs.backupById.get(id);
  if (!rec || rec.wire.project_id !== projectOf(ctx)) {
    throw cbrError(404, 'BackupService.6200', `Backup ${id} does not exist.`);
  }
  const input = isRecord(ctx.body) && isRecord(ctx.body.restore) ? ctx.body.restore : undefined;
  if (!input) {
    throw badRequest('cbr', 'The request body must contain restore.');
  }
  const now = state.now();
  const b = rec.wire;
  // The rendered status (protecting/restoring/available…), as a client sees it.
  const { status } = backupStatus(rec, now);
  if (status !== 'available') {
    invalid(`backup ${b.name} is ${status}; only an available backup can be restored`);
  }
  if (isRecord(b.extend_info) && b.extend_info.supported_restore_mode === 'na') {
    invalid(`backup ${b.name} cannot be restored (supported_restore_mode na)`);
  }
  if (input.power_on !== undefined && typeof input.power_on !== 'boolean') {
    invalid('restore.power_on must be a boolean');
  }
  let targetId: string;
  if (b.resource_type === 'OS::Nova::Server') {
    targetId = requireUuid(input.server_id, 'restore.server_id');
    if (targetId !== b.resource_id) {
      invalid('restore.server_id must be the server the backup was taken of');
    }
    const mappings = Array.isArray(input.mappings) ? input.mappings : invalid('restore.mappings is required for a server backup');
    const children = b.children.map((c) => c.id);
    const mapped = mappings.map((m, i) => (isRecord(m) ? requireUuid(m.backup_id, `restore.mappings[${i}].backup_id`) : invalid(`restore.mappings[${i}]`)));
    mappings.forEach((m, i) => requireUuid(isRecord(m) ? m.volume_id : undefined, `restore.mappings[${i}].volume_id`));
    if (mapped.length !== children.length || children.some((c) => !mapped.includes(c))) {
      invalid('restore.mappings must pair every disk backup of the server backup with a disk');
    }
  } else {
    targetId = requireUuid(input.volume_id, 'restore.volume_id');
  }
  const timed: Timed = { startMs: now, durationMs: state.timing.checkpointProtectingMs, fails: false };
  RESTORES.set(rec, timed);
  const vault = rs.vaultById.get(b.vault_id);
  const target = rs.protectableById.get(targetId);
  if (vault) {
    rs.addOpLog({
      wire: {
        ...opLogBase(vault, 'restore', b.checkpoint_id, now),
        extra_info: {
          common: { progress: 0, request_id: ctx.requestId, task_id: randomUUID() },
          resource: { id: b.resource_id, name: b.resource_name, type: b.resource_type },
          restore: { backup_id: b.id, backup_name: b.name, target_resource_id: targetId, target_resource_name: target?.name ?? b.resource_name },
        },
      },
      timed,
      createdMs: now,
    });
  }
  return { status: 202, body: undefined };
}

/**
 * The disk backups of a new server backup, one per disk of the server (model_backup_resp.go
 * `children`). Assumed: children carry the disk as `resource_id`/`resource_name` and are not
 * listed on their own; their status is not followed (the parent's is).
 */
export function diskBackupsOf(rs: RegionState, server: Backup): Backup[] {
  const disks = rs.protectableById.get(server.resource_id)?.children ?? [];
  return disks.flatMap((d) =>
    isRecord(d) && typeof d.id === 'string'
      ? [{ ...server, id: randomUUID(), name: `${server.name}-${typeof d.name === 'string' ? d.name : d.id}`, resource_id: d.id, resource_name: typeof d.name === 'string' ? d.name : d.id, resource_type: 'OS::Cinder::Volume', resource_size: typeof d.size === 'number' ? d.size : 0, status: 'available', children: [], replication_records: [] }]
      : [],
  );
}
