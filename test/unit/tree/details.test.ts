import { strict as assert } from 'node:assert';
import { Nodes } from '../../../src/tree/nodes';
import { detailsOf, readableDetails } from '../../../src/tree/treeCommands';
import { aBackup, aVault } from './fixtures';

describe('unit: readable details', () => {
  it('details view: a restore point reads as words and local time, each backup in its own section, the raw JSON one command away', () => {
    const vault = Nodes.vault('r1', undefined, aVault());
    const created = new Date(Date.UTC(2026, 10, 1, 2, 30));
    const point = Nodes.checkpoint(Nodes.checkpoints(vault), 'cp-1', [
      aBackup({ id: 'b-1', resourceName: 'web-server-01', createdAt: created, incremental: true }),
      aBackup({ id: 'b-2', resourceName: 'db-server-01', createdAt: created, status: 'error' }),
    ]);
    const text = readableDetails(point).replace(/\\/g, '');
    assert.match(text, /^# nightly\n\n_Restore point in r1_\n/);
    assert.match(text, /Status: failed/, 'the status in words (CBR "error" reads "failed")');
    assert.ok(text.includes(created.toLocaleString('en', { timeZoneName: 'short' })), 'times in local time');
    assert.match(text, /## web-server-01\n[\s\S]*Kind: incremental[\s\S]*## db-server-01\n/);
    assert.match(text, /CBR: Show Raw JSON/);
    assert.deepEqual(detailsOf(point), { checkpoint_id: 'cp-1', vault_id: 'vault-1', backups: [{ id: 'b-1' }, { id: 'b-1' }] });
  });
});
