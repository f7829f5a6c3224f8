/* eslint-disable @typescript-eslint/no-unsafe-call --
   response bodies are untyped JSON (helpers.Json); the assertions are the type check. */
import { strict as assert } from 'node:assert';
import { generateSeed, type RunningEmulator } from '../../emulator/index';
import { Client, start, type Json } from './helpers';

describe('emulator: generated large seed', function () {
  this.timeout(30_000);
  let emu: RunningEmulator;
  let cbr: Client;
  before(async () => {
    const t0 = Date.now();
    const seed = generateSeed({ vaults: 2_000, backupsPerVault: 5 });
    assert.ok(Date.now() - t0 < 2_000, 'generation is fast');
    emu = await start({ seed });
    cbr = await Client.signIn(emu);
  });
  after(async () => {
    await emu.close();
  });

  it('is deterministic', () => {
    const a = generateSeed({ vaults: 3, backupsPerVault: 2 });
    const b = generateSeed({ vaults: 3, backupsPerVault: 2 });
    assert.deepEqual(a, b);
  });

  it('pages through thousands of vaults', async () => {
    const t0 = Date.now();
    const first = await cbr.cbr('/vaults?limit=1000');
    assert.equal(first.body.count, 2_000);
    assert.equal(first.body.vaults.length, 1_000);
    const second = await cbr.cbr('/vaults?limit=1000&offset=1000');
    assert.equal(second.body.vaults.length, 1_000);
    assert.notEqual(first.body.vaults[0].id, second.body.vaults[0].id);
    assert.ok(Date.now() - t0 < 2_000, `listing took ${Date.now() - t0} ms`);
  });

  it('lists, filters and sorts 10 000 backups quickly', async () => {
    const t0 = Date.now();
    const all = await cbr.cbr('/backups?limit=1000&sort=name:asc');
    assert.equal(all.body.count, 10_000);
    const names = all.body.backups.map((b: Json) => b.name as string);
    assert.deepEqual(names, [...names].sort());
    const vaultId = all.body.backups[0].vault_id;
    const inVault = await cbr.cbr(`/backups?vault_id=${vaultId}`);
    assert.equal(inVault.body.count, 5);
    const errors = await cbr.cbr('/backups?status=error&limit=1');
    assert.ok(errors.body.count > 0 && errors.body.count < 1_000);
    const last = await cbr.cbr('/backups?offset=9999');
    assert.equal(last.body.backups.length, 1);
    assert.ok(Date.now() - t0 < 3_000, `listing took ${Date.now() - t0} ms`);
  });
});
