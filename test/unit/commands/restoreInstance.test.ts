import { strict as assert } from 'node:assert';
import { CloudSession, type GaussInstance } from '../../../src/api';
import { WriteGuard, type ActionDeps } from '../../../src/commands';
import { restoreInstance } from '../../../src/commands/restoreInstance';
import { formatLocal, parseLocal, restoreOffers, whyNotRestorableTime } from '../../../src/commands/restoreInstanceChecks';
import { Logger } from '../../../src/common/logger';
import { Notifier } from '../../../src/common/notifier';
import type { TrackedWork } from '../../../src/tracking/types';
import { startEmulator, type RunningEmulator } from '../../emulator';
import { DEMO_IDS } from '../../emulator/seeds/demoIds';
import { ScriptedPrompter, type Answer } from '../../host/scriptedPrompter';

const REGION = 'ap-southeast-1';
const value = (v: unknown): Answer => ({ pick: (i) => i.value === v });
const label = (l: string): Answer => ({ pick: (i) => i.label === l });

describe('unit: restore-instance checks (local time, the window)', () => {
  const ranges = [{ start: new Date(2026, 10, 28, 10, 0, 0), end: new Date(2026, 11, 2, 15, 30, 0) }];

  it('reads YYYY-MM-DD HH:MM[:SS] as local time and refuses dates that do not exist', () => {
    assert.equal(parseLocal('2026-12-02 15:04:05')?.getTime(), new Date(2026, 11, 2, 15, 4, 5).getTime());
    assert.equal(parseLocal('2026-12-02T15:04')?.getTime(), new Date(2026, 11, 2, 15, 4, 0).getTime());
    assert.equal(parseLocal('2026-02-30 10:00:00'), undefined);
    assert.equal(parseLocal('yesterday'), undefined);
    assert.equal(formatLocal(new Date(2026, 0, 5, 7, 8, 9)), '2026-01-05 07:08:09');
  });

  it('a time inside the window passes (both ends included); outside, the message names the window in local time', () => {
    assert.equal(whyNotRestorableTime('2026-11-28 10:00:00', ranges), undefined);
    assert.equal(whyNotRestorableTime('2026-12-02 15:30:00', ranges), undefined);
    assert.equal(whyNotRestorableTime('2026-11-28 09:59:59', ranges), '2026-11-28 09:59:59 is outside the restorable window (from 2026-11-28 10:00:00 to 2026-12-02 15:30:00).');
    assert.equal(whyNotRestorableTime('soon', ranges), 'Type a local time as YYYY-MM-DD HH:MM:SS.');
  });
});

