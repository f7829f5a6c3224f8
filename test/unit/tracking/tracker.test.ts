import { strict as assert } from 'node:assert';
import { WorkTracker } from '../../../src/tracking/core/tracker';
import { FinishedBatch } from '../../../src/tracking/core/types';
import { checkpointWork, cloudError, FakeTimers, finishes, memoryLogger, MemoryStore, pollOnce, ScriptedCloud } from '../../support/trackingFakes';

const R1 = 'eu-de';

describe('tracking: WorkTracker state machine (plain Node, scripted cloud)', () => {
  let cloud: ScriptedCloud;
  let timers: FakeTimers;
  let logger: ReturnType<typeof memoryLogger>;
  let trackers: WorkTracker[];
  const newTracker = (store = new MemoryStore()): WorkTracker => {
    const t = new WorkTracker({ connection: cloud, store, logger, timers });
    trackers.push(t);
    return t;
  };

  beforeEach(() => {
    cloud = new ScriptedCloud();
    timers = new FakeTimers();
    logger = memoryLogger();
    trackers = [];
  });
  afterEach(() => trackers.forEach((t) => t.dispose()));

  it('is idle until something is tracked, then polls after the first wait', () => {
    const tracker = newTracker();
    assert.equal(tracker.state.kind, 'idle');
    assert.equal(timers.queue.length, 0, 'nothing scheduled while idle');
    cloud.protecting(R1, 'v1', 'cp1');
    tracker.track(checkpointWork(R1, 'v1', 'cp1'));
    assert.equal(tracker.state.kind, 'polling');
    assert.deepEqual(timers.queue.map((t) => t.dueIn), [2_000]);
  });

  it('waits signed out, and polls at once on sign-in', () => {
    cloud.set('signedOut');
    const tracker = newTracker();
    tracker.track(checkpointWork(R1, 'v1', 'cp1'));
    assert.equal(tracker.state.kind, 'signedOut');
    assert.equal(tracker.isPolling, false);
    cloud.set('signedIn');
    assert.equal(tracker.state.kind, 'polling');
    assert.equal(timers.queue[0]?.dueIn, 0);
  });

  it('reports everything one poll found finished in one event, oldest first', async () => {
    const tracker = newTracker();
    const batches: FinishedBatch[] = [];
    tracker.onDidFinish((b) => batches.push(b));
    for (const id of ['cp1', 'cp2', 'cp3']) {
      cloud.protecting(R1, id === 'cp3' ? 'v2' : 'v1', id);
      tracker.track(checkpointWork(R1, id === 'cp3' ? 'v2' : 'v1', id));
    }
    assert.equal(await pollOnce(tracker, timers), false);
    ['cp1', 'cp2', 'cp3'].forEach((id) => cloud.finish(id));
    assert.equal(await pollOnce(tracker, timers), true);
    assert.equal(batches.length, 1, 'one event for the poll');
    assert.deepEqual(batches[0]?.map((f) => [f.work.label, f.outcome]), [['cp-cp1', 'success'], ['cp-cp2', 'success'], ['cp-cp3', 'success']]);
    assert.equal(tracker.state.kind, 'idle');
    assert.equal(timers.queue.length, 0, 'nothing scheduled once idle');
  });

  it('stops on refused credentials, keeps the work, and resumes after the next sign-in', async () => {
    const tracker = newTracker();
    const states: string[] = [];
    tracker.onDidChangeState((s) => states.push(s.kind));
    cloud.protecting(R1, 'v1', 'cp1');
    tracker.track(checkpointWork(R1, 'v1', 'cp1'));
    cloud.failNext((c) => c.op === 'cbr.listBackups', () => cloudError('auth', { httpStatus: 401 }));
    await pollOnce(tracker, timers);
    assert.equal(tracker.state.kind, 'authFailed');
    assert.equal(tracker.items.length, 1);
    assert.equal(timers.queue.length, 0, 'no more polls');
    cloud.set('signedOut');
    assert.equal(tracker.state.kind, 'authFailed', 'still waiting for a sign-in');
    cloud.set('signedIn');
    cloud.finish('cp1');
    const done = finishes(tracker);
    await pollOnce(tracker, timers);
    assert.deepEqual(done.map((d) => d.outcome), ['success']);
    assert.deepEqual(states, ['polling', 'authFailed', 'polling', 'idle']);
  });

  it('goes idle when the last item is untracked, without a finish event', () => {
    const tracker = newTracker();
    const done = finishes(tracker);
    const work = checkpointWork(R1, 'v1', 'cp1');
    tracker.track(work);
    assert.equal(tracker.untrack(work), true);
    assert.equal(tracker.untrack(work), false, 'already gone');
    assert.equal(tracker.state.kind, 'idle');
    assert.equal(done.length, 0);
  });

  it('ignores a just-finished target the tree reports from a stale page, but adopts new ones', async () => {
    const tracker = newTracker();
    const work = checkpointWork(R1, 'v1', 'cp1');
    cloud.protecting(R1, 'v1', 'cp1');
    tracker.track(work);
    cloud.finish('cp1');
    await pollOnce(tracker, timers);
    tracker.adopt([work]);
    assert.equal(tracker.items.length, 0);
    timers.advance(11 * 60_000);
    tracker.adopt([work, checkpointWork(R1, 'v1', 'cp2')]);
    assert.deepEqual(tracker.items.map((w) => w.kind === 'checkpoint' && w.checkpointId), ['cp1', 'cp2'], 'after ten minutes it is news again');
  });

  it('sends a listener error to the logger, not to console.error, and still tells the other listeners', () => {
    const tracker = newTracker();
    const original = console.error;
    const consoleLines: unknown[] = [];
    console.error = (...args: unknown[]) => void consoleLines.push(args);
    try {
      let told = 0;
      tracker.onDidChange(() => {
        throw new Error('listener broke');
      });
      tracker.onDidChange(() => told++);
      tracker.track(checkpointWork(R1, 'v1', 'cp1'));
      assert.equal(told, 1);
      assert.deepEqual(consoleLines, []);
      assert.ok(logger.lines.some((l) => /^ERROR Tracking: a listener failed: listener broke/.test(l)), logger.lines.join('\n'));
    } finally {
      console.error = original;
    }
  });

  it('logs a rejected async listener too', async () => {
    const tracker = newTracker();
    tracker.onDidChange(() => Promise.reject(new Error('async listener broke')));
    tracker.track(checkpointWork(R1, 'v1', 'cp1'));
    await new Promise((r) => setImmediate(r));
    assert.ok(logger.lines.some((l) => /a listener failed: async listener broke/.test(l)));
  });

  it('ignores a malformed item and refuses to be used after dispose', () => {
    const tracker = newTracker();
    tracker.track({ kind: 'checkpoint', region: R1 } as never);
    assert.equal(tracker.items.length, 0);
    assert.ok(logger.lines.some((l) => /ignored a malformed checkpoint item/.test(l)));
    tracker.dispose();
    assert.throws(() => tracker.track(checkpointWork(R1, 'v1', 'cp1')), /after dispose/);
  });
});
