import type { Backup, GaussBackup, GaussInstance, Vault, VaultResource } from '../api';

/** Every node knows its parent, so `getParent` (and so `reveal`) works; ids are stable paths. */
interface Base {
  id: string;
  parent?: ExplorerNode;
  region: string;
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
export interface CheckpointNode extends Base {
  kind: 'checkpoint';
  vault: Vault;
  checkpointId: string;
  name: string;
  createdAt?: Date;
  backups: Backup[];
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
export interface LoadMoreNode extends Base {
  kind: 'loadMore';
  /** The node whose list continues. */
  owner: ExplorerNode | undefined;
  shown: number;
  total: number;
}
export interface MessageNode extends Base {
  kind: 'message';
  label: string;
  detail?: string;
  severity: 'info' | 'error';
  /** The node whose load failed (retry reloads it). */
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
  | LoadMoreNode
  | MessageNode;

/** Context values matched by menus in package.json. */
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
  | 'loadMore'
  | 'error'
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
