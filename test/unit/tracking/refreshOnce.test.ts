import { strict as assert } from 'node:assert';
import { placesToRefresh } from '../../../src/tracking/core/refresh';
import { WorkFinished } from '../../../src/tracking/core/types';
import { createTracking } from '../../../src/tracking/createTracking';
import { checkpointWork, FakeTimers, memoryLogger, MemoryStore, pollOnce, ScriptedCloud } from '../../support/trackingFakes';

const R1 = 'eu-de';

describe('tracking: a finished poll refreshes each vault once (issue 13, item 3)', () => {
  it('names each vault and instance once, and both ends of a replication', () => {
    const batch: WorkFinished[] = [
      { work: checkpointWork(R1, 'v1', 'a'), outcome: 'success' },
      { work: checkpointWork(R1, 'v1', 'b'), outcome: 'error' },
      { work: { kind: 'gaussBackup', region: R1, instanceId: 'i1', backupId: 'x', label: 'x', startedAt: 0 }, outcome: 'success' },
      { work: { kind: 'gaussBackup', region: R1, instanceId: 'i1', backupId: 'y', label: 'y', startedAt: 0 }, outcome: 'success' },
      { work: { kind: 'replication', region: R1, vaultId: 'v1', backupIds: ['b1'], destinationRegion: 'eu-nl', destinationVaultId: 'r1', label: 'r', startedAt: 0 }, outcome: 'success' },
    ];
    assert.deepEqual(placesToRefresh(batch), {
      vaults: [
        { region: R1, vaultId: 'v1' },
        { region: 'eu-nl', vaultId: 'r1' },
      ],
      instances: [{ region: R1, instanceId: 'i1' }],
    });
  });

  it('200 restore points finishing in 20 vaults in one poll cost 20 vault refreshes', async () => {
    const cloud = new ScriptedCloud();
    const timers = new FakeTimers();
    const refreshed: string[] = [];
    const tracking = createTracking({
      connection: cloud,
      globalState: new MemoryStore(),
      logger: memoryLogger(),
      timers,
      pace: { requestsPerSecond: 1_000, burst: 1_000 },
      reveal: () => undefined,
      refreshVault: (region, vaultId) => refreshed.push(`${region}/${vaultId}`),
      refreshInstance: () => assert.fail('no instance involved'),
    });
    try {
      for (let i = 0; i < 200; i++) {
        cloud.protecting(R1, `v${i % 20}`, `cp${i}`);
        tracking.tracker.track(checkpointWork(R1, `v${i % 20}`, `cp${i}`));
      }
      [...cloud.checkpoints.keys()].forEach((id) => cloud.finish(id));
      assert.equal(await pollOnce(tracking.tracker, timers), true);
      assert.equal(tracking.tracker.items.length, 0);
      assert.equal(refreshed.length, 20, `${refreshed.length} refreshes`);
      assert.equal(new Set(refreshed).size, 20);
    } finally {
      for (const d of tracking.disposables) {
        d.dispose();
      }
    }
  });
});
