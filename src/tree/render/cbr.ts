/** Renderers of the CBR nodes: pure functions from a node to what the row shows (no network, no events). */
import * as vscode from 'vscode';
import { absoluteTime, backupTrigger, capacity, fieldsTooltip, gb, isInProgress, relativeTime, resourceType, statusIcon, statusLabel, toneOf, usedPercent } from '../format';
import type { Backup } from '../../api';
import type { BackupNode, CheckpointNode, ContextValue, GroupNode, ResourceNode, VaultNode } from '../nodes';

function item(label: string, collapsible: boolean, contextValue: ContextValue): vscode.TreeItem {
  const treeItem = new vscode.TreeItem(label, collapsible ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
  treeItem.contextValue = contextValue;
  return treeItem;
}

export function renderVault({ vault }: VaultNode): vscode.TreeItem {
  const b = vault.billing;
  const replication = b.protectType === 'replication';
  const row = item(vault.name, true, replication ? 'vault:replication' : 'vault');
  const kind = replication ? vscode.l10n.t('replica') : resourceType(b.objectType).label;
  row.description = `${kind} · ${capacity(b.used, b.size)}`;
  const percent = usedPercent(b.used, b.size);
  const resources = vault.resources.length;
  row.tooltip = fieldsTooltip(vault.name, [
    [vscode.l10n.t('ID'), vault.id],
    [vscode.l10n.t('Description'), vault.description],
    [vscode.l10n.t('Protects'), resourceType(b.objectType).label],
    [vscode.l10n.t('Purpose'), replication ? vscode.l10n.t('replication (receives copies from another region)') : vscode.l10n.t('backup')],
    [vscode.l10n.t('Capacity'), percent === undefined ? capacity(b.used, b.size) : vscode.l10n.t('{0} used ({1}%)', capacity(b.used, b.size), percent)],
    [vscode.l10n.t('Resources'), String(resources)],
    [vscode.l10n.t('Status'), statusLabel(b.status)],
    [vscode.l10n.t('Consistency level'), b.consistentLevel === 'app_consistent' ? vscode.l10n.t('application-consistent') : b.consistentLevel === 'crash_consistent' ? vscode.l10n.t('crash-consistent') : b.consistentLevel],
    [vscode.l10n.t('Billing'), b.chargingMode === 'post_paid' ? vscode.l10n.t('pay-per-use') : b.chargingMode === 'pre_paid' ? vscode.l10n.t('yearly/monthly') : b.chargingMode],
    [vscode.l10n.t('Billing status'), b.status],
    [vscode.l10n.t('Automatic association'), vault.autoBind === undefined ? undefined : vault.autoBind ? vscode.l10n.t('on') : vscode.l10n.t('off')],
    [vscode.l10n.t('Tags'), vault.tags.length > 0 ? vault.tags.map((t) => (t.value ? `${t.key}=${t.value}` : t.key)).join(', ') : undefined],
    [vscode.l10n.t('Created'), absoluteTime(vault.createdAt)],
  ]);
  row.iconPath = percent !== undefined && percent > 80 && b.status === 'available'
    ? new vscode.ThemeIcon(replication ? 'mirror' : 'archive', new vscode.ThemeColor('editorWarning.foreground'))
    : statusIcon(b.status === 'available' ? 'neutral' : b.status, replication ? 'mirror' : 'archive');
  return row;
}

export function renderGroup(node: GroupNode): vscode.TreeItem {
  const resources = node.kind === 'resources';
  const row = item(resources ? vscode.l10n.t('Resources') : vscode.l10n.t('Restore points'), true, resources ? 'group:resources' : 'group:checkpoints');
  row.iconPath = new vscode.ThemeIcon(resources ? 'symbol-class' : 'history');
  if (resources) {
    row.description = String(node.vault.resources.length);
  }
  return row;
}

export function renderResource({ resource }: ResourceNode): vscode.TreeItem {
  const type = resourceType(resource.type);
  const row = item(resource.name, true, 'resource');
  const backups = resource.backupCount === 1 ? vscode.l10n.t('1 backup') : vscode.l10n.t('{0} backups', resource.backupCount ?? 0);
  // The usual status (available) goes without saying; anything else is worth the space.
  const status = !resource.protectStatus || resource.protectStatus === 'available' ? undefined : statusLabel(resource.protectStatus);
  row.description = [type.label, status, gb(resource.size), backups].filter(Boolean).join(' · ');
  row.tooltip = fieldsTooltip(resource.name, [
    [vscode.l10n.t('ID'), resource.id],
    [vscode.l10n.t('Type'), `${type.label} (${resource.type})`],
    [vscode.l10n.t('Status'), statusLabel(resource.protectStatus) || undefined],
    [vscode.l10n.t('Size'), gb(resource.size)],
    [vscode.l10n.t('Backups'), String(resource.backupCount ?? 0)],
  ]);
  row.accessibilityInformation = { label: `${resource.name}, ${row.description}` };
  row.iconPath = toneOf(resource.protectStatus) === 'ok' || !resource.protectStatus ? new vscode.ThemeIcon(type.icon) : statusIcon(resource.protectStatus, type.icon);
  return row;
}

/** A restore point is in progress while any backup is; in error when any failed. */
export function checkpointStatus(node: Pick<CheckpointNode, 'backups'>): string {
  const statuses = node.backups.map((b) => b.status);
  const busy = statuses.find((s) => isInProgress(s));
  if (busy) {
    return busy;
  }
  return statuses.some((s) => toneOf(s) === 'bad') ? 'error' : 'available';
}

export function renderCheckpoint(node: CheckpointNode): vscode.TreeItem {
  const status = checkpointStatus(node);
  const row = item(node.name, true, isInProgress(status) ? 'checkpoint:inflight' : 'checkpoint');
  row.description = [relativeTime(node.createdAt), statusLabel(status), node.partial ? vscode.l10n.t('incomplete') : undefined].filter(Boolean).join(' · ');
  const first = node.backups[0];
  const trigger = backupTrigger(first?.raw);
  row.tooltip = fieldsTooltip(
    node.name,
    [
      [vscode.l10n.t('Restore point'), node.checkpointId],
      [vscode.l10n.t('Description'), first?.description],
      [vscode.l10n.t('Status'), statusLabel(status)],
      [vscode.l10n.t('Made'), trigger === 'auto' ? vscode.l10n.t('by a policy') : trigger === 'manual' ? vscode.l10n.t('manually') : undefined],
      [vscode.l10n.t('Backups'), String(node.backups.length)],
      [vscode.l10n.t('Replication'), [...new Set(node.backups.map(replicationState).filter((r): r is string => r !== undefined))].join('; ') || undefined],
      [vscode.l10n.t('Created'), absoluteTime(node.createdAt)],
      [vscode.l10n.t('Kept until'), keptUntil(node.backups.map((b) => b.expiredAt))],
    ],
    node.partial ? vscode.l10n.t('Some of its backups are on the next page: use Load more to see them all.') : undefined,
  );
  row.iconPath = statusIcon(status, 'history');
  return row;
}

export function renderBackup({ backup, labelBy }: BackupNode): vscode.TreeItem {
  const label = labelBy === 'resource' ? (backup.resourceName ?? backup.name) : backup.name;
  const row = item(label, false, 'backup');
  const failed = toneOf(backup.status) === 'bad';
  // A failed backup holds no data: its size would only mislead.
  const replica = backup.replicationRecords.at(-1);
  row.description = [labelBy === 'backup' ? relativeTime(backup.createdAt) : undefined, failed ? undefined : gb(backup.resourceSize), statusLabel(backup.status), replicationState(backup)].filter(Boolean).join(' · ');
  const trigger = backupTrigger(backup.raw);
  row.tooltip = fieldsTooltip(backup.name, [
    [vscode.l10n.t('ID'), backup.id],
    [vscode.l10n.t('Resource'), backup.resourceName ? `${backup.resourceName} (${resourceType(backup.resourceType).label})` : undefined],
    [vscode.l10n.t('Status'), statusLabel(backup.status)],
    [vscode.l10n.t('Size'), failed ? undefined : gb(backup.resourceSize)],
    [vscode.l10n.t('Kind'), backup.incremental === undefined ? undefined : backup.incremental ? vscode.l10n.t('incremental') : vscode.l10n.t('full')],
    [vscode.l10n.t('Made'), trigger === 'auto' ? vscode.l10n.t('by a policy') : trigger === 'manual' ? vscode.l10n.t('manually') : undefined],
    [vscode.l10n.t('Copy of'), backup.imageType === 'replication' ? vscode.l10n.t('a backup in another region') : undefined],
    [vscode.l10n.t('Replication'), replicationState(backup)],
    [vscode.l10n.t('Replication failure'), replica?.failCode || replica?.failReason ? [replica.failCode, replica.failReason].filter(Boolean).join(': ') : undefined],
    [vscode.l10n.t('Created'), absoluteTime(backup.createdAt)],
    [vscode.l10n.t('Kept until'), keptUntil([backup.expiredAt])],
  ]);
  // Sibling rows may share a name: the time and id tell them apart for a screen reader.
  row.accessibilityInformation = { label: `${label}, ${row.description}, ${absoluteTime(backup.createdAt)}` };
  row.iconPath = statusIcon(backup.status, 'file-binary');
  return row;
}

/** "Kept until" of the earliest expiry, or "until deleted" when none has one. */
function keptUntil(expiries: readonly (Date | undefined)[]): string {
  const dates = expiries.filter((d): d is Date => d !== undefined).map((d) => d.getTime());
  return dates.length === 0 ? vscode.l10n.t('until deleted') : absoluteTime(new Date(Math.min(...dates)));
}

/**
 * A backup's replication in a few words, from its newest replication record (`replication_records`,
 * HW-Go model_replication_record_get.go: replicating, success, fail, skip, waiting_replicate):
 * "replicated to ap-southeast-2". Undefined when it has none (Open Telekom Cloud sends none).
 */
export function replicationState(backup: Pick<Backup, 'replicationRecords'>): string | undefined {
  const record = backup.replicationRecords.at(-1);
  if (!record) {
    return undefined;
  }
  const region = record.destinationRegion ?? '?';
  switch (record.status) {
    case 'success':
      return vscode.l10n.t('replicated to {0}', region);
    case 'replicating':
    case 'waiting_replicate':
      return vscode.l10n.t('replicating to {0}', region);
    case 'fail':
      return vscode.l10n.t('replication to {0} failed', region);
    case 'skip':
      return vscode.l10n.t('replication to {0} skipped', region);
    default:
      return record.status ? `${record.status} → ${region}` : undefined;
  }
}
