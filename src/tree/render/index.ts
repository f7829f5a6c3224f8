import * as vscode from 'vscode';
import type { ExplorerNode } from '../nodes';
import { renderBackup, renderCheckpoint, renderGroup, renderResource, renderVault } from './cbr';
import { renderActivity, renderOperation } from './activity';
import { renderPolicies, renderPolicy, withVaultPolicies, type PolicyFacts } from './policies';
import { renderGaussBackup, renderInstance, renderInstances, renderLoadMore, renderMessage, renderRegion } from './other';

export { checkpointStatus } from './cbr';

/** What a renderer may read besides its node: facts already known, never fetched here. */
export interface RenderContext extends Partial<PolicyFacts> {
  projectIdOf(region: string): string | undefined;
}

/** The row for a node: one renderer per kind, no side effects. */
export function renderNode(node: ExplorerNode, ctx: RenderContext): vscode.TreeItem {
  const row = render(node, ctx);
  row.id = node.id;
  if (node.stale) {
    markStale(row);
  }
  return row;
}

function render(node: ExplorerNode, ctx: RenderContext): vscode.TreeItem {
  switch (node.kind) {
    case 'region':
      return renderRegion(node, ctx.projectIdOf(node.region));
    case 'vault':
      return withVaultPolicies(renderVault(node), node, ctx);
    case 'resources':
    case 'checkpoints':
      return renderGroup(node);
    case 'resource':
      return renderResource(node);
    case 'checkpoint':
      return renderCheckpoint(node);
    case 'backup':
      return renderBackup(node);
    case 'instances':
      return renderInstances(node);
    case 'instance':
      return renderInstance(node);
    case 'gaussBackup':
      return renderGaussBackup(node);
    case 'activity':
      return renderActivity(node);
    case 'operation':
      return renderOperation(node);
    case 'policies':
      return renderPolicies(node);
    case 'policy':
      return renderPolicy(node, ctx);
    case 'loadMore':
      return renderLoadMore(node);
    case 'message':
      return renderMessage(node);
  }
}

/** A row shown from an earlier load because the refresh failed: it says so, in words and in its tooltip. */
function markStale(row: vscode.TreeItem): void {
  const note = vscode.l10n.t('not current');
  row.description = row.description ? `${String(row.description)} · ${note}` : note;
  const tooltip = row.tooltip instanceof vscode.MarkdownString ? row.tooltip : new vscode.MarkdownString().appendText(typeof row.tooltip === 'string' ? row.tooltip : '');
  tooltip.appendMarkdown(`\n\n_${vscode.l10n.t('Not current: the last refresh failed; this is from the load before it.')}_`);
  row.tooltip = tooltip;
  if (row.accessibilityInformation) {
    row.accessibilityInformation = { ...row.accessibilityInformation, label: `${row.accessibilityInformation.label}, ${note}` };
  }
}
