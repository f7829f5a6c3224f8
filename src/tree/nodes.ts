/**
 * The node kinds of the Backups view and the one place their ids are made. Children building,
 * reveal and refresh all build nodes through `Nodes`, so the id scheme exists once. Ids are
 * stable paths from the root; every node knows its parent (for `getParent` and `reveal`).
 */
import type { Backup, GaussBackup, GaussInstance, OperationLog, Policy, Vault, VaultResource } from '../api';
import type { ListSpec } from './model/pagedLists';

interface Base {
  id: string;
  parent?: ExplorerNode;
  region: string;
  /** Shown from an earlier load because refreshing it failed (the error row above says why). */
  stale?: boolean;
}

export interface RegionNode extends Base {
  kind: 'region';
}
export interface VaultNode extends Base {
  kind: 'vault';
  vault: Vault;
}
export interface GroupNode extends Base {
  kind: 'resources' | 'checkpoints';
  vault: Vault;
}
export interface ResourceNode extends Base {
  kind: 'resource';
  vault: Vault;
  resource: VaultResource;
}
/** A region's recent operations (the CBR operation logs), newest first. */
export interface ActivityNode extends Base {
  kind: 'activity';
}
export interface OperationNode extends Base {
  kind: 'operation';
  operation: OperationLog;
}
export interface CheckpointNode extends Base {
  kind: 'checkpoint';
  vault: Vault;
  checkpointId: string;
  name: string;
  createdAt?: Date;
  backups: Backup[];
  /** Some of its backups are on a page not loaded yet. */
  partial?: boolean;
}
export interface BackupNode extends Base {
  kind: 'backup';
  backup: Backup;
  /** Under a restore point the label is the resource; under a resource it is the backup. */
  labelBy: 'resource' | 'backup';
}
export interface InstancesNode extends Base {
  kind: 'instances';
}
export interface InstanceNode extends Base {
  kind: 'instance';
  instance: GaussInstance;
}
export interface GaussBackupNode extends Base {
  kind: 'gaussBackup';
  instance: GaussInstance;
  backup: GaussBackup;
}
/** A region's backup and replication policies. */
export interface PoliciesNode extends Base {
  kind: 'policies';
}
export interface PolicyNode extends Base {
  kind: 'policy';
  policy: Policy;
}
export interface LoadMoreNode extends Base {
  kind: 'loadMore';
  /** The list that continues, and the node it is shown under (undefined: the root). */
  list: ListSpec;
  owner: ExplorerNode | undefined;
  shown: number;
  total: number;
}
export interface MessageNode extends Base {
  kind: 'message';
  label: string;
  /** The whole story for the tooltip: the error with its code and request id, and what to do. */
  detail?: string;
  /** A few characters for the row's description: the error code or the kind of failure. */
  reason?: string;
  /** The rows under this one are from the last load that worked. */
  aboveStaleRows?: boolean;
  severity: 'info' | 'error';
  /** The node whose load failed (Retry reloads it); undefined: the root. */
  owner?: ExplorerNode;
  signInAgain?: boolean;
}

export type ExplorerNode =
  | RegionNode
  | VaultNode
  | GroupNode
  | ResourceNode
  | CheckpointNode
  | BackupNode
  | InstancesNode
  | InstanceNode
  | GaussBackupNode
  | ActivityNode
  | OperationNode
  | PoliciesNode
  | PolicyNode
  | LoadMoreNode
  | MessageNode;

export type NodeKind = ExplorerNode['kind'];

/** Where a node's children start: under its region row, or at the root when one region is shown. */
const scopeOf = (parent: RegionNode | undefined): string => parent?.id ?? 'root';

