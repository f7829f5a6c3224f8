/**
 * What each node has under it, built from the paged-list model through the node factories.
 * Paged lists show what is loaded plus "Load more" while more exist; an empty list is one
 * message row. Failures are left to the caller (`statusChildren`), which turns them into one
 * error row.
 */
import * as vscode from 'vscode';
import type { Backup, GaussBackup, GaussInstance, OperationLog, Policy, Vault } from '../api';
import type { ListItems, ListKind, PagedLists, SpecOf } from './model/pagedLists';
import { ExplorerNode, groupByCheckpoint, GroupNode, InstanceNode, InstancesNode, Nodes, RegionNode, ResourceNode } from './nodes';

export interface ChildrenContext {
  lists: PagedLists;
  /** The region's row, or undefined when the view shows a single region's vaults at the root. */
  regionParent(region: string): RegionNode | undefined;
  /** The one row that stands for a failed load (logged there); `stale`: earlier rows are shown below it. */
  failed(owner: ExplorerNode | undefined, region: string, err: unknown, stale?: boolean): ExplorerNode;
}

/** The vaults of a region (every region row, or the root of a single-region view) and its database instances. */
export async function regionChildren(ctx: ChildrenContext, region: string): Promise<ExplorerNode[]> {
  const parent = ctx.regionParent(region);
  let vaults: ExplorerNode[];
  // The policies come with the vaults (one request), so a vault's row can name its policy.
  const policies = ctx.lists.first({ kind: 'policies', region }).catch(() => undefined);
  try {
    vaults = await pagedChildren(ctx, parent, region, { kind: 'vaults', region }, vscode.l10n.t('No vaults in {0}', region), (items: Vault[]) => items.map((vault) => Nodes.vault(region, parent, vault)));
  } catch (err) {
    // The database instances are another service: they stay reachable when CBR fails.
    vaults = [ctx.failed(parent, region, err)];
  }
  await policies;
  return [...vaults, Nodes.policies(region, parent), Nodes.instances(region, parent), Nodes.activity(region, parent)];
}

export async function childrenOf(ctx: ChildrenContext, node: ExplorerNode): Promise<ExplorerNode[]> {
  switch (node.kind) {
    case 'region':
      return regionChildren(ctx, node.region);
    case 'vault':
      return [Nodes.resources(node), Nodes.checkpoints(node)];
    case 'resources':
      if (node.vault.resources.length === 0) {
        return [Nodes.message(node, node.region, { severity: 'info', label: vscode.l10n.t('No resources are associated with this vault') })];
      }
      return node.vault.resources.map((resource) => Nodes.resource(node, resource));
    case 'checkpoints':
      return checkpointChildren(ctx, node);
    case 'checkpoint':
      return node.backups.map((backup) => Nodes.backup(node, backup));
    case 'resource':
      return resourceChildren(ctx, node);
    case 'instances':
      return instancesChildren(ctx, node);
    case 'instance':
      return instanceChildren(ctx, node);
    case 'activity':
      return pagedChildren(ctx, node, node.region, { kind: 'operations', region: node.region }, vscode.l10n.t('No recent operations'), (items: OperationLog[]) => items.map((op) => Nodes.operation(node, op)));
    case 'policies':
      return pagedChildren(ctx, node, node.region, { kind: 'policies', region: node.region }, vscode.l10n.t('No backup or replication policies in this region'), (items: Policy[]) => items.map((policy) => Nodes.policy(node, policy)));
    default:
      return [];
  }
}

/**
 * Restore points are built from a page of backups, so the last one of a page may be cut short:
 * while more pages exist it is held back until Load more completes it, or, when it is the only
 * one, shown marked as incomplete. A partial restore point never looks whole.
 */
function checkpointChildren(ctx: ChildrenContext, group: GroupNode): Promise<ExplorerNode[]> {
  return pagedChildren(ctx, group, group.region, { kind: 'vaultBackups', region: group.region, vault: group.vault }, vscode.l10n.t('No restore points yet'), (items: Backup[], hasMore) => {
    const groups = groupByCheckpoint(items);
    const last = groups.at(-1);
    if (hasMore && last && groups.length > 1) {
      groups.pop();
    }
    return groups.map((g) => Nodes.checkpoint(group, g.checkpointId, g.backups, hasMore && g === last));
  });
}

function resourceChildren(ctx: ChildrenContext, node: ResourceNode): Promise<ExplorerNode[]> {
  const spec = { kind: 'resourceBackups', region: node.region, vault: node.vault, resource: node.resource } as const;
  return pagedChildren(ctx, node, node.region, spec, vscode.l10n.t('No backups of this resource yet'), (items: Backup[]) => items.map((backup) => Nodes.backup(node, backup)));
}

function instancesChildren(ctx: ChildrenContext, group: InstancesNode): Promise<ExplorerNode[]> {
  return pagedChildren(ctx, group, group.region, { kind: 'instances', region: group.region }, vscode.l10n.t('No GaussDB(for MySQL) instances in this region'), (items: GaussInstance[]) =>
    items.map((instance) => Nodes.instance(group, instance)),
  );
}

function instanceChildren(ctx: ChildrenContext, node: InstanceNode): Promise<ExplorerNode[]> {
  return pagedChildren(ctx, node, node.region, { kind: 'instanceBackups', region: node.region, instance: node.instance }, vscode.l10n.t('No backups of this instance yet'), (items: GaussBackup[]) =>
    items.map((backup) => Nodes.gaussBackup(node, backup)),
  );
}

/** A list's loaded rows, "Load more" while the cloud has more, or one "empty" row. */
async function pagedChildren<K extends ListKind>(
  ctx: ChildrenContext,
  owner: ExplorerNode | undefined,
  region: string,
  spec: SpecOf<K>,
  emptyLabel: string,
  /** `hasMore`: the cloud has more pages (the last item's group may continue there). */
  render: (items: ListItems[K][], hasMore: boolean) => ExplorerNode[],
): Promise<ExplorerNode[]> {
  let page;
  try {
    page = await ctx.lists.first(spec);
  } catch (err) {
    const earlier = ctx.lists.lastLoaded(spec);
    if (!earlier || earlier.items.length === 0) {
      throw err;
    }
    // A failed refresh keeps what was shown, marked as not current, under the error row.
    const rows = render(earlier.items, earlier.items.length < earlier.total).map((n) => ({ ...n, stale: true }));
    return [ctx.failed(owner, region, err, true), ...rows];
  }
  if (page.items.length === 0) {
    return [Nodes.message(owner, region, { severity: 'info', label: emptyLabel })];
  }
  const hasMore = page.items.length < page.total;
  const nodes = render(page.items, hasMore);
  if (hasMore) {
    // Restore points count as what is shown; other lists count their items.
    const shown = spec.kind === 'vaultBackups' ? nodes.length : page.items.length;
    nodes.push(Nodes.loadMore(owner, region, spec, shown, page.total));
  }
  return nodes;
}
