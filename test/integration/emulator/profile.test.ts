/* eslint-disable @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return --
   response bodies are untyped JSON (helpers.Json); the assertions are the type check. */
import { strict as assert } from 'node:assert';
import type { CloudProfile, RunningEmulator } from '../../emulator/index';
import { call, Client, IDS, P2, R1, R2, start, type Json } from './helpers';

const replicateBody = (extra: Record<string, unknown> = {}): unknown => ({
  replicate: { vault_id: IDS.serverVault, destination_project_id: P2, destination_region: R2, destination_vault_id: IDS.replicaVault, ...extra },
});

describe('emulator: cloud profiles', () => {
  let emu: RunningEmulator;
  let src: Client;
  let dst: Client;
  const startAs = async (cloud?: CloudProfile): Promise<void> => {
    emu = await start({ cloud, timing: { replicationMs: 10_000 } });
    src = await Client.signIn(emu, R1);
    dst = await Client.signIn(emu, R2);
  };
  afterEach(async () => {
    await emu.close();
  });

  it('answers as Huawei Cloud by default: acceleration, replication filter and details, records only when asked', async () => {
    await startAs();
    assert.equal(emu.cloud, 'huaweicloud');
    const res = await src.cbr('/checkpoints/replicate', { method: 'POST', body: replicateBody({ enable_acceleration: true }) });
    assert.equal(res.status, 200, res.text);
    const sourceBackup = res.body.replication.backups[0].backup_id;
    const logs = await src.cbr(`/operation-logs?operation_type=replication&vault_id=${IDS.serverVault}`);
    assert.equal(logs.status, 200);
    assert.ok(logs.body.operation_logs.every((l: Json) => l.extra_info.replication.source_backup_id));
    const listed = await src.cbr(`/backups?vault_id=${IDS.serverVault}`);
    assert.ok(listed.body.backups.every((b: Json) => b.replication_records === undefined), 'no records without show_replication');
    const withRecords = await src.cbr(`/backups?vault_id=${IDS.serverVault}&show_replication=true`);
    assert.ok(withRecords.body.backups.find((b: Json) => b.id === sourceBackup).replication_records.length > 0);
    assert.ok((await src.cbr(`/backups/${sourceBackup}`)).body.backup.replication_records.length > 0, 'show backup always has them');
    assert.equal((await dst.cbr(`/backups?vault_id=${IDS.replicaVault}&image_type=replication`)).body.count, 2);
    const missing = await src.cbr('/vaults/11111111-2222-4333-8444-555555555555');
    assert.deepEqual([missing.status, missing.body.error_code], [400, 'BackupService.6105']);
    const region = await src.cbr('/checkpoints/replicate', { method: 'POST', body: replicateBody({ destination_region: 'eu-de' }) });
    assert.deepEqual([region.status, region.body.error_code], [400, 'BackupService.1005']);
  });

  it('answers as Open Telekom Cloud documents it', async () => {
    await startAs('opentelekomcloud');
    const accelerated = await src.cbr('/checkpoints/replicate', { method: 'POST', body: replicateBody({ enable_acceleration: false }) });
    assert.deepEqual([accelerated.status, accelerated.body.error_code], [400, 'BackupService.9900'], 'no enable_acceleration in the OTC body');
    const res = await src.cbr('/checkpoints/replicate', { method: 'POST', body: replicateBody() });
    assert.equal(res.status, 200, res.text);
    const sourceBackup = res.body.replication.backups[0].backup_id;
    const filtered = await src.cbr(`/operation-logs?operation_type=replication&vault_id=${IDS.serverVault}`);
    assert.deepEqual([filtered.status, filtered.body.error_code], [400, 'BackupService.9900']);
    const logs = (await src.cbr(`/operation-logs?vault_id=${IDS.serverVault}`)).body.operation_logs.filter((l: Json) => l.operation_type === 'replication');
    assert.equal(logs.length, 2);
    assert.ok(logs.every((l: Json) => l.extra_info.replication === undefined && l.extra_info.common !== undefined));
    const withRecords = await src.cbr(`/backups?vault_id=${IDS.serverVault}&show_replication=true`);
    assert.ok(withRecords.body.backups.every((b: Json) => b.replication_records === undefined));
    assert.equal((await src.cbr(`/backups/${sourceBackup}`)).body.backup.replication_records, undefined);
    assert.equal((await dst.cbr('/backups?image_type=replication')).body.error_code, 'BackupService.9900');
    const replicas = await dst.cbr(`/backups?vault_id=${IDS.replicaVault}`);
    assert.deepEqual(replicas.body.backups.map((b: Json) => b.image_type), ['backup', 'backup'], 'replicas are listed as backup');
    const missing = await src.cbr('/vaults/11111111-2222-4333-8444-555555555555');
    assert.deepEqual([missing.status, missing.body.error_code], [404, 'BackupService.6105']);
    const region = await src.cbr('/checkpoints/replicate', { method: 'POST', body: replicateBody({ destination_region: 'eu-de' }) });
    assert.deepEqual([region.status, region.body.error_code], [500, 'BackupService.1005'], 'a business error sent with HTTP 500');
    const small = await src.cbr('/vaults', { method: 'POST', body: { vault: { name: 'tiny', billing: { consistent_level: 'crash_consistent', object_type: 'server', protect_type: 'backup', size: 9 }, resources: [] } } });
    assert.equal(small.body.error_code, 'BackupService.6101', 'at least 10 GB on OTC');
    const long = await src.cbr('/vaults', { method: 'POST', body: { vault: { name: 'long', description: 'd'.repeat(65), billing: { consistent_level: 'crash_consistent', object_type: 'server', protect_type: 'backup', size: 10 }, resources: [] } } });
    assert.equal(long.body.error_code, 'BackupService.9900', 'description at most 64 on OTC');
  });

  it('ignores the GaussDB backup name filter on OTC, where it is not documented', async () => {
    await startAs('opentelekomcloud');
    const all = (await src.gauss(`/backups?instance_id=${IDS.gaussInstance}`)).body.total_count;
    assert.equal((await src.gauss(`/backups?instance_id=${IDS.gaussInstance}&name=no-such-backup`)).body.total_count, all);
    emu.admin.setCloud('huaweicloud');
    assert.equal((await src.gauss(`/backups?instance_id=${IDS.gaussInstance}&name=no-such-backup`)).body.total_count, 0);
  });

  it('switches over the admin API, and takes the cloud from a seed', async () => {
    await startAs();
    assert.equal((await call(`${emu.url}/__admin/cloud`, { method: 'POST', body: { cloud: 'opentelekomcloud' } })).status, 200);
    assert.equal((await call(`${emu.url}/__admin/cloud`)).body.cloud, 'opentelekomcloud');
    assert.equal((await src.cbr('/operation-logs?operation_type=replication')).body.error_code, 'BackupService.9900');
    assert.equal((await call(`${emu.url}/__admin/cloud`, { method: 'POST', body: { cloud: 'azure' } })).status, 400);
    emu.admin.loadSeed({ seed: { ...structuredClone(emu.seed), cloud: 'huaweicloud' } });
    assert.equal(emu.admin.cloud(), 'huaweicloud');
  });
});
