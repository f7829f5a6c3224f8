/** API-layer records as the schemas produce them, for tree unit tests. */
import type { Backup, GaussBackup, GaussInstance, OperationLog, Vault, VaultResource } from '../../../src/api';

export function aResource(over: Partial<VaultResource> = {}): VaultResource {
  return { id: 'res-1', name: 'web-server-01', type: 'OS::Nova::Server', protectStatus: 'available', size: 40, backupSize: 0, backupCount: 2, raw: {}, ...over } as VaultResource;
}

export function aVault(over: Partial<Vault> = {}): Vault {
  return {
    id: 'vault-1',
    name: 'vault-prod',
    description: undefined,
    billing: { objectType: 'server', protectType: 'backup', status: 'available', size: 100, used: 2048, consistentLevel: 'crash_consistent' },
    resources: [aResource()],
    tags: [],
    raw: { id: 'vault-1' },
    ...over,
  } as Vault;
}

export function aBackup(over: Partial<Backup> = {}): Backup {
  return { id: 'b-1', name: 'nightly', checkpointId: 'cp-1', resourceId: 'res-1', resourceName: 'web-server-01', resourceSize: 40, status: 'available', createdAt: new Date(Date.now() - 3 * 3600_000), replicationRecords: [], raw: { id: 'b-1' }, ...over } as Backup;
}

export function anInstance(over: Partial<GaussInstance> = {}): GaussInstance {
  return { id: 'inst-1', name: 'orders-db', status: 'ACTIVE', privateIps: [], datastore: { type: 'gaussdb-mysql', version: '8.0' }, raw: {}, ...over } as GaussInstance;
}

export function aGaussBackup(over: Partial<GaussBackup> = {}): GaussBackup {
  return { id: 'gb-1', name: 'manual-1', status: 'COMPLETED', type: 'manual', size: 512, beginTime: new Date(Date.now() - 3600_000), raw: {}, ...over } as GaussBackup;
}

export function anOperation(over: Partial<OperationLog> = {}): OperationLog {
  return {
    id: 'op-1',
    operationType: 'backup',
    status: 'success',
    vaultId: 'vault-1',
    vaultName: 'vault-prod',
    createdAt: new Date(Date.now() - 600_000),
    startedAt: new Date(Date.now() - 600_000),
    endedAt: new Date(Date.now() - 300_000),
    resource: { id: 'res-1', name: 'web-server-01', type: 'OS::Nova::Server' },
    raw: {},
    ...over,
  } as OperationLog;
}
