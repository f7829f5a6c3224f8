import type { GaussInstance, Vault, VaultResource } from '../api';
import type { CloudConnection } from '../auth/connection';
import type { Logger } from '../common/logger';
import type { TrackedWork } from '../tracking/types';
import type { Prompter } from '../ui/prompter';
import type { WriteGuard } from './writeGuard';

/** What the actions need, passed in by the composition root. */
export interface ActionDeps {
  connection: CloudConnection;
  prompter: () => Prompter;
  logger: Logger;
  writes: WriteGuard;
  track(work: TrackedWork): void;
  refreshVault(region: string, vaultId: string): void;
  /** Reloads the whole view (a new vault changes the lists themselves). */
  refreshAll(): void;
  refreshInstance(region: string, instanceId: string): void;
}

/** The tree nodes an action can start from (matched by shape, so the tree stays independent). */
export type NodeArg =
  | { kind: 'vault'; region: string; vault: Vault }
  | { kind: 'resource'; region: string; vault: Vault; resource: VaultResource }
  | { kind: 'instance'; region: string; instance: GaussInstance };
