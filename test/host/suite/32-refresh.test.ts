import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { CbrExplorerTestApi } from '../../../src/extension';
import type { ExplorerNode } from '../../../src/tree/nodes';
import { count, demo, emulator } from '../emulatorAdmin';
import { activateExtension, waitFor } from '../extensionApi';

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

  it('defect 5: one auth failure is told once, with Sign in again, and marks every region without asking each', async () => {
    const config = vscode.workspace.getConfiguration('cbr');
    const original = config.inspect<string[]>('regions')?.globalValue;
    // The connection re-reads its settings on the change event; sign in only once it has.
    const settingsApplied = async (regions: number) => {
      await waitFor('the regions setting to be applied', () => (api.connection.regions.length === regions && api.connection.state.kind === 'signedIn') || undefined);
    };
    await config.update('regions', [demo.region, demo.secondRegion], vscode.ConfigurationTarget.Global);
    await settingsApplied(2);
    try {
      await api.connection.signIn({ kind: 'token', token: demo.token });
      await emulator.resetCounters();
      await emulator.addFault({ op: 'cbr.listVaults', status: 401, body: { error_code: 'APIGW.0301', error_msg: 'Incorrect IAM authentication information' }, times: 10 });
      const told = () => api.actionMessages().filter((m) => /no longer accepts your sign-in/.test(m.message));
      const before = told().length;
      const regions = await api.explorer.getChildren();
      assert.deepEqual(regions.map(labelOf), [demo.region, demo.secondRegion]);
      for (const region of regions) {
        const rows = await api.explorer.getChildren(region);
        const error = rows.find((n) => n.kind === 'message');
        assert.ok(error, `${labelOf(region)} shows the failure`);
        const row = api.explorer.getTreeItem(error);
        assert.equal(row.command?.command, 'cbr.signIn', 'selecting the row signs in');
        assert.equal(row.contextValue, 'error:auth', 'its inline action is Sign in, not Retry');
      }
      assert.equal(told().length - before, 1, 'one notification for the whole view');
      assert.deepEqual(told().at(-1)?.actions, ['Sign in again']);
      assert.match(told().at(-1)?.message ?? '', /APIGW\.0301/);
      // Once the cloud refused the credentials, no region is asked again with them (the open
      // view may have asked both at once before the first answer came back).
      const asked = await count('cbr.listVaults');
      assert.ok(asked >= 1 && asked <= 3, `asked ${asked} times`);
      for (const region of regions) {
        await vscode.commands.executeCommand('cbr.refreshItem', region);
        await api.explorer.getChildren(region);
      }
      assert.equal(await count('cbr.listVaults'), asked, 'no request with refused credentials after the first failure');
      assert.equal(told().length - before, 1, 'still one notification');
    } finally {
      await emulator.clearFaults();
      await config.update('regions', original, vscode.ConfigurationTarget.Global);
      await settingsApplied(original?.length ?? 0);
      await api.connection.signIn({ kind: 'password', domainName: demo.domainName, userName: demo.userName, password: demo.password });
    }
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
