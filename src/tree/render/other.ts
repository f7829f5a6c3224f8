/** Renderers of the region, GaussDB, Load more and message rows: pure, no network, no events. */
import * as vscode from 'vscode';
import { Commands } from '../../constants';
import { absoluteTime, mb, relativeTime, statusIcon, statusLabel } from '../format';
import type { GaussBackupNode, InstanceNode, InstancesNode, LoadMoreNode, MessageNode, RegionNode } from '../nodes';

export function renderRegion(node: RegionNode, projectId: string | undefined): vscode.TreeItem {
  const row = new vscode.TreeItem(node.region, vscode.TreeItemCollapsibleState.Expanded);
  row.description = projectId;
  row.iconPath = new vscode.ThemeIcon('globe');
  row.contextValue = 'region';
  return row;
}

export function renderInstances(_node: InstancesNode): vscode.TreeItem {
  const row = new vscode.TreeItem(vscode.l10n.t('Database instances'), vscode.TreeItemCollapsibleState.Collapsed);
  row.description = 'GaussDB(for MySQL)';
  row.iconPath = new vscode.ThemeIcon('database');
  row.contextValue = 'instances';
  return row;
}

export function renderInstance({ instance }: InstanceNode): vscode.TreeItem {
  const row = new vscode.TreeItem(instance.name, vscode.TreeItemCollapsibleState.Collapsed);
  row.description = statusLabel(instance.status);
  row.tooltip = `${instance.name}\n${instance.id}\n${instance.datastore?.type ?? ''} ${instance.datastore?.version ?? ''}`;
  row.iconPath = statusIcon(instance.status === 'normal' ? 'neutral' : instance.status, 'database');
  row.contextValue = 'instance';
  return row;
}

export function renderGaussBackup({ backup }: GaussBackupNode): vscode.TreeItem {
  const row = new vscode.TreeItem(backup.name, vscode.TreeItemCollapsibleState.None);
  row.description = [statusLabel(backup.status), mb(backup.size), backup.type, relativeTime(backup.beginTime)].filter(Boolean).join(' · ');
  row.tooltip = `${backup.name}\n${backup.id}\n${absoluteTime(backup.beginTime)}`;
  row.iconPath = statusIcon(backup.status, 'file-binary');
  row.contextValue = 'gaussBackup';
  return row;
}

export function renderLoadMore(node: LoadMoreNode): vscode.TreeItem {
  const row = new vscode.TreeItem(vscode.l10n.t('Load more…'), vscode.TreeItemCollapsibleState.None);
  // Restore points are built from backups, so their page counts backups, not restore points.
  row.description = node.list.kind === 'vaultBackups' ? vscode.l10n.t('{0} of {1} backups loaded', node.shown, node.total) : vscode.l10n.t('{0} of {1} shown', node.shown, node.total);
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

/** Markdown's special characters, so a cloud message is shown as text. */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
