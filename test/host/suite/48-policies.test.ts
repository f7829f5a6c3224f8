import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { CbrExplorerTestApi } from '../../../src/extension';
import type { ExplorerNode } from '../../../src/tree/nodes';
import { DEMO_IDS } from '../../emulator/seeds/demoIds';
import { demo, emulator } from '../emulatorAdmin';
import { activateExtension } from '../extensionApi';
import { ScriptedPrompter } from '../scriptedPrompter';

describe('Policies', function () {
  this.timeout(60_000);
  let api: CbrExplorerTestApi;

  const policyRows = async (): Promise<ExplorerNode[]> => {
    const group = (await api.explorer.getChildren()).find((n) => n.kind === 'policies');
    assert.ok(group, 'the region has a Policies node');
    return api.explorer.getChildren(group);
  };
  const describe_ = (n: ExplorerNode) => {
    const item = api.explorer.getTreeItem(n);
    return { label: typeof item.label === 'string' ? item.label : (item.label?.label ?? ''), description: String(item.description ?? ''), tooltip: item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value.replace(/\\/g, '') : '' };
  };

  before(async () => {
    await emulator.reset();
    api = await activateExtension();
    await api.connection.signIn({ kind: 'password', domainName: demo.domainName, userName: demo.userName, password: demo.password });
  });

  it('lists the seeded policies with their schedule, retention, state and vaults in words', async () => {
    const rows = (await policyRows()).map(describe_);
    assert.deepEqual(rows.map((r) => r.label), ['daily-prod', 'weeknights-disks', 'dr-to-sg2']);
    assert.equal(rows[0]?.description, 'every day at 02:00 (UTC+08:00) · keep 30 days · on vault-prod-servers');
    assert.equal(rows[1]?.description, 'Mon, Wed, Fri at 22:30 (UTC) · keep the last 7 · on vault-data-disks');
    assert.equal(rows[2]?.description, 'disabled · every day at 04:00 (UTC+08:00) · kept until deleted · applied to no vault');
    assert.match(rows[0]?.tooltip ?? '', /Next runs[\s\S]*02:00 \(UTC\+08:00\)[\s\S]*02:00[\s\S]*02:00/);
    const vault = (await api.explorer.getChildren()).find((n) => n.kind === 'vault' && n.vault.name === 'vault-prod-servers');
    assert.ok(vault);
    assert.match(describe_(vault).description, /daily-prod/, 'the vault names its policy');
  });

  it('enables a disabled policy from its row: one PUT of {enabled:true}, the cloud has it enabled, the row says so', async () => {
    await emulator.resetCounters();
    const row = (await policyRows()).find((n) => n.kind === 'policy' && n.policy.name === 'dr-to-sg2');
    assert.ok(row);
    api.setPrompter(new ScriptedPrompter([]));
    await vscode.commands.executeCommand('cbr.enablePolicy', row);
    const sent = await emulator.requests('cbr.updatePolicy');
    assert.equal(sent.length, 1, 'sent once');
    assert.deepEqual(sent[0]?.body, { policy: { enabled: true } });
    assert.ok(sent[0]?.path.endsWith(`/policies/${DEMO_IDS.replicationPolicy}`));
    const session = api.connection.session(demo.region);
    assert.equal((await session.policies.showPolicy(DEMO_IDS.replicationPolicy)).enabled, true, 'the emulator has it enabled');
    const after = (await policyRows()).map(describe_).find((r) => r.label === 'dr-to-sg2');
    assert.ok(after && !after.description.startsWith('disabled'), after?.description);
  });
});
