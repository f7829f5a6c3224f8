/* eslint-disable @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-argument --
   response bodies are untyped JSON (helpers.Json); the assertions are the type check. */
import { strict as assert } from 'node:assert';
import { generateSeed, type RunningEmulator } from '../../emulator/index';
import { call, Client, start, type Json } from './helpers';

describe('emulator: generated large seed', function () {
  this.timeout(30_000);
  let emu: RunningEmulator;
  let cbr: Client;
  before(async () => {
    const seed = generateSeed({ vaults: 2_000, backupsPerVault: 5 });
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
    const first = await cbr.cbr('/vaults?limit=1000');
    assert.equal(first.body.count, 2_000);
    assert.equal(first.body.vaults.length, 1_000);
    const second = await cbr.cbr('/vaults?limit=1000&offset=1000');
    assert.equal(second.body.vaults.length, 1_000);
    assert.notEqual(first.body.vaults[0].id, second.body.vaults[0].id);
  });

  it('lists, filters and sorts 10 000 backups quickly', async () => {
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
  });
});

describe('emulator: loading a seed through the admin API', function () {
  this.timeout(30_000);
  let emu: RunningEmulator;
  before(async () => {
    emu = await start({ rebaseTimestamps: true });
  });
  after(async () => {
    await emu.close();
  });

  it('swaps in a generated seed, keeps the demo credentials working, and goes back to the start seed', async () => {
    const loaded = await call(`${emu.url}/__admin/seed`, { method: 'POST', body: { generate: { vaults: 250, backupsPerVault: 4 } } });
    assert.equal(loaded.status, 200, loaded.text);
    assert.deepEqual(loaded.body, { vaults: 251, backups: 1_000 }, 'the 250 generated vaults plus the replica vault in the second region');
    const cbr = await Client.signIn(emu);
    const vaults = await cbr.cbr('/vaults?limit=1');
    assert.equal(vaults.body.count, 250);
    const newest = await cbr.cbr('/backups?limit=1&sort=created_at:desc');
    const ageMs = Date.now() - Date.parse(newest.body.backups[0].created_at);
    assert.ok(ageMs > 0 && ageMs < 7 * 86_400_000, `generated timestamps are moved next to now, as the demo seed's are (newest backup ${newest.body.backups[0].created_at})`);

    const back = await call(`${emu.url}/__admin/seed`, { method: 'POST', body: { start: true } });
    assert.equal(back.status, 200);
    const again = await Client.signIn(emu);
    const names = (await again.cbr('/vaults')).body.vaults.map((v: Json) => v.name as string);
    assert.ok(names.includes('vault-prod-servers'), names.join(', '));
  });

  it('refuses an unbounded or unknown generate option before touching the state', async () => {
    for (const body of [{ generate: { vaults: 1e9, backupsPerVault: 1 } }, { generate: { vaults: 1, backupsPerVault: 1, colour: 3 } }, { generate: { vaults: 2 } }, {}]) {
      const res = await call(`${emu.url}/__admin/seed`, { method: 'POST', body });
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.match(res.body.error, /generate|body must be/);
    }
    const cbr = await Client.signIn(emu);
    assert.equal((await cbr.cbr('/vaults?limit=1')).body.count > 0, true);
  });
});
