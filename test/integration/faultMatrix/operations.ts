/**
 * The rows of the fault matrix: every write the extension makes, the IAM password exchange that
 * precedes a write, and one representative read. Each row knows how to run itself through the
 * real API layer and how to count, in the emulator's state, the objects it makes.
 */
import type { CloudSession, Credentials } from '../../../src/api';
import type { RunningEmulator } from '../../emulator/index';
import { DEMO_IDS } from '../../emulator/seeds/demoIds';

export const REGION = 'ap-southeast-1';
export const DEST_REGION = 'ap-southeast-2';
/** The demo project of ap-southeast-1 (test/emulator/seeds/demo.json). */
export const PROJECT = '0605767b5780d5762fc5c0118072a564';

/** Demo credentials (test/emulator/seeds/demo.json): the secrets the matrix also looks for in every message. */
export const CREDENTIALS = {
  password: { kind: 'password', domainName: 'demo-domain', userName: 'demo-user', password: 'Demo-Passw0rd!' },
  aksk: { kind: 'aksk', accessKey: 'DEMOACCESSKEY0000001', secretKey: 'demoSecretKey000000000000000000000000001' },
  token: { kind: 'token', token: 'demo-static-token-0001' },
} as const satisfies Record<string, Credentials>;
export type CredentialKind = keyof typeof CREDENTIALS;

export interface Operation {
  id: string;
  label: string;
  /** The emulator operation the faults hit. */
  faultOp: string;
  /** The write whose effect is counted (the token exchange is followed by a restore point). */
  writeOp?: string;
  /** The token exchange runs inside the write, with the project id configured (as the extension does once it knows it). */
  exchangesToken?: boolean;
  run(s: CloudSession, name: string): Promise<unknown>;
  /** How many objects this row's write made so far (compared with the count before the cell). */
  objects(emu: RunningEmulator, name: string): number;
}

type RegionState = {
  vaults: { id: string; name: string; resources: { id: string }[] }[];
  checkpoints: { id: string; vault_id: string }[];
  gaussdb: { backups: { name: string }[] };
};

function region(emu: RunningEmulator, name = REGION): RegionState {
  const regions = emu.admin.state().regions as Record<string, RegionState>;
  const r = regions[name];
  if (!r) {
    throw new Error(`the emulator has no region ${name}`);
  }
  return r;
}

const checkpointsIn = (emu: RunningEmulator, vaultId: string): number => region(emu).checkpoints.filter((c) => c.vault_id === vaultId).length;

const createCheckpoint = (s: CloudSession, name: string): Promise<unknown> => s.cbr.createCheckpoint({ vaultId: DEMO_IDS.prodVault, name, incremental: true });

/** A server in no vault (demo seed: db-server-01). */
export const FREE_SERVER = '6f1e2d3c-4b5a-4c69-8d7e-9f0a1b2c3d4e';

export const OPERATIONS: Operation[] = [
  {
    id: 'listVaults',
    label: 'list vaults (read)',
    faultOp: 'cbr.listVaults',
    run: (s) => s.cbr.listVaults({ limit: 10 }),
    objects: () => 0,
  },
  {
    id: 'createVault',
    label: 'create vault',
    faultOp: 'cbr.createVault',
    writeOp: 'cbr.createVault',
    run: (s, name) => s.cbr.createVault({ name, objectType: 'disk', sizeGb: 10 }),
    objects: (emu, name) => region(emu).vaults.filter((v) => v.name === name).length,
  },
  {
    id: 'addResources',
    label: 'associate resources',
    faultOp: 'cbr.addResources',
    writeOp: 'cbr.addResources',
    run: (s) => s.cbr.addResources(DEMO_IDS.prodVault, [{ id: FREE_SERVER, type: 'OS::Nova::Server', name: 'db-server-01' }]),
    objects: (emu) => region(emu).vaults.flatMap((v) => v.resources).filter((r) => r.id === FREE_SERVER).length,
  },
  {
    id: 'createCheckpoint',
    label: 'create restore point',
    faultOp: 'cbr.createCheckpoint',
    writeOp: 'cbr.createCheckpoint',
    run: createCheckpoint,
    objects: (emu) => checkpointsIn(emu, DEMO_IDS.prodVault),
  },
  {
    id: 'replicate',
    label: 'replicate',
    faultOp: 'cbr.replicate',
    writeOp: 'cbr.replicate',
    run: (s) => s.cbr.replicate({ vaultId: DEMO_IDS.prodVault, destinationRegion: DEST_REGION, destinationProjectId: DEMO_IDS.secondProject, destinationVaultId: DEMO_IDS.replicaVault }),
    // One replication copies every resource's newest backup (one operation log each): count the replications the emulator carried out.
    objects: (emu) => emu.admin.applied('cbr.replicate'),
  },
  {
    id: 'gaussBackup',
    label: 'GaussDB manual backup',
    faultOp: 'gaussdb.createBackup',
    writeOp: 'gaussdb.createBackup',
    run: (s, name) => s.gaussdb.createBackup({ instanceId: DEMO_IDS.instance, name }),
    objects: (emu, name) => region(emu).gaussdb.backups.filter((b) => b.name === name).length,
  },
  {
    id: 'tokenExchange',
    label: 'IAM password token exchange (before a restore point)',
    faultOp: 'iam.createToken',
    writeOp: 'cbr.createCheckpoint',
    exchangesToken: true,
    run: createCheckpoint,
    objects: (emu) => checkpointsIn(emu, DEMO_IDS.prodVault),
  },
];
