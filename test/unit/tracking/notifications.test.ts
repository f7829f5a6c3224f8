import { strict as assert } from 'node:assert';
import { Notifier } from '../../../src/common/notifier';
import { Emitter } from '../../../src/common/emitter';
import { FinishedBatch, TrackedWork, TrackerState, WorkFinished, WorkTarget } from '../../../src/tracking/core/types';
import { CompletionNotifications, trackingNotifications } from '../../../src/tracking/ui/notifications';
import { checkpointWork } from '../../support/trackingFakes';
import { answerNotifications, recorded } from '../vscode/stub';

const settle = (): Promise<void> => new Promise((r) => setImmediate(r));

function harness(): { finish(batch: FinishedBatch): void; state(s: TrackerState): void; items: TrackedWork[]; notifier: Notifier; revealed: WorkTarget[]; dispose(): void } {
  const finished = new Emitter<FinishedBatch>();
  const stateChanged = new Emitter<TrackerState>();
  const items: TrackedWork[] = [];
  const notifier = new Notifier(() => 42);
  const revealed: WorkTarget[] = [];
  const n = new CompletionNotifications({ items, onDidFinish: finished.event, onDidChangeState: stateChanged.event }, notifier, (t) => revealed.push(t));
  return { finish: (b) => finished.fire(b), state: (s) => stateChanged.fire(s), items, notifier, revealed, dispose: () => n.dispose() };
}

const ok = (id: string): WorkFinished => ({ work: checkpointWork('eu-de', 'v1', id), outcome: 'success' });
const failed = (id: string, reason?: string): WorkFinished => ({ work: checkpointWork('eu-de', 'v1', id), outcome: 'error', reason });

describe('tracking: completion notifications (through the Notifier, vscode stub)', () => {
  it('tells one success, offers Reveal, and reveals when picked', async () => {
    const h = harness();
    answerNotifications((n) => (n.actions.includes('Reveal') ? 'Reveal' : undefined));
    h.finish([ok('a')]);
    await settle();
    assert.deepEqual(recorded.notifications.map((n) => [n.severity, n.message, n.actions]), [['info', 'Restore point "cp-a" is ready.', ['Reveal']]]);
    assert.deepEqual(h.revealed, [checkpointWork('eu-de', 'v1', 'a')]);
    const [record] = trackingNotifications(h.notifier.recent());
    assert.equal(record?.outcome, 'success');
    assert.deepEqual(record?.target, checkpointWork('eu-de', 'v1', 'a'));
    h.dispose();
  });

  it('tells a failure with the cloud reason, redacted, or says none was given', () => {
    const h = harness();
    h.finish([failed('a', 'snapshot failed (BackupService.6803) X-Auth-Token: abcdefsecret'), failed('b')]);
    assert.equal(recorded.notifications[0]?.severity, 'error');
    assert.match(recorded.notifications[0]?.message ?? '', /^Restore point "cp-a" failed: snapshot failed \(BackupService\.6803\)/);
    assert.ok(!recorded.notifications[0]?.message.includes('abcdefsecret'), 'the token is redacted');
    assert.equal(recorded.notifications[1]?.message, 'Restore point "cp-b" failed: no reason was given');
    h.dispose();
  });

  it('sums up many successes in one notification that names five and counts the rest', async () => {
    const h = harness();
    answerNotifications(() => 'Show Log');
    h.finish(Array.from({ length: 8 }, (_, i) => ok(`${i}`)));
    await settle();
    assert.equal(recorded.notifications.length, 1);
    assert.equal(recorded.notifications[0]?.message, '8 tracked items finished: "cp-0", "cp-1", "cp-2", "cp-3", "cp-4" and 3 more.');
    assert.ok(recorded.executed.some((e) => e.command === 'cbr.showLog'), 'Show Log opens the log');
    assert.equal(trackingNotifications(h.notifier.recent())[0]?.targets?.length, 8);
    h.dispose();
  });

  it('shows the first three failures of a big batch each, and sums up the rest', () => {
    const h = harness();
    h.finish([ok('s1'), ok('s2'), ...Array.from({ length: 5 }, (_, i) => failed(`f${i}`, 'boom'))]);
    assert.deepEqual(recorded.notifications.map((n) => n.severity), ['info', 'error', 'error', 'error', 'error']);
    assert.equal(recorded.notifications[0]?.message, '2 tracked items finished: "cp-s1", "cp-s2".');
    assert.equal(recorded.notifications[4]?.message, '2 more tracked items failed: "cp-f3", "cp-f4". The log has the reason of each.');
    h.dispose();
  });

  it('asks to sign in again on an auth failure, and Sign in runs the command', async () => {
    const h = harness();
    h.items.push(checkpointWork('eu-de', 'v1', 'a'), checkpointWork('eu-de', 'v1', 'b'));
    answerNotifications((n) => (n.actions.includes('Sign in') ? 'Sign in' : undefined));
    h.state({ kind: 'authFailed', message: 'refused' });
    h.state({ kind: 'polling' });
    await settle();
    assert.deepEqual(recorded.notifications.map((n) => [n.severity, n.message, n.actions]), [['warning', 'Sign in again to keep following 2 items in flight.', ['Sign in']]]);
    assert.ok(recorded.executed.some((e) => e.command === 'cbr.signIn'));
    assert.equal(trackingNotifications(h.notifier.recent())[0]?.severity, 'warning');
    h.dispose();
  });

  it('leaves other features\' notifications out of the tracking history, and stops after dispose', () => {
    const h = harness();
    void h.notifier.info('Vault created.');
    h.dispose();
    h.finish([ok('a')]);
    assert.equal(recorded.notifications.length, 1);
    assert.deepEqual(trackingNotifications(h.notifier.recent()), []);
  });
});
