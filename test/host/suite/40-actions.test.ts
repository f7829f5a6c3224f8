import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { NotificationRecord as ShownMessage } from '../../../src/common/notifier';
import type { CbrExplorerTestApi } from '../../../src/extension';
import type { ExplorerNode } from '../../../src/tree/nodes';
import { count, demo, emulator } from '../emulatorAdmin';
import { activateExtension, waitFor } from '../extensionApi';
import { Answer, ScriptedPrompter } from '../scriptedPrompter';
import { DEMO_IDS } from '../../emulator/seeds/demoIds';

const PROD_VAULT = DEMO_IDS.prodVault;
const DISK_VAULT = DEMO_IDS.diskVault;
const STAGING_VAULT = DEMO_IDS.stagingVault;
const DATA_DISK_01 = DEMO_IDS.dataDisk01;
const INSTANCE = DEMO_IDS.instance;
/** The host run's emulator timing (test/harness/runHostTests.ts). */
const PROTECTING_MS = 1_500;
/** Long enough that nothing finishes on its own while a test looks at it. */
const SLOW_MS = 10 * 60_000;

const incremental = (value: boolean): Answer => ({ pick: (i) => i.value === value });
/** How long a lost write is looked for in this run (cbr.unconfirmedWriteWindowSeconds). */
const CONFIRM_WINDOW_S = 3;

