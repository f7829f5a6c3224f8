/* eslint-disable @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-call --
   response bodies are untyped JSON (helpers.Json); the assertions are the type check. */
import { strict as assert } from 'node:assert';
import type { RunningEmulator } from '../../emulator/index';
import { Client, IDS, start, type Json } from './helpers';

const GAUSS_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{4}$/;

describe('emulator: GaussDB(for MySQL)', () => {
  let emu: RunningEmulator;
  let db: Client;
  beforeEach(async () => {
    emu = await start({ timing: { gaussBackupBuildingMs: 10_000 } });
    db = await Client.signIn(emu);
  });
  afterEach(async () => {
    await emu.close();
  });

  it('lists instances and backups', async () => {
    const inst = await db.gauss('/instances');
    assert.equal(inst.status, 200);
    assert.equal(inst.body.total_count, 1);
    assert.equal(inst.body.instances[0].id, IDS.gaussInstance);
    assert.equal(inst.body.instances[0].name, 'orders-db');
    assert.equal(inst.body.instances[0].status, 'ACTIVE');
    assert.equal((await db.gauss('/instances?name=*orders')).body.total_count, 1);
    assert.equal((await db.gauss('/instances?name=orders')).body.total_count, 0);
    assert.equal((await db.gauss('/instances?limit=101')).body.error_code, 'DBS.200001');

    const backups = await db.gauss(`/backups?instance_id=${IDS.gaussInstance}`);
    assert.equal(backups.body.total_count, 3);
    const b = backups.body.backups[0];
    assert.match(b.begin_time, GAUSS_TIME);
    assert.equal(typeof b.size, 'number');
    assert.equal(b.status, 'COMPLETED');
    assert.equal((await db.gauss('/backups?backup_type=manual')).body.total_count, 1);
    const page = await db.gauss('/backups?offset=2&limit=1');
    assert.equal(page.body.total_count, 3);
    assert.equal(page.body.backups.length, 1);
  });

  it('creates a manual backup: 201 BUILDING / Running → COMPLETED / Completed', async () => {
    const res = await db.gauss('/backups/create', {
      method: 'POST',
      body: { instance_id: IDS.gaussInstance, name: 'backup-1', description: 'Manual backup' },
    });
    assert.equal(res.status, 201);
    const { backup, job_id: jobId } = res.body;
    assert.deepEqual(Object.keys(res.body).sort(), ['backup', 'job_id']);
    assert.deepEqual(Object.keys(backup).sort(), ['begin_time', 'description', 'id', 'instance_id', 'name', 'status', 'type']);
    assert.equal(backup.status, 'BUILDING');
    assert.equal(backup.type, 'manual');
    assert.equal(backup.instance_id, IDS.gaussInstance);
    assert.match(backup.id, /^[0-9a-f]{32}br01$/, 'not a UUID, as in the documented list example');
    assert.match(backup.begin_time, GAUSS_TIME);
    assert.ok(Math.abs(Date.parse(backup.begin_time.replace(/(\d{2})(\d{2})$/, '$1:$2')) - Date.now()) < 5_000, 'begin_time is the right instant');

    const job = (await db.gauss(`/jobs?id=${jobId}`)).body.job;
    assert.equal(job.name, 'CreateBackup');
    assert.equal(job.status, 'Running');
    assert.deepEqual(job.instance, { id: IDS.gaussInstance, name: 'orders-db' });
    assert.match(job.created, GAUSS_TIME);
    const listed = (await db.gauss(`/backups?backup_id=${backup.id}`)).body.backups[0];
    assert.equal(listed.status, 'BUILDING');
    assert.equal((await db.gauss('/instances')).body.instances[0].status, 'BACKING UP');
    const busy = await db.gauss('/backups/create', { method: 'POST', body: { instance_id: IDS.gaussInstance, name: 'backup-2' } });
    assert.equal(busy.status, 400);
    assert.equal(busy.body.error_code, 'DBS.200086');

    emu.admin.advance(5_000);
    assert.equal((await db.gauss(`/jobs?id=${jobId}`)).body.job.process, '50%');
    emu.admin.advance(5_000);
    const doneJob = (await db.gauss(`/jobs?id=${jobId}`)).body.job;
    assert.equal(doneJob.status, 'Completed');
    assert.match(doneJob.ended, GAUSS_TIME);
    const done = (await db.gauss(`/backups?backup_id=${backup.id}`)).body.backups[0];
    assert.equal(done.status, 'COMPLETED');
    assert.ok(done.size > 0);
    assert.match(done.end_time, GAUSS_TIME);
    assert.equal((await db.gauss('/instances')).body.instances[0].status, 'ACTIVE');
  });

  it('fails a scripted backup', async () => {
    emu.admin.script({ nextGaussBackup: 'error' });
    const res = await db.gauss('/backups/create', { method: 'POST', body: { instance_id: IDS.gaussInstance, name: 'doomed' } });
    emu.admin.advance(10_000);
    const job = (await db.gauss(`/jobs?id=${res.body.job_id}`)).body.job;
    assert.equal(job.status, 'Failed');
    assert.equal(typeof job.fail_reason, 'string');
    assert.equal((await db.gauss(`/backups?backup_id=${res.body.backup.id}`)).body.backups[0].status, 'FAILED');
  });

  it('validates name, description, instance and job id', async () => {
    const bad: Json[] = [
      { instance_id: IDS.gaussInstance, name: 'abc' },
      { instance_id: IDS.gaussInstance, name: '1backup' },
      { instance_id: IDS.gaussInstance, name: 'x'.repeat(65) },
      { instance_id: IDS.gaussInstance, name: 'has space' },
      { instance_id: IDS.gaussInstance, name: 'backup-ok', description: 'a=b' },
      { instance_id: IDS.gaussInstance, name: 'backup-ok', description: 'x'.repeat(257) },
      { name: 'backup-ok' },
    ];
    for (const body of bad) {
      const res = await db.gauss('/backups/create', { method: 'POST', body });
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.deepEqual(Object.keys(res.body).sort(), ['error_code', 'error_msg']);
      assert.equal(res.body.error_code, 'DBS.200001');
    }
    const unknown = await db.gauss('/backups/create', { method: 'POST', body: { instance_id: '0'.repeat(32) + 'in07', name: 'backup-ok' } });
    assert.deepEqual([unknown.status, unknown.body.error_code], [404, 'DBS.200002'], 'the DB instance does not exist');
    const malformed = await db.gauss('/backups/create', { method: 'POST', body: { instance_id: '../x', name: 'backup-ok' } });
    assert.deepEqual([malformed.status, malformed.body.error_code], [400, 'DBS.280404'], 'invalid DB instance ID format');
    const job = await db.gauss('/jobs?id=nope');
    assert.deepEqual([job.status, job.body.error_code], [400, 'DBS.200543']);
  });
});
