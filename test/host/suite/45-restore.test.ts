import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { NotificationRecord as ShownMessage } from '../../../src/common/notifier';
import type { CbrExplorerTestApi } from '../../../src/extension';
import type { ExplorerNode } from '../../../src/tree/nodes';
import { count, demo, emulator } from '../emulatorAdmin';
import { activateExtension, waitFor } from '../extensionApi';
import { Answer, ScriptedPrompter } from '../scriptedPrompter';

const APP_SERVER = '97595625-198e-4e4d-879b-9d53f68ba551';
const value = (v: unknown): Answer => ({ pick: (i) => i.value === v });

describe('Restore a CBR backup', function () {
  this.timeout(60_000);
  let api: CbrExplorerTestApi;

  const run = async (command: string, answers: Answer[], arg?: unknown): Promise<ShownMessage[]> => {
    const earlier = new Set(api.actionMessages());
    const prompter = new ScriptedPrompter(answers);
    api.setPrompter(prompter);
    await vscode.commands.executeCommand(command, arg);
    assert.equal(prompter.remaining, 0, 'every scripted answer was used');
    return api.actionMessages().filter((m) => !earlier.has(m));
  };
  const child = async (parent: ExplorerNode | undefined, match: (n: ExplorerNode) => boolean, what: string): Promise<ExplorerNode> => {
    const node = (await api.explorer.getChildren(parent)).find(match);
    assert.ok(node, `${what} is in the tree`);
    return node;
  };
  /** Backs up app-server-01 (two disks) and returns the new backup's node under its restore point. */
  const freshServerBackup = async (name: string): Promise<ExplorerNode> => {
    const vault = await child(undefined, (n) => n.kind === 'vault' && n.vault.name === 'vault-prod-servers', 'vault-prod-servers');
    const resources = await child(vault, (n) => n.kind === 'resources', 'the resources group');
    const server = await child(resources, (n) => n.kind === 'resource' && n.resource.name === 'app-server-01', 'app-server-01');
    await run('cbr.createCheckpoint', [{ input: name }, { input: '' }, value(true)], server);
    await emulator.advance(10 * 60_000);
    for (const work of [...api.tracking.tracker.items]) {
      api.tracking.tracker.untrack(work);
    }
    api.explorer.refresh();
    const checkpoints = await child(vault, (n) => n.kind === 'checkpoints', 'the restore points group');
    const checkpoint = await child(checkpoints, (n) => n.kind === 'checkpoint' && n.name === name, name);
    return child(checkpoint, (n) => n.kind === 'backup' && n.backup.resourceId === APP_SERVER, 'the server backup');
  };

  before(async () => {
    await emulator.reset();
    api = await activateExtension();
    await api.connection.signIn({ kind: 'password', domainName: demo.domainName, userName: demo.userName, password: demo.password });
  });
  after(async () => {
    for (const work of [...api.tracking.tracker.items]) {
      api.tracking.tracker.untrack(work);
    }
    await emulator.clearFaults();
  });
  beforeEach(async () => {
    await emulator.clearFaults();
    await emulator.resetCounters();
  });

  it('restores a server backup with two disks from its context menu: one restore with both mappings, followed to "restored"', async () => {
    const backup = await freshServerBackup('host-restore-1');
    const told = await run('cbr.restoreBackup', [value(true), value(false), { input: 'app-server-01' }], backup);
    assert.equal(await count('cbr.restoreBackup'), 1);
    const [sent] = await emulator.requests('cbr.restoreBackup');
    const body = sent?.body as { restore: { server_id: string; mappings: { backup_id: string; volume_id: string }[]; power_on: boolean } };
    assert.equal(body.restore.server_id, APP_SERVER);
    assert.equal(body.restore.mappings.length, 2, 'both disks');
    assert.deepEqual(told.map((m) => m.severity), ['info']);
    assert.ok(api.tracking.tracker.items.some((w) => w.kind === 'restore' && w.label === 'app-server-01'), 'the restore is followed');
    await emulator.advance(10 * 60_000);
    await waitFor('the restore finished', () => (api.tracking.tracker.items.some((w) => w.kind === 'restore') ? undefined : true), 30_000);
  });

  it('a lost restore answer is reconciled, not resent', async () => {
    const backup = await freshServerBackup('host-restore-2');
    await emulator.addFault({ op: 'cbr.restoreBackup', drop: true, afterApply: true });
    const told = await run('cbr.restoreBackup', [value(true), value(false), { input: 'app-server-01' }], backup);
    assert.equal(await count('cbr.restoreBackup'), 1, 'sent exactly once');
    assert.equal(told.at(-1)?.severity, 'warning');
    assert.match(told.at(-1)?.message ?? '', /the restore of app-server-01 started; it is being followed\.$/);
  });
});
