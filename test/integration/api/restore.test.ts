import { strict as assert } from 'node:assert';
import { CloudApiError, CloudSession, restoreFactsOf, restoreInfoOf, type Credentials } from '../../../src/api';
import { startEmulator, type RunningEmulator } from '../../emulator';
import { DEMO_IDS } from '../../emulator/seeds/demoIds';

const AKSK: Credentials = { kind: 'aksk', accessKey: 'DEMOACCESSKEY0000001', secretKey: 'demoSecretKey000000000000000000000000001' };
const APP_SERVER = '97595625-198e-4e4d-879b-9d53f68ba551';

describe('API: restore a CBR backup (RestoreBackup) against the emulator', function () {
  this.timeout(20_000);
  let emu: RunningEmulator;
  const session = () => CloudSession.create({ cloud: 'custom', region: 'ap-southeast-1', endpointOverrides: emu.endpoints, credentials: AKSK, retry: { baseDelayMs: 10, maxDelayMs: 50 } });

  before(async () => {
    emu = await startEmulator({ port: 0, timing: { checkpointProtectingMs: 1000, gaussBackupBuildingMs: 1000, replicationMs: 1000 } });
  });
  after(() => emu.close());
  beforeEach(() => emu.admin.reset());

  /** A fresh, available server backup of app-server-01 (two disks). */
  async function serverBackup(s: CloudSession) {
    const cp = await s.cbr.createCheckpoint({ vaultId: DEMO_IDS.prodVault, name: 'before_restore', resourceIds: [APP_SERVER] });
    emu.admin.advance(1500);
    const { backups } = await s.cbr.listBackups({ checkpointId: cp.id });
    assert.equal(backups.length, 1);
    return backups[0];
  }

  it('sends one POST with server_id, both disk mappings and power_on; 202 with no body; the backup reads restoring, then available', async () => {
    const s = session();
    const backup = await serverBackup(s);
    const { disks, supportedRestoreMode } = restoreFactsOf(backup);
    assert.equal(supportedRestoreMode, 'backup');
    assert.equal(disks.length, 2, 'a server backup lists a disk backup per disk');
    const mappings = disks.map((d) => ({ backupId: d.backupId, volumeId: d.volumeId! }));
    await s.cbr.restoreBackup({ backupId: backup.id, serverId: APP_SERVER, mappings, powerOn: true });
    const sent = emu.admin.requests('cbr.restoreBackup');
    assert.equal(sent.length, 1);
    assert.match(sent[0].path, new RegExp(`/v3/[0-9a-f]+/backups/${backup.id}/restore$`));
    assert.equal(sent[0].method, 'POST');
    assert.deepEqual(sent[0].body, { restore: { server_id: APP_SERVER, mappings: mappings.map((m) => ({ backup_id: m.backupId, volume_id: m.volumeId })), power_on: true } });
    assert.equal((await s.cbr.showBackup(backup.id)).status, 'restoring');
    const running = await s.cbr.listRestoreLogs({ vaultId: DEMO_IDS.prodVault, startTime: new Date(Date.now() - 600_000) });
    assert.equal(running[0]?.status, 'running');
    assert.equal(restoreInfoOf(running[0])?.backupId, backup.id);
    assert.equal(restoreInfoOf(running[0])?.targetResourceId, APP_SERVER);
    emu.admin.advance(1500);
    assert.equal((await s.cbr.showBackup(backup.id)).status, 'available');
    const done = await s.cbr.listRestoreLogs({ vaultId: DEMO_IDS.prodVault, startTime: new Date(Date.now() - 600_000) });
    assert.equal(done[0]?.status, 'success');
  });

  it('refuses a backup that is being restored, with the cloud error code', async () => {
    const s = session();
    const backup = await serverBackup(s);
    const mappings = restoreFactsOf(backup).disks.map((d) => ({ backupId: d.backupId, volumeId: d.volumeId! }));
    await s.cbr.restoreBackup({ backupId: backup.id, serverId: APP_SERVER, mappings });
    await assert.rejects(s.cbr.restoreBackup({ backupId: backup.id, serverId: APP_SERVER, mappings }), (e: unknown) => e instanceof CloudApiError && e.errorCode === 'BackupService.9900' && /restoring/.test(e.message));
  });

  it('refuses a server restore that leaves a disk unmapped', async () => {
    const s = session();
    const backup = await serverBackup(s);
    const first = restoreFactsOf(backup).disks[0];
    await assert.rejects(s.cbr.restoreBackup({ backupId: backup.id, serverId: APP_SERVER, mappings: [{ backupId: first.backupId, volumeId: first.volumeId! }] }), (e: unknown) => e instanceof CloudApiError && e.errorCode === 'BackupService.9900');
  });

  it('refuses bad input before sending anything', async () => {
    const s = session();
    await assert.rejects(s.cbr.restoreBackup({ backupId: 'not-a-uuid', volumeId: DEMO_IDS.dataDisk01 }), /backup id/);
    await assert.rejects(s.cbr.restoreBackup({ backupId: DEMO_IDS.dataDisk01, serverId: APP_SERVER }), /pairs each disk backup/);
    await assert.rejects(s.cbr.restoreBackup({ backupId: DEMO_IDS.dataDisk01 }), /either a server or a disk/);
    assert.equal(emu.admin.requests('cbr.restoreBackup').length, 0);
  });

  it('restores a disk backup onto its disk with volume_id only', async () => {
    const s = session();
    const { backups } = await s.cbr.listBackups({ resourceId: DEMO_IDS.dataDisk01, status: ['available'] });
    const backup = backups[0];
    await s.cbr.restoreBackup({ backupId: backup.id, volumeId: DEMO_IDS.dataDisk01 });
    assert.deepEqual(emu.admin.requests('cbr.restoreBackup')[0]?.body, { restore: { volume_id: DEMO_IDS.dataDisk01 } });
    assert.equal((await s.cbr.showBackup(backup.id)).status, 'restoring');
  });
});
