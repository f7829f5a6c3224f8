import { strict as assert } from 'node:assert';
import { Emitter } from '../../../src/common/emitter';
import { TrackedWork, TrackerState } from '../../../src/tracking/core/types';
import { InFlightStatusBar } from '../../../src/tracking/ui/statusBar';
import { checkpointWork, FakeTimers } from '../../support/trackingFakes';
import { MarkdownString, recorded, ThemeColor } from '../vscode/stub';

function source(): { items: TrackedWork[]; state: TrackerState; changed: Emitter<void>; stateChanged: Emitter<TrackerState>; onDidChange: Emitter<void>['event']; onDidChangeState: Emitter<TrackerState>['event'] } {
  const changed = new Emitter<void>();
  const stateChanged = new Emitter<TrackerState>();
  return { items: [], state: { kind: 'idle' }, changed, stateChanged, onDidChange: changed.event, onDidChangeState: stateChanged.event };
}

describe('tracking: the status bar item (vscode stub)', () => {
  it('renders the view: hidden, then shown with text, tooltip, command and colour, then hidden again', () => {
    const timers = new FakeTimers();
    const s = source();
    const bar = new InFlightStatusBar(s, timers);
    const item = recorded.statusBarItems[0];
    assert.ok(item);
    assert.equal(item.id, 'cbr.inFlight');
    assert.equal(item.name, 'CBR in-flight work');
    assert.equal(item.visible, false);
    s.items = [checkpointWork('eu-de', 'v1', 'a', timers.now())];
    s.state = { kind: 'polling' };
    s.changed.fire();
    assert.equal(item.visible, true);
    assert.equal(item.text, '$(sync~spin) 1 backup in progress');
    assert.deepEqual(item.command, { command: 'cbr.showInFlight', title: 'Show in-flight work' });
    assert.ok(item.tooltip instanceof MarkdownString && item.tooltip.supportThemeIcons);
    s.state = { kind: 'signedOut' };
    s.stateChanged.fire(s.state);
    assert.ok(item.backgroundColor instanceof ThemeColor);
    assert.equal(item.backgroundColor.id, 'statusBarItem.warningBackground');
    assert.equal(item.accessibilityInformation?.label, 'Sign in again to keep following the item in flight.');
    s.items = [];
    s.changed.fire();
    assert.equal(item.visible, false);
    bar.dispose();
    assert.equal(item.disposed, true);
  });

  it('defect 19: brings the elapsed time up to date every second through the injected timers, and stops when hidden', () => {
    const timers = new FakeTimers();
    const s = source();
    s.items = [checkpointWork('eu-de', 'v1', 'a', timers.now())];
    s.state = { kind: 'polling' };
    const bar = new InFlightStatusBar(s, timers);
    const item = recorded.statusBarItems[0];
    const tooltip = (): string => (item?.tooltip instanceof MarkdownString ? item.tooltip.value : '');
    assert.ok(tooltip().includes('0 s'));
    timers.advance(1_000);
    assert.ok(tooltip().includes('· 1 s'), `defect 19: the elapsed time is live, a second later: ${tooltip()}`);
    timers.advance(9_000);
    assert.ok(tooltip().includes('10 s'), tooltip());
    timers.advance(50_000);
    assert.ok(tooltip().includes('1 min 0 s'), tooltip());
    s.items = [];
    s.changed.fire();
    assert.equal(timers.queue.length, 0, 'no refresh while hidden');
    bar.dispose();
  });
});
