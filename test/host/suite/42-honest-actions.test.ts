/**
 * Issue 10, defects 7, 10 and 17, the view filters and the readable details view: what a user
 * sees in the real VS Code, against the emulator over HTTP.
 */
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { NotificationRecord as ShownMessage } from '../../../src/common/notifier';
import type { CbrExplorerTestApi } from '../../../src/extension';
import type { ExplorerNode } from '../../../src/tree/nodes';
import { DEMO_IDS } from '../../emulator/seeds/demoIds';
import { count, demo, emulator } from '../emulatorAdmin';
import { activateExtension, waitFor } from '../extensionApi';
import { Answer, ScriptedPrompter } from '../scriptedPrompter';

const PROTECTING_MS = 1_500;
const SLOW_MS = 10 * 60_000;

describe('Honest actions (issue 10)', function () {
  this.timeout(60_000);
  let api: CbrExplorerTestApi;

  const roots = async (): Promise<ExplorerNode[]> => api.explorer.getChildren();
  const vaultNode = async (name: string): Promise<Extract<ExplorerNode, { kind: 'vault' }>> => {
    const node = (await roots()).find((n): n is Extract<ExplorerNode, { kind: 'vault' }> => n.kind === 'vault' && n.vault.name === name);
    assert.ok(node, `${name} is in the tree`);
    return node;
  };
  const childOf = async <K extends ExplorerNode['kind']>(parent: ExplorerNode, kind: K, match: (n: Extract<ExplorerNode, { kind: K }>) => boolean = () => true): Promise<Extract<ExplorerNode, { kind: K }>> => {
    const node = (await api.explorer.getChildren(parent)).find((n): n is Extract<ExplorerNode, { kind: K }> => n.kind === kind && match(n as Extract<ExplorerNode, { kind: K }>));
    assert.ok(node, `a ${kind} under ${parent.id}`);
    return node;
  };
  const instanceNode = async (): Promise<Extract<ExplorerNode, { kind: 'instance' }>> => {
    const group = (await roots()).find((n) => n.kind === 'instances');
    assert.ok(group, 'the region lists its database instances');
    return childOf(group, 'instance', (n) => n.instance.name === 'orders-db');
  };
  const run = async (command: string, answers: Answer[], arg?: unknown): Promise<{ prompter: ScriptedPrompter; told: ShownMessage[] }> => {
    const earlier = new Set(api.actionMessages());
    const prompter = new ScriptedPrompter(answers);
    api.setPrompter(prompter);
    await vscode.commands.executeCommand(command, arg);
    assert.equal(prompter.remaining, 0, 'every scripted answer was used');
    return { prompter, told: api.actionMessages().filter((m) => !earlier.has(m)) };
  };
  const said = (told: ShownMessage[]) => told.map((m) => [m.severity, m.message, [...m.actions]]);
  const untrackAll = () => {
    for (const work of [...api.tracking.tracker.items]) {
      api.tracking.tracker.untrack(work);
    }
  };

  before(async () => {
    await emulator.reset();
    api = await activateExtension();
    await api.connection.signIn({ kind: 'password', domainName: demo.domainName, userName: demo.userName, password: demo.password });
  });

  beforeEach(async () => {
    untrackAll();
    await emulator.clearFaults();
    await emulator.resetCounters();
    api.explorer.refresh();
  });

  after(async () => {
    untrackAll();
    await vscode.commands.executeCommand('cbr.clearFilter');
    await emulator.setTiming({ checkpointProtectingMs: PROTECTING_MS, gaussBackupBuildingMs: PROTECTING_MS });
    await emulator.advance(SLOW_MS);
    await emulator.reset();
  });

  describe('defect 7: what is bound to fail is said before the first question, with the next step as a button', () => {
    it('defect 7: a restore point on an empty vault is refused before any question, offering "Associate Resources…"', async () => {
      const { prompter, told } = await run('cbr.createCheckpoint', [], await vaultNode('vault-staging'));
      assert.deepEqual(prompter.shown, [], 'no question was asked');
      assert.deepEqual(said(told), [['warning', 'vault-staging protects no servers or disks yet, so a restore point would hold nothing. Associate resources with it first.', ['Associate Resources…']]]);
      assert.equal(await count('cbr.createCheckpoint'), 0);
    });

    it('defect 7: a restore point of a resource already protecting is refused before any question', async () => {
      await emulator.setTiming({ checkpointProtectingMs: SLOW_MS });
      try {
        const vault = await vaultNode('vault-data-disks');
        const disk = await childOf(await childOf(vault, 'resources'), 'resource', (n) => n.resource.name === 'data-disk-01');
        await run('cbr.createCheckpoint', [{ input: 'first-of-two' }, { input: '' }, { pick: (i) => i.value === true }], disk);
        await waitFor('data-disk-01 shown as protecting', async () => {
          const fresh = await vaultNode('vault-data-disks');
          return fresh.vault.resources.find((r) => r.id === DEMO_IDS.dataDisk01)?.protectStatus === 'protecting' || undefined;
        });
        const again = await childOf(await childOf(await vaultNode('vault-data-disks'), 'resources'), 'resource', (n) => n.resource.name === 'data-disk-01');
        const { prompter, told } = await run('cbr.createCheckpoint', [], again);
        assert.deepEqual(prompter.shown, [], 'no question was asked');
        assert.deepEqual(said(told), [['warning', 'data-disk-01 is already being backed up. Start a new restore point once that backup has finished.', ['Refresh']]]);
        assert.equal(await count('cbr.createCheckpoint'), 1, 'only the first was sent');
      } finally {
        await emulator.setTiming({ checkpointProtectingMs: PROTECTING_MS });
        await emulator.advance(SLOW_MS);
      }
    });

    it('defect 7: a second backup of an instance already backing up (DBS.200086) is refused before any question', async () => {
      await emulator.setTiming({ gaussBackupBuildingMs: SLOW_MS });
      try {
        await run('cbr.createInstanceBackup', [{ input: 'first-backup' }, { input: '' }], await instanceNode());
        await waitFor('orders-db shown as backing up', async () => ((await instanceNode()).instance.status === 'BACKING UP') || undefined);
        const { prompter, told } = await run('cbr.createInstanceBackup', [], await instanceNode());
        assert.deepEqual(prompter.shown, [], 'no question was asked');
        assert.deepEqual(said(told), [['warning', 'orders-db is already being backed up. Start another backup once this one has finished.', ['Refresh']]]);
        assert.equal(await count('gaussdb.createBackup'), 1, 'the second was never sent (it would fail with DBS.200086)');
        // From the palette the instance is picked first, then refused the same way.
        const palette = await run('cbr.createInstanceBackup', [{ pick: (i) => i.label === 'orders-db' }]);
        assert.deepEqual(palette.prompter.shown.map((p) => p.type), ['pick']);
        assert.match(palette.told[0]?.message ?? '', /^orders-db is already being backed up\./);
      } finally {
        await emulator.setTiming({ gaussBackupBuildingMs: PROTECTING_MS });
        await emulator.advance(SLOW_MS);
      }
    });
  });

  describe('defect 10: Create Vault', () => {
    it('defect 10: a modal names type, size, billing and region, and warns when 10 GB is less than 180 GB of servers; declining sends nothing', async () => {
      const { prompter } = await run('cbr.createVault', [
        { input: 'small-vault' },
        { pick: (i) => i.value === 'server' },
        { input: '10' },
        { input: '' },
        { input: '' },
        { pick: (i) => i.value === true },
        { pickMany: (i) => i.label === 'db-server-01' || i.label === 'batch-worker-01' },
        { pick: (i) => i.value === 'off' },
        { confirm: false },
      ]);
      const modal = prompter.shown.at(-1);
      assert.equal(modal?.type, 'confirm');
      assert.equal(modal?.message, 'Create vault small-vault in ap-southeast-1? It is billed from now on.');
      const detail = modal?.detail ?? '';
      assert.match(detail, /^Warning: 10 GB is less than the 180 GB of the chosen resources; backups fail once the vault is full\.\n/);
      for (const line of ['Type: server backup vault, crash-consistent', 'Capacity: 10 GB', 'Billing: pay-per-use, for the capacity, while the vault exists', 'Region: ap-southeast-1 (', 'Resources: 2 (']) {
        assert.ok(detail.includes(line), `the modal says "${line}": ${detail}`);
      }
      assert.equal(await count('cbr.createVault'), 0, 'declined: nothing sent');
    });

    it('defect 10: a duplicate name is refused with the other vault’s id; a replication vault with description and tags is created as documented', async () => {
      const { prompter, told } = await run('cbr.createVault', [
        { input: 'vault-prod-servers' },
        { input: 'dr-disks' },
        { pick: (i) => i.value === 'disk-replica' },
        { input: '500' },
        { input: 'replicas of the disk vault' },
        { input: 'env=prod, owner=ops' },
        { confirm: true },
      ]);
      const names = prompter.shown.filter((p) => p.type === 'input').slice(0, 2);
      const refusal = `A vault named vault-prod-servers already exists in ap-southeast-1 (${DEMO_IDS.prodVault})`;
      assert.ok(names.some((p) => p.validationMessage?.startsWith(refusal) || p.prompt?.startsWith(refusal)), `the duplicate is refused: ${JSON.stringify(names)}`);
      assert.ok(!prompter.shown.some((p) => p.type === 'pickMany'), 'a replication vault protects no resources: none asked');
      assert.equal(await count('cbr.createVault'), 1);
      const [sent] = await emulator.requests('cbr.createVault');
      assert.deepEqual(sent?.body, {
        vault: {
          name: 'dr-disks',
          description: 'replicas of the disk vault',
          billing: { cloud_type: 'public', consistent_level: 'crash_consistent', object_type: 'disk', protect_type: 'replication', size: 500 },
          resources: [],
          tags: [{ key: 'env', value: 'prod' }, { key: 'owner', value: 'ops' }],
        },
      });
      assert.deepEqual(said(told), [['info', 'Vault dr-disks was created in ap-southeast-1 with 0 resources.', []]]);
      const created = await waitFor('the replication vault in the tree', async () => (await roots()).find((n) => n.kind === 'vault' && n.vault.name === 'dr-disks'));
      assert.ok(created.kind === 'vault' && created.vault.billing.protectType === 'replication');
    });

    it('defect 10: auto-bind by tags is sent as auto_bind and bind_rules', async () => {
      await run('cbr.createVault', [
        { input: 'auto-disks' },
        { pick: (i) => i.value === 'disk' },
        { input: '100' },
        { input: '' },
        { input: '' },
        { pick: (i) => i.value === false },
        { pick: (i) => i.value === 'tags' },
        { input: 'backup=daily' },
        { confirm: true },
      ]);
      const [sent] = await emulator.requests('cbr.createVault');
      const body = sent?.body as { vault: Record<string, unknown> };
      assert.deepEqual([body.vault.auto_bind, body.vault.bind_rules], [true, { tags: [{ key: 'backup', value: 'daily' }] }]);
    });
  });

  describe('defect 17: replication', () => {
    const toReplica: Answer[] = [{ pick: (i) => i.value === demo.secondRegion }, { pick: (i) => i.label === 'vault-dr-replica' }];

    it('defect 17: the confirmation says how many backups and GB; backups then show "replicated to"; a second run says "nothing to replicate" before asking', async () => {
      const { prompter } = await run('cbr.replicate', [...toReplica, { pick: (i) => i.value === false }, { confirm: true }], await vaultNode('vault-prod-servers'));
      const modal = prompter.shown.at(-1);
      // The newest available backup of web-server-01 (40 GB) and of app-server-01 (100 GB).
      assert.equal(modal?.message, 'Replicate 2 backups (140 GB) of vault-prod-servers (ap-southeast-1) to vault-dr-replica (ap-southeast-2)?');
      assert.match(modal?.detail ?? '', /^web-server-01: .*, 40 GB, .*\napp-server-01: .*, 100 GB, /);
      assert.equal(await count('cbr.replicate'), 1);
      await emulator.advance(SLOW_MS);
      await waitFor('the replication to finish', () => !api.tracking.tracker.items.some((w) => w.kind === 'replication') || undefined, 30_000);
      api.explorer.refresh();
      const points = await childOf(await vaultNode('vault-prod-servers'), 'checkpoints');
      const newest = (await api.explorer.getChildren(points))[0];
      assert.ok(newest?.kind === 'checkpoint');
      const row = api.explorer.getTreeItem((await api.explorer.getChildren(newest))[0]);
      assert.match(String(row.description), /replicated to ap-southeast-2$/, `the backup row says so: ${String(row.description)}`);

      const again = await run('cbr.replicate', toReplica, await vaultNode('vault-prod-servers'));
      assert.ok(!again.prompter.shown.some((p) => p.type === 'confirm'), 'no confirmation asked');
      assert.deepEqual(said(again.told), [['warning', 'Nothing to replicate: every backup of vault-prod-servers is already in vault-dr-replica.', []]]);
      assert.equal(await count('cbr.replicate'), 1, 'nothing more sent');
    });

    it('defect 17: a vault with no available backup is told "nothing to replicate" before any question', async () => {
      const { prompter, told } = await run('cbr.replicate', [], await vaultNode('vault-staging'));
      assert.deepEqual(prompter.shown, []);
      assert.deepEqual(said(told), [['warning', 'Nothing to replicate: vault-staging has no available backup. Create a restore point first.', ['Create Restore Point…']]]);
    });

    it('defect 17: revealing a replication shows the region’s Activity, where its progress and failure reason are', async () => {
      await emulator.setTiming({ checkpointProtectingMs: PROTECTING_MS });
      await run('cbr.createCheckpoint', [{ input: 'to-copy' }, { input: '' }, { pick: (i) => i.value === true }], await vaultNode('vault-prod-servers'));
      await emulator.advance(SLOW_MS);
      untrackAll();
      await emulator.setTiming({ replicationMs: SLOW_MS });
      try {
        await run('cbr.replicate', [...toReplica, { pick: (i) => i.value === false }, { confirm: true }], await vaultNode('vault-prod-servers'));
        const work = api.tracking.tracker.items.find((w) => w.kind === 'replication');
        assert.ok(work, 'the replication is followed');
        await vscode.commands.executeCommand('workbench.view.extension.cbr-explorer');
        const prompter = new ScriptedPrompter([{ pick: (i) => i.label.includes(work.label) }]);
        api.setPrompter(prompter);
        await vscode.commands.executeCommand('cbr.showInFlight');
        await waitFor('the Activity group to be selected', () => api.treeView.selection[0]?.kind === 'activity' || undefined);
      } finally {
        await emulator.setTiming({ replicationMs: 2_000 });
        await emulator.advance(SLOW_MS);
      }
    });
  });

  describe('readable details and view filters', () => {
    it('details view: Show Details opens a readable page in words; the raw JSON is one command away', async () => {
      await vscode.commands.executeCommand('cbr.showDetails', await vaultNode('vault-prod-servers'));
      const page = vscode.window.activeTextEditor?.document;
      assert.equal(page?.uri.scheme, 'cbr-details');
      assert.equal(page?.languageId, 'markdown');
      const text = (page?.getText() ?? '').replace(/\\/g, '');
      assert.match(text, /^# vault-prod-servers\n\n_Vault in ap-southeast-1_\n/);
      assert.match(text, /Status: available/);
      assert.match(text, /Capacity: \d/);
      assert.match(text, /CBR: Show Raw JSON/);
      await vscode.commands.executeCommand('cbr.showRawDetails');
      const raw = vscode.window.activeTextEditor?.document;
      assert.ok(raw?.uri.path.endsWith('.json'));
      assert.equal((JSON.parse(raw?.getText() ?? '{}') as { id?: string }).id, DEMO_IDS.prodVault);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    });

    it('filters: "failed only" leaves the failed restore point, says so in the view, and Clear brings every row back', async () => {
      const points = await childOf(await vaultNode('vault-data-disks'), 'checkpoints');
      const all = await api.explorer.getChildren(points);
      await vscode.commands.executeCommand('cbr.filterFailed');
      assert.equal(api.treeView.description, 'failed only');
      assert.match(api.treeView.message ?? '', /^Showing failed restore points, backups and operations only\./);
      const failed = await api.explorer.getChildren(points);
      assert.ok(failed.length > 0 && failed.length < all.length, `${failed.length} of ${all.length} restore points shown`);
      assert.ok(failed.every((n) => n.kind === 'checkpoint' && n.backups.some((b) => b.status === 'error')), 'only failed ones');
      await vscode.commands.executeCommand('cbr.filterInProgress');
      assert.equal(api.treeView.description, 'in progress only');
      const busy = await api.explorer.getChildren(points);
      assert.deepEqual(busy.map((n) => (n.kind === 'message' ? n.label : n.kind)), ['Nothing in progress here (filter: in progress only)']);
      await vscode.commands.executeCommand('cbr.clearFilter');
      assert.equal(api.treeView.description, undefined);
      assert.equal(api.treeView.message, undefined);
      assert.equal((await api.explorer.getChildren(points)).length, all.length);
    });
  });
});
