/**
 * Restore: what a backup says about how it can be restored, the (empty) answer of RestoreBackup,
 * and the restore operation logs.
 *
 * Sources: huaweicloud-sdk-go-v3 services/cbr/v1/model/model_backup_restore.go (the request),
 * model_backup_extend_info.go (`supported_restore_mode`: `na`, `backup`, `snapshot`),
 * model_backup_resp.go (`children`: the disk backups of a server backup),
 * model_op_extend_info_restore.go (`extra_info.restore` of an operation log); OTC
 * cloud-backup-and-recovery api-ref backups/restoring_from_a_backup.rst (202, no body).
 */
import * as z from 'zod/mini';
import type { Backup } from './cbr';
import type { OperationLog } from './operations';
import { map, onFirstUse, optStr, raw, str } from './primitives';

/** RestoreBackup answers 202 with no body (parsed as `{}`). */
export const RestoreAnswerSchema = onFirstUse(() => map(z.unknown(), () => undefined));

const ChildSchema = onFirstUse(() => raw({ id: str, name: optStr, resource_id: optStr, resource_name: optStr, status: optStr }));

const RestoreFactsSchema = onFirstUse(() => raw({
  children: z.nullish(z.array(ChildSchema)),
  extend_info: z.nullish(raw({ supported_restore_mode: optStr })),
}));

/** One disk backup of a server backup, and the disk it was taken from. */
export interface DiskBackup {
  backupId: string;
  backupName: string;
  volumeId: string | undefined;
  volumeName: string | undefined;
  status: string | undefined;
}

export interface RestoreFacts {
  /** `na` (cannot be restored), `backup` or `snapshot`; undefined when the cloud sent none. */
  supportedRestoreMode: string | undefined;
  /** A server backup's disk backups (empty for a disk backup). */
  disks: DiskBackup[];
}

/** Reads what restore needs from a backup's wire object (kept as `raw`). */
export function restoreFactsOf(backup: Backup): RestoreFacts {
  const parsed = RestoreFactsSchema.safeParse(backup.raw);
  if (!parsed.success) {
    return { supportedRestoreMode: undefined, disks: [] };
  }
  return {
    supportedRestoreMode: parsed.data.extend_info?.supported_restore_mode,
    disks: (parsed.data.children ?? []).map((c) => ({ backupId: c.id, backupName: c.name ?? c.id, volumeId: c.resource_id, volumeName: c.resource_name, status: c.status })),
  };
}

const OpLogRestoreSchema = onFirstUse(() => raw({
  extra_info: z.nullish(raw({
    restore: z.nullish(raw({ backup_id: optStr, backup_name: optStr, target_resource_id: optStr, target_resource_name: optStr })),
  })),
}));

/** `extra_info.restore` of a restore operation log (model_op_extend_info_restore.go). */
export function restoreInfoOf(log: OperationLog): { backupId?: string; targetResourceId?: string; targetResourceName?: string } | undefined {
  const parsed = OpLogRestoreSchema.safeParse(log.raw);
  const r = parsed.success ? parsed.data.extra_info?.restore : undefined;
  return r ? { backupId: r.backup_id, targetResourceId: r.target_resource_id, targetResourceName: r.target_resource_name } : undefined;
}

/** What RestoreBackup sends (camelCase; the client writes the wire body). */
export interface RestoreBackupRequest {
  backupId: string;
  /** A server backup: the server it restores onto. */
  serverId?: string;
  /** A disk backup: the disk it restores onto. */
  volumeId?: string;
  /** A server backup: each disk backup and the disk it restores onto. */
  mappings?: { backupId: string; volumeId: string }[];
  powerOn?: boolean;
}
