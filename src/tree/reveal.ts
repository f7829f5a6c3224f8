/**
 * Finding the node of something the user wants to see (a notification's Reveal, the in-flight
 * pick). It walks the view's own children, loading the lists on the way as expanding them
 * would, so a restore point the tree has not shown yet is found too; what is beyond the loaded
 * pages falls back to its group.
 */
import type { WorkTarget } from '../tracking/types';
import type { ExplorerNode, RegionNode } from './nodes';

export type RevealTarget =
  | { kind: 'checkpoint'; region: string; vaultId: string; checkpointId: string }
  | { kind: 'gaussBackup'; region: string; instanceId: string; backupId: string }
  | { kind: 'vault'; region: string; vaultId: string }
  | { kind: 'resource'; region: string; vaultId: string; resourceId: string }
  | { kind: 'instance'; region: string; instanceId: string }
  /** A region's recent operations, where a replication's progress and failure reason show. */
  | { kind: 'activity'; region: string };

export interface RevealContext {
  regionParent(region: string): RegionNode | undefined;
  children(node: ExplorerNode | undefined): Promise<ExplorerNode[]>;
}

/** The deepest node of the target that can be shown. */
export async function findNode(target: RevealTarget, ctx: RevealContext): Promise<ExplorerNode | undefined> {
  const region = ctx.regionParent(target.region);
  const top = await ctx.children(region);
  if (target.kind === 'gaussBackup' || target.kind === 'instance') {
    const instances = top.find((n) => n.kind === 'instances');
    const instance = instances && (await ctx.children(instances)).find((n) => n.kind === 'instance' && n.instance.id === target.instanceId);
    if (!instance || target.kind === 'instance') {
      return instance ?? instances ?? region;
    }
    return (await ctx.children(instance)).find((n) => n.kind === 'gaussBackup' && n.backup.id === target.backupId) ?? instance;
  }
  if (target.kind === 'activity') {
    return top.find((n) => n.kind === 'activity') ?? region;
  }
  const vault = top.find((n) => n.kind === 'vault' && n.vault.id === target.vaultId);
  if (!vault || target.kind === 'vault') {
    return vault ?? region;
  }
  if (target.kind === 'resource') {
    const resources = (await ctx.children(vault)).find((n) => n.kind === 'resources');
    return (resources && (await ctx.children(resources)).find((n) => n.kind === 'resource' && n.resource.id === target.resourceId)) ?? resources ?? vault;
  }
  const group = (await ctx.children(vault)).find((n) => n.kind === 'checkpoints');
  const point = group && (await ctx.children(group)).find((n) => n.kind === 'checkpoint' && n.checkpointId === target.checkpointId);
  return point ?? group ?? vault;
}

/** Where tracked work is shown: a replication in the region's Activity (the source vault shows nothing of it), a restore at its vault. */
export function revealTargetOfWork(work: WorkTarget): RevealTarget {
  switch (work.kind) {
    case 'replication':
      return { kind: 'activity', region: work.region };
    case 'restore':
      return { kind: 'vault', region: work.region, vaultId: work.vaultId };
    case 'gaussRestore':
      return { kind: 'instance', region: work.region, instanceId: work.instanceId };
    case 'delete':
      // What was deleted is gone: its parent shows the result.
      return work.what === 'gaussBackups' ? { kind: 'instance', region: work.region, instanceId: work.parentId } : { kind: 'vault', region: work.region, vaultId: work.parentId };
    default:
      return work;
  }
}
