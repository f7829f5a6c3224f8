/**
 * What the delete commands start from, and the words of their confirmations. No `vscode` beyond
 * l10n, so the unit tests run it directly.
 *
 * A context-menu command of a tree with `canSelectMany` is called with the row clicked and the
 * whole selection: `(node, nodes[])`. The selection counts only when it includes the row clicked
 * (a right-click outside the selection acts on that row alone); from the palette both are absent.
 */
import * as vscode from 'vscode';
import { whyNotDeletable, type Backup, type BackupStatus, type GaussBackup, type GaussInstance, type Vault, type VaultResource } from '../api';

/** Where the backups to delete come from: rows of backups, or a restore point (all its backups). */
export type BackupSource =
  | { kind: 'backup'; region: string; backup: Backup; vault: Vault | undefined }
  /** `partial`: some of its backups are on a page the tree has not loaded; they are listed again. */
  | { kind: 'checkpoint'; region: string; vault: Vault; checkpointId: string; name: string; backups: Backup[]; partial: boolean };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** The rows a command acts on: the selection when it holds the row clicked, else that row alone. */
export function rowsOf(clicked: unknown, selection: unknown): unknown[] {
  if (clicked === undefined) {
    return [];
  }
  return Array.isArray(selection) && selection.includes(clicked) ? selection : [clicked];
}

/** A backup or restore point row as a source of backups to delete; undefined for any other row. */
export function backupSourceOf(row: unknown): BackupSource | undefined {
  if (!isObject(row) || typeof row.region !== 'string') {
    return undefined;
  }
  if (row.kind === 'backup' && isObject(row.backup)) {
    const parentVault = isObject(row.parent) && isObject(row.parent.vault) ? (row.parent.vault as Vault) : undefined;
    return { kind: 'backup', region: row.region, backup: row.backup as Backup, vault: parentVault };
  }
  if (row.kind === 'checkpoint' && isObject(row.vault) && typeof row.checkpointId === 'string' && Array.isArray(row.backups)) {
    return {
      kind: 'checkpoint',
      region: row.region,
      vault: row.vault as Vault,
      checkpointId: row.checkpointId,
      name: typeof row.name === 'string' ? row.name : row.checkpointId,
      backups: row.backups as Backup[],
      partial: row.partial === true,
    };
  }
  return undefined;
}

/** Every backup source among the rows (other rows are ignored), or undefined when there is none. */
export function backupSourcesOf(clicked: unknown, selection: unknown): BackupSource[] | undefined {
  const sources = rowsOf(clicked, selection).flatMap((r) => backupSourceOf(r) ?? []);
  return sources.length > 0 ? sources : undefined;
}

/** A vault row, or a row under a vault (a resource), as the vault to act on. */
export function vaultOf(row: unknown): { region: string; vault: Vault; resource?: VaultResource } | undefined {
  if (!isObject(row) || typeof row.region !== 'string' || !isObject(row.vault)) {
    return undefined;
  }
  const resource = row.kind === 'resource' && isObject(row.resource) ? (row.resource as VaultResource) : undefined;
  return row.kind === 'vault' || resource ? { region: row.region, vault: row.vault as Vault, resource } : undefined;
}

/** A GaussDB backup row. */
export function gaussBackupOf(row: unknown): { region: string; instance: GaussInstance; backup: GaussBackup } | undefined {
  if (!isObject(row) || typeof row.region !== 'string' || row.kind !== 'gaussBackup' || !isObject(row.instance) || !isObject(row.backup)) {
    return undefined;
  }
  return { region: row.region, instance: row.instance as GaussInstance, backup: row.backup as GaussBackup };
}

/** Each backup once (a backup row and its restore point may both be selected). */
export function uniqueBackups(backups: readonly Backup[]): Backup[] {
  const seen = new Set<string>();
  return backups.filter((b) => !seen.has(b.id) && seen.add(b.id));
}

/** The name a user knows a backup by: its resource and its own name. */
export function backupLabel(b: Backup): string {
  return b.resourceName ? `${b.resourceName}: ${b.name}` : b.name;
}

/** "12 GB"; the backups' resource sizes added up (what the cloud reports per backup). */
export function totalSize(backups: readonly Backup[]): string {
  const gb = backups.reduce((sum, b) => sum + (b.resourceSize ?? 0), 0);
  return `${gb} GB`;
}

/** Names shown in a confirmation before "and N more". */
export const MAX_NAMED = 10;

/** The modal confirmation of a backup deletion: the count and total size, then each name. */
export function confirmBackupsText(backups: readonly Backup[]): { message: string; detail: string } {
  const message =
    backups.length === 1
      ? vscode.l10n.t('Delete 1 backup ({0})?', totalSize(backups))
      : vscode.l10n.t('Delete {0} backups ({1})?', backups.length, totalSize(backups));
  const lines = backups.slice(0, MAX_NAMED).map((b) => `• ${backupLabel(b)} · ${b.resourceSize ?? '?'} GB${b.createdAt ? ` · ${b.createdAt.toLocaleString()}` : ''}`);
  if (backups.length > MAX_NAMED) {
    lines.push(vscode.l10n.t('and {0} more', backups.length - MAX_NAMED));
  }
  lines.push('', vscode.l10n.t('A deleted backup cannot be recovered.'));
  return { message, detail: lines.join('\n') };
}

/** Why this backup may not be deleted now; a status the API does not document counts as being made (refused). */
export function deletability(b: Backup): ReturnType<typeof whyNotDeletable> {
  return whyNotDeletable(b.status as BackupStatus);
}

/** Why none of these may be deleted now (one is being made or restored), in words; undefined when all may. */
export function whyNotDeletableText(backups: readonly Backup[]): string | undefined {
  const made = backups.filter((b) => deletability(b) === 'beingMade');
  const restored = backups.filter((b) => deletability(b) === 'beingRestored');
  const names = (list: readonly Backup[]) => list.slice(0, MAX_NAMED).map(backupLabel).join(', ');
  if (made.length > 0) {
    return vscode.l10n.t('Nothing was deleted: {0} is still being made ({1}). Try again once it is available.', names(made), made[0]?.status ?? '');
  }
  if (restored.length > 0) {
    return vscode.l10n.t('Nothing was deleted: {0} is being restored. Try again once the restore has finished.', names(restored));
  }
  return undefined;
}

/** The label of a deletion in the status bar and its notifications: "3 backups", or the one backup's name. */
export function deletionLabel(backups: readonly Backup[]): string {
  const only = backups.length === 1 ? backups[0] : undefined;
  return only ? backupLabel(only) : vscode.l10n.t('{0} backups', backups.length);
}
