/* eslint-disable @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return --
   response bodies are untyped JSON (helpers.Json); the assertions are the type check. */
import { strict as assert } from 'node:assert';
import type { RunningEmulator } from '../../emulator/index';
import { Client, IDS, P1, start, type Json } from './helpers';

const CBR_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}$/;

describe('emulator: CBR', () => {
  let emu: RunningEmulator;
  let cbr: Client;
  beforeEach(async () => {
    emu = await start();
    cbr = await Client.signIn(emu);
  });
  afterEach(async () => {
    await emu.close();
  });

  async function newServerVault(name: string, resources: { id: string; type: string }[] = []): Promise<Json> {
    const res = await cbr.cbr('/vaults', {
      method: 'POST',
      body: {
        vault: {
          billing: { cloud_type: 'public', consistent_level: 'crash_consistent', object_type: 'server', protect_type: 'backup', size: 200 },
          name,
          resources,
        },
      },
    });
    assert.equal(res.status, 200, res.text);
    return res.body.vault;
  }

  it('runs the documented flow: create vault → add resources → create checkpoint → show checkpoint', async () => {
    const vault = await newServerVault('my_vault');
    assert.equal(vault.name, 'my_vault');
    assert.equal(vault.description, null);
    assert.deepEqual(vault.resources, []);
    assert.equal(vault.provider_id, '0daac4c5-6707-4851-97ba-169e36266b66');
    assert.match(vault.created_at, CBR_TIME);
    assert.equal(vault.project_id, P1);
    assert.equal(vault.enterprise_project_id, '0');
    assert.equal(vault.auto_bind, false);
    assert.deepEqual(vault.bind_rules, {});
    assert.deepEqual(vault.tags, []);
    assert.deepEqual(vault.billing, {
      allocated: 0, cloud_type: 'public', consistent_level: 'crash_consistent', frozen_scene: null, charging_mode: 'post_paid', order_id: null,
      product_id: null, protect_type: 'backup', object_type: 'server', spec_code: 'vault.backup.server.normal', used: 0, storage_unit: null,
      status: 'available', size: 200,
    });

    const add = await cbr.cbr(`/vaults/${vault.id}/addresources`, {
      method: 'POST',
      body: { resources: [{ id: IDS.dbServer, type: 'OS::Nova::Server', name: 'db-server-01' }] },
    });
    assert.equal(add.status, 200);
    assert.deepEqual(add.body, { add_resource_ids: [IDS.dbServer] });

    const create = await cbr.cbr('/checkpoints', {
      method: 'POST',
      body: {
        checkpoint: {
          parameters: { auto_trigger: false, description: 'backupauto', incremental: true, name: 'backup_auto', resources: [IDS.dbServer] },
          vault_id: vault.id,
        },
      },
    });
    assert.equal(create.status, 200);
    const cp = create.body.checkpoint;
    assert.equal(cp.status, 'protecting');
    assert.equal(cp.project_id, P1);
    assert.match(cp.created_at, CBR_TIME);
    assert.deepEqual(cp.extra_info, { name: 'backup_auto', description: 'backupauto', retention_duration: -1 });
    assert.deepEqual(cp.vault, {
      id: vault.id,
      name: 'my_vault',
      resources: [
        {
          id: IDS.dbServer, type: 'OS::Nova::Server', name: 'db-server-01', extra_info: '{}', resource_size: '140', backup_size: '0',
          backup_count: '0', protect_status: 'available',
        },
      ],
      skipped_resources: [],
    });

    const backups = await cbr.cbr(`/backups?checkpoint_id=${cp.id}`);
    assert.equal(backups.body.count, 1);
    const b = backups.body.backups[0];
    assert.equal(b.status, 'protecting');
    assert.equal(b.checkpoint_id, cp.id);
    assert.equal(b.name, 'backup_auto');
    assert.equal(b.resource_id, IDS.dbServer);
    assert.equal(b.resource_name, 'db-server-01');
    assert.equal(b.resource_type, 'OS::Nova::Server');
    assert.equal(b.resource_size, 140);
    assert.equal(b.vault_id, vault.id);
    assert.equal(b.image_type, 'backup');
    assert.match(b.created_at, CBR_TIME);

    const protecting = await cbr.cbr(`/checkpoints/${cp.id}`);
    assert.equal(protecting.status, 200);
    assert.deepEqual(protecting.body, {
      checkpoint: { id: cp.id, project_id: P1, status: 'protecting', vault: null, created_at: cp.created_at, extra_info: null },
    });
    assert.equal((await cbr.cbr(`/vaults/${vault.id}`)).body.vault.resources[0].protect_status, 'protecting');

    emu.admin.advance(1_000);
    assert.equal((await cbr.cbr(`/checkpoints/${cp.id}`)).body.checkpoint.status, 'available');
    const done = (await cbr.cbr(`/backups/${b.id}`)).body.backup;
    assert.equal(done.status, 'available');
    assert.ok(done.updated_at > done.created_at);
    const res = (await cbr.cbr(`/vaults/${vault.id}`)).body.vault.resources[0];
    assert.equal(res.protect_status, 'available');
    assert.equal(res.backup_count, 1);

    const logs = await cbr.cbr(`/operation-logs?operation_type=backup&vault_id=${vault.id}`);
    assert.equal(logs.body.count, 1);
    assert.equal(logs.body.operation_logs[0].status, 'success');
    assert.equal(logs.body.operation_logs[0].extra_info.backup.backup_id, b.id);
  });

  it('backs up every vault resource when resources are omitted, and skips ones being backed up', async () => {
    const first = await cbr.cbr('/checkpoints', {
      method: 'POST',
      body: { checkpoint: { vault_id: IDS.serverVault, parameters: { resources: [IDS.webServer] } } },
    });
    assert.equal(first.body.checkpoint.vault.resources.length, 1);
    const second = await cbr.cbr('/checkpoints', { method: 'POST', body: { checkpoint: { vault_id: IDS.serverVault } } });
    assert.equal(second.status, 200);
    const v = second.body.checkpoint.vault;
    assert.deepEqual(v.resources.map((r: Json) => r.id), [IDS.appServer]);
    assert.equal(v.resources[0].backup_count, '2');
    assert.equal(v.skipped_resources.length, 1);
    assert.equal(v.skipped_resources[0].id, IDS.webServer);
    assert.equal(v.skipped_resources[0].name, 'web-server-01');
    assert.equal(v.skipped_resources[0].type, 'OS::Nova::Server');
    assert.equal(v.skipped_resources[0].code, 'BackupService.0002');
    assert.equal(v.skipped_resources[0].reason, 'resource is being backed up');
    emu.admin.advance(1_000);
    const third = await cbr.cbr('/checkpoints', { method: 'POST', body: { checkpoint: { vault_id: IDS.serverVault } } });
    assert.equal(third.body.checkpoint.vault.skipped_resources.length, 0);
  });

  it('turns a scripted checkpoint into error', async () => {
    emu.admin.script({ nextCheckpoint: 'error' });
    const cp = (await cbr.cbr('/checkpoints', { method: 'POST', body: { checkpoint: { vault_id: IDS.diskVault } } })).body.checkpoint;
    emu.admin.advance(1_000);
    assert.equal((await cbr.cbr(`/checkpoints/${cp.id}`)).body.checkpoint.status, 'error');
    const backups = (await cbr.cbr(`/backups?checkpoint_id=${cp.id}`)).body.backups;
    assert.deepEqual(backups.map((b: Json) => b.status), ['error', 'error']);
    const failed = await cbr.cbr(`/operation-logs?status=failed&vault_id=${IDS.diskVault}&operation_type=backup`);
    assert.ok(failed.body.count >= 2);
    assert.notEqual(failed.body.operation_logs[0].error_info.code, '');
    // The next one is back to normal.
    const ok = (await cbr.cbr('/checkpoints', { method: 'POST', body: { checkpoint: { vault_id: IDS.diskVault } } })).body.checkpoint;
    emu.admin.advance(1_000);
    assert.equal((await cbr.cbr(`/checkpoints/${ok.id}`)).body.checkpoint.status, 'available');
  });

  it('validates checkpoint requests', async () => {
    const empty = await cbr.cbr('/checkpoints', { method: 'POST', body: { checkpoint: { vault_id: IDS.emptyVault } } });
    assert.equal(empty.status, 400);
    assert.equal(empty.body.error_code, 'BackupService.0001');
    const unknown = await cbr.cbr('/checkpoints', { method: 'POST', body: { checkpoint: { vault_id: '11111111-2222-4333-8444-555555555555' } } });
    assert.equal(unknown.status, 400, 'Huawei Cloud lists 6105 with 400');
    assert.equal(unknown.body.error_code, 'BackupService.6105');
    const badName = await cbr.cbr('/checkpoints', { method: 'POST', body: { checkpoint: { vault_id: IDS.serverVault, parameters: { name: 'no spaces!' } } } });
    assert.equal(badName.status, 400);
    assert.equal(badName.body.error_code, 'BackupService.9900');
    assert.equal(typeof badName.body.error_msg, 'string');
    const notInVault = await cbr.cbr('/checkpoints', { method: 'POST', body: { checkpoint: { vault_id: IDS.serverVault, parameters: { resources: [IDS.dbServer] } } } });
    assert.equal(notInVault.body.error_code, 'BackupService.6302');
    const missing = await cbr.cbr('/checkpoints/11111111-2222-4333-8444-555555555555');
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error_code, 'BackupService.6217');
    assert.equal((await cbr.cbr('/checkpoints', { method: 'POST', body: { nope: 1 } })).body.error_code, 'BackupService.9900');
  });

  it('shows seeded checkpoints, vaults and backups', async () => {
    const cp = await cbr.cbr(`/checkpoints/${IDS.seedCheckpoint}`);
    assert.equal(cp.body.checkpoint.status, 'available');
    const vault = await cbr.cbr(`/vaults/${IDS.serverVault}`);
    assert.equal(vault.body.vault.name, 'vault-prod-servers');
    assert.equal(vault.body.vault.resources.length, 2);
    const missing = await cbr.cbr('/vaults/11111111-2222-4333-8444-555555555555');
    assert.equal(missing.status, 400, 'Huawei Cloud lists 6105 with 400');
    assert.deepEqual(Object.keys(missing.body).sort(), ['error_code', 'error_msg']);
    assert.equal(missing.body.error_code, 'BackupService.6105');
    assert.equal((await cbr.cbr('/vaults/not-a-uuid')).body.error_code, 'BackupService.9900');
    assert.equal((await cbr.cbr('/backups/11111111-2222-4333-8444-555555555555')).body.error_code, 'BackupService.6200');
  });

  it('validates vault creation', async () => {
    const noSize = await cbr.cbr('/vaults', { method: 'POST', body: { vault: { name: 'x', billing: { consistent_level: 'crash_consistent', object_type: 'server', protect_type: 'backup' } } } });
    assert.deepEqual([noSize.status, noSize.body.error_code], [400, 'BackupService.6101'], 'invalid vault capacity');
    const cases: unknown[] = [
      {},
      { vault: { name: 'bad name', billing: { consistent_level: 'crash_consistent', object_type: 'server', protect_type: 'backup', size: 10 } } },
      { vault: { name: 'ok', billing: { consistent_level: 'sometimes', object_type: 'server', protect_type: 'backup', size: 10 } } },
      { vault: { name: 'ok', billing: { consistent_level: 'crash_consistent', object_type: 'server', protect_type: 'backup', size: 10 }, resources: [{ id: 'x' }] } },
    ];
    for (const body of cases) {
      const res = await cbr.cbr('/vaults', { method: 'POST', body });
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal(res.body.error_code, 'BackupService.9900');
    }
    const withServer = await newServerVault('vault-with-server', [{ id: IDS.batchServer, type: 'OS::Nova::Server' }]);
    assert.equal(withServer.resources[0].name, 'batch-worker-01');
  });

  it('rejects resources that are unknown, of the wrong type or already protected', async () => {
    const add = (vault: string, resources: unknown): Promise<Json> => cbr.cbr(`/vaults/${vault}/addresources`, { method: 'POST', body: { resources } });
    const other = await add(IDS.emptyVault, [{ id: IDS.webServer, type: 'OS::Nova::Server' }]);
    assert.equal(other.status, 400);
    assert.equal(other.body.error_code, 'BackupService.6103');
    const unknown = await add(IDS.emptyVault, [{ id: '11111111-2222-4333-8444-555555555555', type: 'OS::Nova::Server' }]);
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.error_code, 'BackupService.6302');
    const wrongType = await add(IDS.emptyVault, [{ id: IDS.logsDisk, type: 'OS::Cinder::Volume' }]);
    assert.equal(wrongType.status, 400);
    assert.equal(wrongType.body.error_code, 'BackupService.6102');
    const twice = await add(IDS.emptyVault, [{ id: IDS.bastion, type: 'OS::Nova::Server' }, { id: IDS.bastion, type: 'OS::Nova::Server' }]);
    assert.equal(twice.body.error_code, 'BackupService.6104');
    const ok = await add(IDS.emptyVault, [{ id: IDS.bastion, type: 'OS::Nova::Server' }]);
    assert.deepEqual(ok.body.add_resource_ids, [IDS.bastion]);
    const again = await add(IDS.emptyVault, [{ id: IDS.bastion, type: 'OS::Nova::Server' }]);
    assert.equal(again.body.error_code, 'BackupService.6103');

    const remove = await cbr.cbr(`/vaults/${IDS.emptyVault}/removeresources`, { method: 'POST', body: { resource_ids: [IDS.bastion] } });
    assert.deepEqual(remove.body, { remove_resource_ids: [IDS.bastion] });
    assert.equal((await cbr.cbr(`/vaults/${IDS.emptyVault}`)).body.vault.resources.length, 0);
    const removeAgain = await cbr.cbr(`/vaults/${IDS.emptyVault}/removeresources`, { method: 'POST', body: { resource_ids: [IDS.bastion] } });
    assert.equal(removeAgain.body.error_code, 'BackupService.6302');
  });

  it('lists protectables with their protection state, at most 50 a page and without a count', async () => {
    const tooMany = await cbr.cbr('/protectables/server/instances?limit=51');
    assert.deepEqual([tooMany.status, tooMany.body.error_code], [400, 'BackupService.9900']);
    const res = await cbr.cbr('/protectables/server/instances?limit=50');
    assert.equal(res.status, 200);
    assert.deepEqual(Object.keys(res.body), ['instances']);
    assert.equal(res.body.instances.length, 5);
    const db0 = res.body.instances.find((i: Json) => i.id === IDS.dbServer);
    assert.ok(db0.children.some((c: Json) => c.id === undefined), 'the seed keeps one child that is no full instance');
    const web = res.body.instances.find((i: Json) => i.id === IDS.webServer);
    assert.equal(web.protectable.result, false);
    assert.equal(web.protectable.vault.id, IDS.serverVault);
    assert.equal(web.type, 'OS::Nova::Server');
    assert.ok(Array.isArray(web.children));
    const db = res.body.instances.find((i: Json) => i.id === IDS.dbServer);
    assert.equal(db.protectable.result, true);
    assert.equal(db.protectable.vault, null);
    const byName = await cbr.cbr('/protectables/server/instances?name=bastion');
    assert.deepEqual(byName.body.instances.map((i: Json) => i.name), ['bastion-01']);
    const paged = await cbr.cbr('/protectables/disk/instances?limit=1&offset=1');
    assert.equal(paged.body.instances.length, 1);
    const all = (await cbr.cbr('/protectables/disk/instances')).body.instances.map((i: Json) => i.id);
    assert.equal(all.length, 4);
    assert.equal(paged.body.instances[0].id, all[1]);
    const afterMarker = await cbr.cbr(`/protectables/disk/instances?marker=${all[1]}&limit=2`);
    assert.deepEqual(afterMarker.body.instances.map((i: Json) => i.id), all.slice(2, 4));
    assert.equal((await cbr.cbr('/protectables/table/instances')).body.error_code, 'BackupService.9900');
  });

  it('pages, filters and sorts vaults', async () => {
    const all = await cbr.cbr('/vaults');
    assert.equal(all.body.count, 3);
    assert.equal(all.body.limit, 1000);
    assert.equal(all.body.offset, 0);
    const page = await cbr.cbr('/vaults?limit=2&offset=2');
    assert.equal(page.body.count, 3);
    assert.equal(page.body.vaults.length, 1);
    assert.equal((await cbr.cbr('/vaults?object_type=disk')).body.vaults[0].id, IDS.diskVault);
    assert.equal((await cbr.cbr('/vaults?name=staging')).body.count, 1);
    assert.equal((await cbr.cbr('/vaults?protect_type=replication')).body.count, 0);
    assert.equal((await cbr.cbr(`/vaults?resource_ids=${IDS.webServer}`)).body.vaults[0].id, IDS.serverVault);
    for (const bad of ['limit=0', 'limit=1001', 'limit=abc', 'offset=-1']) {
      const res = await cbr.cbr(`/vaults?${bad}`);
      assert.equal(res.status, 400, bad);
      assert.equal(res.body.error_code, 'BackupService.9900');
    }
  });

  it('pages, sorts and filters backups (repeatable status, marker)', async () => {
    const all = await cbr.cbr('/backups');
    assert.equal(all.body.count, 8);
    const created = all.body.backups.map((b: Json) => b.created_at);
    assert.deepEqual(created, [...created].sort().reverse(), 'default sort is created_at desc');
    const asc = await cbr.cbr('/backups?sort=created_at:asc');
    assert.deepEqual(asc.body.backups.map((b: Json) => b.created_at), [...created].sort());
    const byName = await cbr.cbr('/backups?sort=name:asc,created_at');
    const names = byName.body.backups.map((b: Json) => b.name);
    assert.deepEqual(names, [...names].sort());

    const error = await cbr.cbr('/backups?status=error');
    assert.equal(error.body.count, 1);
    const both = await cbr.cbr('/backups?status=error&status=available');
    assert.equal(both.body.count, 8);
    await cbr.cbr('/checkpoints', { method: 'POST', body: { checkpoint: { vault_id: IDS.serverVault } } });
    assert.equal((await cbr.cbr('/backups?status=protecting')).body.count, 2);
    assert.equal((await cbr.cbr('/backups?status=protecting&status=error')).body.count, 3);

    const vaultOnly = await cbr.cbr(`/backups?vault_id=${IDS.diskVault}&limit=3&offset=1`);
    assert.equal(vaultOnly.body.count, 4);
    assert.equal(vaultOnly.body.backups.length, 3);
    assert.equal(vaultOnly.body.offset, 1);
    assert.equal(vaultOnly.body.limit, 3);
    assert.equal((await cbr.cbr(`/backups?resource_id=${IDS.webServer}`)).body.count, 3);
    assert.equal((await cbr.cbr('/backups?image_type=replication')).body.count, 0);

    const first = await cbr.cbr('/backups?limit=4');
    const marker = first.body.backups[3].id;
    const next = await cbr.cbr(`/backups?limit=4&marker=${marker}`);
    assert.equal(next.body.backups[0].id, all.body.backups.length > 4 ? (await cbr.cbr('/backups')).body.backups[4].id : undefined);

    for (const bad of ['sort=size:asc', 'sort=name:up', 'limit=0', 'image_type=x', 'marker=nope']) {
      assert.equal((await cbr.cbr(`/backups?${bad}`)).body.error_code, 'BackupService.9900', bad);
    }
  });
});
