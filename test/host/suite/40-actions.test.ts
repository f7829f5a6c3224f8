import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { CbrExplorerTestApi } from '../../../src/extension';
import type { ExplorerNode } from '../../../src/tree/nodes';
import { count, demo, emulator } from '../emulatorAdmin';
import { activateExtension } from '../extensionApi';
import { Answer, ScriptedPrompter } from '../scriptedPrompter';

const DISK_VAULT = '3b5816b5-f29c-4172-9d9a-76c719a659ce';
const INSTANCE = '07033b125fd94a8a96896f8bcfee6ddain07';

describe('Actions', () => {
  let api: CbrExplorerTestApi;

  const vaultNode = async (name: string): Promise<ExplorerNode> => {
    const roots = await api.explorer.getChildren();
    const node = roots.find((n) => n.kind === 'vault' && n.vault.name === name);
    assert.ok(node, `${name} is in the tree`);
    return node;
  };
  const run = async (command: string, answers: Answer[], node?: ExplorerNode): Promise<ScriptedPrompter> => {
    const prompter = new ScriptedPrompter(answers);
    api.setPrompter(prompter);
    await vscode.commands.executeCommand(command, node);
    return prompter;
  };
  const tracked = () => api.tracking.tracker.items;

  before(async () => {
    api = await activateExtension();
    await api.connection.signIn({ kind: 'password', domainName: demo.domainName, userName: demo.userName, password: demo.password });
  });

  after(async () => {
    // Leave no followed work behind for the next suite.
    for (const work of [...tracked()]) {
      api.tracking.tracker.untrack(work);
    }
    await emulator.clearFaults();
  });

  beforeEach(async () => {
    await emulator.clearFaults();
    await emulator.resetCounters();
    api.explorer.refresh();
  });

  it('creates a restore point of a whole vault from its node; the name is validated as typed', async () => {
    const node = await vaultNode('vault-data-disks');
    const prompter = await run('cbr.createCheckpoint', [{ input: 'x'.repeat(65) }, { input: 'bad name!' }, { input: 'host-test-cp' }, { input: 'from the host tests' }, { pick: (i) => i.value === false }], node);
    assert.deepEqual(
      prompter.shown.filter((p) => p.validationMessage).map((p) => p.validationMessage),
      ['The name is 65 characters long; at most 64 are allowed.', 'The name may contain only letters, digits, Chinese characters, _ and -.'],
    );
    assert.deepEqual(prompter.shown.map((p) => `${p.step}/${p.totalSteps}`), ['1/3', '1/3', '1/3', '2/3', '3/3']);
    assert.equal(await count('cbr.createCheckpoint'), 1);
    const [sent] = await emulator.requests('cbr.createCheckpoint');
    assert.deepEqual(sent?.body, { checkpoint: { vault_id: DISK_VAULT, parameters: { auto_trigger: false, incremental: false, name: 'host-test-cp', description: 'from the host tests' } } });
    const work = tracked().find((w) => w.label === 'host-test-cp');
    assert.ok(work && work.kind === 'checkpoint' && work.vaultId === DISK_VAULT, 'the new restore point is followed');
  });

  it('sends nothing when the user gives up after a bad name', async () => {
    const node = await vaultNode('vault-data-disks');
    await run('cbr.createCheckpoint', [{ input: '' }, 'cancel'], node);
    assert.equal(await count('cbr.createCheckpoint'), 0);
  });

  it('reports skipped resources with their reasons', async () => {
    const node = await vaultNode('vault-data-disks');
    await run('cbr.createCheckpoint', [{ input: 'first-of-two' }, { input: '' }, { pick: (i) => i.value === true }], node);
    await run('cbr.createCheckpoint', [{ input: 'second-of-two' }, { input: '' }, { pick: (i) => i.value === true }], node);
    assert.ok(api.logLines().some((l) => /second-of-two|skipped/.test(l) && /\d+ skipped/.test(l) && !/0 skipped/.test(l)), 'the second request skipped the resources still being backed up');
  });

  it('sends a write once when the connection drops, and reconciles: the restore point exists and is followed', async () => {
    await emulator.addFault({ op: 'cbr.createCheckpoint', drop: true, afterApply: true });
    const prod = await vaultNode('vault-prod-servers');
    await run('cbr.createCheckpoint', [{ input: 'dropped-answer' }, { input: '' }, { pick: (i) => i.value === true }], prod);
    assert.equal(await count('cbr.createCheckpoint'), 1, 'never sent twice');
    assert.ok(api.logLines().some((l) => /outcome unknown/.test(l)));
    assert.ok(tracked().some((w) => w.label === 'dropped-answer'), 'reconciliation found it and it is followed');
  });

  it('refuses a second click while the first request is on its way', async () => {
    await emulator.addFault({ op: 'cbr.createCheckpoint', delayMs: 800 });
    const node = await vaultNode('vault-prod-servers');
    // The two invocations ask their questions in turn, so the answers alternate.
    const prompter = new ScriptedPrompter([{ input: 'double-click' }, { input: 'double-click' }, { input: '' }, { input: '' }, { pick: (i) => i.value === true }, { pick: (i) => i.value === true }]);
    api.setPrompter(prompter);
    await Promise.all([vscode.commands.executeCommand('cbr.createCheckpoint', node), vscode.commands.executeCommand('cbr.createCheckpoint', node)]);
    assert.equal(await count('cbr.createCheckpoint'), 1);
  });

  it('makes a manual database backup from the palette: pick the instance, names validated, body as documented', async () => {
    const prompter = await run('cbr.createInstanceBackup', [
      { pick: (i) => i.label === 'orders-db' },
      { input: '1abc' },
      { input: 'host-db-backup' },
      { input: 'a<b' },
      { input: 'before the upgrade' },
    ]);
    assert.deepEqual(
      prompter.shown.filter((p) => p.validationMessage).map((p) => p.validationMessage),
      ['The name must start with a letter.', 'The description must not contain < (none of > ! < " & \' = are allowed).'],
    );
    assert.equal(prompter.shown[0]?.type, 'pick');
    assert.deepEqual(prompter.shown[0]?.items, ['orders-db']);
    assert.equal(await count('gaussdb.createBackup'), 1);
    const [sent] = await emulator.requests('gaussdb.createBackup');
    assert.deepEqual(sent?.body, { instance_id: INSTANCE, name: 'host-db-backup', description: 'before the upgrade' });
    const work = tracked().find((w) => w.label === 'host-db-backup');
    assert.ok(work && work.kind === 'gaussBackup' && work.jobId, 'followed with its job id');
  });

  it('replicates a vault to a replication vault picked in the destination region, after confirmation', async () => {
    const node = await vaultNode('vault-prod-servers');
    const prompter = await run('cbr.replicate', [
      { pick: (i) => i.value === demo.secondRegion },
      { pick: (i) => i.label === 'vault-dr-replica' },
      { pick: (i) => i.value === true },
      { confirm: true },
    ], node);
    assert.deepEqual(prompter.shown[1]?.items, ['vault-dr-replica'], 'only replication vaults are offered');
    assert.match(prompter.shown[3]?.message ?? '', /vault-prod-servers .*vault-dr-replica/);
    assert.equal(await count('cbr.replicate'), 1);
    const [sent] = await emulator.requests('cbr.replicate');
    assert.deepEqual(sent?.body, {
      replicate: { vault_id: 'ea7b8717-2543-478a-a92d-3ca7ee448f67', destination_project_id: '68589cac08274b82b4e254268a3862d8', destination_region: demo.secondRegion, destination_vault_id: '0ca3eb86-8800-46da-9c37-9d657a825274', auto_trigger: false, enable_acceleration: true },
    });
    assert.ok(tracked().some((w) => w.kind === 'replication' && w.destinationRegion === demo.secondRegion), 'the replication is followed');
  });

  it('sends no replication when the user declines the confirmation', async () => {
    const node = await vaultNode('vault-prod-servers');
    await run('cbr.replicate', [{ pick: (i) => i.value === demo.secondRegion }, { pick: (i) => i.label === 'vault-dr-replica' }, { pick: (i) => i.value === false }, { confirm: false }], node);
    assert.equal(await count('cbr.replicate'), 0);
  });

  it('says clearly when the destination region has no replication vault, and sends nothing', async () => {
    await emulator.addFault({ op: 'cbr.listVaults', region: demo.secondRegion, status: 200, body: { vaults: [], count: 0 } });
    const node = await vaultNode('vault-prod-servers');
    await run('cbr.replicate', [{ pick: (i) => i.value === demo.secondRegion }], node);
    assert.equal(await count('cbr.replicate'), 0);
    assert.ok(api.logLines().some((l) => /cbr\.replicate failed: There is no replication vault in ap-southeast-2/.test(l)));
  });

  it('creates a vault and associates servers picked by name, as in seed 004', async () => {
    const prompter = await run('cbr.createVault', [
      { input: 'bad name' },
      { input: 'host-vault' },
      { pick: (i) => i.value === 'server' },
      { input: '0' },
      { input: '200' },
      { pick: (i) => i.value === true },
      { pickMany: (i) => i.label === 'db-server-01' },
    ]);
    assert.deepEqual(prompter.shown.filter((p) => p.validationMessage).map((p) => p.validationMessage), [
      'The name may contain only letters, digits, Chinese characters, _ and -.',
      'Enter a whole number of GB from 1 to 10485760.',
    ]);
    const servers = prompter.shown.find((p) => p.type === 'pickMany')?.items ?? [];
    assert.ok(servers.includes('db-server-01') && servers.some((l) => l.includes('web-server-01') && l.startsWith('$(lock)')), `servers in a vault are shown locked: ${servers.join(', ')}`);
    assert.equal(await count('cbr.createVault'), 1);
    const [sent] = await emulator.requests('cbr.createVault');
    const body = sent?.body as { vault: { name: string; billing: { object_type: string; size: number; consistent_level: string }; resources: { name: string; type: string }[] } };
    assert.equal(body.vault.name, 'host-vault');
    assert.deepEqual([body.vault.billing.object_type, body.vault.billing.size, body.vault.billing.consistent_level], ['server', 200, 'crash_consistent']);
    assert.deepEqual(body.vault.resources.map((r) => [r.name, r.type]), [['db-server-01', 'OS::Nova::Server']]);
    assert.ok((await api.explorer.getChildren()).some((n) => n.kind === 'vault' && n.vault.name === 'host-vault'), 'the new vault is in the tree');
  });

  it('associates a free disk with a disk vault from its node', async () => {
    const node = await vaultNode('vault-data-disks');
    await run('cbr.addResources', [{ pickMany: (i) => i.label === 'logs-disk-01' }], node);
    assert.equal(await count('cbr.addResources'), 1);
    const [sent] = await emulator.requests('cbr.addResources');
    assert.equal((sent?.body as { resources: { name: string }[] }).resources[0]?.name, 'logs-disk-01');
  });

  it('reports a refused database backup with the cloud code and sends it once', async () => {
    await emulator.addFault({ op: 'gaussdb.createBackup', status: 400, body: { error_code: 'DBS.200086', error_msg: 'Operation not allowed by the instance status.' } });
    await run('cbr.createInstanceBackup', [{ pick: (i) => i.label === 'orders-db' }, { input: 'refused-backup' }, { input: '' }]);
    assert.equal(await count('gaussdb.createBackup'), 1);
    assert.ok(api.logLines().some((l) => /cbr\.createInstanceBackup failed/.test(l) && /DBS\.200086/.test(l) && /request id [0-9a-f]{32}/.test(l)));
    assert.ok(!tracked().some((w) => w.label === 'refused-backup'));
  });
});
