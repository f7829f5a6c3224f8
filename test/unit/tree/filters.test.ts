import { strict as assert } from 'node:assert';
import { applyFilter, matchesFilter } from '../../../src/tree/filters';
import { Nodes } from '../../../src/tree/nodes';
import { aBackup, aGaussBackup, anInstance, anOperation, aVault } from './fixtures';

describe('unit: view filters', () => {
  const vault = Nodes.vault('r1', undefined, aVault());
  const group = Nodes.checkpoints(vault);
  const ok = Nodes.checkpoint(group, 'cp-ok', [aBackup()]);
  const failed = Nodes.checkpoint(group, 'cp-bad', [aBackup({ id: 'b-2', checkpointId: 'cp-bad', status: 'error' })]);
  const busy = Nodes.checkpoint(group, 'cp-busy', [aBackup({ id: 'b-3', checkpointId: 'cp-busy', status: 'protecting' })]);

  it('filters: "failed only" keeps failed restore points, backups, database backups and operations; containers always stay', () => {
    assert.deepEqual(applyFilter(group, 'r1', [ok, failed, busy], 'failed').map((n) => n.id), [failed.id]);
    assert.deepEqual(applyFilter(group, 'r1', [ok, failed, busy], 'inProgress').map((n) => n.id), [busy.id]);
    assert.deepEqual(applyFilter(group, 'r1', [ok, failed, busy], undefined).length, 3);
    const instance = Nodes.instance(Nodes.instances('r1', undefined), anInstance());
    assert.ok(matchesFilter(Nodes.gaussBackup(instance, aGaussBackup({ status: 'FAILED' })), 'failed'));
    assert.ok(!matchesFilter(Nodes.gaussBackup(instance, aGaussBackup({ status: 'COMPLETED' })), 'failed'));
    assert.ok(matchesFilter(Nodes.operation(Nodes.activity('r1', undefined), anOperation({ status: 'running' })), 'inProgress'));
    for (const container of [vault, group, Nodes.resources(vault), instance, Nodes.activity('r1', undefined)]) {
      assert.ok(matchesFilter(container, 'failed'), `${container.kind} stays`);
    }
  });

  it('filters: a list the filter empties says so in one row', () => {
    const rows = applyFilter(group, 'r1', [ok], 'failed');
    assert.equal(rows.length, 1);
    assert.equal(rows[0]?.kind === 'message' && rows[0].label, 'Nothing failed here (filter: failed only)');
  });
});
