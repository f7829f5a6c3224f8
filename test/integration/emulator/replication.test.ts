/* eslint-disable @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return --
   response bodies are untyped JSON (helpers.Json); the assertions are the type check. */
import { strict as assert } from 'node:assert';
import type { RunningEmulator } from '../../emulator/index';
import { Client, IDS, P1, P2, R1, R2, start, type Json } from './helpers';

describe('emulator: CBR replication', () => {
  let emu: RunningEmulator;
  let src: Client;
  let dst: Client;
  beforeEach(async () => {
    emu = await start({ timing: { replicationMs: 10_000 } });
    src = await Client.signIn(emu, R1);
    dst = await Client.signIn(emu, R2);
  });
  afterEach(async () => {
    await emu.close();
  });

  const body = (over: Record<string, unknown> = {}): unknown => ({
    replicate: {
      auto_trigger: false,
      destination_project_id: P2,
      destination_region: R2,
      destination_vault_id: IDS.replicaVault,
      enable_acceleration: false,
      vault_id: IDS.serverVault,
      ...over,
    },
  });

  it('reports capabilities', async () => {
    const res = await src.cbr('/replication-capabilities');
    assert.deepEqual(res.body.regions.find((r: Json) => r.name === R1), { name: R1, replication_destinations: [R2] });
  });

  it('replicates the newest backups and reports progress through operation logs', async () => {
    const res = await src.cbr('/checkpoints/replicate', { method: 'POST', body: body() });
    assert.equal(res.status, 200, res.text);
    const r = res.body.replication;
    assert.equal(r.destination_project_id, P2);
    assert.equal(r.destination_region, R2);
    assert.equal(r.destination_vault_id, IDS.replicaVault);
    assert.equal(r.project_id, P1);
    assert.equal(r.provider_id, '0daac4c5-6707-4851-97ba-169e36266b66');
    assert.equal(r.source_region, R1);
    assert.equal(r.vault_id, IDS.serverVault);
    // The newest backup of each of the two servers (checkpoint 8b0851a8…).
    assert.deepEqual(r.backups.map((b: Json) => b.backup_id).sort(), ['aa00034d-ef40-443d-ab7a-dc846d988cdf', 'f3b1c2d4-6e5a-4b7c-9d8e-0a1b2c3d4e5f']);

    const logsUrl = `/operation-logs?operation_type=replication&vault_id=${IDS.serverVault}`;
    const running = await src.cbr(logsUrl);
    assert.equal(running.body.count, 2);
    const log = running.body.operation_logs[0];
    assert.equal(log.status, 'running');
    assert.equal(log.extra_info.common.progress, 0);
    assert.equal(log.extra_info.replication.destination_region, R2);
    assert.ok(r.backups.some((b: Json) => b.backup_id === log.extra_info.replication.source_backup_id));

    emu.admin.advance(4_000);
    const mid = (await src.cbr(`/operation-logs/${log.id}`)).body.operation_log;
    assert.equal(mid.status, 'running');
    assert.equal(mid.extra_info.common.progress, 40);
    const record = (await src.cbr(`/backups/${log.extra_info.replication.source_backup_id}`)).body.backup.replication_records[0];
    assert.equal(record.status, 'replicating');
    assert.equal(record.extra_info.progress, 40);
    assert.ok(r.backups.some((b: Json) => b.replication_record_id === record.id));

    const replicas = await dst.cbr(`/backups?vault_id=${IDS.replicaVault}&image_type=replication`);
    assert.equal(replicas.body.count, 2);
    assert.equal(replicas.body.backups[0].status, 'protecting');

    emu.admin.advance(6_000);
    const done = (await src.cbr(`/operation-logs/${log.id}`)).body.operation_log;
    assert.equal(done.status, 'success');
    assert.equal(done.extra_info.common.progress, 100);
    assert.notEqual(done.ended_at, null);
    const replicasDone = await dst.cbr(`/backups?vault_id=${IDS.replicaVault}&status=available`);
    assert.equal(replicasDone.body.count, 2);
    const replica = replicasDone.body.backups[0];
    assert.equal(replica.image_type, 'replication');
    assert.equal(replica.project_id, P2);
    assert.equal((await dst.cbr(`/checkpoints/${replica.checkpoint_id}`)).body.checkpoint.status, 'available');
    const srcBackup = (await src.cbr(`/backups/${log.extra_info.replication.source_backup_id}`)).body.backup;
    assert.equal(srcBackup.replication_records[0].status, 'success');
    assert.equal(srcBackup.replication_records[0].destination_backup_id, log.extra_info.replication.destination_backup_id);

    // Everything is replicated now.
    const again = await src.cbr('/checkpoints/replicate', { method: 'POST', body: body() });
    assert.equal(again.status, 400);
    assert.equal(again.body.error_code, 'BackupService.0001');
  });

  it('fails a scripted replication', async () => {
    emu.admin.script({ nextReplication: 'failed' });
    await src.cbr('/checkpoints/replicate', { method: 'POST', body: body() });
    emu.admin.advance(10_000);
    const logs = (await src.cbr('/operation-logs?operation_type=replication&status=failed')).body;
    assert.equal(logs.count, 2);
    assert.notEqual(logs.operation_logs[0].error_info.code, '');
    const srcBackup = (await src.cbr(`/backups/${logs.operation_logs[0].extra_info.replication.source_backup_id}`)).body.backup;
    assert.equal(srcBackup.replication_records[0].status, 'fail');
    // A failed replication can be retried.
    assert.equal((await src.cbr('/checkpoints/replicate', { method: 'POST', body: body() })).status, 200);
  });

  it('checks the destination', async () => {
    const notReplication = await src.cbr('/checkpoints/replicate', { method: 'POST', body: body({ destination_vault_id: IDS.sg2BackupVault }) });
    assert.equal(notReplication.status, 400);
    assert.equal(notReplication.body.error_code, 'BackupService.6119');
    const missing = await src.cbr('/checkpoints/replicate', { method: 'POST', body: body({ destination_vault_id: '11111111-2222-4333-8444-555555555555' }) });
    assert.equal(missing.status, 400);
    assert.equal(missing.body.error_code, 'BackupService.6120');
    const region = await src.cbr('/checkpoints/replicate', { method: 'POST', body: body({ destination_region: 'eu-de' }) });
    assert.equal(region.body.error_code, 'BackupService.1005');
    const back = await dst.cbr('/checkpoints/replicate', {
      method: 'POST',
      body: body({ vault_id: IDS.sg2BackupVault, destination_region: R1, destination_project_id: P1, destination_vault_id: IDS.emptyVault }),
    });
    assert.equal(back.body.error_code, 'BackupService.1005');
    const project = await src.cbr('/checkpoints/replicate', { method: 'POST', body: body({ destination_project_id: P1 }) });
    assert.equal(project.body.error_code, 'BackupService.1011');
    const bad = await src.cbr('/checkpoints/replicate', { method: 'POST', body: { replicate: { vault_id: IDS.serverVault } } });
    assert.equal(bad.body.error_code, 'BackupService.9900');
  });
});
