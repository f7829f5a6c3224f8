/**
 * Builds large seeds for scale tests and demos: thousands of vaults and backups, with the
 * demo identity (user, AK/SK, static token, projects) so the usual credentials work.
 */
import { cbrTime, gaussTime } from './clock';
import type { Backup, GaussBackup, GaussInstance, OperationLog, ProtectableInstance, SeedData, Vault } from './types';

/** Credentials shared by the demo seed and generated seeds. */
export const DEMO_IDENTITY = {
  domainId: 'a8f1e3c2b7d94e6f8a1b2c3d4e5f6071',
  domainName: 'demo-domain',
  userId: '4b2c9d8e7f6a4b3c9d8e7f6a5b4c3d21',
  userName: 'demo-user',
  password: 'Demo-Passw0rd!',
  accessKey: 'DEMOACCESSKEY0000001',
  secretKey: 'demoSecretKey000000000000000000000000001',
  staticToken: 'demo-static-token-0001',
  projects: {
    'ap-southeast-1': '0605767b5780d5762fc5c0118072a564',
    'ap-southeast-2': '68589cac08274b82b4e254268a3862d8',
  },
} as const;

export interface GenerateOptions {
  /** Backup vaults in the primary region. */
  vaults: number;
  /** Backups per vault, spread over its resources (one checkpoint per round). */
  backupsPerVault: number;
  /** Servers per vault (default 1). */
  resourcesPerVault?: number;
  /** Unprotected servers besides those in vaults (default 10). */
  freeServers?: number;
  /** GaussDB instances (default 3) and backups per instance (default 5). */
  gaussInstances?: number;
  gaussBackupsPerInstance?: number;
  /** Base time for timestamps, epoch ms (default: a fixed date so output is stable). */
  baseTimeMs?: number;
  /** PRNG seed (default 1): the same options give the same seed. */
  randomSeed?: number;
}

const SERVER_PROVIDER = '0daac4c5-6707-4851-97ba-169e36266b66';

