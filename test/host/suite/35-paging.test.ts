import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { CbrExplorerTestApi } from '../../../src/extension';
import type { ExplorerNode } from '../../../src/tree/nodes';
import { count, demo, emulator } from '../emulatorAdmin';
import { activateExtension } from '../extensionApi';
import { ScriptedPrompter } from '../scriptedPrompter';

/** Paging against generated seeds far larger than the demo's, at the default page size (100). */
describe('Tree paging on a large account', function () {
  this.timeout(120_000);
  let api: CbrExplorerTestApi;

  const children = (node?: ExplorerNode) => api.explorer.getChildren(node);
  const labelOf = (node: ExplorerNode) => {
    const label = api.explorer.getTreeItem(node).label;
    return typeof label === 'string' ? label : (label?.label ?? '');
  };
  const loadMoreOf = (nodes: ExplorerNode[]) => nodes.find((n) => n.kind === 'loadMore');
  const find = async (parent: ExplorerNode | undefined, label: string) => {
    const found = (await children(parent)).find((n) => labelOf(n) === label);
    assert.ok(found, `"${label}" is listed`);
    return found;
  };

  before(async () => {
    api = await activateExtension();
    await vscode.workspace.getConfiguration('cbr').update('pageSize', undefined, vscode.ConfigurationTarget.Global);
    await api.connection.signIn({ kind: 'password', domainName: demo.domainName, userName: demo.userName, password: demo.password });
  });

  after(async () => {
    await emulator.startSeed();
    api.explorer.refresh();
  });

  it('shows the first 100 of 1,000 vaults from one request, and each Load more fetches exactly the next page', async () => {
    assert.deepEqual(await emulator.generateSeed({ vaults: 1_000, backupsPerVault: 1 }), { vaults: 1_001, backups: 1_000 });
    // The seed swap revoked the extension's token: the next list is refused once, renews it and succeeds.
    api.explorer.refresh();
    await children();
    await emulator.resetCounters();
    api.explorer.refresh();
    const first = await children();
    assert.equal(await count('cbr.listVaults'), 1, 'the first page is one request');
    const vaultNames = (nodes: ExplorerNode[]) => nodes.filter((n) => n.kind === 'vault').map(labelOf);
    assert.equal(vaultNames(first).length, 100);
    assert.equal(vaultNames(first)[0], 'vault-00001');
    const more = loadMoreOf(first);
    assert.ok(more, 'a Load more node follows the first page');
    assert.equal(api.explorer.getTreeItem(more).description, '100 of 1000 shown');
    assert.deepEqual(first.slice(-2).map(labelOf), ['Database instances', 'Activity'], 'the database instances and the activity stay last');

    for (let page = 2; page <= 4; page++) {
      const current = loadMoreOf(await children());
      assert.ok(current);
      await vscode.commands.executeCommand('cbr.loadMore', current);
      assert.equal(await count('cbr.listVaults'), page, `page ${page} is one more request`);
    }
    const shown = await children();
    const names = vaultNames(shown);
    assert.equal(names.length, 400);
    assert.equal(new Set(names).size, 400, 'no vault is listed twice');
    assert.deepEqual(names.slice(98, 102), ['vault-00099', 'vault-00100', 'vault-00101', 'vault-00102'], 'pages join without a gap');
    const listed = await emulator.requests('cbr.listVaults');
    assert.deepEqual(listed.map((r) => [r.query.offset ?? '0', r.query.limit]), [['0', '100'], ['100', '100'], ['200', '100'], ['300', '100']]);
    assert.equal(api.explorer.getTreeItem(loadMoreOf(shown) as ExplorerNode).description, '400 of 1000 shown');
  });

  it('loads nothing below a vault until it is expanded, then pages its restore points', async () => {
    await emulator.generateSeed({ vaults: 3, backupsPerVault: 150 });
    api.explorer.refresh();
    const roots = await children();
    assert.deepEqual(roots.map(labelOf), ['vault-00001', 'vault-00002', 'vault-00003', 'Policies', 'Database instances', 'Activity']);
    assert.equal(await count('cbr.listBackups'), 0, 'no backups were listed for unexpanded vaults');

    const vault = await find(undefined, 'vault-00002');
    const group = await find(vault, 'Restore points');
    const points = await children(group);
    assert.equal(await count('cbr.listBackups'), 1);
    // One restore point per backup in this seed: the page's last one may continue on the next
    // page, so it is held back until Load more completes it (defect 16).
    assert.equal(points.filter((n) => n.kind === 'checkpoint').length, 99, 'the page’s last restore point is held back');
    const more = loadMoreOf(points);
    assert.ok(more);
    assert.equal(api.explorer.getTreeItem(more).description, '99 restore points shown', 'Load more counts restore points');
    await vscode.commands.executeCommand('cbr.loadMore', more);
    const all = await children(group);
    assert.equal(all.filter((n) => n.kind === 'checkpoint').length, 150);
    assert.equal(loadMoreOf(all), undefined, 'no Load more once everything is shown');
    assert.equal(await count('cbr.listBackups'), 2);
    const times = all.filter((n): n is Extract<ExplorerNode, { kind: 'checkpoint' }> => n.kind === 'checkpoint').map((n) => n.createdAt?.getTime() ?? 0);
    assert.deepEqual(times, [...times].sort((a, b) => b - a), 'newest first across pages');
  });

  it('offers every vault by name in the palette’s picker, however many pages they take', async () => {
    await emulator.generateSeed({ vaults: 2_345, backupsPerVault: 1 });
    const prompter = new ScriptedPrompter([{ pick: (i) => i.label === 'vault-02345' }, 'cancel']);
    api.setPrompter(prompter);
    await vscode.commands.executeCommand('cbr.createCheckpoint');
    const picker = prompter.shown[0];
    assert.equal(picker?.items?.length, 2_345, 'the last vault is offered too');
    assert.equal(picker?.items?.[2_344], 'vault-02345');
    const listed = await emulator.requests('cbr.listVaults');
    assert.deepEqual(listed.map((r) => [r.query.offset ?? '0', r.query.limit]).slice(-3), [['0', '1000'], ['1000', '1000'], ['2000', '1000']], 'three pages of 1000');
    assert.equal(prompter.shown[1]?.type, 'input', 'the chosen vault leads to the name step');
    assert.equal(await count('cbr.createCheckpoint'), 0, 'cancelled: nothing sent');
  });

  it('pages a database instance’s backups at the API’s limit of 100', async () => {
    await emulator.generateSeed({ vaults: 1, backupsPerVault: 1, gaussInstances: 2, gaussBackupsPerInstance: 130 });
    api.explorer.refresh();
    const instances = await find(undefined, 'Database instances');
    const db = await find(instances, 'gauss-001');
    const backups = await children(db);
    assert.equal(backups.filter((n) => n.kind === 'gaussBackup').length, 100);
    const more = loadMoreOf(backups);
    assert.ok(more);
    await vscode.commands.executeCommand('cbr.loadMore', more);
    assert.equal((await children(db)).filter((n) => n.kind === 'gaussBackup').length, 130);
    assert.equal(await count('gaussdb.listBackups'), 2);
  });
});
