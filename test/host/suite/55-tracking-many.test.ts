import { strict as assert } from 'node:assert';
import type { CbrExplorerTestApi } from '../../../src/extension';
import type { TrackedWork } from '../../../src/tracking/core/types';
import { demo, emulator, type CounterSnapshot } from '../emulatorAdmin';
import { activateExtension, waitFor } from '../extensionApi';

const VAULTS = 20;
const INSTANCES = 3;
/** Long enough that nothing finishes while the test counts; the clock is moved to finish it. */
const SLOW_MS = 10 * 60_000;

/** The extension's own poller, followed tick by tick, with 46 backups in flight in 23 places. */
describe('Tracking many items at once', function () {
  this.timeout(120_000);
  let api: CbrExplorerTestApi;
  const tracker = () => api.tracking.tracker;
  /** Resolves when the tracker's next poll of the cloud has completed. */
  const nextPoll = () =>
    new Promise<void>((resolve) => {
      const sub = tracker().onDidPoll(() => {
        sub.dispose();
        resolve();
      });
    });
  const requestsIn = (c: CounterSnapshot) => Object.entries(c).filter(([op, n]) => op !== 'byRegion' && typeof n === 'number').map(([op, n]) => [op, n as number] as const);

  before(async () => {
    api = await activateExtension();
    await api.connection.signIn({ kind: 'password', domainName: demo.domainName, userName: demo.userName, password: demo.password });
    await emulator.generateSeed({ vaults: VAULTS, backupsPerVault: 2, resourcesPerVault: 2, gaussInstances: INSTANCES, gaussBackupsPerInstance: 2 });
    await emulator.setTiming({ checkpointProtectingMs: SLOW_MS, gaussBackupBuildingMs: SLOW_MS });
  });

  after(async () => {
    for (const w of [...tracker().items]) {
      tracker().untrack(w);
    }
    await emulator.startSeed();
    await emulator.setTiming({ checkpointProtectingMs: 1_500, gaussBackupBuildingMs: 1_500 });
    api.explorer.refresh();
  });

  it('polls once per vault and once per instance, whatever the number of backups, then reports them together', async () => {
    const session = api.connection.session(demo.region);
    const { vaults } = await session.cbr.listVaults({ limit: 100 });
    const { instances } = await session.gaussdb.listInstances({ limit: 100 });
    assert.equal(vaults.length, VAULTS);
    assert.equal(instances.length, INSTANCES);
    const works: TrackedWork[] = [];
    for (const vault of vaults) {
      const cp = await session.cbr.createCheckpoint({ vaultId: vault.id, name: `many_${vault.name}` });
      assert.equal(cp.vault?.skippedResources.length ?? 0, 0);
      works.push({ kind: 'checkpoint', region: demo.region, vaultId: vault.id, checkpointId: cp.id, label: `many_${vault.name}`, startedAt: Date.now() });
    }
    for (const instance of instances) {
      const created = await session.gaussdb.createBackup({ instanceId: instance.id, name: `many-${instance.name}` });
      works.push({ kind: 'gaussBackup', region: demo.region, instanceId: instance.id, backupId: created.backup.id, jobId: created.jobId, label: `many-${instance.name}`, startedAt: Date.now() });
    }
    const firstPoll = nextPoll();
    for (const w of works) {
      tracker().track(w);
    }
    assert.equal(api.tracking.statusBarView().text, `$(sync~spin) ${VAULTS + INSTANCES} backups in progress`);

    // Count one whole poll between two others (polls are seconds apart, each takes milliseconds).
    await firstPoll;
    await emulator.resetCounters();
    const secondPoll = nextPoll();
    tracker().pollNow();
    await secondPoll;
    const counters = await emulator.counters();
    assert.deepEqual(
      Object.fromEntries(requestsIn(counters)),
      { 'cbr.listBackups': VAULTS, 'gaussdb.listBackups': INSTANCES },
      `one list per vault and per instance for ${VAULTS * 2 + INSTANCES} backups in flight, nothing per backup`,
    );
    const listed = await emulator.requests('cbr.listBackups');
    const statuses = (q: string | string[] | undefined) => [q ?? []].flat();
    assert.ok(listed.every((r) => typeof r.query.vault_id === 'string' && statuses(r.query.status).includes('protecting')), 'each list is filtered by vault and by the in-progress statuses');
    assert.deepEqual(new Set(listed.map((r) => r.query.vault_id)).size, VAULTS, 'every vault once');
    assert.equal(tracker().items.length, VAULTS + INSTANCES, 'nothing finished yet');

    const before = api.tracking.notifications().length;
    await emulator.advance(SLOW_MS + 1_000);
    tracker().pollNow();
    await waitFor('every item to finish', () => tracker().items.length === 0 || undefined, 30_000);
    const shown = api.tracking.notifications().slice(before);
    assert.equal(shown.length, 1, `one summary, not ${VAULTS + INSTANCES} notifications: ${shown.map((n) => n.message).join(' | ')}`);
    const summary = shown[0];
    assert.ok(summary);
    assert.equal(summary.severity, 'info');
    assert.equal(summary.targets?.length, VAULTS + INSTANCES);
    assert.match(summary.message, /^23 tracked items finished: "many_vault-00001", .+ and 18 more\.$/);
    assert.equal(api.tracking.statusBarView().visible, false);
  });
});