export const Nodes = {
  region: (region: string): RegionNode => ({ kind: 'region', id: `region:${region}`, region }),
  vault: (region: string, parent: RegionNode | undefined, vault: Vault): VaultNode => ({ kind: 'vault', id: `${scopeOf(parent)}/vault/${vault.id}`, region, vault, parent }),
  resources: (vault: VaultNode): GroupNode => ({ kind: 'resources', id: `${vault.id}/resources`, region: vault.region, vault: vault.vault, parent: vault }),
  checkpoints: (vault: VaultNode): GroupNode => ({ kind: 'checkpoints', id: `${vault.id}/checkpoints`, region: vault.region, vault: vault.vault, parent: vault }),
  resource: (group: GroupNode, resource: VaultResource): ResourceNode => ({ kind: 'resource', id: `${group.id}/${resource.id}`, region: group.region, vault: group.vault, resource, parent: group }),
  checkpoint: (group: GroupNode, checkpointId: string, backups: Backup[], partial = false): CheckpointNode => ({
    kind: 'checkpoint',
    id: `${group.id}/${checkpointId}`,
    region: group.region,
    vault: group.vault,
    checkpointId,
    name: backups[0]?.name ?? checkpointId,
    createdAt: backups[0]?.createdAt,
    backups,
    partial,
    parent: group,
  }),
  backup: (parent: CheckpointNode | ResourceNode, backup: Backup): BackupNode => ({
    kind: 'backup',
    id: `${parent.id}/${backup.id}`,
    region: parent.region,
    backup,
    labelBy: parent.kind === 'checkpoint' ? 'resource' : 'backup',
    parent,
  }),
  instances: (region: string, parent: RegionNode | undefined): InstancesNode => ({ kind: 'instances', id: `${scopeOf(parent)}/instances`, region, parent }),
  instance: (group: InstancesNode, instance: GaussInstance): InstanceNode => ({ kind: 'instance', id: `${group.id}/${instance.id}`, region: group.region, instance, parent: group }),
  gaussBackup: (instance: InstanceNode, backup: GaussBackup): GaussBackupNode => ({ kind: 'gaussBackup', id: `${instance.id}/${backup.id}`, region: instance.region, instance: instance.instance, backup, parent: instance }),
  activity: (region: string, parent: RegionNode | undefined): ActivityNode => ({ kind: 'activity', id: `${scopeOf(parent)}/activity`, region, parent }),
  operation: (group: ActivityNode, operation: OperationLog): OperationNode => ({ kind: 'operation', id: `${group.id}/${operation.id}`, region: group.region, operation, parent: group }),
  policies: (region: string, parent: RegionNode | undefined): PoliciesNode => ({ kind: 'policies', id: `${scopeOf(parent)}/policies`, region, parent }),
  policy: (group: PoliciesNode, policy: Policy): PolicyNode => ({ kind: 'policy', id: `${group.id}/${policy.id}`, region: group.region, policy, parent: group }),
  loadMore: (owner: ExplorerNode | undefined, region: string, list: ListSpec, shown: number, total: number): LoadMoreNode => ({
    kind: 'loadMore',
    id: `${owner?.id ?? 'root'}/more`,
    region,
    list,
    owner,
    shown,
    total,
    parent: owner,
  }),
  message: (owner: ExplorerNode | undefined, region: string, m: Pick<MessageNode, 'severity' | 'label' | 'detail' | 'reason' | 'aboveStaleRows' | 'signInAgain'>): MessageNode => ({
    kind: 'message',
    id: `${owner?.id ?? (region ? `region:${region}` : 'root')}/${m.severity === 'error' ? 'error' : 'empty'}`,
    region,
    owner,
    parent: owner,
    ...m,
  }),
};

/** The list a node's children come from (undefined: built from the node's own record, or none). */
export function listOf(node: ExplorerNode): ListSpec | undefined {
  switch (node.kind) {
    case 'region':
      return { kind: 'vaults', region: node.region };
    case 'checkpoints':
      return { kind: 'vaultBackups', region: node.region, vault: node.vault };
    case 'resource':
      return { kind: 'resourceBackups', region: node.region, vault: node.vault, resource: node.resource };
    case 'instances':
      return { kind: 'instances', region: node.region };
    case 'instance':
      return { kind: 'instanceBackups', region: node.region, instance: node.instance };
    case 'activity':
      return { kind: 'operations', region: node.region };
    case 'policies':
      return { kind: 'policies', region: node.region };
    default:
      return undefined;
  }
}

/** The vault or instance whose records a node is drawn from, if any (load-more and message nodes have their owner as parent). */
export function owningVaultOrInstance(node: ExplorerNode): VaultNode | InstanceNode | undefined {
  for (let n: ExplorerNode | undefined = node; n; n = n.parent) {
    if (n.kind === 'vault' || n.kind === 'instance') {
      return n;
    }
  }
  return undefined;
}

/** Context values matched by menus in package.json (a unit test checks each against the `when` clauses). */
export type ContextValue =
  | 'region'
  | 'vault'
  | 'vault:replication'
  | 'group:resources'
  | 'group:checkpoints'
  | 'resource'
  | 'checkpoint'
  | 'checkpoint:inflight'
  | 'backup'
  | 'instances'
  | 'instance'
  | 'gaussBackup'
  | 'gaussBackup:manual'
  | 'activity'
  | 'operation'
  | 'operation:failed'
  | 'policies'
  | 'policy'
  | 'policy:disabled'
  | 'loadMore'
  | 'error'
  | 'error:auth'
  | 'empty';

/** Groups a vault's backups (newest first) into restore points, keeping that order. */
export function groupByCheckpoint(backups: readonly Backup[]): { checkpointId: string; backups: Backup[] }[] {
  const groups = new Map<string, Backup[]>();
  for (const backup of backups) {
    const key = backup.checkpointId ?? `backup:${backup.id}`;
    groups.set(key, [...(groups.get(key) ?? []), backup]);
  }
  return [...groups].map(([checkpointId, list]) => ({ checkpointId, backups: list }));
}
