import type * as vscode from 'vscode';
import type { ExplorerNode } from '../nodes';
import { renderBackup, renderCheckpoint, renderGroup, renderResource, renderVault } from './cbr';
import { renderGaussBackup, renderInstance, renderInstances, renderLoadMore, renderMessage, renderRegion } from './other';

export { checkpointStatus } from './cbr';

/** What a renderer may read besides its node: facts already known, never fetched here. */
export interface RenderContext {
  projectIdOf(region: string): string | undefined;
}

/** The row for a node: one renderer per kind, no side effects. */
export function renderNode(node: ExplorerNode, ctx: RenderContext): vscode.TreeItem {
  const row = render(node, ctx);
  row.id = node.id;
  return row;
}

function render(node: ExplorerNode, ctx: RenderContext): vscode.TreeItem {
  switch (node.kind) {
    case 'region':
      return renderRegion(node, ctx.projectIdOf(node.region));
    case 'vault':
      return renderVault(node);
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
    case 'loadMore':
      return renderLoadMore(node);
    case 'message':
      return renderMessage(node);
  }
}
