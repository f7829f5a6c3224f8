import type { Backup, GaussBackup, GaussInstance, Vault, VaultResource } from '../api';
import type { CloudConnection } from '../auth/connection';
import type { Logger } from '../common/logger';
import type { TrackedWork } from '../tracking/types';
import type { Prompter } from '../ui/prompter';
import type { Notifier } from '../common/notifier';
import type { PendingRestores } from './restorePending';
import type { WriteGuard } from './writeOnce';

/** The part of the connection the actions use (unit tests pass a fake). */
export type ActionConnection = Pick<CloudConnection, 'regions' | 'session' | 'cloud'>;

/** What the actions need, passed in by the composition root. */
export interface ActionDeps {
  connection: ActionConnection;
  prompter: () => Prompter;
  logger: Logger;
  /** One write per target in flight; shared by every action. */
  writes: WriteGuard;
  /** What the actions tell the user (recorded for the host tests). */
  messages: Notifier;
  track(work: TrackedWork): void;
  refreshVault(region: string, vaultId: string): void;
  /** Reloads the whole view (a new vault changes the lists themselves). */
  refreshAll(): void;
  refreshInstance(region: string, instanceId: string): void;
  /** Restores waiting for their safety restore point, kept across reloads (absent: not remembered). */
  pendingRestores?: PendingRestores;
}

/** The tree nodes an action can start from (matched by shape, so the tree stays independent). */
export type NodeArg =
  | { kind: 'vault'; region: string; vault: Vault }
  | { kind: 'resource'; region: string; vault: Vault; resource: VaultResource }
  | { kind: 'instance'; region: string; instance: GaussInstance }
  /** A backup under a resource or restore point; its vault is the parent's. */
  | { kind: 'backup'; region: string; backup: Backup; vault: Vault | undefined }
  /** A restore point: its backups, one per resource (as the tree loaded them). */
  | { kind: 'checkpoint'; region: string; vault: Vault; checkpointId: string; name: string; backups: Backup[] }
  /** A GaussDB(for MySQL) backup under its instance. */
  | { kind: 'gaussBackup'; region: string; instance: GaussInstance; backup: GaussBackup };

/**
 * The node a command was invoked on, or undefined from the palette or a keybinding (which may
 * pass anything, such as the active editor's URI).
 */
export function asNode(arg: unknown): NodeArg | undefined {
  if (typeof arg !== 'object' || arg === null) {
    return undefined;
  }
  const n = arg as Partial<Record<'kind' | 'region' | 'vault' | 'resource' | 'instance' | 'backup' | 'parent', unknown>>;
  if (typeof n.region !== 'string') {
    return undefined;
  }
  const has = (v: unknown): boolean => typeof v === 'object' && v !== null;
  switch (n.kind) {
    case 'vault':
      return has(n.vault) ? (arg as NodeArg) : undefined;
    case 'resource':
      return has(n.vault) && has(n.resource) ? (arg as NodeArg) : undefined;
    case 'instance':
      return has(n.instance) ? (arg as NodeArg) : undefined;
    case 'gaussBackup':
      return has(n.instance) && has(n.backup) ? (arg as NodeArg) : undefined;
    case 'checkpoint': {
      const c = arg as { checkpointId?: unknown; backups?: unknown };
      return has(n.vault) && typeof c.checkpointId === 'string' && Array.isArray(c.backups) ? (arg as NodeArg) : undefined;
    }
    case 'backup': {
      const parentVault = has(n.parent) ? (n.parent as { vault?: unknown }).vault : undefined;
      return has(n.backup) ? { kind: 'backup', region: n.region, backup: n.backup as Backup, vault: has(parentVault) ? (parentVault as Vault) : undefined } : undefined;
    }
    default:
      return undefined;
  }
}
