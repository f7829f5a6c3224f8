import { strict as assert } from 'node:assert';
import { englishL10n, TrackedWork } from '../../../src/tracking/core/types';
import { statusBarView } from '../../../src/tracking/ui/statusBarView';
import { checkpointWork } from '../../support/trackingFakes';

const NOW = 1_700_000_000_000;
const polling = { kind: 'polling' } as const;

describe('tracking: the status bar view (pure)', () => {
  it('is hidden while nothing is in flight', () => {
    const view = statusBarView([], { kind: 'idle' }, NOW, englishL10n);
    assert.equal(view.visible, false);
    assert.equal(view.command, undefined);
  });

  it('defect 19: shows one item in words ("1 backup in progress"), with its kind, label, region and elapsed time, and opens the pick', () => {
    const view = statusBarView([checkpointWork('eu-de', 'v1', 'cp1', NOW - 130_000)], polling, NOW, englishL10n);
    assert.equal(view.visible, true);
    assert.equal(view.text, '$(sync~spin) 1 backup in progress');
    assert.deepEqual(view.command, { id: 'cbr.showInFlight', title: 'Show in-flight work' });
    assert.equal(view.backgroundColor, undefined);
    assert.equal(view.accessibilityLabel, '1 backup in progress');
    assert.equal(view.tooltip, '**In flight: 1**\n\n- $(archive) Restore point **cp\\-cp1** · eu\\-de · 2 min 10 s\n');
  });

  it('defect 19: counts many in words (a replication among them makes them operations) and lists each, one line apiece', () => {
    const items: TrackedWork[] = [
      checkpointWork('eu-de', 'v1', 'a', NOW - 5_000),
      { kind: 'gaussBackup', region: 'eu-de', instanceId: 'i1', backupId: 'x', label: 'db', startedAt: NOW - 3_700_000 },
      { kind: 'replication', region: 'eu-de', vaultId: 'v1', backupIds: ['b'], destinationRegion: 'eu-nl', destinationVaultId: 'r', label: 'rep', startedAt: NOW },
    ];
    const view = statusBarView(items, polling, NOW, englishL10n);
    assert.equal(view.text, '$(sync~spin) 3 operations in progress');
    assert.equal(view.accessibilityLabel, '3 operations in progress');
    assert.equal(statusBarView(items.slice(0, 2), polling, NOW, englishL10n).text, '$(sync~spin) 2 backups in progress');
    const lines = view.tooltip.split('\n').filter((l) => l.startsWith('- '));
    assert.deepEqual(lines, [
      '- $(archive) Restore point **cp\\-a** · eu\\-de · 5 s',
      '- $(database) Database backup **db** · eu\\-de · 1 h 1 min',
      '- $(cloud-upload) Replication to eu\\-nl **rep** · eu\\-de · 0 s',
    ]);
  });

  it('warns and offers Sign in while waiting for a sign-in', () => {
    const items = [checkpointWork('eu-de', 'v1', 'a', NOW), checkpointWork('eu-de', 'v1', 'b', NOW)];
    for (const state of [{ kind: 'signedOut' } as const, { kind: 'authFailed', message: 'refused' } as const]) {
      const view = statusBarView(items, state, NOW, englishL10n);
      assert.equal(view.text, '$(warning) 2 backups paused');
      assert.deepEqual(view.command, { id: 'cbr.signIn', title: 'Sign in' });
      assert.equal(view.backgroundColor, 'statusBarItem.warningBackground');
      assert.equal(view.accessibilityLabel, 'Sign in again to keep following 2 items in flight.');
      assert.ok(view.tooltip.includes('$(warning) Sign in again to keep following 2 items in flight\\.'));
    }
    assert.equal(statusBarView(items.slice(0, 1), { kind: 'signedOut' }, NOW, englishL10n).accessibilityLabel, 'Sign in again to keep following the item in flight.');
  });

  it('escapes Markdown and icon syntax in labels from the cloud', () => {
    const view = statusBarView([{ ...checkpointWork('eu-de', 'v1', 'a', NOW), label: '$(bug) *bold* [x](y)' }], polling, NOW, englishL10n);
    assert.ok(view.tooltip.includes('\\$\\(bug\\) \\*bold\\* \\[x\\]\\(y\\)'), view.tooltip);
  });
});