describe('unit: cbr.restoreInstance against the emulator (real HTTP)', function () {
  this.timeout(30_000);
  let emu: RunningEmulator;
  let orders: GaussInstance;

  before(async () => {
    emu = await startEmulator({ port: 0, timing: { checkpointProtectingMs: 300, gaussBackupBuildingMs: 300, replicationMs: 300 } });
  });
  after(() => emu.close());
  beforeEach(async () => {
    emu.admin.reset();
    emu.admin.setCloud('huaweicloud');
    restoreOffers.clear();
    orders = (await session().gaussdb.listInstances({ id: DEMO_IDS.instance })).instances[0]!;
  });

  function session() {
    return CloudSession.create({
      cloud: 'custom',
      region: REGION,
      endpointOverrides: emu.endpoints,
      credentials: { kind: 'aksk', accessKey: 'DEMOACCESSKEY0000001', secretKey: 'demoSecretKey000000000000000000000000001' },
      retry: { baseDelayMs: 10, maxDelayMs: 50 },
    });
  }

  function deps(answers: Answer[]) {
    const tracked: TrackedWork[] = [];
    const s = session();
    const prompter = new ScriptedPrompter(answers);
    const d: ActionDeps = {
      connection: { cloud: 'custom', regions: [REGION], session: () => s },
      prompter: () => prompter,
      logger: new Logger('test'),
      writes: new WriteGuard(() => ({ windowMs: 300, intervalMs: 50 })),
      messages: new Notifier(),
      track: (w) => void tracked.push(w),
      refreshVault: () => undefined,
      refreshAll: () => undefined,
      refreshInstance: () => undefined,
    };
    return { deps: d, prompter, tracked, told: () => d.messages.recent().map((m) => [m.severity, m.message]) };
  }

  /** A local time one hour before the emulator's now: inside the demo instance's window. */
  const anHourAgo = (): string => formatLocal(new Date(emu.admin.now() - 3_600_000));

  it('to a point in time from the instance row: the window shown, the time checked, the target name typed; one POST with restore_time in ms, followed', async () => {
    const at = anHourAgo();
    const f = deps([value('timestamp'), { input: at }, label('orders-db'), { input: 'orders-db' }]);
    await restoreInstance(f.deps, { kind: 'instance', region: REGION, instance: orders });
    const timePrompt = f.prompter.shown[1];
    assert.match(timePrompt?.prompt ?? '', /Restorable: from \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} to \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    assert.equal(timePrompt?.validationMessage, undefined);
    assert.match(f.prompter.shown[3]?.prompt ?? '', /^Database instance orders-db \(07033b125fd94a8a96896f8bcfee6ddain07\) is overwritten with orders-db as it was at .+\. All current data on orders-db is lost\.\nType orders-db to confirm\.$/);
    const sent = emu.admin.requests('gaussdb.restoreInstance');
    assert.equal(sent.length, 1);
    assert.deepEqual(sent[0]?.body, { source_instance_id: DEMO_IDS.instance, target_instance_id: DEMO_IDS.instance, type: 'timestamp', restore_time: parseLocal(at)!.getTime() });
    assert.equal(f.tracked.length, 1);
    assert.equal(f.tracked[0]?.kind, 'gaussRestore');
    assert.match(f.tracked[0]?.jobId ?? '', /^[0-9a-f-]{36}$/);
    assert.deepEqual(f.told(), [['info', `Restoring orders-db to ${at}.`]]);
  });

  it('a time outside the window is refused as typed (the box says why) and, cancelled, nothing is sent', async () => {
    const f = deps([value('timestamp'), { input: '2001-01-01 00:00:00' }, 'cancel']);
    await restoreInstance(f.deps, { kind: 'instance', region: REGION, instance: orders });
    assert.match(f.prompter.shown[1]?.validationMessage ?? '', /^2001-01-01 00:00:00 is outside the restorable window \(from .+ to .+\)\.$/);
    assert.equal(emu.admin.count('gaussdb.restoreInstance'), 0);
  });

  it('from a backup row: no mode or backup question; type backup with its id', async () => {
    const backup = (await session().gaussdb.listBackups({ instanceId: DEMO_IDS.instance, backupType: 'manual' })).backups[0];
    const f = deps([label('orders-db'), { input: 'orders-db' }]);
    await restoreInstance(f.deps, { kind: 'gaussBackup', region: REGION, instance: orders, backup });
    assert.deepEqual(f.prompter.shown.map((s) => s.type), ['pick', 'input']);
    assert.deepEqual(emu.admin.requests('gaussdb.restoreInstance')[0]?.body, { source_instance_id: DEMO_IDS.instance, target_instance_id: DEMO_IDS.instance, type: 'backup', backup_id: backup.id });
    assert.deepEqual(f.told(), [['info', `Restoring orders-db from backup ${backup.name}.`]]);
  });

  it('a target that is not ACTIVE is refused before sending, in words', async () => {
    await session().gaussdb.createBackup({ instanceId: DEMO_IDS.instance, name: 'busy-now' });
    const f = deps([value('timestamp'), { input: anHourAgo() }, label('orders-db')]);
    await restoreInstance(f.deps, { kind: 'instance', region: REGION, instance: orders });
    assert.equal(emu.admin.count('gaussdb.restoreInstance'), 0);
    assert.deepEqual(f.told(), [['error', 'Database instance orders-db is BACKING UP; only an ACTIVE instance can be restored onto.']]);
  });

  it('a lost answer is not resent: the target reading RESTORING says it started, and it is followed without a job id', async () => {
    emu.admin.addFault({ op: 'gaussdb.restoreInstance', drop: true, afterApply: true });
    const f = deps([value('timestamp'), { input: anHourAgo() }, label('orders-db'), { input: 'orders-db' }]);
    await restoreInstance(f.deps, { kind: 'instance', region: REGION, instance: orders });
    assert.equal(emu.admin.count('gaussdb.restoreInstance'), 1, 'sent exactly once');
    assert.deepEqual(f.told(), [['warning', 'The cloud did not confirm the request, but the restore of orders-db started; it is being followed.']]);
    assert.deepEqual(f.tracked.map((w) => [w.kind, w.jobId]), [['gaussRestore', undefined]]);
  });

  it('where the cloud does not offer it (OTC): told once in words, and not offered in that region again (no request)', async () => {
    emu.admin.setCloud('opentelekomcloud');
    const f = deps([value('timestamp')]);
    await restoreInstance(f.deps, { kind: 'instance', region: REGION, instance: orders });
    assert.deepEqual(f.told(), [['warning', `Restoring a database instance is not offered in ${REGION}: the cloud does not provide it there. The command is not offered for ${REGION} again in this window.`]]);
    const before = emu.admin.count('gaussdb.listRestoreTimes');
    const again = deps([]);
    await restoreInstance(again.deps, { kind: 'instance', region: REGION, instance: orders });
    assert.deepEqual(again.told(), [['info', `Restoring a database instance is not offered in ${REGION}.`]]);
    assert.equal(emu.admin.count('gaussdb.listRestoreTimes'), before, 'nothing asked of the cloud');
    await assert.rejects(restoreInstance(deps([]).deps, undefined), /not offered in ap-southeast-1/, 'the palette offers no instance there');
  });
});
