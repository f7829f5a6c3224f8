import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { NotificationRecord as ShownMessage } from '../../../src/common/notifier';
import type { CbrExplorerTestApi } from '../../../src/extension';
import type { ExplorerNode } from '../../../src/tree/nodes';
import { formatLocal } from '../../../src/commands/restoreInstanceChecks';
import { count, demo, emulator } from '../emulatorAdmin';
import { activateExtension, waitFor } from '../extensionApi';
import { Answer, ScriptedPrompter } from '../scriptedPrompter';

const ORDERS_DB = '07033b125fd94a8a96896f8bcfee6ddain07';
const value = (v: unknown): Answer => ({ pick: (i) => i.value === v });
const label = (l: string): Answer => ({ pick: (i) => i.label === l });

describe('Restore a GaussDB(for MySQL) instance', function () {
  this.timeout(60_000);
  let api: CbrExplorerTestApi;

  const run = async (answers: Answer[], arg?: unknown): Promise<{ told: ShownMessage[]; prompter: ScriptedPrompter }> => {
    const earlier = new Set(api.actionMessages());
    const prompter = new ScriptedPrompter(answers);
    api.setPrompter(prompter);
    await vscode.commands.executeCommand('cbr.restoreInstance', arg);
    assert.equal(prompter.remaining, 0, 'every scripted answer was used');
    return { told: api.actionMessages().filter((m) => !earlier.has(m)), prompter };
  };
  const child = async (parent: ExplorerNode | undefined, match: (n: ExplorerNode) => boolean, what: string): Promise<ExplorerNode> => {
    const node = (await api.explorer.getChildren(parent)).find(match);
    assert.ok(node, `${what} is in the tree`);
    return node;
  };
  const ordersDb = async (): Promise<ExplorerNode> => {
    const group = await child(undefined, (n) => n.kind === 'instances', 'Database instances');
    return child(group, (n) => n.kind === 'instance' && n.instance.id === ORDERS_DB, 'orders-db');
  };
  /** The restorable window as the cloud reports it now. */
  const window = async () => (await api.connection.session(demo.region).gaussdb.listRestoreTimes(ORDERS_DB)).ranges;

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

  it('to a point in time inside the window, from the instance row: one POST, the job followed to the "restored" notification', async () => {
    const [range] = await window();
    assert.ok(range, 'orders-db has a restorable window');
    const at = formatLocal(new Date(Math.floor((range.start.getTime() + range.end.getTime()) / 2000) * 1000));
    const { told, prompter } = await run([value('timestamp'), { input: at }, label('orders-db'), { input: 'orders-db' }], await ordersDb());
    assert.match(prompter.shown[1]?.prompt ?? '', /Restorable: from .+ to .+$/, 'the window is shown before the time is typed');
    assert.equal(await count('gaussdb.restoreInstance'), 1);
    const [sent] = await emulator.requests('gaussdb.restoreInstance');
    const body = sent?.body as { type: string; restore_time: number; target_instance_id: string };
    assert.equal(body.type, 'timestamp');
    assert.equal(body.target_instance_id, ORDERS_DB);
    assert.equal(formatLocal(new Date(body.restore_time)), at, 'the typed local time, as UTC milliseconds');
    assert.deepEqual(told.map((m) => [m.severity, m.message]), [['info', `Restoring orders-db to ${at}.`]]);
    assert.ok(api.tracking.tracker.items.some((w) => w.kind === 'gaussRestore' && w.label === 'orders-db'), 'the restore is followed');
    await emulator.advance(10 * 60_000);
    await waitFor('the restore finished', () => (api.tracking.tracker.items.some((w) => w.kind === 'gaussRestore') ? undefined : true), 30_000);
    await waitFor('the "restored" notification', () => (api.actionMessages().some((m) => m.message === 'Database instance orders-db restored.') ? true : undefined), 10_000);
  });

  it('a CBR restore left waiting for its safety restore point by a reload is not sent: the user is asked, and until answered it is kept', async () => {
    const pending = [{ region: demo.region, vaultId: 'ea7b8717-2543-478a-a92d-3ca7ee448f67', backupId: '11111111-2222-4333-8444-555555555555', backupName: 'nightly', targetName: 'app-server-01', startedAt: Date.now() }];
    await api.globalState.update('cbr.pendingRestores', pending);
    try {
      // As on start; the question stays unanswered here, as if the user had not looked yet.
      void api.resumePendingRestores();
      const asked = await waitFor('the question', () => api.actionMessages().find((m) => m.message.startsWith('When the window closed, the restore of app-server-01 from backup nightly')), 10_000);
      assert.deepEqual(asked.actions, ['Restore…', 'Discard']);
      assert.equal(await count('cbr.restoreBackup'), 0, 'nothing sent');
      assert.deepEqual(api.globalState.get('cbr.pendingRestores'), pending, 'kept until answered: asked again after another reload');
    } finally {
      await api.globalState.update('cbr.pendingRestores', undefined);
    }
  });

  it('a time outside the window is refused as typed; nothing is sent', async () => {
    const [range] = await window();
    assert.ok(range);
    const before = formatLocal(new Date(range.start.getTime() - 3_600_000));
    const { prompter } = await run([value('timestamp'), { input: before }, 'cancel'], await ordersDb());
    assert.match(prompter.shown[1]?.validationMessage ?? '', /is outside the restorable window/);
    assert.equal(await count('gaussdb.restoreInstance'), 0, 'no POST');
  });
});
