import { strict as assert } from 'node:assert';
import { describeKind, formatElapsed } from '../../../src/tracking/core/format';
import { englishL10n, sameTarget, targetKey, targetOf, TrackedWork } from '../../../src/tracking/core/types';

describe('tracking: text and identity helpers', () => {
  it('formats elapsed time as the quick pick shows it', () => {
    assert.equal(formatElapsed(0, englishL10n), '0 s');
    assert.equal(formatElapsed(45_900, englishL10n), '45 s');
    assert.equal(formatElapsed(130_000, englishL10n), '2 min 10 s');
    assert.equal(formatElapsed(3_900_000, englishL10n), '1 h 5 min');
    assert.equal(formatElapsed(-5_000, englishL10n), '0 s', 'a clock that went backwards is not negative');
  });

  it('names the kind of work', () => {
    const work: TrackedWork = { kind: 'replication', region: 'r1', vaultId: 'v', backupIds: ['a'], destinationRegion: 'r2', destinationVaultId: 'd', label: 'x', startedAt: 0 };
    assert.equal(describeKind(work, englishL10n), 'Replication to r2');
  });

  it('identifies a target by its ids only, whatever the label, start time or backup order', () => {
    const a: TrackedWork = { kind: 'replication', region: 'r1', vaultId: 'v', backupIds: ['b1', 'b2'], destinationRegion: 'r2', destinationVaultId: 'd', label: 'one', startedAt: 1 };
    const b: TrackedWork = { ...a, backupIds: ['b2', 'b1'], label: 'two', startedAt: 2, jobId: 'j' };
    assert.ok(sameTarget(a, b));
    assert.ok(!sameTarget(a, { ...a, destinationVaultId: 'other' }));
    assert.equal(targetKey({ kind: 'checkpoint', region: 'r1', vaultId: 'v', checkpointId: 'c' }), 'checkpoint|r1|c');
    assert.deepEqual(targetOf({ kind: 'gaussBackup', region: 'r1', instanceId: 'i', backupId: 'b', label: 'l', startedAt: 3, jobId: 'j' } as TrackedWork), { kind: 'gaussBackup', region: 'r1', instanceId: 'i', backupId: 'b' });
  });

  it('fills placeholders in the English fallback and leaves unknown ones', () => {
    assert.equal(englishL10n.t('{0} of {1} backups failed.', 2, 3), '2 of 3 backups failed.');
    assert.equal(englishL10n.t('{0} and {1}', 'x'), 'x and {1}');
  });
});
