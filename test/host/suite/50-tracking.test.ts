import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { CbrExplorerTestApi } from '../../../src/extension';
import type { TrackedWork } from '../../../src/tracking/core/types';
import { inFlightItems } from '../../../src/tracking/ui/inFlightPick';
import type { ExplorerNode } from '../../../src/tree/nodes';
import { demo, emulator } from '../emulatorAdmin';
import { activateExtension, waitFor } from '../extensionApi';
import { ScriptedPrompter } from '../scriptedPrompter';
import { DEMO_IDS } from '../../emulator/seeds/demoIds';

const PROD_VAULT = DEMO_IDS.prodVault;
const INSTANCE = DEMO_IDS.instance;
/** The host run's emulator timing (test/harness/runHostTests.ts). */
const PROTECTING_MS = 1_500;
/** Long enough that nothing finishes on its own while a test looks at it. */
const SLOW_MS = 10 * 60_000;

type CheckpointWork = Extract<TrackedWork, { kind: 'checkpoint' }>;

describe('Tracking', function () {
  this.timeout(60_000);
  let api: CbrExplorerTestApi;
  let counter = 0;

  const tracker = () => api.tracking.tracker;

  /** A restore point of the production vault, created through the API as an action would. */
  async function newCheckpoint(): Promise<CheckpointWork> {
    const name = `host_tracking_${Date.now()}_${counter++}`;
    const cp = await api.connection.session(demo.region).cbr.createCheckpoint({ vaultId: PROD_VAULT, name });
    assert.equal(cp.vault?.skippedResources.length ?? 0, 0, 'no resource is still being backed up');
    return { kind: 'checkpoint', region: demo.region, vaultId: PROD_VAULT, checkpointId: cp.id, label: name, startedAt: Date.now() };
  }

  /** A restore point that stays in progress until the test moves the emulator clock. */
  async function slowCheckpoint(): Promise<CheckpointWork> {
    await emulator.setTiming({ checkpointProtectingMs: SLOW_MS });
    try {
      return await newCheckpoint();
    } finally {
      await emulator.setTiming({ checkpointProtectingMs: PROTECTING_MS });
    }
  }

  const notificationFor = (work: CheckpointWork) =>
    waitFor(`the notification for ${work.label}`, () => api.tracking.notifications().find((n) => n.target?.kind === 'checkpoint' && n.target.checkpointId === work.checkpointId), 20_000);

  before(async () => {
    await emulator.reset();
    api = await activateExtension();
    await api.connection.signIn({ kind: 'password', domainName: demo.domainName, userName: demo.userName, password: demo.password });
  });

  afterEach(async () => {
    await emulator.clearFaults();
    for (const w of [...tracker().items]) {
      tracker().untrack(w);
    }
    // Let anything left protecting finish, so the next restore point skips no resource.
    await emulator.advance(SLOW_MS + 1_000);
  });

  it('shows a restore point in the status bar while it runs, then notifies that it is ready', async () => {
    const work = await newCheckpoint();
    tracker().track(work);
    const shown = api.tracking.statusBarView();
    assert.equal(shown.visible, true);
    assert.equal(shown.text, '$(sync~spin) 1 backup in progress');
    assert.equal(shown.command?.id, 'cbr.showInFlight');
    assert.ok(shown.tooltip.includes(work.label.replace(/_/g, '\\_')), `the tooltip lists ${work.label}: ${shown.tooltip}`);

    const note = await notificationFor(work);
    assert.equal(note.severity, 'info');
    assert.equal(note.outcome, 'success');
    assert.equal(note.message, `Restore point "${work.label}" is ready.`);
    assert.equal(tracker().items.length, 0);
    assert.equal(api.tracking.statusBarView().visible, false, 'hidden when nothing is in flight');
  });

  it('notifies a failed restore point with the reason the cloud gave', async () => {
    await emulator.script({ nextCheckpoint: 'error' });
    const work = await newCheckpoint();
    tracker().track(work);
    const note = await notificationFor(work);
    assert.equal(note.severity, 'error');
    assert.equal(note.outcome, 'error');
    assert.match(note.message, new RegExp(`^Restore point "${work.label}" failed: .*Failed to obtain the snapshot.*BackupService\\.7202`));
  });

  it('lists the work in a quick pick with elapsed time; picking one reveals it in the tree', async () => {
    const work = await slowCheckpoint();
    tracker().track(work);
    assert.deepEqual(inFlightItems(tracker().items, work.startedAt + 130_000).map((i) => [i.label, i.description]), [[`$(archive) ${work.label}`, '2 min 10 s']]);

    await vscode.commands.executeCommand('workbench.view.extension.cbr-explorer');
    api.explorer.refresh();
    const roots = await api.explorer.getChildren();
    const vault = roots.find((n) => n.kind === 'vault' && n.vault.id === PROD_VAULT);
    assert.ok(vault, 'the production vault is listed');
    const group = (await api.explorer.getChildren(vault)).find((n) => n.kind === 'checkpoints');
    assert.ok(group, 'the vault has a restore points group');
    const node = (await api.explorer.getChildren(group)).find((n): n is Extract<ExplorerNode, { kind: 'checkpoint' }> => n.kind === 'checkpoint' && n.checkpointId === work.checkpointId);
    assert.ok(node, 'the new restore point is in the tree');

    const prompter = new ScriptedPrompter([{ pick: (i) => i.label.includes(work.label) }]);
    api.setPrompter(prompter);
    await vscode.commands.executeCommand('cbr.showInFlight');
    assert.equal(prompter.remaining, 0);
    assert.equal(prompter.shown[0]?.title, 'In-flight work');
    assert.deepEqual(prompter.shown[0]?.items, [`$(archive) ${work.label}`]);
    await waitFor('the restore point to be selected', () => api.treeView.selection[0]?.id === node.id || undefined);
  });

  it('stops on an auth failure, asks to sign in again, and resumes after the sign-in', async () => {
    const work = await slowCheckpoint();
    tracker().track(work);
    // 401, the token is renewed, 401 again: the credentials are refused (spare faults for the tree).
    await emulator.addFault({ op: 'cbr.listBackups', status: 401, times: 4 });
    tracker().pollNow();
    await waitFor('tracking to stop on the auth failure', () => tracker().state.kind === 'authFailed' || undefined);
    await emulator.clearFaults();
    const warning = await waitFor('the sign-in warning', () => api.tracking.notifications().find((n) => n.severity === 'warning'));
    assert.equal(warning.message, 'Sign in again to keep following the item in flight.');
    const bar = api.tracking.statusBarView();
    assert.equal(bar.text, '$(warning) 1 backup paused');
    assert.equal(bar.command?.id, 'cbr.signIn');
    assert.equal(bar.backgroundColor, 'statusBarItem.warningBackground');
    assert.equal(tracker().items.length, 1, 'the work is still followed');

    await emulator.advance(SLOW_MS + 1_000);
    await api.connection.signIn({ kind: 'password', domainName: demo.domainName, userName: demo.userName, password: demo.password });
    assert.equal(tracker().state.kind === 'polling' || tracker().state.kind === 'idle', true);
    const note = await notificationFor(work);
    assert.equal(note.outcome, 'success');
  });

  it('follows a restore point started elsewhere once the tree has shown it', async () => {
    const vault = (await api.explorer.getChildren()).find((n) => n.kind === 'vault' && n.vault.id === PROD_VAULT);
    assert.ok(vault && vault.kind === 'vault');
    const work = await slowCheckpoint(); // through the API, as the console or a policy would
    // The open view may load the vault's backups at any time; until a page has shown the restore point it is not followed.
    const followed = () => tracker().items.some((w) => w.kind === 'checkpoint' && w.checkpointId === work.checkpointId);
    const shownByTree = () => api.explorer.lists.peek({ kind: 'vaultBackups', region: demo.region, vault: vault.vault })?.items.some((b) => b.checkpointId === work.checkpointId) ?? false;
    assert.ok(!followed() || shownByTree(), 'not followed before the tree has shown it');
    api.explorer.refresh(vault);
    const group = (await api.explorer.getChildren(vault)).find((n) => n.kind === 'checkpoints');
    assert.ok(group);
    const shown = (await api.explorer.getChildren(group)).find((n) => n.kind === 'checkpoint' && n.checkpointId === work.checkpointId);
    assert.ok(shown, 'the tree lists the restore point');
    assert.equal(api.explorer.getTreeItem(shown).contextValue, 'checkpoint:inflight');
    await waitFor('the tracker to follow it', () => followed() || undefined);
    const count = tracker().items.length;
    assert.equal(api.tracking.statusBarView().text, `$(sync~spin) ${count === 1 ? '1 backup in progress' : `${count} backups in progress`}`);

    await emulator.advance(SLOW_MS + 1_000);
    tracker().pollNow();
    const note = await notificationFor(work);
    assert.equal(note.outcome, 'success');
  });

  it('updates a database backup in place under its instance when it completes', async () => {
    await emulator.setTiming({ gaussBackupBuildingMs: SLOW_MS });
    let backupId: string;
    try {
      backupId = (await api.connection.session(demo.region).gaussdb.createBackup({ instanceId: INSTANCE, name: `host-db-${Date.now()}` })).backup.id;
    } finally {
      await emulator.setTiming({ gaussBackupBuildingMs: PROTECTING_MS });
    }
    const instances = (await api.explorer.getChildren()).find((n) => n.kind === 'instances');
    assert.ok(instances);
    const instance = (await api.explorer.getChildren(instances)).find((n) => n.kind === 'instance' && n.instance.id === INSTANCE);
    assert.ok(instance);
    api.explorer.refresh(instance);
    const statusOf = async (): Promise<string | undefined> => {
      const node = (await api.explorer.getChildren(instance)).find((n) => n.kind === 'gaussBackup' && n.backup.id === backupId);
      return node?.kind === 'gaussBackup' ? node.backup.status : undefined;
    };
    assert.equal(await statusOf(), 'BUILDING');
    await waitFor('the tracker to follow the backup the tree showed', () => tracker().items.some((w) => w.kind === 'gaussBackup' && w.backupId === backupId) || undefined);

    await emulator.advance(SLOW_MS + 1_000);
    tracker().pollNow();
    const note = await waitFor('the completion notification', () => api.tracking.notifications().find((n) => n.target?.kind === 'gaussBackup' && n.target.backupId === backupId), 20_000);
    assert.equal(note.outcome, 'success');
    await waitFor('the instance to list the backup as completed', async () => ((await statusOf()) === 'COMPLETED' ? true : undefined));
  });

  // 'persists only ids, and resumes tracking after a reload' runs in plain Node now:
  // test/unit/tracking/resume.test.ts (a new tracker over the same store, as a window reload builds).
});
