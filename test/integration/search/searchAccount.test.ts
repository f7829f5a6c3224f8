import { strict as assert } from 'node:assert';
import { CloudSession } from '../../../src/api';
import { searchRegion } from '../../../src/search/searchAccount';
import { RunningEmulator, startEmulator } from '../../emulator';

describe('search across the account (emulator over HTTP)', function () {
  this.timeout(30_000);
  let emu: RunningEmulator;
  const session = () =>
    CloudSession.create({ cloud: 'custom', region: 'ap-southeast-1', endpointOverrides: emu.endpoints, credentials: { kind: 'token', token: 'demo-static-token-0001' }, retry: { baseDelayMs: 10, maxDelayMs: 50 } });

  before(async () => {
    emu = await startEmulator({ port: 0 });
  });
  after(async () => emu.close());
  beforeEach(() => emu.admin.loadSeed('start'));

  it('reads every vault page to find a resource by part of its name (250 vaults, pages of 100)', async () => {
    emu.admin.loadSeed({ generate: { vaults: 250, backupsPerVault: 1, resourcesPerVault: 1 } });
    const last = (await session().cbr.listVaults({ offset: 249, limit: 1 })).vaults[0];
    const resource = last?.resources[0];
    assert.ok(resource);
    emu.admin.resetCounters();
    const found = await searchRegion(session(), resource.name);
    assert.ok(found.hits.some((h) => h.kind === 'resource' && h.resourceId === resource.id), JSON.stringify(found.hits.slice(0, 3)));
    assert.equal(emu.admin.count('cbr.listVaults'), 3, 'three pages of vaults');
    assert.equal(found.failure, undefined);
  });

  it('matches ids only whole, and names in part regardless of case', async () => {
    const vault = (await session().cbr.listVaults({ limit: 1 })).vaults[0];
    assert.ok(vault);
    assert.ok((await searchRegion(session(), vault.id)).hits.some((h) => h.kind === 'vault' && h.vaultId === vault.id));
    assert.ok(!(await searchRegion(session(), vault.id.slice(0, 8))).hits.some((h) => h.kind === 'vault' && h.name !== vault.name && h.vaultId === vault.id));
    assert.ok((await searchRegion(session(), vault.name.slice(2, 8).toUpperCase())).hits.some((h) => h.kind === 'vault' && h.vaultId === vault.id));
  });

  it('reports a refused region as a failure with the cloud’s code instead of throwing', async () => {
    emu.admin.addFault({ op: 'cbr.listVaults', status: 403, body: { error_code: 'BackupService.8600', error_msg: 'no permission' }, times: 5 });
    const found = await searchRegion(session(), 'vault');
    assert.deepEqual(found.hits, []);
    assert.match(String((found.failure as { errorCode?: string }).errorCode), /BackupService\.8600/);
  });
});
