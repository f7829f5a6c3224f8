/**
 * The emulator's world: seed data loaded into indexed, mutable per-region state, plus tokens,
 * scripted outcomes and the clock. Time-dependent statuses are not stored; they are computed
 * from `Timed` records when rendered.
 */
import { Clock, parseCloudTime } from './clock';
import { PROFILE_RULES, type CloudProfile, type ProfileRules } from './profile';
import type {
  Backup, GaussBackup, GaussInstance, OperationLog, Policy, ProtectableInstance, ReplicationRecord, SeedData, SeedDomain, SeedProject, SeedUser, Timing, Vault,
} from './types';

/** Work that finishes at `startMs + durationMs`, successfully unless `fails`. */
export interface Timed {
  startMs: number;
  durationMs: number;
  fails: boolean;
}

export function isDone(t: Timed, now: number): boolean {
  return now >= t.startMs + t.durationMs;
}

export function endOf(t: Timed): number {
  return t.startMs + t.durationMs;
}

/** 0–100, in steps of 10 while running so pollers see it rise; 100 once done. */
export function progressOf(t: Timed, now: number): number {
  if (isDone(t, now)) {
    return 100;
  }
  const fraction = t.durationMs <= 0 ? 1 : Math.max(0, now - t.startMs) / t.durationMs;
  return Math.min(90, Math.floor(fraction * 10) * 10);
}

export interface ReplicationRec {
  wire: ReplicationRecord;
  timed: Timed;
}

export interface BackupRec {
  wire: Backup;
  /** Set for backups made by the emulator: `protecting` until done. */
  timed?: Timed;
  /** Replications started from this backup by the emulator. */
  replications: ReplicationRec[];
  createdMs: number;
  /** Set once a DELETE was accepted: `deleting`, then gone (cbr/deletion.ts). */
  deleting?: Timed;
}

export interface CheckpointRec {
  id: string;
  projectId: string;
  vaultId: string;
  vaultName: string;
  createdAt: string;
  backupIds: string[];
  timed?: Timed;
}

export interface OpLogRec {
  wire: OperationLog;
  timed?: Timed;
  createdMs: number;
}

export interface GaussBackupRec {
  wire: GaussBackup;
  timed?: Timed;
  createdMs: number;
}

export interface GaussJobRec {
  id: string;
  backupId: string;
  instanceId: string;
  instanceName: string;
  projectId: string;
  timed: Timed;
}

export interface TokenRec {
  token: string;
  user: SeedUser;
  domain: SeedDomain;
  project: SeedProject | undefined;
  issuedMs: number;
  expiresMs: number;
  revoked: boolean;
}

function pushIndex<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) {
    list.push(value);
  } else {
    map.set(key, [value]);
  }
}

export class RegionState {
  replicationDestinations: string[] = [];
  readonly vaults: Vault[] = [];
  readonly vaultById = new Map<string, Vault>();
  /** resource id → vault id holding it. */
  readonly resourceVault = new Map<string, string>();
  readonly protectables = new Map<string, ProtectableInstance[]>();
  readonly protectableById = new Map<string, ProtectableInstance>();
  readonly backups: BackupRec[] = [];
  readonly backupById = new Map<string, BackupRec>();
  readonly backupsByVault = new Map<string, BackupRec[]>();
  readonly backupsByCheckpoint = new Map<string, BackupRec[]>();
  readonly backupsByResource = new Map<string, BackupRec[]>();
  readonly checkpoints = new Map<string, CheckpointRec>();
  readonly opLogs: OpLogRec[] = [];
  readonly opLogById = new Map<string, OpLogRec>();
  readonly gaussInstances: GaussInstance[] = [];
  readonly gaussInstanceById = new Map<string, GaussInstance>();
  readonly gaussBackups: GaussBackupRec[] = [];
  readonly gaussJobs = new Map<string, GaussJobRec>();
  /** Policies in creation order; each one's `associated_vaults` is the only record of what it is applied to. */
  readonly policies: Policy[] = [];

  constructor(readonly name: string) {}

  addVault(vault: Vault): void {
    vault.resources ??= [];
    this.vaults.push(vault);
    this.vaultById.set(vault.id, vault);
    for (const r of vault.resources) {
      this.resourceVault.set(r.id, vault.id);
    }
  }

  addBackup(rec: BackupRec): void {
    const b = rec.wire;
    b.replication_records ??= [];
    b.children ??= [];
    this.backups.push(rec);
    this.backupById.set(b.id, rec);
    pushIndex(this.backupsByVault, b.vault_id, rec);
    pushIndex(this.backupsByCheckpoint, b.checkpoint_id, rec);
    pushIndex(this.backupsByResource, b.resource_id, rec);
  }

  addOpLog(rec: OpLogRec): void {
    this.opLogs.push(rec);
    this.opLogById.set(rec.wire.id, rec);
  }

  addProtectable(type: string, p: ProtectableInstance): void {
    p.children ??= [];
    pushIndex(this.protectables, type, p);
    this.protectableById.set(p.id, p);
  }
}

export type CheckpointOutcome = 'available' | 'error';
export type GaussOutcome = 'completed' | 'error';
export type ReplicationOutcome = 'success' | 'failed';

