import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { CbrExplorerTestApi } from '../../../src/extension';
import { demo, emulator } from '../emulatorAdmin';
import { activateExtension, waitFor } from '../extensionApi';
import { ScriptedPrompter } from '../scriptedPrompter';
import { DEMO_IDS } from '../../emulator/seeds/demoIds';

/** Issue 10, missing feature: search across the account (the cloud, not only loaded rows). */
describe('Search', () => {
  let api: CbrExplorerTestApi;

  before(async () => {
    api = await activateExtension();
    await emulator.reset();
    await api.connection.signIn({ kind: 'password', domainName: demo.domainName, userName: demo.userName, password: demo.password });
  });

  beforeEach(async () => {
    await emulator.clearFaults();
    api.explorer.refresh(); // nothing loaded: the search must ask the cloud
    await vscode.commands.executeCommand('workbench.view.extension.cbr-explorer');
  });

  it('finds a resource by part of its name in a vault the tree has not loaded, and reveals it', async () => {
    const prompter = new ScriptedPrompter([{ input: 'app-serv' }, { pick: (i) => /app-server-01/.test(i.label) }]);
    api.setPrompter(prompter);
    await vscode.commands.executeCommand('cbr.search');
    const results = prompter.shown[1];
    assert.equal(results?.type, 'pick');
    assert.ok(results?.items?.some((l) => /app-server-01/.test(l)), `offered: ${results?.items?.join(', ')}`);
    assert.match(results?.placeholder ?? '', /\d+ match/);
    const selected = await waitFor('the resource to be selected', () => api.treeView.selection[0]);
    assert.equal(selected.kind, 'resource');
    assert.equal(api.explorer.getTreeItem(selected).label, 'app-server-01');
  });

  it('finds a restore point by its id and a database instance by name', async () => {
    const { backups } = await api.connection.session(demo.region).cbr.listBackups({ vaultId: DEMO_IDS.prodVault, limit: 1 });
    const checkpointId = backups[0]?.checkpointId;
    assert.ok(checkpointId);
    const byId = new ScriptedPrompter([{ input: checkpointId }, { pick: (i) => i.value !== undefined }]);
    api.setPrompter(byId);
    await vscode.commands.executeCommand('cbr.search');
    const selected = await waitFor('the restore point to be selected', () => (api.treeView.selection[0]?.kind === 'checkpoint' ? api.treeView.selection[0] : undefined));
    assert.ok(selected.id.endsWith(checkpointId));

    const { instances } = await api.connection.session(demo.region).gaussdb.listInstances({ limit: 1 });
    const instance = instances[0];
    assert.ok(instance);
    const byName = new ScriptedPrompter([{ input: instance.name.slice(0, 5) }, { pick: (i) => i.label.endsWith(instance.name) }]);
    api.setPrompter(byName);
    await vscode.commands.executeCommand('cbr.search');
    await waitFor('the instance to be selected', () => (api.treeView.selection[0]?.kind === 'instance' ? true : undefined));
  });

  it('refuses a one-character search before sending anything, and says when nothing matches', async () => {
    await emulator.resetCounters();
    const prompter = new ScriptedPrompter([{ input: 'x' }, { input: 'no-such-thing-anywhere' }, 'cancel']);
    api.setPrompter(prompter);
    await vscode.commands.executeCommand('cbr.search');
    assert.match(prompter.shown[0]?.validationMessage ?? '', /at least two characters/);
    const results = prompter.shown.find((s) => s.type === 'pick');
    assert.deepEqual(results?.items, ['Nothing matches']);
    const named = (await emulator.requests('cbr.listBackups')).map((r) => r.query.name);
    assert.ok(!named.includes('x'), 'the refused input was never sent');
    assert.equal(named.filter((n) => n === 'no-such-thing-anywhere').length, 1, 'the search asked once');
  });

  it('names a region it could not search, with the cloud’s code, and still shows the others', async () => {
    await emulator.addFault({ op: 'gaussdb.listInstances', status: 403, body: { error_code: 'DBS.200001', error_msg: 'no permission' }, times: 5 });
    const prompter = new ScriptedPrompter([{ input: 'vault' }, 'cancel']);
    api.setPrompter(prompter);
    await vscode.commands.executeCommand('cbr.search');
    const results = prompter.shown.find((s) => s.type === 'pick');
    assert.match(results?.placeholder ?? '', /could not be searched.*DBS\.200001/);
  });
});