/** Small deterministic PRNG (mulberry32); ids must be stable across runs. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateSeed(opts: GenerateOptions): SeedData {
  const rand = prng(opts.randomSeed ?? 1);
  const hex = (n: number): string => {
    let s = '';
    while (s.length < n) {
      s += Math.floor(rand() * 0x100000000).toString(16).padStart(8, '0');
    }
    return s.slice(0, n);
  };
  const uuid = (): string => {
    const h = hex(32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[Math.floor(rand() * 4)]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  };
  const region = 'ap-southeast-1';
  const project = DEMO_IDENTITY.projects[region];
  const base = opts.baseTimeMs ?? Date.UTC(2025, 10, 1, 2, 0, 0);
  const perVault = opts.resourcesPerVault ?? 1;
  const servers: ProtectableInstance[] = [];
  const vaults: Vault[] = [];
  const backups: Backup[] = [];
  const opLogs: OperationLog[] = [];

  const newServer = (name: string): ProtectableInstance => {
    const s: ProtectableInstance = { id: uuid(), name, type: 'OS::Nova::Server', status: 'ACTIVE', size: 40 + Math.floor(rand() * 4) * 20, children: [] };
    servers.push(s);
    return s;
  };

  for (let v = 0; v < opts.vaults; v++) {
    const vaultId = uuid();
    const vaultName = `vault-${String(v + 1).padStart(5, '0')}`;
    const members = Array.from({ length: perVault }, (_x, i) => newServer(`ecs-${String(v + 1).padStart(5, '0')}-${i + 1}`));
    const createdMs = base + v * 60_000;
    vaults.push({
      id: vaultId,
      name: vaultName,
      description: null,
      resources: members.map((s) => ({
        id: s.id, name: s.name, type: s.type, protect_status: 'available', size: s.size, backup_size: 0, backup_count: 0, extra_info: {}, auto_protect: false,
      })),
      provider_id: SERVER_PROVIDER,
      created_at: cbrTime(createdMs),
      project_id: project,
      enterprise_project_id: '0',
      auto_bind: false,
      bind_rules: {},
      user_id: DEMO_IDENTITY.userId,
      billing: {
        allocated: 0, charging_mode: 'post_paid', cloud_type: 'public', consistent_level: 'crash_consistent', object_type: 'server', order_id: null,
        product_id: null, protect_type: 'backup', size: 100 * perVault, spec_code: 'vault.backup.server.normal', status: 'available',
        storage_unit: null, used: 0, frozen_scene: null,
      },
      tags: [{ key: 'env', value: v % 3 === 0 ? 'prod' : v % 3 === 1 ? 'test' : 'dev' }],
    });
    let checkpointId = uuid();
    for (let b = 0; b < opts.backupsPerVault; b++) {
      const member = members[b % perVault];
      if (b % perVault === 0) {
        checkpointId = uuid();
      }
      const at = cbrTime(createdMs + (b + 1) * 3_600_000);
      const failed = rand() < 0.03;
      const backupId = uuid();
      backups.push({
        id: backupId, name: `autobk_${hex(4)}`, description: '', checkpoint_id: checkpointId, created_at: at, updated_at: at, protected_at: at,
        expired_at: null, image_type: 'backup', parent_id: null, project_id: project, provider_id: SERVER_PROVIDER, resource_az: `${region}a`,
        resource_id: member.id, resource_name: member.name, resource_size: member.size, resource_type: member.type,
        status: failed ? 'error' : 'available', vault_id: vaultId, enterprise_project_id: '0', incremental: b >= perVault, version: null,
        children: [], extend_info: { auto_trigger: true, bootable: true, contain_system_disk: true, encrypted: false, is_multi_az: false, os_images_data: [], support_lld: true, supported_restore_mode: 'backup', system_disk: false },
        replication_records: [],
      });
      opLogs.push({
        id: uuid(), operation_type: 'backup', status: failed ? 'failed' : 'success', checkpoint_id: checkpointId, created_at: at, updated_at: at,
        started_at: at, ended_at: at, error_info: failed ? { code: 'BackupService.7202', message: 'Failed to obtain the snapshot.' } : { code: '', message: '' },
        extra_info: { backup: { backup_id: backupId, backup_name: 'autobk' }, common: { progress: 100, request_id: hex(32), task_id: uuid() }, resource: { id: member.id, name: member.name, type: member.type } },
        policy_id: '', project_id: project, provider_id: SERVER_PROVIDER, vault_id: vaultId, vault_name: vaultName,
      });
    }
  }
  for (let i = 0; i < (opts.freeServers ?? 10); i++) {
    newServer(`ecs-free-${String(i + 1).padStart(4, '0')}`);
  }

  const instances: GaussInstance[] = [];
  const gaussBackups: GaussBackup[] = [];
  for (let i = 0; i < (opts.gaussInstances ?? 3); i++) {
    const id = `${hex(32)}in07`;
    const name = `gauss-${String(i + 1).padStart(3, '0')}`;
    instances.push({
      id, name, status: 'ACTIVE', type: 'Cluster', region, port: '3306', private_ips: [`192.168.1.${10 + (i % 200)}`], public_ips: [],
      datastore: { type: 'gaussdb-mysql', version: '8.0', kernel_version: '2.0.57.240900' }, created: gaussTime(base), updated: gaussTime(base),
      db_user_name: 'root', vpc_id: uuid(), subnet_id: uuid(), security_group_id: uuid(), backup_strategy: { start_time: '02:00-03:00', keep_days: '7' },
      enterprise_project_id: '0', time_zone: 'UTC+08:00',
    });
    for (let b = 0; b < (opts.gaussBackupsPerInstance ?? 5); b++) {
      const begin = base + b * 86_400_000;
      gaussBackups.push({
        id: `${hex(32)}br07`, name: `${name}-auto-${b + 1}`, description: '', begin_time: gaussTime(begin), end_time: gaussTime(begin + 300_000),
        status: 'COMPLETED', take_up_time: 5, type: 'auto', size: 512 + b * 16, datastore: { type: 'gaussdb-mysql', version: '8.0' },
        instance_id: id, instance_name: name, backup_level: '0',
      });
    }
  }

  return {
    domains: [{ id: DEMO_IDENTITY.domainId, name: DEMO_IDENTITY.domainName, users: [{ id: DEMO_IDENTITY.userId, name: DEMO_IDENTITY.userName, password: DEMO_IDENTITY.password }] }],
    accessKeys: [{ ak: DEMO_IDENTITY.accessKey, sk: DEMO_IDENTITY.secretKey }],
    staticTokens: [DEMO_IDENTITY.staticToken],
    projects: [
      { id: DEMO_IDENTITY.projects['ap-southeast-1'], name: 'ap-southeast-1', region: 'ap-southeast-1' },
      { id: DEMO_IDENTITY.projects['ap-southeast-2'], name: 'ap-southeast-2', region: 'ap-southeast-2' },
    ],
    regions: {
      'ap-southeast-1': {
        replicationDestinations: ['ap-southeast-2'],
        vaults,
        protectables: { server: servers, disk: [] },
        backups,
        operationLogs: opLogs,
        gaussdb: { instances, backups: gaussBackups },
      },
      'ap-southeast-2': {
        replicationDestinations: [],
        vaults: [
          {
            id: '0ca3eb86-8800-46da-9c37-9d657a825274', name: 'vault-dr-replica', description: 'Replicas from ap-southeast-1', resources: [],
            provider_id: SERVER_PROVIDER, created_at: cbrTime(base), project_id: DEMO_IDENTITY.projects['ap-southeast-2'], enterprise_project_id: '0',
            auto_bind: false, bind_rules: {}, user_id: DEMO_IDENTITY.userId,
            billing: {
              allocated: 0, charging_mode: 'post_paid', cloud_type: 'public', consistent_level: 'crash_consistent', object_type: 'server', order_id: null,
              product_id: null, protect_type: 'replication', size: 1000, spec_code: 'vault.replication.server.normal', status: 'available',
              storage_unit: null, used: 0, frozen_scene: null,
            },
            tags: [],
          },
        ],
        protectables: { server: [], disk: [] },
        backups: [],
        operationLogs: [],
        gaussdb: { instances: [], backups: [] },
      },
    },
  };
}
