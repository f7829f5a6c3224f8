import { strict as assert } from 'node:assert';
import { TRACKING_STORE_KEY, TrackingStore } from '../../../src/tracking/core/store';
import { WorkTracker } from '../../../src/tracking/core/tracker';
import { TrackedWork } from '../../../src/tracking/core/types';
import { checkpointWork, FakeTimers, memoryLogger, MemoryStore, ScriptedCloud, settle } from '../../support/trackingFakes';

const R1 = 'eu-de';
const NOW = 1_700_000_000_000;

describe('tracking: the store of tracked ids', () => {
  it('round-trips the known fields only', async () => {
    const memento = new MemoryStore();
    const store = new TrackingStore(memento);
    const gauss: TrackedWork = { kind: 'gaussBackup', region: R1, instanceId: 'i1', backupId: 'b1br01', jobId: 'j1', label: 'db', startedAt: NOW };
    store.save([{ ...checkpointWork(R1, 'v1', 'cp1', NOW), token: 'secret-token' } as TrackedWork, gauss]);
    await settle();
    const stored = memento.get<{ version: number; items: Record<string, unknown>[] }>(TRACKING_STORE_KEY);
    assert.equal(stored?.version, 1);
    assert.deepEqual(stored?.items.map((i) => Object.keys(i).sort()), [
      ['checkpointId', 'kind', 'label', 'region', 'startedAt', 'vaultId'],
      ['backupId', 'instanceId', 'jobId', 'kind', 'label', 'region', 'startedAt'],
    ]);
    assert.deepEqual(new TrackingStore(memento).load(NOW), [checkpointWork(R1, 'v1', 'cp1', NOW), gauss]);
  });

  it('drops what is malformed, older than a week, or there twice', () => {
    const memento = new MemoryStore();
    const ok = checkpointWork(R1, 'v1', 'cp1', NOW);
    memento.data.set(TRACKING_STORE_KEY, { version: 1, items: [ok, { kind: 'checkpoint' }, { kind: 'bogus' }, { ...ok, checkpointId: 'old', startedAt: NOW - 8 * 24 * 3_600_000 }, ok] });
    const logger = memoryLogger();
    assert.deepEqual(new TrackingStore(memento, logger).load(NOW), [ok]);
    assert.equal(logger.lines.filter((l) => /not valid/.test(l)).length, 2);
    assert.ok(logger.lines.some((l) => /more than 7 days ago/.test(l)));
  });

  it('reads an empty or foreign value as nothing tracked', () => {
    const memento = new MemoryStore();
    assert.deepEqual(new TrackingStore(memento).load(NOW), []);
    memento.data.set(TRACKING_STORE_KEY, 'not an object');
    assert.deepEqual(new TrackingStore(memento).load(NOW), []);
  });

  it('coalesces writes: 500 track() calls make at most two globalState writes, holding all 500', async () => {
    const memento = new MemoryStore();
    const tracker = new WorkTracker({ connection: new ScriptedCloud(), store: memento, timers: new FakeTimers() });
    try {
      for (let i = 0; i < 500; i++) {
        tracker.track(checkpointWork(R1, `v${i % 20}`, `cp${i}`, NOW));
      }
      await settle();
      assert.ok(memento.writes <= 2, `${memento.writes} writes`);
      assert.equal(memento.get<{ items: unknown[] }>(TRACKING_STORE_KEY)?.items.length, 500);
    } finally {
      tracker.dispose();
    }
  });

  it('writes once more for changes made while a write is on its way, and logs a failed write', async () => {
    let release: () => void = () => undefined;
    const written: unknown[] = [];
    let fail = false;
    const slow = {
      get: () => undefined,
      update: (_key: string, value: unknown) => {
        written.push(value);
        if (fail) {
          return Promise.reject(new Error('disk full'));
        }
        return new Promise<void>((r) => (release = r));
      },
    };
    const logger = memoryLogger();
    const store = new TrackingStore(slow, logger);
    store.save([checkpointWork(R1, 'v1', 'a', NOW)]);
    await settle();
    store.save([checkpointWork(R1, 'v1', 'b', NOW)]);
    store.save([checkpointWork(R1, 'v1', 'c', NOW)]);
    assert.equal(written.length, 1, 'the second write waits for the first');
    fail = true;
    release();
    await settle();
    assert.equal(written.length, 2, 'one more write, with the latest items');
    assert.deepEqual((written[1] as { items: TrackedWork[] }).items.map((w) => w.kind === 'checkpoint' && w.checkpointId), ['c']);
    assert.ok(logger.lines.some((l) => /could not save the tracked items: disk full/.test(l)));
  });
});
