import { strict as assert } from 'node:assert';
import { CloudApiError, CloudSession, insideRestorableWindow, isApiNotOffered, type Credentials } from '../../../src/api';
import { startEmulator, type RunningEmulator } from '../../emulator';
import demoSeed from '../../emulator/seeds/demo.json';
import type { SeedData } from '../../emulator/types';
import { DEMO_IDS } from '../../emulator/seeds/demoIds';

const AKSK: Credentials = { kind: 'aksk', accessKey: 'DEMOACCESSKEY0000001', secretKey: 'demoSecretKey000000000000000000000000001' };
const STAGING = 'a1b2c3d4e5f60718293a4b5c6d7e8f90in07';

/** The demo seed with a second instance, orders-db-staging, in ap-southeast-1. */
function seedWithStaging(): SeedData {
  const seed = structuredClone(demoSeed) as unknown as SeedData;
  const gauss = seed.regions['ap-southeast-1']?.gaussdb;
  const orders = gauss?.instances?.[0];
  assert.ok(gauss?.instances && orders);
  gauss.instances.push({ ...orders, id: STAGING, name: 'orders-db-staging' });
  return seed;
}

describe('API: GaussDB(for MySQL) restore (ShowRestoreTime, RestoreOldInstance) against the emulator', function () {
  this.timeout(20_000);
  let emu: RunningEmulator;
  const session = () => CloudSession.create({ cloud: 'custom', region: 'ap-southeast-1', endpointOverrides: emu.endpoints, credentials: AKSK, retry: { baseDelayMs: 10, maxDelayMs: 50 } });
  const statusOf = async (s: CloudSession, id: string) => (await s.gaussdb.listInstances({ id })).instances[0]?.status;

  before(async () => {
    emu = await startEmulator({ port: 0, timing: { checkpointProtectingMs: 1000, gaussBackupBuildingMs: 1000, replicationMs: 1000 } });
  });
  after(() => emu.close());
  beforeEach(() => {
    emu.admin.reset();
    emu.admin.setCloud('huaweicloud');
  });

  it('reads the restorable window as ranges of UTC milliseconds: from the oldest completed backup until now', async () => {
    const s = session();
    const { ranges } = await s.gaussdb.listRestoreTimes(DEMO_IDS.instance);
    const [sent] = emu.admin.requests('gaussdb.listRestoreTimes');
    assert.equal(sent?.method, 'GET');
    assert.match(sent?.path ?? '', new RegExp(`/v3/[0-9a-f]+/instances/${DEMO_IDS.instance}/restore-time$`));
    assert.equal(ranges.length, 1);
    const { backups } = await s.gaussdb.listBackups({ instanceId: DEMO_IDS.instance });
    const oldest = Math.min(...backups.map((b) => b.beginTime!.getTime()));
    assert.equal(ranges[0]?.start.getTime(), oldest);
    assert.ok(Math.abs((ranges[0]?.end.getTime() ?? 0) - emu.admin.now()) < 1000, 'the window ends now');
  });

  it('restores to a point in time: one POST with type timestamp and restore_time in ms; the target reads RESTORING, the job Running, then ACTIVE and Completed', async () => {
    const s = session();
    const { ranges } = await s.gaussdb.listRestoreTimes(DEMO_IDS.instance);
    const at = new Date(Math.floor((ranges[0].start.getTime() + ranges[0].end.getTime()) / 2));
    assert.ok(insideRestorableWindow(ranges, at));
    const { jobId } = await s.gaussdb.restoreInstance({ sourceInstanceId: DEMO_IDS.instance, targetInstanceId: DEMO_IDS.instance, type: 'timestamp', restoreTime: at });
    const sent = emu.admin.requests('gaussdb.restoreInstance');
    assert.equal(sent.length, 1);
    assert.equal(sent[0]?.method, 'POST');
    assert.match(sent[0]?.path ?? '', /\/v3\/[0-9a-f]+\/instances\/restore$/);
    assert.deepEqual(sent[0]?.body, { source_instance_id: DEMO_IDS.instance, target_instance_id: DEMO_IDS.instance, type: 'timestamp', restore_time: at.getTime() });
    assert.equal(await statusOf(s, DEMO_IDS.instance), 'RESTORING');
    const running = await s.gaussdb.showJob(jobId);
    assert.equal(running.status, 'Running');
    assert.equal(running.instance?.id, DEMO_IDS.instance);
    emu.admin.advance(1500);
    assert.equal((await s.gaussdb.showJob(jobId)).status, 'Completed');
    assert.equal(await statusOf(s, DEMO_IDS.instance), 'ACTIVE');
  });

  it('restores a backup onto another instance: type backup with backup_id; only the target is restoring', async () => {
    emu.admin.loadSeed({ seed: seedWithStaging() });
    const s = session();
    const { backups } = await s.gaussdb.listBackups({ instanceId: DEMO_IDS.instance, backupType: 'manual' });
    const backup = backups[0];
    await s.gaussdb.restoreInstance({ sourceInstanceId: DEMO_IDS.instance, targetInstanceId: STAGING, type: 'backup', backupId: backup.id });
    assert.deepEqual(emu.admin.requests('gaussdb.restoreInstance')[0]?.body, { source_instance_id: DEMO_IDS.instance, target_instance_id: STAGING, type: 'backup', backup_id: backup.id });
    assert.equal(await statusOf(s, STAGING), 'RESTORING');
    assert.equal(await statusOf(s, DEMO_IDS.instance), 'ACTIVE');
  });

  it('refuses a time outside the window, and a target that is not ACTIVE, with the cloud error code', async () => {
    const s = session();
    const { ranges } = await s.gaussdb.listRestoreTimes(DEMO_IDS.instance);
    const before = new Date(ranges[0].start.getTime() - 60_000);
    await assert.rejects(
      s.gaussdb.restoreInstance({ sourceInstanceId: DEMO_IDS.instance, targetInstanceId: DEMO_IDS.instance, type: 'timestamp', restoreTime: before }),
      (e: unknown) => e instanceof CloudApiError && e.errorCode === 'DBS.200001' && e.httpStatus === 400 && !e.outcomeUnknown,
    );
    await s.gaussdb.createBackup({ instanceId: DEMO_IDS.instance, name: 'before-restore' });
    await assert.rejects(
      s.gaussdb.restoreInstance({ sourceInstanceId: DEMO_IDS.instance, targetInstanceId: DEMO_IDS.instance, type: 'timestamp', restoreTime: ranges[0].end }),
      (e: unknown) => e instanceof CloudApiError && e.errorCode === 'DBS.200086' && /BACKING UP/.test(e.message),
    );
    assert.equal(emu.admin.applied('gaussdb.restoreInstance'), 0, 'nothing was restored');
  });

  it('a scripted failure ends the job Failed with its reason, and the target reads ACTIVE again', async () => {
    const s = session();
    emu.admin.script({ nextGaussBackup: 'error' });
    const { backups } = await s.gaussdb.listBackups({ instanceId: DEMO_IDS.instance });
    const { jobId } = await s.gaussdb.restoreInstance({ sourceInstanceId: DEMO_IDS.instance, targetInstanceId: DEMO_IDS.instance, type: 'backup', backupId: backups[0].id });
    emu.admin.advance(1500);
    const job = await s.gaussdb.showJob(jobId);
    assert.equal(job.status, 'Failed');
    assert.match(job.failReason ?? '', /Restoration failed/);
    assert.equal(await statusOf(s, DEMO_IDS.instance), 'ACTIVE');
  });

  it('refuses bad input before sending anything', async () => {
    const s = session();
    await assert.rejects(s.gaussdb.restoreInstance({ sourceInstanceId: 'nope', targetInstanceId: DEMO_IDS.instance, type: 'backup', backupId: 'x' }), /not a GaussDB instance id/);
    await assert.rejects(s.gaussdb.restoreInstance({ sourceInstanceId: DEMO_IDS.instance, targetInstanceId: DEMO_IDS.instance, type: 'backup', backupId: ' ' }), /Choose a backup/);
    await assert.rejects(s.gaussdb.restoreInstance({ sourceInstanceId: DEMO_IDS.instance, targetInstanceId: DEMO_IDS.instance, type: 'timestamp', restoreTime: new Date(Number.NaN) }), /point in time/);
    assert.equal(emu.admin.count('gaussdb.restoreInstance'), 0);
  });

  it('on Open Telekom Cloud both calls answer as an unknown API, which reads as "not offered" (a missing instance does not)', async () => {
    const s = session();
    await assert.rejects(s.gaussdb.listRestoreTimes('ffffffffffffffffffffffffffffffffin07'), (e: unknown) => e instanceof CloudApiError && e.errorCode === 'DBS.200002' && !isApiNotOffered(e));
    emu.admin.setCloud('opentelekomcloud');
    await assert.rejects(s.gaussdb.listRestoreTimes(DEMO_IDS.instance), (e: unknown) => isApiNotOffered(e));
    await assert.rejects(
      s.gaussdb.restoreInstance({ sourceInstanceId: DEMO_IDS.instance, targetInstanceId: DEMO_IDS.instance, type: 'timestamp', restoreTime: new Date() }),
      (e: unknown) => isApiNotOffered(e) && e instanceof CloudApiError && !e.outcomeUnknown,
    );
  });

  it('a lost answer is an unknown outcome and is not resent; the target reads RESTORING', async () => {
    const s = session();
    emu.admin.addFault({ op: 'gaussdb.restoreInstance', drop: true, afterApply: true });
    const { backups } = await s.gaussdb.listBackups({ instanceId: DEMO_IDS.instance });
    await assert.rejects(
      s.gaussdb.restoreInstance({ sourceInstanceId: DEMO_IDS.instance, targetInstanceId: DEMO_IDS.instance, type: 'backup', backupId: backups[0].id }),
      (e: unknown) => e instanceof CloudApiError && e.outcomeUnknown,
    );
    assert.equal(emu.admin.count('gaussdb.restoreInstance'), 1, 'sent exactly once');
    assert.equal(await statusOf(s, DEMO_IDS.instance), 'RESTORING');
  });
});
