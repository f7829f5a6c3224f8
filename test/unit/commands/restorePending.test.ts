import { strict as assert } from 'node:assert';
import { CloudSession } from '../../../src/api';
import { PendingRestores, resumePendingRestores, WriteGuard, type ActionDeps } from '../../../src/commands';
import { restoreBackup } from '../../../src/commands/restoreBackup';
import { PENDING_RESTORES_KEY, type PendingRestore } from '../../../src/commands/restorePending';
import { Logger } from '../../../src/common/logger';
import { Notifier } from '../../../src/common/notifier';
import { startEmulator, type RunningEmulator } from '../../emulator';
import { DEMO_IDS } from '../../emulator/seeds/demoIds';
import { ScriptedPrompter, type Answer } from '../../host/scriptedPrompter';
import { answerNotifications, resetVsCode } from '../vscode/stub';

const REGION = 'ap-southeast-1';
const APP_SERVER = '97595625-198e-4e4d-879b-9d53f68ba551';
const value = (v: unknown): Answer => ({ pick: (i) => i.value === v });

/** A globalState that records every value written under the key. */
class RecordingMemento {
  readonly values = new Map<string, unknown>();
  readonly writes: unknown[] = [];
  get<T>(key: string): T | undefined {
    return this.values.get(key) as T | undefined;
  }
  update(key: string, value: unknown): Promise<void> {
    this.values.set(key, value);
    if (key === PENDING_RESTORES_KEY) {
      this.writes.push(structuredClone(value));
    }
    return Promise.resolve();
  }
}

const entry = (over: Partial<PendingRestore> = {}): PendingRestore => ({ region: REGION, vaultId: 'v', backupId: 'b', backupName: 'nightly', targetName: 'app-server-01', startedAt: Date.now(), ...over });

describe('unit: restores waiting for their safety restore point (kept in globalState)', () => {
  it('adds, lists and removes by backup; unreadable and day-old entries are left out', async () => {
    const memento = new RecordingMemento();
    const pending = new PendingRestores(memento);
    await pending.add(entry({ backupId: 'b1' }));
    await pending.add(entry({ backupId: 'b2' }));
    await pending.add(entry({ backupId: 'b1', backupName: 'again' }));
    assert.deepEqual(pending.list().map((p) => [p.backupId, p.backupName]), [['b2', 'nightly'], ['b1', 'again']]);
    await memento.update(PENDING_RESTORES_KEY, [...pending.list(), { backupId: 42 }, entry({ backupId: 'old', startedAt: Date.now() - 25 * 60 * 60_000 })]);
    assert.deepEqual(pending.list().map((p) => p.backupId), ['b2', 'b1']);
    await pending.remove('b2');
    assert.deepEqual(pending.list().map((p) => p.backupId), ['b1']);
  });
});

describe('unit: a reload while the safety restore point is made (emulator, real HTTP)', function () {
  this.timeout(30_000);
  let emu: RunningEmulator;

  before(async () => {
    emu = await startEmulator({ port: 0, timing: { checkpointProtectingMs: 300, gaussBackupBuildingMs: 300, replicationMs: 300 } });
  });
  after(() => emu.close());
  beforeEach(() => {
    emu.admin.reset();
    resetVsCode();
  });

  function deps(answers: Answer[], memento = new RecordingMemento()) {
    const session = CloudSession.create({
      cloud: 'custom',
      region: REGION,
      endpointOverrides: emu.endpoints,
      credentials: { kind: 'aksk', accessKey: 'DEMOACCESSKEY0000001', secretKey: 'demoSecretKey000000000000000000000000001' },
      retry: { baseDelayMs: 10, maxDelayMs: 50 },
    });
    const d: ActionDeps = {
      connection: { cloud: 'custom', regions: [REGION], session: () => session },
      prompter: () => new ScriptedPrompter(answers),
      logger: new Logger('test'),
      writes: new WriteGuard(() => ({ windowMs: 300, intervalMs: 50 })),
      messages: new Notifier(),
      track: () => undefined,
      refreshVault: () => undefined,
      refreshAll: () => undefined,
      refreshInstance: () => undefined,
      pendingRestores: new PendingRestores(memento),
    };
    return { deps: d, session, memento, told: () => d.messages.recent().map((m) => [m.severity, m.message]) };
  }

  async function serverBackup(session: CloudSession) {
    const cp = await session.cbr.createCheckpoint({ vaultId: DEMO_IDS.prodVault, name: 'nightly', resourceIds: [APP_SERVER] });
    emu.admin.advance(500);
    return (await session.cbr.listBackups({ checkpointId: cp.id })).backups[0];
  }

  it('the intent is remembered (ids and names only) while the safety restore point is made, and forgotten before the restore is sent', async () => {
    const f = deps([value(true), value(true), { input: 'app-server-01' }]);
    const backup = await serverBackup(f.session);
    const vault = await f.session.cbr.showVault(DEMO_IDS.prodVault);
    await restoreBackup(f.deps, { kind: 'backup', region: REGION, backup, vault });
    assert.equal(emu.admin.requests('cbr.restoreBackup').length, 1);
    const [during, after] = f.memento.writes as PendingRestore[][];
    assert.deepEqual(Object.keys(during?.[0] ?? {}).sort(), ['backupId', 'backupName', 'region', 'startedAt', 'targetName', 'vaultId']);
    assert.equal(during?.[0]?.backupId, backup.id);
    assert.deepEqual(after, [], 'forgotten once the safety restore point was available');
    assert.doesNotMatch(JSON.stringify(f.memento.writes), /demoSecretKey|DEMOACCESSKEY/);
  });

  it('after a reload, a waiting restore is not sent: the user is asked; Discard forgets it and sends nothing', async () => {
    const memento = new RecordingMemento();
    await new PendingRestores(memento).add(entry({ backupId: 'gone-with-the-window' }));
    answerNotifications(() => 'Discard');
    const f = deps([], memento);
    await resumePendingRestores(f.deps);
    assert.deepEqual(f.told(), [['warning', 'When the window closed, the restore of app-server-01 from backup nightly was waiting for its safety restore point. It was not sent. Restore it now?']]);
    assert.equal(emu.admin.count('cbr.restoreBackup'), 0);
    assert.deepEqual(new PendingRestores(memento).list(), []);
  });

  it('after a reload, "Restore…" runs the whole flow again (checks, confirmation) and sends one restore', async () => {
    const memento = new RecordingMemento();
    const setup = deps([], memento);
    const backup = await serverBackup(setup.session);
    await new PendingRestores(memento).add(entry({ vaultId: DEMO_IDS.prodVault, backupId: backup.id }));
    answerNotifications((n) => (n.message.startsWith('When the window closed') ? 'Restore…' : undefined));
    const f = deps([value(true), value(false), { input: 'app-server-01' }], memento);
    await resumePendingRestores(f.deps);
    assert.equal(emu.admin.requests('cbr.restoreBackup').length, 1);
    assert.deepEqual(f.told().at(-1), ['info', 'Restoring app-server-01 from backup nightly.']);
    assert.deepEqual(new PendingRestores(memento).list(), []);
  });
});
