/** Renderers of the region, GaussDB, Load more and message rows: pure, no network, no events. */
import * as vscode from 'vscode';
import { Commands } from '../../constants';
import { regionDisplayName } from '../../api';
import { absoluteTime, escapeMarkdown, fieldsTooltip, mb, relativeTime, statusIcon, statusLabel, toneOf } from '../format';
import type { GaussBackupNode, InstanceNode, InstancesNode, LoadMoreNode, MessageNode, RegionNode } from '../nodes';

export function renderRegion(node: RegionNode, projectId: string | undefined): vscode.TreeItem {
  const row = new vscode.TreeItem(node.region, vscode.TreeItemCollapsibleState.Expanded);
  const name = regionDisplayName(node.region);
  row.description = name;
  row.tooltip = fieldsTooltip(name ?? node.region, [
    [vscode.l10n.t('Region'), node.region],
    [vscode.l10n.t('Project ID'), projectId],
  ]);
  row.iconPath = new vscode.ThemeIcon('globe');
  row.contextValue = 'region';
  return row;
}

export function renderInstances(_node: InstancesNode): vscode.TreeItem {
  const row = new vscode.TreeItem(vscode.l10n.t('Database instances'), vscode.TreeItemCollapsibleState.Collapsed);
  row.description = 'GaussDB';
  row.tooltip = vscode.l10n.t('GaussDB(for MySQL) instances in this region');
  row.iconPath = new vscode.ThemeIcon('database');
  row.contextValue = 'instances';
  return row;
}

export function renderInstance({ instance }: InstanceNode): vscode.TreeItem {
  const row = new vscode.TreeItem(instance.name, vscode.TreeItemCollapsibleState.Collapsed);
  row.description = statusLabel(instance.status);
  row.tooltip = fieldsTooltip(instance.name, [
    [vscode.l10n.t('ID'), instance.id],
    [vscode.l10n.t('Status'), statusLabel(instance.status)],
    [vscode.l10n.t('Engine'), [instance.datastore?.type, instance.datastore?.version].filter(Boolean).join(' ') || undefined],
    [vscode.l10n.t('Type'), instance.type],
    [vscode.l10n.t('Private IP addresses'), instance.privateIps.length > 0 ? instance.privateIps.join(', ') : undefined],
    [vscode.l10n.t('Port'), instance.port],
    [vscode.l10n.t('Created'), instance.created ? absoluteTime(instance.created) : undefined],
  ]);
  row.iconPath = statusIcon(instance.status === 'normal' ? 'neutral' : instance.status, 'database');
  row.contextValue = 'instance';
  return row;
}

export function renderGaussBackup({ backup }: GaussBackupNode): vscode.TreeItem {
  const row = new vscode.TreeItem(backup.name, vscode.TreeItemCollapsibleState.None);
  const failed = toneOf(backup.status) === 'bad';
  const kind = backup.type === 'auto' ? vscode.l10n.t('auto') : backup.type === 'manual' ? vscode.l10n.t('manual') : backup.type;
  row.description = [statusLabel(backup.status), failed ? undefined : mb(backup.size), kind, relativeTime(backup.beginTime)].filter(Boolean).join(' · ');
  row.tooltip = fieldsTooltip(backup.name, [
    [vscode.l10n.t('ID'), backup.id],
    [vscode.l10n.t('Description'), backup.description],
    [vscode.l10n.t('Status'), statusLabel(backup.status)],
    [vscode.l10n.t('Size'), failed ? undefined : mb(backup.size)],
    [vscode.l10n.t('Made'), backup.type === 'auto' ? vscode.l10n.t('by the automated backup policy') : backup.type === 'manual' ? vscode.l10n.t('manually') : backup.type],
    [vscode.l10n.t('Started'), absoluteTime(backup.beginTime)],
    [vscode.l10n.t('Finished'), backup.endTime ? absoluteTime(backup.endTime) : undefined],
  ]);
  row.accessibilityInformation = { label: `${backup.name}, ${row.description}, ${absoluteTime(backup.beginTime)}` };
  row.iconPath = statusIcon(backup.status, 'file-binary');
  // Only manual backups may be deleted: the menu offers Delete on those alone.
  row.contextValue = backup.type === 'manual' ? 'gaussBackup:manual' : 'gaussBackup';
  return row;
}

export function renderLoadMore(node: LoadMoreNode): vscode.TreeItem {
  const row = new vscode.TreeItem(vscode.l10n.t('Load more…'), vscode.TreeItemCollapsibleState.None);
  // The cloud counts backups, not restore points, so a vault's restore points say only how many are shown.
  row.description = node.list.kind === 'vaultBackups' ? vscode.l10n.t('{0} restore points shown', node.shown) : vscode.l10n.t('{0} of {1} shown', node.shown, node.total);
  row.iconPath = new vscode.ThemeIcon('ellipsis');
  row.command = { command: Commands.loadMore, title: vscode.l10n.t('Load more…'), arguments: [node] };
  row.contextValue = 'loadMore';
  return row;
}

export function renderMessage(node: MessageNode): vscode.TreeItem {
  const row = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
  if (node.severity === 'info') {
    row.iconPath = new vscode.ThemeIcon('info');
    row.contextValue = 'empty';
    return row;
  }
  const next = node.signInAgain ? vscode.l10n.t('Sign in again') : vscode.l10n.t('Retry');
  row.description = node.reason ? `${node.reason} · ${next}` : next;
  const tooltip = new vscode.MarkdownString();
  tooltip.appendMarkdown(`**${escapeMarkdown(node.label)}**\n\n`);
  tooltip.appendMarkdown(escapeMarkdown(node.detail ?? node.label));
  if (node.aboveStaleRows) {
    tooltip.appendMarkdown(`\n\n${escapeMarkdown(vscode.l10n.t('The rows below are from the last successful load.'))}`);
  }
  tooltip.appendMarkdown(`\n\n_${node.signInAgain ? vscode.l10n.t('Select to sign in again.') : vscode.l10n.t('Select to retry.')}_`);
  row.tooltip = tooltip;
  row.accessibilityInformation = { label: `${node.label}. ${node.detail ?? ''} ${next}`.replace(/\s+/g, ' ').trim() };
  row.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
  row.command = node.signInAgain ? { command: Commands.signIn, title: next } : { command: Commands.retryLoad, title: next, arguments: [node] };
  row.contextValue = node.signInAgain ? 'error:auth' : 'error';
  return row;
}
