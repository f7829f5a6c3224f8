import { strict as assert } from 'node:assert';
import { WorkTracker } from '../../../src/tracking/core/tracker';
import { checkpointWork, cloudError, FakeTimers, finishes, memoryLogger, MemoryStore, pollOnce, ScriptedCloud } from '../../support/trackingFakes';

const R1 = 'eu-de';
const R2 = 'eu-nl';

describe('tracking: throttling, pacing and vanished vaults (issue 8, items 5 and 7)', () => {
  let cloud: ScriptedCloud;
  let timers: FakeTimers;
  let logger: ReturnType<typeof memoryLogger>;
  let tracker: WorkTracker;
  const start = (pace?: { requestsPerSecond: number; burst: number }): void => {
    // A long backoff: only the test's own polls run while it moves the clock.
    tracker = new WorkTracker({ connection: cloud, store: new MemoryStore(), logger, timers, pace, backoff: { initialMs: 60_000, maxMs: 60_000 } });
  };
  const follow = (region: string, vaultId: string, id: string): void => {
    cloud.protecting(region, vaultId, id);
    tracker.track(checkpointWork(region, vaultId, id));
  };

  beforeEach(() => {
    cloud = new ScriptedCloud();
    timers = new FakeTimers();
    logger = memoryLogger();
  });
  afterEach(() => tracker.dispose());

  it('keeps the follow-ups learned before a 429 in the same vault', async () => {
    start();
    ['a', 'b', 'c'].forEach((id) => follow(R1, 'v1', id));
    ['a', 'b', 'c'].forEach((id) => cloud.finish(id));
    cloud.failNext((c) => c.op === 'cbr.listBackups' && c.query.checkpointId === 'c', () => cloudError('throttled', { httpStatus: 429, retryAfterMs: 5_000 }));
    const done = finishes(tracker);
    await pollOnce(tracker, timers);
    assert.deepEqual(done.map((d) => d.work.label), ['cp-a', 'cp-b'], 'what was learned before the 429 is kept');
    assert.deepEqual(tracker.items.map((w) => w.label), ['cp-c']);
  });

  it('honours Retry-After for the whole region and keeps polling the others', async () => {
    start();
    for (let i = 0; i < 8; i++) {
      follow(R1, `v${i}`, `r1-${i}`);
    }
    follow(R2, 'w1', 'c');
    cloud.failNext((c) => c.op === 'cbr.listBackups' && c.region === R1, () => cloudError('throttled', { httpStatus: 429, retryAfterMs: 30_000 }));
    await pollOnce(tracker, timers);
    const r1Lists = cloud.count('cbr.listBackups', R1);
    assert.ok(r1Lists <= 4, `after the 429 only the requests already on their way went to the region (${r1Lists} of 8)`);
    assert.ok(logger.lines.some((l) => /eu-de answered 429; polling it again in 30 s/.test(l)));
    cloud.calls.length = 0;
    timers.advance(10_000);
    await pollOnce(tracker, timers);
    assert.equal(cloud.count('cbr.listBackups', R1), 0, 'the region is left alone until Retry-After passed');
    assert.equal(cloud.count('cbr.listBackups', R2), 1, 'another region is polled as usual');
    timers.advance(20_001);
    cloud.calls.length = 0;
    await pollOnce(tracker, timers);
    assert.equal(cloud.count('cbr.listBackups', R1), 8, 'every vault again once the time has passed');
  });

  it('holds a region for a default time when the 429 names none', async () => {
    start();
    follow(R1, 'v1', 'a');
    cloud.failNext((c) => c.region === R1, () => cloudError('throttled', { httpStatus: 429 }));
    await pollOnce(tracker, timers);
    cloud.calls.length = 0;
    await pollOnce(tracker, timers);
    assert.equal(cloud.calls.length, 0);
    assert.ok(logger.lines.some((l) => /polling it again in 10 s/.test(l)));
  });

  it('paces requests per region: a burst, then a steady rate', async () => {
    start({ requestsPerSecond: 2, burst: 3 });
    for (let i = 0; i < 6; i++) {
      follow(R1, `v${i}`, `cp${i}`);
    }
    const t0 = timers.now();
    const startedAt: number[] = [];
    const original = cloud.session.bind(cloud);
    cloud.session = (region) => {
      const s = original(region);
      const list = s.cbr.listBackups.bind(s.cbr);
      s.cbr.listBackups = (...args) => {
        startedAt.push(timers.now() - t0);
        return list(...args);
      };
      return s;
    };
    await pollOnce(tracker, timers);
    assert.equal(startedAt.length, 6);
    assert.deepEqual(startedAt.slice(0, 3), [0, 0, 0], 'the burst goes at once');
    assert.ok((startedAt[5] ?? 0) >= 1_500, `the rest at two a second: ${startedAt.join(', ')}`);
  });

  it('drops a vault\'s work on the documented vault-not-found code only', async () => {
    start();
    follow(R1, 'gone', 'a');
    follow(R1, 'gateway', 'b');
    cloud.failNext((c) => c.query.vaultId === 'gone', () => cloudError('notFound', { httpStatus: 404, errorCode: 'BackupService.6105', message: 'Vault gone does not exist.' }));
    cloud.failNext((c) => c.query.vaultId === 'gateway', () => cloudError('notFound', { httpStatus: 404, message: 'Not Found' }));
    const done = finishes(tracker);
    await pollOnce(tracker, timers);
    assert.deepEqual(done.map((d) => [d.work.label, d.outcome, d.reason]), [['cp-a', 'error', 'Vault gone does not exist.']]);
    assert.deepEqual(tracker.items.map((w) => w.label), ['cp-b'], 'a 404 without the code (a gateway\'s) keeps the work');
    assert.ok(logger.lines.some((l) => /polling vault gateway .* failed: Not Found \(HTTP 404\)/.test(l)));
  });

  it('drops an instance\'s backups on the instance-not-found code, not on another GaussDB 404', async () => {
    start();
    for (const [instanceId, backupId] of [['gone', 'x1br01'], ['other', 'x2br01']]) {
      cloud.gaussBackups.set(backupId, { region: R1, instanceId, status: 'BUILDING', beginTime: new Date(timers.now()) });
      tracker.track({ kind: 'gaussBackup', region: R1, instanceId, backupId, label: backupId, startedAt: timers.now() });
    }
    cloud.failNext((c) => c.op === 'gaussdb.listBackups' && c.query.instanceId === 'gone', () => cloudError('notFound', { httpStatus: 404, errorCode: 'DBS.280214', message: 'The instance does not exist.' }));
    cloud.failNext((c) => c.op === 'gaussdb.listBackups' && c.query.instanceId === 'other', () => cloudError('notFound', { httpStatus: 404, errorCode: 'DBS.200543' }));
    const done = finishes(tracker);
    await pollOnce(tracker, timers);
    assert.deepEqual(done.map((d) => d.work.label), ['x1br01']);
    assert.deepEqual(tracker.items.map((w) => w.label), ['x2br01']);
  });

  it('ends a restore point as gone on the documented restore-point-not-found code only, not on a bare 404', async () => {
    start();
    follow(R1, 'v1', 'gone');
    follow(R1, 'v1', 'bare');
    cloud.checkpoints.delete('gone');
    cloud.checkpoints.delete('bare');
    cloud.failNext((c) => c.op === 'cbr.showCheckpoint' && c.query.id === 'gone', () => cloudError('notFound', { httpStatus: 404, errorCode: 'BackupService.6217' }));
    cloud.failNext((c) => c.op === 'cbr.showCheckpoint' && c.query.id === 'bare', () => cloudError('notFound', { httpStatus: 404, message: 'Not Found' }), 5);
    const done = finishes(tracker);
    await pollOnce(tracker, timers);
    assert.deepEqual(done.map((d) => [d.work.label, d.outcome]), [['cp-gone', 'error']]);
    assert.deepEqual(tracker.items.map((w) => w.label), ['cp-bare'], 'a 404 without the code keeps the work');
  });
});
