import { strict as assert } from 'node:assert';
import { Nodes } from '../../../src/tree/nodes';
import { renderNode } from '../../../src/tree/render';
import type { PolicyFacts } from '../../../src/tree/render/policies';
import type { MarkdownString } from '../vscode/stub';
import { aVault } from '../tree/fixtures';
import { aPolicy } from './fixtures';

const facts: PolicyFacts = {
  vaultNameOf: (_region, id) => (id === 'vault-1' ? 'vault-prod' : undefined),
  policiesOfVault: (_region, id) => (id === 'vault-1' ? [aPolicy()] : []),
  now: () => new Date('2026-12-02T15:28:00Z'),
};
const ctx = { projectIdOf: () => undefined, ...facts };
type Row = { label: string; description?: string; tooltip?: MarkdownString; contextValue?: string };
const row = (node: Parameters<typeof renderNode>[0]) => renderNode(node, ctx) as unknown as Row;
const text = (r: Row) => (r.tooltip?.value ?? '').replace(/\\/g, '');

describe('unit: the Policies rows', () => {
  const group = Nodes.policies('r1', Nodes.region('r1'));

  it('shows a policy with its schedule, retention and vault in words', () => {
    const r = row(Nodes.policy(group, aPolicy()));
    assert.equal(r.label, 'daily-prod');
    assert.equal(r.description, 'every day at 02:00 (UTC+08:00) · keep 30 days · on vault-prod');
    assert.equal(r.contextValue, 'policy');
  });

  it('lists the next three runs in the tooltip, in the policy’s zone', () => {
    const tip = text(row(Nodes.policy(group, aPolicy())));
    assert.match(tip, /Type: backup/);
    assert.match(tip, /Status: enabled/);
    assert.match(tip, /Applied to: vault-prod/);
    assert.match(tip, /Next runs/);
    assert.match(tip, /- Thu, Dec 3, 02:00 \(UTC\+08:00\)\n- Fri, Dec 4, 02:00 \(UTC\+08:00\)\n- Sat, Dec 5, 02:00 \(UTC\+08:00\)/);
  });

  it('says a disabled policy is disabled and has no next runs; a replication policy names its destination', () => {
    const r = row(Nodes.policy(group, aPolicy({ enabled: false, operationType: 'replication', associatedVaults: [], definition: { destinationRegion: 'ap-southeast-2' } })));
    assert.equal(r.description, 'disabled · every day at 18:00 (UTC) · kept until deleted · applied to no vault');
    assert.equal(r.contextValue, 'policy:disabled');
    assert.match(text(r), /Replicates to: ap-southeast-2/);
    assert.doesNotMatch(text(r), /Next runs/);
  });

  it('names a vault’s policy in its row and tooltip', () => {
    const r = row(Nodes.vault('r1', undefined, aVault()));
    assert.match(r.description ?? '', / · daily-prod$/);
    assert.match(text(r), /Policy: daily-prod — every day at 02:00 \(UTC\+08:00\), keep 30 days/);
    const other = row(Nodes.vault('r1', undefined, aVault({ id: 'vault-9' })));
    assert.doesNotMatch(other.description ?? '', /daily-prod/);
  });
});
