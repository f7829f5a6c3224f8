import { strict as assert } from 'node:assert';
import { CloudSession, type Backup, type Vault } from '../../../src/api';
import { WriteGuard, type ActionDeps } from '../../../src/commands';
import { restoreBackup } from '../../../src/commands/restoreBackup';
import { planRestore, whyNotRestorable } from '../../../src/commands/restoreChecks';
import { Logger } from '../../../src/common/logger';
import { Notifier } from '../../../src/common/notifier';
import type { TrackedWork } from '../../../src/tracking/types';
import { startEmulator, type RunningEmulator } from '../../emulator';
import { DEMO_IDS } from '../../emulator/seeds/demoIds';
import { ScriptedPrompter, type Answer } from '../../host/scriptedPrompter';

const REGION = 'ap-southeast-1';
const APP_SERVER = '97595625-198e-4e4d-879b-9d53f68ba551';
const value = (v: unknown): Answer => ({ pick: (i) => i.value === v });

describe('unit: cbr.restoreBackup against the emulator (real HTTP)', function () {
  this.timeout(30_000);
  let emu: RunningEmulator;

  before(async () => {
    emu = await startEmulator({ port: 0, timing: { checkpointProtectingMs: 300, gaussBackupBuildingMs: 300, replicationMs: 300 } });
  });
  after(() => emu.close());
  beforeEach(() => emu.admin.reset());

  function deps(answers: Answer[]) {
    const tracked: TrackedWork[] = [];
    const session = CloudSession.create({
      cloud: 'custom',
      region: REGION,
      endpointOverrides: emu.endpoints,
      credentials: { kind: 'aksk', accessKey: 'DEMOACCESSKEY0000001', secretKey: 'demoSecretKey000000000000000000000000001' },
      retry: { baseDelayMs: 10, maxDelayMs: 50 },
    });
    const prompter = new ScriptedPrompter(answers);
    const d: ActionDeps = {
      connection: { cloud: 'custom', regions: [REGION], session: () => session },
      prompter: () => prompter,
      logger: new Logger('test'),
      // A short confirmation window: a lost answer is looked for over 300 ms here, not minutes.
      writes: new WriteGuard(() => ({ windowMs: 300, intervalMs: 50 })),
      messages: new Notifier(),
      track: (w) => void tracked.push(w),
      refreshVault: () => undefined,
      refreshAll: () => undefined,
      refreshInstance: () => undefined,
    };
    return { deps: d, session, prompter, tracked, told: () => d.messages.recent().map((m) => [m.severity, m.message]) };
  }

  /** An available server backup of app-server-01 (two disks), and its vault. */
  async function serverBackup(session: CloudSession): Promise<{ backup: Backup; vault: Vault }> {
    const cp = await session.cbr.createCheckpoint({ vaultId: DEMO_IDS.prodVault, name: 'nightly', resourceIds: [APP_SERVER] });
    emu.admin.advance(500);
    const backup = (await session.cbr.listBackups({ checkpointId: cp.id })).backups[0];
    return { backup, vault: await session.cbr.showVault(DEMO_IDS.prodVault) };
  }

  it('a server backup with two disks, safety restore point first: one restore with both mappings, followed, told', async () => {
    const f = deps([value(true), value(true), { input: 'app-server-01' }]);
    const { backup, vault } = await serverBackup(f.session);
    await restoreBackup(f.deps, { kind: 'backup', region: REGION, backup, vault });
    const safety = emu.admin.requests('cbr.createCheckpoint').at(-1)?.body as { checkpoint: { parameters: { name: string; resources: string[] } } };
    assert.deepEqual(safety.checkpoint.parameters.resources, [APP_SERVER], 'the safety restore point backs up the server being overwritten');
    const restores = emu.admin.requests('cbr.restoreBackup');
    assert.equal(restores.length, 1);
    const body = restores[0].body as { restore: { server_id: string; mappings: unknown[]; power_on: boolean } };
    assert.equal(body.restore.server_id, APP_SERVER);
    assert.equal(body.restore.mappings.length, 2);
    assert.equal(body.restore.power_on, true);
    assert.ok(f.prompter.shown.some((s) => /overwritten with backup nightly.*All current data/s.test(s.prompt ?? '') && /app-server-01-data/.test(s.prompt ?? '')), 'the confirmation names the server, the disks and the loss');
    assert.deepEqual(f.tracked.map((w) => [w.kind, w.label]), [['restore', 'app-server-01']]);
    assert.deepEqual(f.told().at(-1), ['info', 'Restoring app-server-01 from backup nightly.']);
  });

  it('from a restore point row: pick which of its resources to restore; only that one is restored, with the usual confirmation', async () => {
    const f = deps([{ pickMany: (i) => i.label === 'app-server-01' }, value(true), value(false), { input: 'app-server-01' }]);
    const cp = await f.session.cbr.createCheckpoint({ vaultId: DEMO_IDS.prodVault, name: 'both_servers' });
    emu.admin.advance(500);
    const { backups } = await f.session.cbr.listBackups({ checkpointId: cp.id });
    assert.equal(backups.length, 2, 'one backup per server');
    const vault = await f.session.cbr.showVault(DEMO_IDS.prodVault);
    // The tree may hold only part of the restore point: the command reads it again.
    await restoreBackup(f.deps, { kind: 'checkpoint', region: REGION, vault, checkpointId: cp.id, name: 'both_servers', backups: backups.slice(0, 1) });
    assert.deepEqual(f.prompter.shown[0]?.items?.slice().sort(), ['app-server-01', 'web-server-01']);
    const restores = emu.admin.requests('cbr.restoreBackup');
    assert.equal(restores.length, 1);
    const restored = backups.find((b) => b.resourceId === APP_SERVER);
    assert.match(restores[0].path, new RegExp(`/backups/${restored?.id ?? 'missing'}/restore$`));
    assert.deepEqual(f.tracked.map((w) => [w.kind, w.label]), [['restore', 'app-server-01']]);
  });

  it('a safety restore point that fails stops the restore: nothing sent, the user told why', async () => {
    const f = deps([value(true), value(true), { input: 'app-server-01' }]);
    const { backup, vault } = await serverBackup(f.session);
    emu.admin.script({ nextCheckpoint: 'error' });
    await restoreBackup(f.deps, { kind: 'backup', region: REGION, backup, vault });
    assert.equal(emu.admin.requests('cbr.restoreBackup').length, 0);
    assert.match(String(f.told().at(-1)?.[1]), /^Nothing was restored: The safety restore point safety_app-server-01 failed in the cloud\./);
    assert.deepEqual(f.tracked, []);
  });

  it('a restore whose answer is lost is not resent: found in the restore operation logs and followed', async () => {
    const f = deps([value(false), value(false), { input: 'app-server-01' }]);
    const { backup, vault } = await serverBackup(f.session);
    emu.admin.addFault({ op: 'cbr.restoreBackup', drop: true, afterApply: true });
    await restoreBackup(f.deps, { kind: 'backup', region: REGION, backup, vault });
    assert.equal(emu.admin.requests('cbr.restoreBackup').length, 1, 'sent exactly once');
    assert.equal((emu.admin.requests('cbr.restoreBackup')[0].body as { restore: { power_on: boolean } }).restore.power_on, false);
    assert.equal(f.told().at(-1)?.[0], 'warning');
    assert.match(String(f.told().at(-1)?.[1]), /the restore of app-server-01 started; it is being followed\./);
    assert.deepEqual(f.tracked.map((w) => w.kind), ['restore']);
  });

  it('a lost answer of a restore that never happened: told nothing was overwritten, nothing resent', async () => {
    const f = deps([value(true), value(false), { input: 'app-server-01' }]);
    const { backup, vault } = await serverBackup(f.session);
    emu.admin.addFault({ op: 'cbr.restoreBackup', drop: true });
    await restoreBackup(f.deps, { kind: 'backup', region: REGION, backup, vault });
    assert.equal(emu.admin.requests('cbr.restoreBackup').length, 1);
    assert.match(String(f.told().at(-1)?.[1]), /is not confirmed yet/, 'first: still looking');
    for (let i = 0; i < 100 && !/has not started/.test(String(f.told().at(-1)?.[1])); i++) {
      await new Promise((r) => setTimeout(r, 20));
    }
    assert.match(String(f.told().at(-1)?.[1]), /has not started; nothing was overwritten/);
    assert.equal(emu.admin.requests('cbr.restoreBackup').length, 1, 'never resent');
    assert.deepEqual(f.tracked, []);
  });

  it('a backup that is no longer available is refused before anything is sent', async () => {
    const f = deps([value(true), value(false), { input: 'app-server-01' }]);
    const { backup, vault } = await serverBackup(f.session);
    await f.session.cbr.restoreBackup(planRestore(backup, true).request);
    const before = emu.admin.requests('cbr.restoreBackup').length;
    await restoreBackup(f.deps, { kind: 'backup', region: REGION, backup, vault });
    assert.equal(emu.admin.requests('cbr.restoreBackup').length, before);
    assert.match(String(f.told().at(-1)?.[1]), /is restoring; only an available backup can be restored/);
  });

  it('preconditions in words: supported_restore_mode na, a server backup without disk backups', () => {
    const base = { id: 'b', name: 'bk', status: 'available', resourceId: 's', resourceName: 'srv', resourceType: 'OS::Nova::Server', replicationRecords: [] };
    assert.match(whyNotRestorable({ ...base, raw: { extend_info: { supported_restore_mode: 'na' }, children: [] } } as unknown as Backup) ?? '', /cannot be restored/);
    assert.match(whyNotRestorable({ ...base, raw: { children: [] } } as unknown as Backup) ?? '', /lists no disk backups/);
    assert.equal(whyNotRestorable({ ...base, resourceType: 'OS::Cinder::Volume', raw: {} } as unknown as Backup), undefined);
    assert.deepEqual(planRestore({ ...base, resourceType: 'OS::Cinder::Volume', raw: {} } as unknown as Backup, true).request, { backupId: 'b', volumeId: 's' });
  });
});
