import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { CbrExplorerTestApi } from '../../../src/extension';
import type { ExplorerNode } from '../../../src/tree/nodes';
import { count, demo, emulator } from '../emulatorAdmin';
import { activateExtension } from '../extensionApi';

/** Issue 10, defect 1: the view-title Refresh reloads the whole view even while a row is selected. */
describe('Refresh', () => {
  let api: CbrExplorerTestApi;
  const labelOf = (node: ExplorerNode) => {
    const label = api.explorer.getTreeItem(node).label;
    return typeof label === 'string' ? label : (label?.label ?? '');
  };
  const rootLabels = async () => (await api.explorer.getChildren()).map(labelOf);

  before(async () => {
    api = await activateExtension();
    await emulator.reset();
    await api.connection.signIn({ kind: 'password', domainName: demo.domainName, userName: demo.userName, password: demo.password });
    api.explorer.refresh();
  });

  after(async () => {
    await emulator.reset();
    api.explorer.refresh();
  });

  it('defect 1: the title Refresh shows a vault created elsewhere even when VS Code passes the selected row', async () => {
    const roots = await api.explorer.getChildren();
    const selectedVault = roots.find((n) => n.kind === 'vault');
    assert.ok(selectedVault);
    assert.ok(!(await rootLabels()).includes('vault-made-in-console'));
    await api.connection.session(demo.region).cbr.createVault({ name: 'vault-made-in-console', objectType: 'disk', sizeGb: 20 });

    await emulator.resetCounters();
    // A view-title command receives the focused row as its argument: that must not narrow it.
    await vscode.commands.executeCommand('cbr.refresh', selectedVault);
    assert.ok((await rootLabels()).includes('vault-made-in-console'), 'the new vault is listed');
    assert.equal(await count('cbr.listVaults'), 1, 'the vault list was read again');
    assert.equal(await count('cbr.showVault'), 0);
  });

  it('defect 1: a row’s own Refresh reloads only that row', async () => {
    const vault = (await api.explorer.getChildren()).find((n) => n.kind === 'vault');
    assert.ok(vault);
    await emulator.resetCounters();
    await vscode.commands.executeCommand('cbr.refreshItem', vault);
    await api.explorer.getChildren(vault);
    assert.equal(await count('cbr.listVaults'), 0, 'the other vaults were not reloaded');
  });
});
