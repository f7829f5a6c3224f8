/** Which tree subtrees a poll's finished work lives in: each vault and instance once, however many of its items finished. */
import { FinishedBatch } from './types';

export interface PlacesToRefresh {
  vaults: { region: string; vaultId: string }[];
  instances: { region: string; instanceId: string }[];
}

export function placesToRefresh(batch: FinishedBatch): PlacesToRefresh {
  const vaults = new Map<string, { region: string; vaultId: string }>();
  const instances = new Map<string, { region: string; instanceId: string }>();
  const vault = (region: string, vaultId: string): void => void vaults.set(`${region}|${vaultId}`, { region, vaultId });
  for (const { work } of batch) {
    switch (work.kind) {
      case 'checkpoint':
      case 'restore':
        vault(work.region, work.vaultId);
        break;
      case 'gaussBackup':
      case 'gaussRestore':
        instances.set(`${work.region}|${work.instanceId}`, { region: work.region, instanceId: work.instanceId });
        break;
      case 'replication':
        // The copies land in the destination vault.
        vault(work.region, work.vaultId);
        vault(work.destinationRegion, work.destinationVaultId);
        break;
      case 'delete':
        if (work.what === 'gaussBackups') {
          instances.set(`${work.region}|${work.parentId}`, { region: work.region, instanceId: work.parentId });
        } else {
          vault(work.region, work.parentId); // a deleted vault's reload drops its row
        }
        break;
    }
  }
  return { vaults: [...vaults.values()], instances: [...instances.values()] };
}
