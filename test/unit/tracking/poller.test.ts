import { strict as assert } from 'node:assert';
import { Poller } from '../../../src/tracking/core/poller';
import { FakeTimers, until } from '../../support/trackingFakes';

const TIMEOUT = 60_000;

/** A task whose runs the test settles one by one. */
function controlledTask(): { task: (signal: AbortSignal) => Promise<boolean>; runs: AbortSignal[]; settle(changed: boolean): void; fail(err: Error): void } {
  const runs: AbortSignal[] = [];
  let pending: { resolve: (v: boolean) => void; reject: (e: Error) => void } | undefined;
  return {
    runs,
    task: (signal) => {
      runs.push(signal);
      return new Promise<boolean>((resolve, reject) => (pending = { resolve, reject }));
    },
    settle: (changed) => {
      pending?.resolve(changed);
      pending = undefined;
    },
    fail: (err) => {
      pending?.reject(err);
      pending = undefined;
    },
  };
}

/** Lets the promise callbacks of a settled run go through. */
const flush = () => new Promise((r) => setImmediate(r));

describe('tracking: Poller', () => {
  let timers: FakeTimers;

  beforeEach(() => {
    timers = new FakeTimers();
  });

  it('waits 2 s, then 1.5 times longer after each run without change, up to 30 s', async () => {
    const t = controlledTask();
    const poller = new Poller(t.task, { initialMs: 2_000, maxMs: 30_000, factor: 1.5, timeoutMs: TIMEOUT }, timers);
    poller.on();
    const waits: number[] = [];
    for (let i = 0; i < 9; i++) {
      waits.push(timers.queue[0]?.dueIn ?? -1);
      timers.runNext();
      assert.equal(t.runs.length, i + 1);
      t.settle(false);
      await flush();
    }
    assert.deepEqual(waits, [2_000, 3_000, 4_500, 6_750, 10_125, 15_188, 22_782, 30_000, 30_000]);
    poller.dispose();
  });

  it('goes back to 2 s after a run that changed something', async () => {
    const t = controlledTask();
    const poller = new Poller(t.task, { timeoutMs: TIMEOUT }, timers);
    poller.on();
    for (let i = 0; i < 4; i++) {
      timers.runNext();
      t.settle(false);
      await flush();
    }
    assert.equal(poller.currentDelayMs, 10_125);
    timers.runNext();
    t.settle(true);
    await flush();
    assert.equal(poller.currentDelayMs, 2_000);
    assert.equal(timers.queue[0]?.dueIn, 2_000);
    poller.dispose();
  });

  it('reset() brings the wait back to 2 s, also while a run is in progress', async () => {
    const t = controlledTask();
    const poller = new Poller(t.task, { timeoutMs: TIMEOUT }, timers);
    poller.on();
    for (let i = 0; i < 3; i++) {
      timers.runNext();
      t.settle(false);
      await flush();
    }
    assert.equal(timers.queue[0]?.dueIn, 6_750);
    poller.reset();
    assert.equal(timers.queue[0]?.dueIn, 2_000, 'the pending wait is shortened');
    timers.runNext();
    poller.reset(); // while running
    t.settle(false);
    await flush();
    assert.equal(timers.queue[0]?.dueIn, 2_000, 'a reset during a run is not lost');
    poller.dispose();
  });

  it('runs at once with on({immediately: true}), and only once when switched on twice', async () => {
    const t = controlledTask();
    const poller = new Poller(t.task, { timeoutMs: TIMEOUT }, timers);
    poller.on({ immediately: true });
    poller.on();
    assert.equal(timers.queue.length, 1);
    assert.equal(timers.queue[0]?.dueIn, 0);
    timers.runNext();
    assert.equal(t.runs.length, 1);
    t.settle(false);
    await flush();
    poller.dispose();
  });

  it('off() aborts the run in progress and schedules nothing more', async () => {
    const t = controlledTask();
    const poller = new Poller(t.task, { timeoutMs: TIMEOUT }, timers);
    poller.on();
    timers.runNext();
    poller.off();
    assert.equal(t.runs[0]?.aborted, true);
    t.settle(true);
    await flush();
    assert.equal(timers.queue.length, 0);
    assert.equal(poller.isOn, false);
    poller.dispose();
  });

  it('aborts a run that takes longer than the timeout, and carries on', async () => {
    const t = controlledTask();
    const errors: unknown[] = [];
    const poller = new Poller(t.task, { timeoutMs: 5_000 }, timers, (e) => errors.push(e));
    poller.on();
    timers.runNext();
    timers.advance(5_000);
    assert.equal(t.runs[0]?.aborted, true);
    t.fail(new Error('aborted'));
    await flush();
    assert.deepEqual(errors, [], 'an aborted run is not reported as an error');
    assert.equal(timers.queue[0]?.dueIn, 3_000, 'the next run comes, backed off');
    poller.dispose();
  });

  it('reports a run that throws and backs off', async () => {
    const t = controlledTask();
    const errors: unknown[] = [];
    const poller = new Poller(t.task, { timeoutMs: TIMEOUT }, timers, (e) => errors.push(e));
    poller.on();
    timers.runNext();
    t.fail(new Error('boom'));
    await until('the error is reported', () => errors.length === 1);
    await flush();
    assert.equal(timers.queue[0]?.dueIn, 3_000);
    poller.dispose();
  });

  it('refuses to be used after dispose', () => {
    const poller = new Poller(() => Promise.resolve(false), {}, timers);
    poller.dispose();
    assert.throws(() => poller.on(), /after dispose/);
    assert.throws(() => poller.reset(), /after dispose/);
    poller.off(); // harmless
    assert.equal(timers.queue.length, 0);
  });
});