export interface Script {
  nextCheckpoint?: CheckpointOutcome;
  nextGaussBackup?: GaussOutcome;
  nextReplication?: ReplicationOutcome;
}

export class EmulatorState {
  readonly clock = new Clock();
  timing: Timing;
  seed!: SeedData;
  regions = new Map<string, RegionState>();
  projectById = new Map<string, SeedProject>();
  tokens = new Map<string, TokenRec>();
  /** Scripted outcomes, consumed one per new piece of work. */
  scripted: { checkpoint: CheckpointOutcome[]; gauss: GaussOutcome[]; replication: ReplicationOutcome[] } = { checkpoint: [], gauss: [], replication: [] };

  /** The cloud whose documented behaviour the emulator follows (profile.ts). */
  cloud: CloudProfile = 'huaweicloud';

  constructor(seed: SeedData, timing: Timing, cloud?: CloudProfile) {
    this.timing = { ...timing };
    this.load(seed);
    if (cloud) {
      this.cloud = cloud;
    }
  }

  get rules(): ProfileRules {
    return PROFILE_RULES[this.cloud];
  }

  now(): number {
    return this.clock.now();
  }

  /** (Re)loads the seed; everything the emulator created is forgotten. */
  load(seed: SeedData): void {
    this.seed = seed;
    if (seed.cloud) {
      this.cloud = seed.cloud;
    }
    const data = structuredClone(seed);
    this.regions = new Map();
    this.projectById = new Map(data.projects.map((p) => [p.id, p]));
    this.tokens = new Map();
    this.scripted = { checkpoint: [], gauss: [], replication: [] };
    for (const [name, region] of Object.entries(data.regions)) {
      const rs = new RegionState(name);
      rs.replicationDestinations = region.replicationDestinations ?? [];
      for (const v of region.vaults ?? []) {
        rs.addVault(v);
      }
      for (const [type, list] of Object.entries(region.protectables ?? {})) {
        for (const p of list ?? []) {
          rs.addProtectable(type, p);
        }
      }
      for (const b of region.backups ?? []) {
        rs.addBackup({ wire: b, replications: [], createdMs: parseCloudTime(b.created_at) });
      }
      for (const log of region.operationLogs ?? []) {
        rs.addOpLog({ wire: log, createdMs: parseCloudTime(log.created_at) });
      }
      for (const policy of region.policies ?? []) {
        rs.policies.push(policy);
      }
      for (const inst of region.gaussdb?.instances ?? []) {
        rs.gaussInstances.push(inst);
        rs.gaussInstanceById.set(inst.id, inst);
      }
      for (const gb of region.gaussdb?.backups ?? []) {
        rs.gaussBackups.push({ wire: gb, createdMs: parseCloudTime(gb.begin_time) });
      }
      this.deriveSeedCheckpoints(rs);
      this.regions.set(name, rs);
    }
  }

  /** Seeds list backups, not checkpoints: a checkpoint is the group of backups sharing an id. */
  private deriveSeedCheckpoints(rs: RegionState): void {
    for (const [checkpointId, recs] of rs.backupsByCheckpoint) {
      const first = recs.reduce((a, b) => (b.createdMs < a.createdMs ? b : a));
      rs.checkpoints.set(checkpointId, {
        id: checkpointId,
        projectId: first.wire.project_id,
        vaultId: first.wire.vault_id,
        vaultName: rs.vaultById.get(first.wire.vault_id)?.name ?? '',
        createdAt: first.wire.created_at,
        backupIds: recs.map((r) => r.wire.id),
      });
    }
  }

  region(name: string): RegionState | undefined {
    return this.regions.get(name);
  }

  projectsInRegion(region: string): SeedProject[] {
    return this.seed.projects.filter((p) => p.region === region);
  }

  domainOfProject(project: SeedProject): SeedDomain | undefined {
    return project.domainId ? this.seed.domains.find((d) => d.id === project.domainId) : this.seed.domains[0];
  }

  /** Timed work for a new checkpoint, consuming a scripted outcome if there is one. */
  newCheckpointTiming(): Timed {
    const outcome = this.scripted.checkpoint.shift();
    return { startMs: this.now(), durationMs: this.timing.checkpointProtectingMs, fails: outcome === 'error' };
  }

  newGaussTiming(): Timed {
    const outcome = this.scripted.gauss.shift();
    return { startMs: this.now(), durationMs: this.timing.gaussBackupBuildingMs, fails: outcome === 'error' };
  }

  newReplicationTiming(): Timed {
    const outcome = this.scripted.replication.shift();
    return { startMs: this.now(), durationMs: this.timing.replicationMs, fails: outcome === 'failed' };
  }

  script(s: Script): void {
    if (s.nextCheckpoint) {
      this.scripted.checkpoint.push(s.nextCheckpoint);
    }
    if (s.nextGaussBackup) {
      this.scripted.gauss.push(s.nextGaussBackup);
    }
    if (s.nextReplication) {
      this.scripted.replication.push(s.nextReplication);
    }
  }

  expireAllTokens(): void {
    for (const t of this.tokens.values()) {
      t.revoked = true;
    }
  }
}
