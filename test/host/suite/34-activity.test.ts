import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { CbrExplorerTestApi } from '../../../src/extension';
import type { ExplorerNode } from '../../../src/tree/nodes';
import { count, demo, emulator } from '../emulatorAdmin';
import { activateExtension, waitFor } from '../extensionApi';

/** Issue 10, missing feature: a per-region list of recent operations from the operation logs. */
describe('Activity', () => {
  let api: CbrExplorerTestApi;
  const labelOf = (node: ExplorerNode) => {
    const label = api.explorer.getTreeItem(node).label;
    return typeof label === 'string' ? label : (label?.label ?? '');
  };

  before(async () => {
    api = await activateExtension();
    await emulator.reset();
    await api.connection.signIn({ kind: 'password', domainName: demo.domainName, userName: demo.userName, password: demo.password });
    api.explorer.refresh();
  });

  it('lists the region’s operations newest first with status and time, loading only when expanded', async () => {
    await emulator.resetCounters();
    const roots = await api.explorer.getChildren();
    const activity = roots.find((n) => n.kind === 'activity');
    assert.ok(activity, 'an Activity group follows the database instances');
    assert.equal(labelOf(activity), 'Activity');
    assert.equal(await count('cbr.listOperationLogs'), 0, 'nothing is read until it is expanded');
    const rows = (await api.explorer.getChildren(activity)).filter((n) => n.kind === 'operation');
    assert.equal(await count('cbr.listOperationLogs'), 1);
    assert.ok(rows.length >= 2, `${rows.length} operations`);
    const times = rows.map((n) => (n.kind === 'operation' ? (n.operation.startedAt ?? n.operation.createdAt)?.getTime() ?? 0 : 0));
    assert.deepEqual(times, [...times].sort((a, b) => b - a), 'newest first');
    for (const row of rows) {
      assert.match(labelOf(row), /^Backup: /);
      assert.match(String(api.explorer.getTreeItem(row).description), /^(succeeded|failed|running)/);
    }
  });

  it('a failed operation says why, with the cloud’s code, and selecting it reveals what failed', async () => {
    const activity = (await api.explorer.getChildren()).find((n) => n.kind === 'activity');
    assert.ok(activity);
    const failed = (await api.explorer.getChildren(activity)).find((n) => n.kind === 'operation' && n.operation.status === 'failed');
    assert.ok(failed && failed.kind === 'operation', 'the demo has a failed backup');
    const row = api.explorer.getTreeItem(failed);
    assert.equal(row.contextValue, 'operation:failed');
    assert.match((row.tooltip as vscode.MarkdownString).value, /Failure: /);
    assert.ok(row.command);
    await vscode.commands.executeCommand('workbench.view.extension.cbr-explorer');
    await vscode.commands.executeCommand(row.command.command, ...((row.command.arguments ?? []) as unknown[]));
    const selected = await waitFor('the failed item to be selected', () => api.treeView.selection[0]);
    assert.ok(['checkpoint', 'vault'].includes(selected.kind), selected.kind);
    if (failed.operation.checkpointId && selected.kind === 'checkpoint') {
      assert.equal(selected.checkpointId, failed.operation.checkpointId);
    }
  });
});
