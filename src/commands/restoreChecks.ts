/**
 * What `cbr.restoreBackup` checks and plans before it sends anything, and the safety restore
 * point it takes first. No `vscode` beyond l10n, so the unit tests run it directly.
 *
 * Preconditions (huaweicloud-sdk-go-v3 services/cbr/v1/model/model_backup_restore.go and
 * model_backup_extend_info.go; OTC api-ref backups/restoring_from_a_backup.rst): only an
 * `available` backup is restored; `supported_restore_mode` `na` cannot be restored; a server
 * backup restores to its server with every disk backup mapped onto a disk.
 */
import * as vscode from 'vscode';
import { restoreFactsOf, type Backup, type CloudSession, type DiskBackup, type RestoreBackupRequest } from '../api';
import { describeError } from '../common/errors';

export const SERVER_TYPE = 'OS::Nova::Server';

export interface RestorePlan {
  request: RestoreBackupRequest;
  /** The server or disk whose data is overwritten. */
  targetId: string;
  targetName: string;
  isServer: boolean;
  disks: DiskBackup[];
}

/** Why this backup cannot be restored, in words; undefined when it can. */
export function whyNotRestorable(backup: Backup): string | undefined {
  const facts = restoreFactsOf(backup);
  if (backup.status !== 'available') {
    return vscode.l10n.t('Backup {0} is {1}; only an available backup can be restored.', backup.name, backup.status);
  }
  if (facts.supportedRestoreMode === 'na') {
    return vscode.l10n.t('The cloud says backup {0} cannot be restored.', backup.name);
  }
  if (!backup.resourceId) {
    return vscode.l10n.t('Backup {0} names no server or disk to restore onto.', backup.name);
  }
  if (backup.resourceType === SERVER_TYPE) {
    if (facts.disks.length === 0) {
      return vscode.l10n.t('Server backup {0} lists no disk backups, so its disks cannot be paired.', backup.name);
    }
    const unmapped = facts.disks.find((d) => !d.volumeId);
    if (unmapped) {
      return vscode.l10n.t('Disk backup {0} does not say which disk it was taken from.', unmapped.backupName);
    }
  }
  return undefined;
}

/** The restore onto the original server (each disk backup onto the disk it was taken from) or disk. */
export function planRestore(backup: Backup, powerOn: boolean): RestorePlan {
  const reason = whyNotRestorable(backup);
  if (reason) {
    throw new Error(reason);
  }
  const targetId = backup.resourceId!;
  const targetName = backup.resourceName ?? targetId;
  const facts = restoreFactsOf(backup);
  if (backup.resourceType === SERVER_TYPE) {
    return {
      request: { backupId: backup.id, serverId: targetId, mappings: facts.disks.map((d) => ({ backupId: d.backupId, volumeId: d.volumeId! })), powerOn },
      targetId,
      targetName,
      isServer: true,
      disks: facts.disks,
    };
  }
  return { request: { backupId: backup.id, volumeId: targetId }, targetId, targetName, isServer: false, disks: [] };
}

/** The confirmation's words: what is overwritten, each disk mapping, the backup's time. */
export function describeOverwrite(plan: RestorePlan, backup: Backup): string {
  const when = backup.createdAt ? backup.createdAt.toLocaleString() : vscode.l10n.t('unknown time');
  const lines = [
    plan.isServer
      ? vscode.l10n.t('Server {0} ({1}) is overwritten with backup {2} taken {3}. All current data on its disks is lost.', plan.targetName, plan.targetId, backup.name, when)
      : vscode.l10n.t('Disk {0} ({1}) is overwritten with backup {2} taken {3}. All current data on it is lost.', plan.targetName, plan.targetId, backup.name, when),
    ...plan.disks.map((d) => vscode.l10n.t('Disk backup {0} → disk {1} ({2})', d.backupName, d.volumeName ?? d.volumeId ?? '', d.volumeId ?? '')),
  ];
  return lines.join('\n');
}

export type SafetyOutcome = { ok: true; checkpointId: string } | { ok: false; reason: string };

/**
 * Takes a restore point of the resource and waits until it is available. Any failure (refused,
 * skipped, error status, timed out) is returned as a reason: the caller then restores nothing.
 */
export async function takeSafetyRestorePoint(
  session: Pick<CloudSession, 'cbr'>,
  o: { vaultId: string; resourceId: string; name: string; pollMs: number; timeoutMs: number; sleep?: (ms: number) => Promise<void> },
): Promise<SafetyOutcome> {
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let checkpointId: string;
  try {
    const checkpoint = await session.cbr.createCheckpoint({ vaultId: o.vaultId, name: o.name, resourceIds: [o.resourceId] });
    const skipped = checkpoint.vault?.skippedResources.find((r) => r.id === o.resourceId);
    if (skipped) {
      return { ok: false, reason: vscode.l10n.t('The safety restore point was skipped: {0} ({1})', skipped.reason ?? '', skipped.code ?? '') };
    }
    checkpointId = checkpoint.id;
  } catch (err) {
    return { ok: false, reason: vscode.l10n.t('The safety restore point could not be created: {0}', describeError(err)) };
  }
  const deadline = Date.now() + o.timeoutMs;
  for (;;) {
    try {
      const { backups } = await session.cbr.listBackups({ checkpointId, limit: 100 });
      const mine = backups.filter((b) => b.resourceId === o.resourceId);
      if (mine.some((b) => b.status === 'error')) {
        return { ok: false, reason: vscode.l10n.t('The safety restore point {0} failed in the cloud.', o.name) };
      }
      if (mine.length > 0 && mine.every((b) => b.status === 'available')) {
        return { ok: true, checkpointId };
      }
    } catch (err) {
      return { ok: false, reason: vscode.l10n.t('Following the safety restore point failed: {0}', describeError(err)) };
    }
    if (Date.now() >= deadline) {
      return { ok: false, reason: vscode.l10n.t('The safety restore point {0} was not available in time.', o.name) };
    }
    await sleep(o.pollMs);
  }
}