describe('Actions', function () {
  this.timeout(60_000);
  let api: CbrExplorerTestApi;

  const roots = async (): Promise<ExplorerNode[]> => api.explorer.getChildren();
  const vaultNode = async (name: string): Promise<ExplorerNode> => {
    const node = (await roots()).find((n) => n.kind === 'vault' && n.vault.name === name);
    assert.ok(node, `${name} is in the tree`);
    return node;
  };
  const resourceNode = async (vaultName: string, resourceName: string): Promise<ExplorerNode> => {
    const group = (await api.explorer.getChildren(await vaultNode(vaultName))).find((n) => n.kind === 'resources');
    assert.ok(group, `${vaultName} has a resources group`);
    const node = (await api.explorer.getChildren(group)).find((n) => n.kind === 'resource' && n.resource.name === resourceName);
    assert.ok(node, `${resourceName} is in ${vaultName}`);
    return node;
  };
  const instanceNode = async (name: string): Promise<ExplorerNode> => {
    const group = (await roots()).find((n) => n.kind === 'instances');
    assert.ok(group, 'the region lists its database instances');
    const node = (await api.explorer.getChildren(group)).find((n) => n.kind === 'instance' && n.instance.name === name);
    assert.ok(node, `${name} is in the tree`);
    return node;
  };

  /** Runs a command with scripted answers; returns the prompts shown and what the action then told the user. */
  const run = async (command: string, answers: Answer[], arg?: unknown): Promise<{ prompter: ScriptedPrompter; told: ShownMessage[] }> => {
    const earlier = new Set(api.actionMessages());
    const prompter = new ScriptedPrompter(answers);
    api.setPrompter(prompter);
    await vscode.commands.executeCommand(command, arg);
    assert.equal(prompter.remaining, 0, 'every scripted answer was used');
    return { prompter, told: api.actionMessages().filter((m) => !earlier.has(m)) };
  };
  const steps = (p: ScriptedPrompter): string[] => p.shown.map((s) => `${s.step ?? '-'}/${s.totalSteps ?? '-'}`);
  const validation = (p: ScriptedPrompter): (string | undefined)[] => p.shown.filter((s) => s.validationMessage).map((s) => s.validationMessage);
  const tracked = () => api.tracking.tracker.items;
  const failureLogged = (command: string, pattern: RegExp): boolean => api.logLines().some((l) => l.includes(`${command} failed:`) && pattern.test(l));
  /** Lets every backup still protecting finish, so the next restore point skips nothing. */
  const finishRunningWork = () => emulator.advance(SLOW_MS + 1_000);

  /** Waits for the action's message after a lost answer (it comes once the confirmation window decides). */
  const laterMessage = async (told: ShownMessage[], pattern: RegExp): Promise<ShownMessage> => {
    const shown = new Set(told);
    return waitFor(`a message matching ${String(pattern)}`, () => api.actionMessages().find((m) => !shown.has(m) && pattern.test(m.message)), (CONFIRM_WINDOW_S + 10) * 1000);
  };

  before(async () => {
    await emulator.reset();
    await vscode.workspace.getConfiguration('cbr').update('unconfirmedWriteWindowSeconds', CONFIRM_WINDOW_S, vscode.ConfigurationTarget.Global);
    api = await activateExtension();
    await api.connection.signIn({ kind: 'password', domainName: demo.domainName, userName: demo.userName, password: demo.password });
  });

  after(async () => {
    await vscode.workspace.getConfiguration('cbr').update('unconfirmedWriteWindowSeconds', undefined, vscode.ConfigurationTarget.Global);
    // Leave no followed work and no slow timing behind for the next suite.
    for (const work of [...tracked()]) {
      api.tracking.tracker.untrack(work);
    }
    await emulator.clearFaults();
    await emulator.setTiming({ checkpointProtectingMs: PROTECTING_MS });
  });

  beforeEach(async () => {
    // Each test looks only at its own work (and the poller does not use up a test's faults).
    for (const work of [...tracked()]) {
      api.tracking.tracker.untrack(work);
    }
    await emulator.clearFaults();
    await emulator.resetCounters();
    api.explorer.refresh();
  });

  describe('create restore point', () => {
    it('backs up a whole vault from its node: name validated as typed, body as documented, followed, and the user told', async () => {
      const { prompter, told } = await run('cbr.createCheckpoint', [{ input: 'x'.repeat(65) }, { input: 'bad name!' }, { input: 'host-test-cp' }, { input: 'from the host tests' }, incremental(false)], await vaultNode('vault-data-disks'));
      assert.deepEqual(validation(prompter), ['The name is 65 characters long; at most 64 are allowed.', 'The name may contain only letters, digits, _ and -.']);
      assert.deepEqual(steps(prompter), ['1/3', '1/3', '1/3', '2/3', '3/3']);
      assert.ok(prompter.shown.every((s) => s.title === 'Create restore point: vault-data-disks'), 'the title names the vault');
      assert.equal(await count('cbr.createCheckpoint'), 1);
      const [sent] = await emulator.requests('cbr.createCheckpoint');
      assert.deepEqual(sent?.body, { checkpoint: { vault_id: DISK_VAULT, parameters: { auto_trigger: false, incremental: false, name: 'host-test-cp', description: 'from the host tests' } } });
      const work = tracked().find((w) => w.label === 'host-test-cp');
      assert.ok(work && work.kind === 'checkpoint' && work.vaultId === DISK_VAULT, 'the new restore point is followed');
      assert.deepEqual(told.map((m) => [m.severity, m.message]), [['info', 'Restore point host-test-cp is being created in vault-data-disks; backups being protected: 2.']]);
    });

    it('sends nothing when the user gives up after a bad name', async () => {
      await finishRunningWork(); // the restore point of the test before has finished: the disks are free again
      const { prompter } = await run('cbr.createCheckpoint', [{ input: '' }, 'cancel'], await vaultNode('vault-data-disks'));
      assert.deepEqual(validation(prompter), ['Enter a name.']);
      assert.equal(await count('cbr.createCheckpoint'), 0);
    });

    it('from the palette asks for the vault by name first (no replication vault), and Back keeps the flow going', async () => {
      await finishRunningWork();
      const { prompter } = await run('cbr.createCheckpoint', [
        { pick: (i) => i.label === 'vault-prod-servers' },
        { input: 'first-try' },
        'back',
        { input: 'palette-cp' },
        { input: '' },
        incremental(true),
      ]);
      assert.equal(prompter.shown[0]?.type, 'pick');
      assert.deepEqual(prompter.shown[0]?.items, ['vault-prod-servers', 'vault-data-disks', 'vault-staging'], 'vaults by name, replication vaults left out');
      assert.deepEqual(steps(prompter), ['1/4', '2/4', '3/4', '2/4', '3/4', '4/4']);
      const [sent] = await emulator.requests('cbr.createCheckpoint');
      assert.deepEqual(sent?.body, { checkpoint: { vault_id: PROD_VAULT, parameters: { auto_trigger: false, incremental: true, name: 'palette-cp' } } });
    });

    it('treats an argument that is not a tree node (a keybinding’s URI) as the palette', async () => {
      const { prompter } = await run('cbr.createCheckpoint', ['cancel'], vscode.Uri.file('/tmp/not-a-node'));
      assert.equal(prompter.shown[0]?.type, 'pick');
      assert.equal(await count('cbr.createCheckpoint'), 0);
    });

    it('backs up one resource from its node: only that resource is sent', async () => {
      await finishRunningWork();
      const { prompter, told } = await run('cbr.createCheckpoint', [{ input: 'one-disk' }, { input: '' }, incremental(true)], await resourceNode('vault-data-disks', 'data-disk-01'));
      assert.equal(prompter.shown[0]?.title, 'Create restore point: data-disk-01');
      const [sent] = await emulator.requests('cbr.createCheckpoint');
      assert.deepEqual(sent?.body, { checkpoint: { vault_id: DISK_VAULT, parameters: { auto_trigger: false, incremental: true, name: 'one-disk', resources: [DATA_DISK_01] } } });
      assert.deepEqual(told.map((m) => m.message), ['Restore point one-disk is being created in vault-data-disks; backups being protected: 1.']);
    });

    it('shows the skipped resources with their reasons, and follows nothing when every resource was skipped', async () => {
      await finishRunningWork();
      await emulator.setTiming({ checkpointProtectingMs: SLOW_MS });
      try {
        await run('cbr.createCheckpoint', [{ input: 'disk-one-only' }, { input: '' }, incremental(true)], await resourceNode('vault-data-disks', 'data-disk-01'));
        const partly = await run('cbr.createCheckpoint', [{ input: 'partly-skipped' }, { input: '' }, incremental(true)], await vaultNode('vault-data-disks'));
        assert.deepEqual(partly.told.map((m) => [m.severity, m.message]), [
          ['warning', 'Restore point partly-skipped is being created in vault-data-disks; backups being protected: 1. Resources skipped (1): data-disk-01: resource is being backed up (BackupService.0002)'],
        ]);
        assert.ok(tracked().some((w) => w.label === 'partly-skipped'));
        // Once the tree knows every disk is being backed up, a third is refused before any question (defect 7).
        await waitFor('both disks shown as protecting', async () => {
          const vault = await vaultNode('vault-data-disks');
          return (vault.kind === 'vault' && vault.vault.resources.every((r) => r.protectStatus === 'protecting')) || undefined;
        });
        const none = await run('cbr.createCheckpoint', [], await vaultNode('vault-data-disks'));
        assert.deepEqual(none.prompter.shown, [], 'no question was asked');
        assert.deepEqual(none.told.map((m) => [m.severity, m.message, m.actions]), [['warning', 'Every resource of vault-data-disks is already being backed up. Start a new restore point once those backups have finished.', ['Refresh']]]);
        assert.equal(await count('cbr.createCheckpoint'), 2);
      } finally {
        await emulator.setTiming({ checkpointProtectingMs: PROTECTING_MS });
        await finishRunningWork();
      }
    });

    it('sends a write once when the connection drops after the cloud applied it, and reconciles: it exists and is followed', async () => {
      await emulator.addFault({ op: 'cbr.createCheckpoint', drop: true, afterApply: true });
      const { told } = await run('cbr.createCheckpoint', [{ input: 'dropped-answer' }, { input: '' }, incremental(true)], await vaultNode('vault-prod-servers'));
      assert.equal(await count('cbr.createCheckpoint'), 1, 'never sent twice');
      assert.ok(api.logLines().some((l) => /createCheckpoint: outcome unknown/.test(l)));
      assert.ok(tracked().some((w) => w.label === 'dropped-answer'), 'reconciliation found it and it is followed');
      assert.equal(told.length, 1);
      assert.equal(told[0]?.severity, 'warning');
      assert.equal(told[0]?.message, 'The cloud did not confirm the request, but restore point dropped-answer was created; it is being followed.');
    });

    it('after a lost answer, keeps looking: a write that lands late is found, followed and announced; the same write is refused meanwhile', async () => {
      await finishRunningWork();
      await emulator.addFault({ op: 'cbr.createCheckpoint', lateApplyMs: 1_500 });
      const { told } = await run('cbr.createCheckpoint', [{ input: 'lands-late' }, { input: '' }, incremental(true)], await vaultNode('vault-prod-servers'));
      assert.deepEqual(told.map((m) => m.severity), ['warning']);
      assert.match(told[0]?.message ?? '', /^The cloud did not confirm the request\. Restore point lands-late is not confirmed yet; checking until \S/);
      assert.ok(!tracked().some((w) => w.label === 'lands-late'), 'not yet there, so not yet followed');
      const again = await run('cbr.createCheckpoint', [{ input: 'lands-late' }, { input: '' }, incremental(true)], await vaultNode('vault-prod-servers'));
      assert.match(again.told[0]?.message ?? '', /^An earlier restore point of vault-prod-servers is not confirmed yet\. Try again after \S+/);
      const found = await laterMessage(told, /lands-late was created/);
      assert.equal(found.message, 'The cloud did not confirm the request, but restore point lands-late was created; it is being followed.');
      assert.ok(tracked().some((w) => w.label === 'lands-late'), 'followed once it appeared');
      assert.equal(await count('cbr.createCheckpoint'), 1, 'never sent twice');
    });

    it('says nothing was created when the dropped write never reached the cloud, and sends it once', async () => {
      await finishRunningWork();
      await emulator.addFault({ op: 'cbr.createCheckpoint', drop: true });
      const { told } = await run('cbr.createCheckpoint', [{ input: 'never-arrived' }, { input: '' }, incremental(true)], await vaultNode('vault-prod-servers'));
      assert.equal(await count('cbr.createCheckpoint'), 1);
      assert.ok(!tracked().some((w) => w.label === 'never-arrived'));
      assert.deepEqual(told.map((m) => m.severity), ['warning'], 'not concluded from one check');
      assert.match(told[0]?.message ?? '', /^The cloud did not confirm the request\. Restore point never-arrived is not confirmed yet; checking until /);
      const missing = await laterMessage(told, /never-arrived was not created/);
      assert.equal(missing.severity, 'error');
      assert.equal(missing.message, 'Restore point never-arrived was not created in vault-prod-servers. You can try again.');
      assert.equal(await count('cbr.createCheckpoint'), 1);
      assert.ok(!tracked().some((w) => w.label === 'never-arrived'));
    });

    it('does not mistake an earlier restore point of the same name for the one whose answer was lost', async () => {
      await finishRunningWork();
      await run('cbr.createCheckpoint', [{ input: 'same-name' }, { input: '' }, incremental(true)], await vaultNode('vault-prod-servers'));
      await finishRunningWork();
      await emulator.addFault({ op: 'cbr.createCheckpoint', drop: true });
      const { told } = await run('cbr.createCheckpoint', [{ input: 'same-name' }, { input: '' }, incremental(true)], await vaultNode('vault-prod-servers'));
      assert.equal(await count('cbr.createCheckpoint'), 2);
      assert.deepEqual(told.map((m) => m.severity), ['warning'], `told: ${told.map((m) => m.message).join(' | ')}`);
      const missing = await laterMessage(told, /same-name was not created/);
      assert.equal(missing.message, 'Restore point same-name was not created in vault-prod-servers. You can try again.');
    });

    it('says so when even the reconciliation fails, with both errors, and sends the write once', async () => {
      await finishRunningWork();
      await emulator.addFault({ op: 'cbr.createCheckpoint', drop: true, afterApply: true });
      await emulator.addFault({ op: 'cbr.listBackups', status: 403, body: { error_code: 'BackupService.0003', error_msg: 'Forbidden.' }, times: 20 });
      const { told } = await run('cbr.createCheckpoint', [{ input: 'unknowable' }, { input: '' }, incremental(true)], await vaultNode('vault-prod-servers'));
      assert.equal(await count('cbr.createCheckpoint'), 1);
      assert.deepEqual(told.map((m) => m.severity), ['error']);
      assert.match(told[0]?.message ?? '', /^The cloud did not answer, and checking whether the request was carried out failed too \(.*BackupService\.0003.*request id [0-9a-f]{32}.*\)\. Look in vault-prod-servers before trying again\.$/);
    });

    it('refuses a second click while the first request is on its way, and says why', async () => {
      await finishRunningWork();
      await emulator.addFault({ op: 'cbr.createCheckpoint', delayMs: 800 });
      const node = await vaultNode('vault-prod-servers');
      const earlier = new Set(api.actionMessages());
      // The two invocations ask their questions in turn, so the answers alternate.
      const prompter = new ScriptedPrompter([{ input: 'double-click' }, { input: 'double-click' }, { input: '' }, { input: '' }, incremental(true), incremental(true)]);
      api.setPrompter(prompter);
      await Promise.all([vscode.commands.executeCommand('cbr.createCheckpoint', node), vscode.commands.executeCommand('cbr.createCheckpoint', node)]);
      assert.equal(await count('cbr.createCheckpoint'), 1);
      const told = api.actionMessages().filter((m) => !earlier.has(m)).map((m) => m.message);
      assert.ok(told.includes('A restore point of vault-prod-servers is already being requested.'), told.join(' | '));
    });
  });

  describe('manual database backup', () => {
    it('from the palette: pick the instance by name, names validated, body as documented', async () => {
      const { prompter, told } = await run('cbr.createInstanceBackup', [{ pick: (i) => i.label === 'orders-db' }, { input: '1abc' }, { input: 'host-db-backup' }, { input: 'a<b' }, { input: 'before the upgrade' }]);
      assert.deepEqual(validation(prompter), ['The name must start with a letter.', 'The description must not contain < (none of > ! < " & \' = are allowed).']);
      assert.equal(prompter.shown[0]?.type, 'pick');
      assert.deepEqual(prompter.shown[0]?.items, ['orders-db']);
      assert.deepEqual(steps(prompter), ['1/3', '2/3', '2/3', '3/3', '3/3']);
      assert.equal(await count('gaussdb.createBackup'), 1);
      const [sent] = await emulator.requests('gaussdb.createBackup');
      assert.deepEqual(sent?.body, { instance_id: INSTANCE, name: 'host-db-backup', description: 'before the upgrade' });
      const work = tracked().find((w) => w.label === 'host-db-backup');
      assert.ok(work && work.kind === 'gaussBackup' && work.jobId, 'followed with its job id');
      assert.deepEqual(told.map((m) => [m.severity, m.message]), [['info', 'Backup host-db-backup of orders-db has started.']]);
    });

    it('sends nothing for a name that is too short or a description with a forbidden character', async () => {
      await emulator.advance(SLOW_MS); // the backup of the test before has finished: orders-db is ACTIVE again
      const { prompter } = await run('cbr.createInstanceBackup', [{ input: 'abc' }, { input: 'okay-name' }, { input: 'x = y' }, 'cancel'], await instanceNode('orders-db'));
      assert.deepEqual(validation(prompter), ['The name must be 4 to 64 characters long (it is 3).', 'The description must not contain = (none of > ! < " & \' = are allowed).']);
      assert.deepEqual(steps(prompter), ['1/2', '1/2', '2/2', '2/2'], 'from the node, the instance is not asked for');
      assert.equal(await count('gaussdb.createBackup'), 0);
    });

    it('reconciles a backup whose answer was lost: sent once, found, followed', async () => {
      await emulator.advance(SLOW_MS);
      await emulator.addFault({ op: 'gaussdb.createBackup', drop: true, afterApply: true });
      const { told } = await run('cbr.createInstanceBackup', [{ input: 'lost-answer' }, { input: '' }], await instanceNode('orders-db'));
      assert.equal(await count('gaussdb.createBackup'), 1);
      assert.ok(tracked().some((w) => w.kind === 'gaussBackup' && w.label === 'lost-answer'));
      assert.equal(told[0]?.message, 'The cloud did not confirm the request, but backup lost-answer was created; it is being followed.');
    });

    it('reports a refused backup with the cloud code and request id, and sends it once', async () => {
      await emulator.advance(SLOW_MS);
      await emulator.addFault({ op: 'gaussdb.createBackup', status: 400, body: { error_code: 'DBS.200086', error_msg: 'Operation not allowed by the instance status.' } });
      await run('cbr.createInstanceBackup', [{ pick: (i) => i.label === 'orders-db' }, { input: 'refused-backup' }, { input: '' }]);
      assert.equal(await count('gaussdb.createBackup'), 1);
      assert.ok(failureLogged('cbr.createInstanceBackup', /DBS\.200086.*request id [0-9a-f]{32}/));
      assert.ok(!tracked().some((w) => w.label === 'refused-backup'));
    });
  });

  // The replicate flows under both cloud profiles: Open Telekom Cloud documents no
  // enable_acceleration, no extra_info.replication and no operation_type=replication (test/emulator/profile.ts).
  for (const cloud of ['huaweicloud', 'opentelekomcloud'] as const) {
    describe(`replicate (${cloud} profile)`, () => {
      const otc = cloud === 'opentelekomcloud';
      const toReplica: Answer[] = [{ pick: (i) => i.value === demo.secondRegion }, { pick: (i) => i.label === 'vault-dr-replica' }];
      /** The acceleration question, asked on Huawei Cloud only. */
      const acceleration = (on: boolean): Answer[] => (otc ? [] : [incremental(on)]);

      const useCloud = async (kind: 'custom' | 'opentelekomcloud', profile: 'huaweicloud' | 'opentelekomcloud'): Promise<void> => {
        await emulator.setCloud(profile);
        if (api.connection.cloud !== kind) {
          await vscode.workspace.getConfiguration('cbr').update('cloud', kind, vscode.ConfigurationTarget.Global);
          await waitFor(`the extension on ${kind}`, () => api.connection.cloud === kind || undefined);
          await api.connection.signIn({ kind: 'password', domainName: demo.domainName, userName: demo.userName, password: demo.password });
        }
      };
      before(async () => useCloud(otc ? 'opentelekomcloud' : 'custom', cloud));
      after(async () => useCloud('custom', 'huaweicloud'));

      it('replicates a vault to a replication vault picked in the destination region, after confirmation, and follows it to the end', async () => {
        await finishRunningWork();
        await run('cbr.createCheckpoint', [{ input: `fresh-${cloud}` }, { input: '' }, incremental(true)], await vaultNode('vault-prod-servers'));
        await finishRunningWork();
        const { prompter, told } = await run('cbr.replicate', [...toReplica, ...acceleration(true), { confirm: true }], await vaultNode('vault-prod-servers'));
        assert.deepEqual(prompter.shown[0]?.items, [demo.secondRegion], 'destinations from the replication capabilities');
        assert.deepEqual(prompter.shown[1]?.items, ['vault-dr-replica'], 'only replication vaults are offered');
        if (otc) {
          assert.deepEqual(steps(prompter).slice(0, 2), ['1/2', '2/2'], 'no acceleration question on OTC');
          assert.ok(!JSON.stringify(prompter.shown).includes('ccelerat'), 'acceleration is not mentioned');
        } else {
          assert.deepEqual(prompter.shown[2]?.items, ['No acceleration', 'Accelerate']);
          assert.deepEqual(steps(prompter).slice(0, 3), ['1/3', '2/3', '3/3']);
        }
        assert.match(prompter.shown.at(-1)?.message ?? '', /vault-prod-servers .*vault-dr-replica/);
        assert.equal(await count('cbr.replicate'), 1);
        const [sent] = await emulator.requests('cbr.replicate');
        assert.deepEqual(sent?.body, {
          replicate: {
            vault_id: PROD_VAULT,
            destination_project_id: '68589cac08274b82b4e254268a3862d8',
            destination_region: demo.secondRegion,
            destination_vault_id: '0ca3eb86-8800-46da-9c37-9d657a825274',
            auto_trigger: false,
            ...(otc ? {} : { enable_acceleration: true }),
          },
        });
        assert.equal(told.length, 1);
        assert.match(told[0]?.message ?? '', /^Replicating (\d+ backups|1 backup) of vault-prod-servers to vault-dr-replica in ap-southeast-2\.$/);
        assert.ok(tracked().some((w) => w.kind === 'replication' && w.destinationRegion === demo.secondRegion), 'the replication is followed');
        await emulator.advance(SLOW_MS);
        await waitFor('the replication to finish', () => !tracked().some((w) => w.kind === 'replication') || undefined, 30_000);
        if (otc) {
          const asked = (await emulator.requests('cbr.listOperationLogs')).map((r) => r.query.operation_type);
          assert.ok(asked.some((t) => t === undefined), 'followed without the replication filter');
        }
      });

      it('sends no replication when the user declines the confirmation', async () => {
        // The test before copied the newest backups: a new restore point gives this one something to copy.
        await finishRunningWork();
        await run('cbr.createCheckpoint', [{ input: `declined-${cloud}` }, { input: '' }, incremental(true)], await vaultNode('vault-prod-servers'));
        await finishRunningWork();
        await run('cbr.replicate', [...toReplica, ...acceleration(false), { confirm: false }], await vaultNode('vault-prod-servers'));
        assert.equal(await count('cbr.replicate'), 0);
      });

      it('says clearly when the destination region has no replication vault, and sends nothing', async () => {
        await emulator.addFault({ op: 'cbr.listVaults', region: demo.secondRegion, status: 200, body: { vaults: [], count: 0 } });
        await run('cbr.replicate', [{ pick: (i) => i.value === demo.secondRegion }], await vaultNode('vault-prod-servers'));
        assert.equal(await count('cbr.replicate'), 0);
        assert.ok(failureLogged('cbr.replicate', /There is no replication vault in ap-southeast-2\. Create one there/));
      });

      it('refuses a destination whose replication vaults hold another kind of backup, and sends nothing', async () => {
        await run('cbr.replicate', [{ pick: (i) => i.value === demo.secondRegion }], await vaultNode('vault-data-disks'));
        assert.equal(await count('cbr.replicate'), 0);
        assert.ok(failureLogged('cbr.replicate', /The replication vaults in ap-southeast-2 \(vault-dr-replica: server\) hold other kinds of backups than vault-data-disks \(disk\)/));
      });

      it('from the palette, asks for the source vault first and reconciles a lost answer from the operation logs', async () => {
        // New backups to replicate (the first test copied the earlier ones).
        await finishRunningWork();
        await run('cbr.createCheckpoint', [{ input: `to-replicate-${cloud}` }, { input: '' }, incremental(true)], await vaultNode('vault-prod-servers'));
        await finishRunningWork();
        await emulator.addFault({ op: 'cbr.replicate', drop: true, afterApply: true });
        const { prompter, told } = await run('cbr.replicate', [{ pick: (i) => i.label === 'vault-prod-servers' }, ...toReplica, ...acceleration(false), { confirm: true }]);
        assert.deepEqual(steps(prompter).slice(0, otc ? 3 : 4), otc ? ['1/3', '2/3', '3/3'] : ['1/4', '2/4', '3/4', '4/4']);
        assert.equal(await count('cbr.replicate'), 1);
        assert.equal(told[0]?.message, 'The cloud did not confirm the request, but the replication of vault-prod-servers started; it is being followed.');
        assert.ok(tracked().some((w) => w.kind === 'replication'), 'and it is followed');
      });

      if (!otc) {
        it('reconciles a lost answer where the cloud refuses operation_type=replication (OTC) by filtering the logs itself', async () => {
          await finishRunningWork();
          await run('cbr.createCheckpoint', [{ input: 'to-replicate-otc' }, { input: '' }, incremental(true)], await vaultNode('vault-prod-servers'));
          await finishRunningWork();
          await emulator.addFault({ op: 'cbr.replicate', drop: true, afterApply: true });
          await emulator.addFault({ op: 'cbr.listOperationLogs', status: 400, body: { error_code: 'BackupService.9900', error_msg: 'Invalid parameter operation_type: replication' } });
          const { told } = await run('cbr.replicate', [...toReplica, incremental(false), { confirm: true }], await vaultNode('vault-prod-servers'));
          assert.equal(await count('cbr.replicate'), 1);
          const asked = (await emulator.requests('cbr.listOperationLogs')).map((r) => r.query.operation_type);
          assert.deepEqual(asked.slice(0, 2), ['replication', undefined], 'refused once, then listed without the filter');
          assert.match(told[0]?.message ?? '', /^The cloud did not confirm the request, but the replication of vault-prod-servers started/);
          assert.ok(tracked().some((w) => w.kind === 'replication'), 'and it is followed');
        });
      }
    });
  }

  describe('create vault and associate resources', () => {
    it('creates a vault and associates servers picked by name, as in seed 004', async () => {
      const { prompter, told } = await run('cbr.createVault', [
        { input: 'bad name' },
        { input: 'host-vault' },
        { pick: (i) => i.value === 'server' },
        { input: '9' },
        { input: '200' },
        { input: '' },
        { input: '' },
        { pick: (i) => i.value === true },
        { pickMany: (i) => i.label === 'db-server-01' },
        { pick: (i) => i.value === 'off' },
        { confirm: true },
      ]);
      assert.deepEqual(validation(prompter), ['The name may contain only letters, digits, _ and -.', 'Enter a whole number of GB from 10 to 10485760.']);
      assert.deepEqual(steps(prompter), ['1/7', '1/7', '2/7', '3/7', '3/7', '4/7', '5/7', '6/7', '6/7', '7/7', '-/-'], 'one region configured: it is not asked for');
      const servers = prompter.shown.find((p) => p.type === 'pickMany')?.items ?? [];
      assert.ok(servers.includes('db-server-01') && servers.includes('web-server-01'), `servers in a vault are shown locked: ${servers.join(', ')}`);
      assert.equal(await count('cbr.createVault'), 1);
      const [sent] = await emulator.requests('cbr.createVault');
      const body = sent?.body as { vault: { name: string; billing: { object_type: string; size: number; consistent_level: string; protect_type: string }; resources: { name: string; type: string }[] } };
      assert.equal(body.vault.name, 'host-vault');
      assert.deepEqual([body.vault.billing.object_type, body.vault.billing.size, body.vault.billing.consistent_level, body.vault.billing.protect_type], ['server', 200, 'crash_consistent', 'backup']);
      assert.deepEqual(body.vault.resources.map((r) => [r.name, r.type]), [['db-server-01', 'OS::Nova::Server']]);
      assert.ok((await roots()).some((n) => n.kind === 'vault' && n.vault.name === 'host-vault'), 'the new vault is in the tree');
      assert.deepEqual(told.map((m) => m.message), ['Vault host-vault was created in ap-southeast-1 with 1 resource.']);
    });

    it('creates an empty, application-consistent server vault; Back from the resource list returns to the question', async () => {
      const { prompter } = await run('cbr.createVault', [
        { input: 'host-app-vault' },
        { pick: (i) => i.value === 'server-app' },
        { input: '50' },
        { input: '' },
        { input: '' },
        { pick: (i) => i.value === true },
        'back',
        { pick: (i) => i.value === false },
        { pick: (i) => i.value === 'off' },
        { confirm: true },
      ]);
      assert.deepEqual(prompter.shown.map((p) => p.type), ['input', 'pick', 'input', 'input', 'input', 'pick', 'pickMany', 'pick', 'pick', 'confirm']);
      const [sent] = await emulator.requests('cbr.createVault');
      const body = sent?.body as { vault: { billing: { consistent_level: string; size: number }; resources: unknown[] } };
      assert.deepEqual([body.vault.billing.consistent_level, body.vault.billing.size, body.vault.resources], ['app_consistent', 50, []]);
    });

    it('reconciles a vault whose answer was lost: sent once, found by name and time, and the tree shows it', async () => {
      await emulator.addFault({ op: 'cbr.createVault', drop: true, afterApply: true });
      const { told } = await run('cbr.createVault', [{ input: 'lost-vault' }, { pick: (i) => i.value === 'disk' }, { input: '10' }, { input: '' }, { input: '' }, { pick: (i) => i.value === false }, { pick: (i) => i.value === 'off' }, { confirm: true }]);
      assert.equal(await count('cbr.createVault'), 1);
      assert.deepEqual(told.map((m) => m.severity), ['warning']);
      assert.equal(told[0]?.message, 'The cloud did not confirm the request, but vault lost-vault was created in ap-southeast-1 with 0 resources.');
      assert.ok((await roots()).some((n) => n.kind === 'vault' && n.vault.name === 'lost-vault'));
    });

    it('associates a free disk with a disk vault from its node', async () => {
      const { prompter, told } = await run('cbr.addResources', [{ pickMany: (i) => i.label === 'logs-disk-01' }], await vaultNode('vault-data-disks'));
      assert.deepEqual(steps(prompter), ['1/1']);
      assert.ok(prompter.shown[0]?.items?.includes('data-disk-01'), 'disks already in a vault are shown locked');
      assert.equal(await count('cbr.addResources'), 1);
      const [sent] = await emulator.requests('cbr.addResources');
      assert.deepEqual(sent?.body, { resources: [{ id: '7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f01', type: 'OS::Cinder::Volume', name: 'logs-disk-01' }] });
      assert.deepEqual(told.map((m) => m.message), ['1 resource was associated with vault-data-disks.']);
      // The vault's Resources group shows the new disk without a manual refresh.
      await waitFor('logs-disk-01 under vault-data-disks', async () => {
        const group = (await api.explorer.getChildren(await vaultNode('vault-data-disks'))).find((n) => n.kind === 'resources');
        const names = group ? (await api.explorer.getChildren(group)).map((n) => (n.kind === 'resource' ? n.resource.name : n.kind)) : [];
        return names.includes('logs-disk-01') || undefined;
      });
    });

    it('from the palette: a locked server is refused and asked again; the association whose answer was lost is reconciled', async () => {
      await emulator.addFault({ op: 'cbr.addResources', drop: true, afterApply: true });
      const { prompter, told } = await run('cbr.addResources', [
        { pick: (i) => i.label === 'vault-staging' },
        { pickMany: (i) => i.label === 'web-server-01' },
        { pickMany: (i) => i.label === 'batch-worker-01' },
      ]);
      assert.deepEqual(steps(prompter), ['1/2', '2/2', '2/2']);
      assert.equal(await count('cbr.addResources'), 1, 'the refused pick sent nothing');
      const [sent] = await emulator.requests('cbr.addResources');
      assert.equal((sent?.body as { resources: { id: string }[] }).resources.length, 1);
      assert.ok(sent?.path.includes(STAGING_VAULT));
      assert.deepEqual(told.map((m) => m.severity), ['warning']);
      assert.equal(told[0]?.message, 'The cloud did not confirm the request, but 1 of the 1 resources are now associated with vault-staging.');
    });
  });
});
