import type { Backup, CloudSession, GaussInstance, ProtectableInstance, Vault } from '../../../src/api';
import { WriteGuard, type ActionDeps } from '../../../src/commands';
import { Logger } from '../../../src/common/logger';
import { Notifier } from '../../../src/common/notifier';
import type { TrackedWork } from '../../../src/tracking/types';
import { ScriptedPrompter, type Answer } from '../../host/scriptedPrompter';

export const vault = (id: string, name: string, objectType: 'server' | 'disk', protectType: 'backup' | 'replication' = 'backup', resources: { id: string; name: string }[] = []): Vault =>
  ({ id, name, billing: { objectType, protectType }, resources, tags: [] }) as unknown as Vault;
export const instance = (id: string, name: string): GaussInstance => ({ id, name, status: 'normal' }) as unknown as GaussInstance;
const protectable = (id: string, name: string, free: boolean, type = 'OS::Nova::Server', size = 40): ProtectableInstance => ({ id, name, type, size, protectable: free, reason: free ? undefined : 'already in a vault', children: [], raw: {} });

export const aFakeBackup = (id: string, resourceId: string, resourceName: string, over: Partial<Backup> = {}): Backup =>
  ({ id, name: 'nightly', resourceId, resourceName, resourceSize: 40, status: 'available', createdAt: new Date(Date.UTC(2026, 10, 1)), replicationRecords: [], raw: {}, ...over }) as unknown as Backup;

/** What each region holds; a region in `failing` fails every list. */
export interface World {
  vaults: Record<string, Vault[]>;
  instances: Record<string, GaussInstance[]>;
  failing?: string[];
  destinations?: string[];
  replicaVaults?: Vault[];
  /** The available backups per vault id; two of 40 GB each (resources s1, s2) when a vault is not listed. */
  backups?: Record<string, Backup[]>;
  /** The cloud the settings name (huaweicloud unless said). */
  cloud?: 'huaweicloud' | 'opentelekomcloud' | 'custom';
}

export const defaultWorld = (): World => ({
  vaults: {
    r1: [vault('v-prod', 'vault-prod', 'server', 'backup', [{ id: 's1', name: 'web-01' }]), vault('v-disks', 'vault-disks', 'disk'), vault('v-rep', 'vault-replica-here', 'server', 'replication')],
    r2: [vault('v-other', 'vault-other', 'server', 'backup', [{ id: 's9', name: 'app-01' }])],
  },
  instances: { r1: [instance('i-1', 'orders-db')], r2: [] },
  destinations: ['r2'],
  replicaVaults: [vault('v-dr', 'vault-dr', 'server', 'replication')],
});

/** A fake ActionDeps: sessions that answer from `world` with canned API-layer results, recording every request. */
export function fakeDeps(world: World, answers: Answer[], regions = ['r1', 'r2']) {
  const calls: { op: string; region: string; args: unknown[] }[] = [];
  const tracked: TrackedWork[] = [];
  const refreshed: string[] = [];
  const prompter = new ScriptedPrompter(answers);
  const session = (region: string): CloudSession => {
    const call = <T>(op: string, args: unknown[], result: () => T): Promise<T> => {
      calls.push({ op, region, args });
      return world.failing?.includes(region) ? Promise.reject(new Error(`${region} is down`)) : Promise.resolve(result());
    };
    return {
      cbr: {
        listVaults: (q: { protectType?: string }) => call('listVaults', [q], () => {
          const vaults = q.protectType === 'replication' ? (world.replicaVaults ?? []) : (world.vaults[region] ?? []);
          return { vaults, count: vaults.length };
        }),
        listBackups: (q: { vaultId: string }) => call('listBackups', [q], () => {
          const backups = world.backups?.[q.vaultId] ?? [aFakeBackup('b1', 's1', 'web-01'), aFakeBackup('b2', 's2', 'db-01')];
          return { backups, count: backups.length };
        }),
        showVault: (id: string) => call('showVault', [id], () => ({ ...world.vaults[region]?.find((v) => v.id === id), resources: [] })),
        createCheckpoint: (req: { resourceIds?: string[] }) => call('createCheckpoint', [req], () => ({ id: 'cp-1', vault: { resources: req.resourceIds ?? ['a', 'b'], skippedResources: [] } })),
        findCheckpointCreatedBy: () => call('findCheckpointCreatedBy', [], () => undefined),
        replicationCapabilities: () => call('replicationCapabilities', [], () => ({ regions: [{ name: region, replicationDestinations: world.destinations ?? [] }] })),
        replicate: (req: unknown) => call('replicate', [req], () => ({ backups: [{ backupId: 'b1' }, { backupId: 'b2' }] })),
        listReplicationLogs: () => call('listReplicationLogs', [], () => []),
        listAllProtectables: (type: 'server' | 'disk') => call('listAllProtectables', [type], () => {
          return type === 'server' ? [protectable('s1', 'web-01', false), protectable('s2', 'db-01', true, 'OS::Nova::Server', 140), protectable('s3', 'batch-01', true)] : [protectable('d1', 'logs-disk', true, 'OS::Cinder::Volume')];
        }),
        createVault: (req: { name: string; resources: unknown[] }) => call('createVault', [req], () => ({ id: 'v-new', name: req.name, resources: req.resources })),
        addResources: (id: string, resources: { id: string }[]) => call('addResources', [id, resources], () => resources.map((r) => r.id)),
      },
      gaussdb: {
        listInstances: () => call('listInstances', [], () => ({ instances: world.instances[region] ?? [], totalCount: (world.instances[region] ?? []).length })),
        createBackup: (req: unknown) => call('createBackup', [req], () => ({ backup: { id: 'gb-1' }, jobId: 'job-1' })),
        findBackupCreatedBy: () => call('findBackupCreatedBy', [], () => undefined),
      },
      forRegion: (other: string) => session(other),
      getProjectId: () => Promise.resolve(`project-${region}`),
    } as unknown as CloudSession;
  };
  const deps: ActionDeps = {
    connection: { regions, session, cloud: world.cloud ?? 'huaweicloud' },
    prompter: () => prompter,
    logger: new Logger('test'),
    writes: new WriteGuard(),
    messages: new Notifier(),
    track: (work) => void tracked.push(work),
    refreshVault: (region, id) => void refreshed.push(`${region}/${id}`),
    refreshAll: () => void refreshed.push('all'),
    refreshInstance: (region, id) => void refreshed.push(`${region}/${id}`),
  };
  return {
    deps,
    prompter,
    tracked,
    refreshed,
    /** The write requests sent (lists left out). */
    writes: () => calls.filter((c) => !/^(list|show|find|replicationCapabilities)/.test(c.op)).map((c) => [c.op, c.region, ...c.args]),
    calls,
    told: () => deps.messages.recent().map((m) => [m.severity, m.message]),
    steps: () => prompter.shown.map((s) => `${s.step}/${s.totalSteps}`),
  };
}
