import { strict as assert } from 'node:assert';
import { CloudSession, type RequestLogEntry } from '../../../src/api';
import { generateSeed, startEmulator, type RunningEmulator } from '../../emulator';
import { DEMO_IDENTITY } from '../../emulator/generate';

describe('API: every protectable, paged as documented (50 a page, no count)', function () {
  this.timeout(20_000);
  let emu: RunningEmulator;
  const log: RequestLogEntry[] = [];
  // One server per vault, plus the generator's unassociated ones: more than two pages of 50.
  const seed = generateSeed({ vaults: 130, backupsPerVault: 0, resourcesPerVault: 1 });
  const serverCount = seed.regions['ap-southeast-1']?.protectables?.server?.length ?? 0;

  before(async () => {
    assert.ok(serverCount > 100 && serverCount % 50 !== 0, 'the seed ends with a short page');
    emu = await startEmulator({ port: 0, seed });
  });
  after(() => emu.close());

  const session = () =>
    CloudSession.create({
      cloud: 'custom',
      region: 'ap-southeast-1',
      endpointOverrides: emu.endpoints,
      credentials: { kind: 'aksk', accessKey: DEMO_IDENTITY.accessKey, secretKey: DEMO_IDENTITY.secretKey },
      onRequest: (e) => log.push(e),
    });

  it('reads pages of 50 until a short page, however the answer lacks a count', async () => {
    log.length = 0;
    const servers = await session().cbr.listAllProtectables('server', { maxItems: 5_000 });
    assert.equal(servers.length, serverCount);
    assert.equal(new Set(servers.map((s) => s.id)).size, serverCount, 'no server twice');
    const pages = log.filter((e) => e.path.includes('/protectables/server/instances'));
    const offsets = Array.from({ length: Math.ceil(serverCount / 50) }, (_, i) => String(i * 50));
    assert.deepEqual(pages.map((e) => /offset=(\d+)/.exec(e.path)?.[1]), offsets);
    assert.ok(pages.every((e) => /limit=50\b/.test(e.path)), 'never asks for more than the API serves');
  });

  it('stops at maxItems', async () => {
    const servers = await session().cbr.listAllProtectables('server', { maxItems: 60 });
    assert.equal(servers.length, 60);
  });
});
