import { strict as assert } from 'node:assert';
import { CloudSession } from '../../../src/api';
import { WorkTracker } from '../../../src/tracking/core/tracker';
import { TrackedWork } from '../../../src/tracking/core/types';
import { RunningEmulator, startEmulator } from '../../emulator';
import { DEMO_IDS } from '../../emulator/seeds/demoIds';
import { EmulatorConnection, FakeTimers, finishes, memoryLogger, MemoryStore, pollOnce } from '../../support/trackingFakes';

const R1 = 'ap-southeast-1';
const VAULT = DEMO_IDS.prodVault;
const RELEASE_WEB = 'aa00034d-ef40-443d-ab7a-dc846d988cdf';
const RELEASE_APP = 'f3b1c2d4-6e5a-4b7c-9d8e-0a1b2c3d4e5f';
const MANUAL_GAUSS = 'e2ebf377e9d9645cbf52b2397bbad85dbr07';
/** How long the emulator shows a deleted backup as `deleting`. */
const DELETING_MS = 60_000;

describe('tracking: deletions followed until gone, against the emulator', function () {
  this.timeout(30_000);
  let emu: RunningEmulator;
  let connection: EmulatorConnection;
  let timers: FakeTimers;
  let tracker: WorkTracker;

  const session = (): CloudSession => connection.session(R1);
  const work = (what: 'backups' | 'vault' | 'gaussBackups', parentId: string, ids: string[]): TrackedWork => ({
    kind: 'delete',
    region: R1,
    what,
    parentId,
    items: ids.map((id) => ({ id, name: `name-${id.slice(0, 4)}` })),
    label: `${ids.length} items`,
    startedAt: Date.now(),
  });

  before(async () => {
    emu = await startEmulator({ timing: { checkpointProtectingMs: DELETING_MS, gaussBackupBuildingMs: DELETING_MS, replicationMs: DELETING_MS } });
    connection = new EmulatorConnection(emu);
  });
  after(() => emu.close());
  beforeEach(() => {
    emu.admin.reset();
    timers = new FakeTimers(Date.now());
    tracker = new WorkTracker({ connection, store: new MemoryStore(), logger: memoryLogger(), timers });
  });
  afterEach(() => tracker.dispose());

  it('two deleted backups of a vault: one list request per poll, pending while deleting, one success once both are gone', async () => {
    await session().cbr.deleteBackup(RELEASE_WEB);
    await session().cbr.deleteBackup(RELEASE_APP);
    const done = finishes(tracker);
    tracker.track(work('backups', VAULT, [RELEASE_WEB, RELEASE_APP]));
    const listsBefore = emu.admin.count('cbr.listBackups');
    assert.equal(await pollOnce(tracker, timers), false, 'still deleting');
    assert.equal(emu.admin.count('cbr.listBackups') - listsBefore, 1, 'one list request for the vault');
    assert.equal(emu.admin.count('cbr.showBackup'), 0);
    emu.admin.advance(DELETING_MS + 1000);
    assert.equal(await pollOnce(tracker, timers), true);
    assert.deepEqual(done.map((d) => [d.work.kind, d.outcome]), [['delete', 'success']]);
    assert.equal(tracker.items.length, 0);
  });

  it('a backup that reads available again after the delete was sent counts as a failed deletion, with its status', async () => {
    const done = finishes(tracker);
    // Not deleted at all: the cloud still lists it, updated after "started" (the emulator stamps the seed's time, so start earlier).
    tracker.track({ ...work('backups', VAULT, [RELEASE_WEB]), startedAt: 0 });
    assert.equal(await pollOnce(tracker, timers), true);
    assert.equal(done[0]?.outcome, 'error');
    assert.match(done[0]?.reason ?? '', /1 of 1 not deleted: name-aa00 is available in the cloud\./);
  });

  it('a deleted vault: the documented not-found answer means done, not failed', async () => {
    await session().cbr.deleteVault(DEMO_IDS.stagingVault);
    const done = finishes(tracker);
    tracker.track(work('vault', DEMO_IDS.stagingVault, [DEMO_IDS.stagingVault]));
    assert.equal(await pollOnce(tracker, timers), true);
    assert.deepEqual(done.map((d) => d.outcome), ['success']);
  });

  it('a vault still there stays followed', async () => {
    tracker.track(work('vault', DEMO_IDS.stagingVault, [DEMO_IDS.stagingVault]));
    assert.equal(await pollOnce(tracker, timers), false);
    assert.equal(tracker.items.length, 1);
  });

  it('a deleted GaussDB manual backup: done once gone from the instance list', async () => {
    const done = finishes(tracker);
    tracker.track(work('gaussBackups', DEMO_IDS.instance, [MANUAL_GAUSS]));
    assert.equal(await pollOnce(tracker, timers), false, 'still listed');
    await session().gaussdb.deleteBackup(MANUAL_GAUSS);
    assert.equal(await pollOnce(tracker, timers), true);
    assert.deepEqual(done.map((d) => d.outcome), ['success']);
  });
});
