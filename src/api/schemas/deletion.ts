/** Answers of the delete calls, and which backups may be deleted. */
import * as z from 'zod/mini';
import type { BackupStatus } from './cbr';
import { map, onFirstUse, raw, str } from './primitives';

/**
 * CBR DeleteBackup and DeleteVault answer 204 with no body (huaweicloud-sdk-go-v3
 * services/cbr/v1/model/model_delete_backup_response.go, model_delete_vault_response.go).
 */
export const EmptyAnswerSchema = onFirstUse(() => map(z.unknown(), () => undefined));

/**
 * Only `available` or `error` backups may be deleted (OTC cloud-backup-recovery
 * umn/source/backup_management/deleting_a_backup.rst, "Prerequisites").
 */
export const DELETABLE_BACKUP_STATUSES = ['available', 'error'] as const satisfies readonly BackupStatus[];

/** GaussDB(for MySQL) DeleteBackup: 200 `{backup_id, backup_name}` (model_delete_gauss_my_sql_backup_response.go). */
export const GaussDeleteBackupSchema = onFirstUse(() => map(raw({ backup_id: str, backup_name: str }), (r) => ({ backupId: r.backup_id, backupName: r.backup_name })));

/**
 * Why a backup may not be deleted now, or undefined when it may (checked before any DELETE is
 * sent): being made or restored is refused by the cloud; `deleting` is already on its way.
 */
export function whyNotDeletable(status: BackupStatus): 'beingMade' | 'beingRestored' | 'beingDeleted' | undefined {
  if ((DELETABLE_BACKUP_STATUSES as readonly BackupStatus[]).includes(status)) {
    return undefined;
  }
  if (status === 'restoring' || status === 'waiting_restore') {
    return 'beingRestored';
  }
  return status === 'deleting' || status === 'waiting_delete' ? 'beingDeleted' : 'beingMade';
}

/**
 * A backup whose DELETE was sent (or whose answer was lost) and that now answers "not found" is
 * deleted: the documented way to see a delete finish is a 404 on get (GTC acceptance tests,
 * `waitForBackupDelete`).
 */
export function countsAsDeleted(failure: { kind: string }, deleteSent: boolean): boolean {
  return deleteSent && failure.kind === 'notFound';
}
