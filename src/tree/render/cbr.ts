/** Renderers of the CBR nodes: pure functions from a node to what the row shows (no network, no events). */
import * as vscode from 'vscode';
import { absoluteTime, gb, isInProgress, mb, relativeTime, resourceType, statusIcon, statusLabel, toneOf } from '../format';
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
  row.description = `${b.objectType ?? ''} · ${mb(b.used)} / ${gb(b.size)}`;
  row.tooltip = new vscode.MarkdownString(
    [
      `**${vault.name}**`,
      '',
      `${vscode.l10n.t('ID')}: \`${vault.id}\``,
      `${vscode.l10n.t('Billing status')}: ${b.status ?? '—'}`,
      `${vscode.l10n.t('Protection type')}: ${b.protectType ?? '—'}`,
      `${vscode.l10n.t('Consistency level')}: ${b.consistentLevel ?? '—'}`,
      `${vscode.l10n.t('Created')}: ${absoluteTime(vault.createdAt)}`,
    ].join('  \n'),
  );
  row.iconPath = statusIcon(b.status === 'available' ? 'neutral' : b.status, replication ? 'mirror' : 'archive');
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
  row.description = [type.label, statusLabel(resource.protectStatus), gb(resource.size), backups].join(' · ');
  row.tooltip = `${resource.name}\n${resource.type}\n${resource.id}`;
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
  row.description = `${relativeTime(node.createdAt)} · ${statusLabel(status)}`;
  row.tooltip = `${node.name}\n${vscode.l10n.t('Restore point')} ${node.checkpointId}\n${absoluteTime(node.createdAt)}`;
  row.iconPath = statusIcon(status, 'history');
  return row;
}

export function renderBackup({ backup, labelBy }: BackupNode): vscode.TreeItem {
  const row = item(labelBy === 'resource' ? (backup.resourceName ?? backup.name) : backup.name, false, 'backup');
  row.description = [labelBy === 'backup' ? relativeTime(backup.createdAt) : undefined, gb(backup.resourceSize), statusLabel(backup.status)].filter(Boolean).join(' · ');
  row.tooltip = `${backup.name}\n${backup.id}\n${absoluteTime(backup.createdAt)}`;
  row.iconPath = statusIcon(backup.status, 'file-binary');
  return row;
}
