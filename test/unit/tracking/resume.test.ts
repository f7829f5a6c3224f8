/**
 * Moved from the host suite (50-tracking, "persists only ids, and resumes tracking after a
 * reload"): a window reload builds the tracking again over the same globalState.
 */
import { strict as assert } from 'node:assert';
import { createTracking, Tracking } from '../../../src/tracking/createTracking';
import { checkpointWork, FakeTimers, memoryLogger, MemoryStore, pollOnce, ScriptedCloud, settle } from '../../support/trackingFakes';

const SECRETS = ['Demo-Passw0rd!', 'demo-secret-key', 'demo-token'];

describe('tracking: persists only ids, and resumes after a reload (plain Node)', () => {
  it('stores the ids and no secret, and a new tracking over the same store resumes, shows and finishes the work', async () => {
    const cloud = new ScriptedCloud();
    const timers = new FakeTimers();
    const globalState = new MemoryStore();
    const build = (): Tracking =>
      createTracking({ connection: cloud, globalState, logger: memoryLogger(), timers, reveal: () => undefined, refreshVault: () => undefined, refreshInstance: () => undefined });
    const close = (t: Tracking): void => {
      for (const d of t.disposables) {
        d.dispose();
      }
    };
    const work = checkpointWork('eu-de', 'v1', 'cp-slow', timers.now());
    cloud.protecting('eu-de', 'v1', 'cp-slow');
    const before = build();
    before.tracker.track({ ...work, password: SECRETS[0], token: SECRETS[2] } as typeof work);
    await settle();
    const stored = JSON.stringify([...globalState.data.values()]);
    assert.ok(stored.includes(work.checkpointId), 'the restore point id is stored');
    for (const secret of SECRETS) {
      assert.ok(!stored.includes(secret), `globalState holds no ${secret.slice(0, 4)}…`);
    }
    assert.doesNotMatch(stored, /token|password|secret/i);
    close(before);

    const after = build();
    try {
      assert.notEqual(after.tracker, before.tracker, 'a new tracker, built from globalState');
      assert.deepEqual(after.tracker.items, [work]);
      assert.equal(after.tracker.state.kind, 'polling');
      assert.equal(after.statusBarView().text, '$(sync~spin) 1 backup in progress');

      cloud.finish('cp-slow');
      await pollOnce(after.tracker, timers);
      const note = after.notifications().find((n) => n.target?.kind === 'checkpoint' && n.target.checkpointId === work.checkpointId);
      assert.equal(note?.outcome, 'success');
      assert.equal(after.statusBarView().visible, false);
    } finally {
      close(after);
    }
  });
});
