import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { NotificationRecord as ShownMessage } from '../../../src/common/notifier';
import type { CbrExplorerTestApi } from '../../../src/extension';
import type { ExplorerNode } from '../../../src/tree/nodes';
import { count, demo, emulator } from '../emulatorAdmin';
import { activateExtension, waitFor } from '../extensionApi';
import { Answer, ScriptedPrompter } from '../scriptedPrompter';

const value = (v: unknown): Answer => ({ pick: (i) => i.value === v });

describe('Delete backups and vaults', function () {
  this.timeout(60_000);
  let api: CbrExplorerTestApi;

  /** Runs a command as its menu would, with the row clicked and the selection. */
  const run = async (command: string, answers: Answer[], ...args: unknown[]): Promise<ShownMessage[]> => {
    const earlier = new Set(api.actionMessages());
    const prompter = new ScriptedPrompter(answers);
    api.setPrompter(prompter);
    await vscode.commands.executeCommand(command, ...args);
    assert.equal(prompter.remaining, 0, 'every scripted answer was used');
    return api.actionMessages().filter((m) => !earlier.has(m));
  };
  const children = (parent: ExplorerNode | undefined) => api.explorer.getChildren(parent);
  const child = async (parent: ExplorerNode | undefined, match: (n: ExplorerNode) => boolean, what: string): Promise<ExplorerNode> => {
    const node = (await children(parent)).find(match);
    assert.ok(node, `${what} is in the tree`);
    return node;
  };
  const vaultNode = (name: string) => child(undefined, (n) => n.kind === 'vault' && n.vault.name === name, name);
  /** Every backup row under the vault's restore points. */
  const backupRows = async (vault: ExplorerNode): Promise<ExplorerNode[]> => {
    const checkpoints = await child(vault, (n) => n.kind === 'checkpoints', 'the restore points group');
    const points = (await children(checkpoints)).filter((n) => n.kind === 'checkpoint');
    return (await Promise.all(points.map((p) => children(p)))).flat().filter((n) => n.kind === 'backup');
  };
  const untrackAll = (): void => {
    for (const work of [...api.tracking.tracker.items]) {
      api.tracking.tracker.untrack(work);
    }
  };

  before(async () => {
    await emulator.reset();
    api = await activateExtension();
    await api.connection.signIn({ kind: 'password', domainName: demo.domainName, userName: demo.userName, password: demo.password });
    untrackAll();
  });
  after(async () => {
    untrackAll();
    await emulator.clearFaults();
    await emulator.reset();
    api.explorer.refresh();
  });
  beforeEach(async () => {
    await emulator.clearFaults();
    await emulator.resetCounters();
  });

  it('deletes three backups selected together: three DELETEs, each once; followed until gone; "3 backups deleted"; the tree updated', async () => {
    const vault = await vaultNode('vault-prod-servers');
    const rows = (await backupRows(vault)).slice(0, 3);
    assert.equal(rows.length, 3);
    const ids = rows.map((r) => (r.kind === 'backup' ? r.backup.id : ''));
    const notesBefore = api.tracking.notifications().length;
    const told = await run('cbr.deleteBackups', [{ confirm: true }], rows[0], rows);
    assert.deepEqual(told, [], 'nothing failed; the deletion is followed');
    const sent = (await emulator.requests('cbr.deleteBackup')).map((r) => r.path.split('/').at(-1) ?? '');
    assert.deepEqual([...sent].sort(), [...ids].sort(), 'one DELETE per selected backup, none twice');
    assert.equal(await count('cbr.deleteBackup'), 3);
    assert.ok(api.tracking.tracker.items.some((w) => w.kind === 'delete' && w.label === '3 backups'), 'followed, counted by the status bar');
    assert.match(api.tracking.statusBarView().text, /\$\(sync~spin\) 1/);
    const note = await waitFor('the "deleted" notification', () => api.tracking.notifications().slice(notesBefore).find((n) => n.target?.kind === 'delete'), 30_000);
    assert.equal(note.message, '3 backups deleted.');
    assert.equal(note.severity, 'info');
    await waitFor('the tree without the deleted backups', async () => {
      const left = (await backupRows(await vaultNode('vault-prod-servers'))).map((r) => (r.kind === 'backup' ? r.backup.id : ''));
      return ids.every((id) => !left.includes(id)) ? true : undefined;
    }, 20_000);
  });

  it('a backup being made is refused with no request and no question', async () => {
    const vault = await vaultNode('vault-prod-servers');
    const resources = await child(vault, (n) => n.kind === 'resources', 'the resources group');
    const server = await child(resources, (n) => n.kind === 'resource' && n.resource.name === 'web-server-01', 'web-server-01');
    await run('cbr.createCheckpoint', [{ input: 'host-delete-fresh' }, { input: '' }, value(true)], server);
    api.explorer.refresh();
    const fresh = await waitFor('the new backup row', async () => (await backupRows(await vaultNode('vault-prod-servers'))).find((r) => r.kind === 'backup' && r.backup.name === 'host-delete-fresh'));
    const told = await run('cbr.deleteBackups', [], fresh, [fresh]);
    assert.equal(await count('cbr.deleteBackup'), 0);
    assert.equal(told.at(-1)?.severity, 'error');
    assert.match(told.at(-1)?.message ?? '', /^Nothing was deleted: web-server-01: host-delete-fresh is still being made/);
    untrackAll();
  });

  it('a vault is not deleted when the name typed is wrong: nothing is sent', async () => {
    const vault = await vaultNode('vault-data-disks');
    await run('cbr.deleteVault', [{ input: 'vault-data' }, 'cancel'], vault);
    assert.equal(await count('cbr.deleteVault'), 0);
    await vaultNode('vault-data-disks');
  });

  it('deletes a vault after its name is typed; followed until gone; the row leaves the tree', async () => {
    const vault = await vaultNode('vault-data-disks');
    const notesBefore = api.tracking.notifications().length;
    await run('cbr.deleteVault', [{ input: 'vault-data-disks' }], vault);
    assert.equal(await count('cbr.deleteVault'), 1);
    const note = await waitFor('the "deleted" notification', () => api.tracking.notifications().slice(notesBefore).find((n) => n.target?.kind === 'delete'), 30_000);
    assert.equal(note.message, 'Vault vault-data-disks deleted.');
    await waitFor('the vault row gone', async () => ((await children(undefined)).some((n) => n.kind === 'vault' && n.vault.name === 'vault-data-disks') ? undefined : true), 20_000);
  });
});
