/** Renderers of a region's Activity group and its operations: pure, no network, no events. */
import * as vscode from 'vscode';
import type { OperationLog } from '../../api';
import { Commands } from '../../constants';
import { absoluteTime, fieldsTooltip, relativeTime, statusIcon, statusLabel, toneOf } from '../format';
import type { ActivityNode, OperationNode } from '../nodes';

export function renderActivity(_node: ActivityNode): vscode.TreeItem {
  const row = new vscode.TreeItem(vscode.l10n.t('Activity'), vscode.TreeItemCollapsibleState.Collapsed);
  row.description = vscode.l10n.t('recent operations');
  row.tooltip = vscode.l10n.t('Backups, restores, replications and deletions in this region, newest first, from the cloud’s operation logs.');
  row.iconPath = new vscode.ThemeIcon('pulse');
  row.contextValue = 'activity';
  return row;
}

/** The operation types the API documents (ListOpLogs `operation_type`), in words. */
export function operationLabel(type: string | undefined): string {
  switch (type) {
    case 'backup':
      return vscode.l10n.t('Backup');
    case 'restore':
      return vscode.l10n.t('Restore');
    case 'replication':
      return vscode.l10n.t('Replication');
    case 'copy':
      return vscode.l10n.t('Copy');
    case 'delete':
      return vscode.l10n.t('Backup deletion');
    case 'vault_delete':
      return vscode.l10n.t('Vault deletion');
    case 'remove_resource':
      return vscode.l10n.t('Resource removal');
    case 'sync':
      return vscode.l10n.t('Sync');
    default:
      return type ?? vscode.l10n.t('Operation');
  }
}

/** What the operation was about, in a few words: the resource, else the vault. */
function subjectOf(op: OperationLog): string | undefined {
  return op.resource?.name ?? op.replication?.sourceBackupName ?? op.vaultName;
}

export function renderOperation({ operation: op, region }: OperationNode): vscode.TreeItem {
  const subject = subjectOf(op);
  const label = subject ? `${operationLabel(op.operationType)}: ${subject}` : operationLabel(op.operationType);
  const row = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
  const failed = toneOf(op.status) === 'bad';
  const running = toneOf(op.status) === 'busy';
  row.description = [statusLabel(op.status), running && op.progress !== undefined ? `${op.progress}%` : undefined, relativeTime(op.startedAt ?? op.createdAt)].filter(Boolean).join(' · ');
  const duration = op.startedAt && op.endedAt ? Math.max(0, Math.round((op.endedAt.getTime() - op.startedAt.getTime()) / 1000)) : undefined;
  row.tooltip = fieldsTooltip(label, [
    [vscode.l10n.t('Status'), statusLabel(op.status)],
    [vscode.l10n.t('Progress'), op.progress === undefined ? undefined : `${op.progress}%`],
    [vscode.l10n.t('Vault'), op.vaultName ?? op.vaultId],
    [vscode.l10n.t('Resource'), op.resource ? `${op.resource.name ?? ''} ${op.resource.id ?? ''}`.trim() : undefined],
    [vscode.l10n.t('Destination'), op.replication?.destinationRegion],
    [vscode.l10n.t('Started'), absoluteTime(op.startedAt ?? op.createdAt)],
    [vscode.l10n.t('Finished'), op.endedAt ? absoluteTime(op.endedAt) : undefined],
    [vscode.l10n.t('Took'), duration === undefined ? undefined : vscode.l10n.t('{0} s', duration)],
    [vscode.l10n.t('Failure'), op.errorInfo ? [op.errorInfo.code, op.errorInfo.message].filter(Boolean).join(': ') : undefined],
    [vscode.l10n.t('ID'), op.id],
  ], failed && op.vaultId ? vscode.l10n.t('Select to show what failed in the tree.') : undefined);
  row.accessibilityInformation = { label: `${label}, ${row.description}` };
  row.iconPath = statusIcon(op.status, 'pulse');
  row.contextValue = failed ? 'operation:failed' : 'operation';
  if (op.vaultId) {
    row.command = { command: Commands.showOperationTarget, title: vscode.l10n.t('Show in the tree'), arguments: [region, op.vaultId, op.checkpointId] };
  }
  return row;
}
