import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import { CloudSession } from '../../../src/api';
import { TRACKING_STORE_KEY } from '../../../src/tracking/core/store';
import { WorkTracker } from '../../../src/tracking/core/tracker';
import { TrackedWork } from '../../../src/tracking/core/types';
import { demoSeedPath, loadSeedFile, RunningEmulator, SeedData, startEmulator } from '../../emulator';
import { EmulatorConnection, FakeTimers, finishes, memoryLogger, MemoryStore, pollOnce, settle, until } from '../../support/trackingFakes';
import { DEMO_IDS } from '../../emulator/seeds/demoIds';

const R1 = 'ap-southeast-1';
const R2 = 'ap-southeast-2';
const P2 = DEMO_IDS.secondProject;
const SERVER_VAULT = DEMO_IDS.prodVault;
const DISK_VAULT = DEMO_IDS.diskVault;
const REPLICA_VAULT = DEMO_IDS.replicaVault;
const INSTANCE = DEMO_IDS.instance;
const WORK_MS = 60_000;
/** A per-run timeout no backoff delay equals, so the tests can tell the timers apart. */
const RUN_TIMEOUT_MS = 99_999;

/** The demo seed with five resources in each of the two backup vaults (one restore point each). */
function seedWithResources(): SeedData {
  const seed = structuredClone(loadSeedFile(demoSeedPath()));
  const region = seed.regions[R1];
  assert.ok(region);
  for (const [vaultId, type] of [[SERVER_VAULT, 'OS::Nova::Server'], [DISK_VAULT, 'OS::Cinder::Volume']] as const) {
    const vault = region.vaults?.find((v) => v.id === vaultId);
    assert.ok(vault);
    while (vault.resources.length < 5) {
      vault.resources.push({ id: randomUUID(), name: `extra-${vault.resources.length}`, type, protect_status: 'available', size: 10, backup_size: 0, backup_count: 0, extra_info: {} });
    }
  }
  return seed;
}

describe('tracking: WorkTracker against the emulator', function () {
  this.timeout(30_000);
  let emu: RunningEmulator;
  let connection: EmulatorConnection;
  let store: MemoryStore;
  let timers: FakeTimers;
  let logger: ReturnType<typeof memoryLogger>;
  let trackers: WorkTracker[];

  const session = (region = R1): CloudSession => connection.session(region);

  const newTracker = (): WorkTracker => {
    const t = new WorkTracker({ connection, store, logger, timers, backoff: { timeoutMs: RUN_TIMEOUT_MS } });
    trackers.push(t);
    return t;
  };

  /** Fires the next timer (a poll) and waits for that poll to finish. */
  const runScheduledPoll = async (): Promise<number> => {
    const wait = timers.runNext();
    await until('the poll to finish', () => timers.queue.every((t) => t.ms !== RUN_TIMEOUT_MS));
    return wait;
  };

  const checkpointWork = (vaultId: string, checkpointId: string, label = 'nightly'): TrackedWork => ({ kind: 'checkpoint', region: R1, vaultId, checkpointId, label, startedAt: Date.now() });

  async function createCheckpoints(vaultId: string): Promise<TrackedWork[]> {
    const vault = (await session().cbr.showVault(vaultId)).resources;
    const works: TrackedWork[] = [];
    for (const r of vault) {
      const cp = await session().cbr.createCheckpoint({ vaultId, resourceIds: [r.id] });
      assert.equal(cp.vault?.skippedResources.length, 0, 'nothing skipped');
      works.push(checkpointWork(vaultId, cp.id, `cp-${r.name}`));
    }
    return works;
  }

  const cbrCalls = (): Record<string, number> => {
    const c = emu.admin.counters() as unknown as Record<string, unknown>;
    return Object.fromEntries(Object.entries(c).filter((e): e is [string, number] => typeof e[1] === 'number' && e[1] > 0 && !e[0].startsWith('iam.')));
  };

  before(async () => {
    emu = await startEmulator({ seed: seedWithResources(), timing: { checkpointProtectingMs: WORK_MS, gaussBackupBuildingMs: WORK_MS, replicationMs: WORK_MS } });
  });
  after(async () => emu.close());
  beforeEach(async () => {
    emu.admin.reset();
    connection = new EmulatorConnection(emu);
    store = new MemoryStore();
    timers = new FakeTimers(Date.now());
    logger = memoryLogger();
    trackers = [];
    await session(R1).getProjectId();
  });
  afterEach(() => {
    for (const t of trackers) {
      t.dispose();
    }
  });

  describe('restore points', () => {
    it('sends one list request per vault per tick, however many restore points are in flight', async () => {
      const works = [...(await createCheckpoints(SERVER_VAULT)), ...(await createCheckpoints(DISK_VAULT))];
      assert.equal(works.length, 10);
      const tracker = newTracker();
      const done = finishes(tracker);
      for (const w of works) {
        tracker.track(w);
      }
      emu.admin.resetCounters();
      for (let i = 0; i < 3; i++) {
        assert.equal(await pollOnce(tracker, timers), false);
      }
      assert.deepEqual(cbrCalls(), { 'cbr.listBackups': 6 }, '2 vaults × 3 ticks, nothing else');
      const queries = emu.admin.requests('cbr.listBackups').map((r) => r.query);
      assert.deepEqual(new Set(queries.map((q) => q.vault_id)), new Set([SERVER_VAULT, DISK_VAULT]));
      for (const q of queries) {
        assert.deepEqual(q.status, ['protecting', 'waiting_protect']);
      }
      assert.equal(tracker.items.length, 10);
      assert.equal(done.length, 0);

      emu.admin.advance(WORK_MS + 1);
      emu.admin.resetCounters();
      assert.equal(await pollOnce(tracker, timers), true);
      assert.deepEqual(cbrCalls(), { 'cbr.listBackups': 2 + 10 }, 'one list per vault, then one follow-up per restore point');
      assert.deepEqual(done.map((d) => d.outcome), Array<string>(10).fill('success'));
      assert.deepEqual(new Set(done.map((d) => d.work.label)), new Set(works.map((w) => w.label)));
      assert.equal(tracker.items.length, 0);
      assert.equal(tracker.state.kind, 'idle');
      await settle();
      assert.deepEqual(store.get<{ items: unknown[] }>(TRACKING_STORE_KEY)?.items, []);
    });

    it('reports a failed restore point with the cloud reason from its operation log', async () => {
      emu.admin.script({ nextCheckpoint: 'error' });
      const [work] = await createCheckpoints(DISK_VAULT);
      const tracker = newTracker();
      const done = finishes(tracker);
      tracker.track(work);
      emu.admin.advance(WORK_MS + 1);
      emu.admin.resetCounters();
      await pollOnce(tracker, timers);
      assert.equal(done.length, 1);
      assert.equal(done[0]?.outcome, 'error');
      assert.match(done[0]?.reason ?? '', /Failed to obtain the snapshot\. \(BackupService\.7202\)/);
      assert.deepEqual(cbrCalls(), { 'cbr.listBackups': 2, 'cbr.listOperationLogs': 1 });
      const q = emu.admin.requests('cbr.listOperationLogs')[0]?.query;
      assert.equal(q?.operation_type, 'backup');
      assert.equal(q?.vault_id, DISK_VAULT);
    });

    it('finishes a restore point that is gone with an error that says so', async () => {
      const tracker = newTracker();
      const done = finishes(tracker);
      tracker.track(checkpointWork(SERVER_VAULT, randomUUID()));
      await pollOnce(tracker, timers);
      assert.equal(done[0]?.outcome, 'error');
      assert.equal(done[0]?.reason, 'The restore point no longer exists.');
    });

    it('keeps polling while a finished-looking restore point still has backups in progress', async () => {
      const [work] = await createCheckpoints(SERVER_VAULT);
      const tracker = newTracker();
      const done = finishes(tracker);
      tracker.track(work);
      emu.admin.addFault({ op: 'cbr.listBackups', body: { backups: [], count: 0 }, status: 200, times: 1 });
      emu.admin.resetCounters();
      await pollOnce(tracker, timers);
      assert.equal(done.length, 0, 'the follow-up shows it still protecting');
      assert.equal(tracker.items.length, 1);
      assert.equal(emu.admin.count('cbr.listBackups'), 2);
    });
  });

  describe('database backups', () => {
    it('follows a manual backup through the instance listing, without asking for its job', async () => {
      const { backup, jobId } = await session().gaussdb.createBackup({ instanceId: INSTANCE, name: 'manual-0001' });
      const tracker = newTracker();
      const done = finishes(tracker);
      tracker.track({ kind: 'gaussBackup', region: R1, instanceId: INSTANCE, backupId: backup.id, jobId, label: backup.name, startedAt: Date.now() });
      emu.admin.resetCounters();
      await pollOnce(tracker, timers);
      assert.equal(done.length, 0);
      emu.admin.advance(WORK_MS + 1);
      await pollOnce(tracker, timers);
      assert.deepEqual(done.map((d) => d.outcome), ['success']);
      assert.deepEqual(cbrCalls(), { 'gaussdb.listBackups': 2 });
      assert.equal(emu.admin.requests('gaussdb.listBackups')[0]?.query.instance_id, INSTANCE);
    });

    it('reports a failed backup with the job fail reason', async () => {
      emu.admin.script({ nextGaussBackup: 'error' });
      const { backup, jobId } = await session().gaussdb.createBackup({ instanceId: INSTANCE, name: 'manual-0002' });
      const tracker = newTracker();
      const done = finishes(tracker);
      tracker.track({ kind: 'gaussBackup', region: R1, instanceId: INSTANCE, backupId: backup.id, jobId, label: backup.name, startedAt: Date.now() });
      emu.admin.advance(WORK_MS + 1);
      await pollOnce(tracker, timers);
      assert.equal(done[0]?.outcome, 'error');
      assert.equal(done[0]?.reason, 'Backup failed: the backup data could not be uploaded to storage.');
    });

    it('asks the job only when the backup is missing from the listing', async () => {
      const { jobId } = await session().gaussdb.createBackup({ instanceId: INSTANCE, name: 'manual-0003' });
      emu.admin.advance(WORK_MS + 1);
      const tracker = newTracker();
      const done = finishes(tracker);
      tracker.track({ kind: 'gaussBackup', region: R1, instanceId: INSTANCE, backupId: 'not-listed-backup', jobId, label: 'via job', startedAt: Date.now() });
      tracker.track({ kind: 'gaussBackup', region: R1, instanceId: INSTANCE, backupId: 'gone-backup', label: 'gone', startedAt: Date.now() });
      emu.admin.resetCounters();
      await pollOnce(tracker, timers);
      assert.deepEqual(cbrCalls(), { 'gaussdb.listBackups': 1, 'gaussdb.showJob': 1 });
      assert.deepEqual(
        done.map((d) => [d.work.label, d.outcome, d.reason]),
        [
          ['via job', 'success', undefined],
          ['gone', 'error', 'The database backup no longer exists.'],
        ],
      );
    });
    it('lists only the backups begun since the tracked one, so one begun elsewhere that is gone is reported, even beside 150 older ones', async () => {
      const seed = seedWithResources();
      const gauss = seed.regions[R1]?.gaussdb;
      assert.ok(gauss?.backups?.[0]);
      const template = gauss.backups[0];
      const dayMs = 24 * 60 * 60_000;
      for (let i = 0; i < 150; i++) {
        const begin = new Date(Date.now() - 3 * dayMs - i * 60_000).toISOString().slice(0, 19);
        gauss.backups.push({ ...template, id: `${randomUUID().replace(/-/g, '')}br07`, name: `hourly-${i}`, begin_time: `${begin}+0000`, end_time: `${begin}+0000` });
      }
      emu.admin.loadSeed({ seed });
      connection = new EmulatorConnection(emu); // loading a seed revokes the tokens
      try {
        const tracker = newTracker();
        const done = finishes(tracker);
        // Both seen building by the tree (no job id): one then deleted in the console, one still running.
        const { backup: running } = await session().gaussdb.createBackup({ instanceId: INSTANCE, name: 'console-running' });
        assert.ok(running.beginTime);
        tracker.adopt([
          { kind: 'gaussBackup', region: R1, instanceId: INSTANCE, backupId: 'deleted-in-console', label: 'console-deleted', startedAt: Date.now() - 60_000 },
          { kind: 'gaussBackup', region: R1, instanceId: INSTANCE, backupId: running.id, label: 'console-running', startedAt: running.beginTime.getTime() },
        ]);
        emu.admin.resetCounters();
        await pollOnce(tracker, timers);
        assert.deepEqual(cbrCalls(), { 'gaussdb.listBackups': 1 });
        const q = emu.admin.requests('gaussdb.listBackups')[0]?.query;
        assert.ok(q?.begin_time && q.end_time, 'a time window, as a pair');
        assert.deepEqual(done.map((d) => [d.work.label, d.outcome, d.reason]), [['console-deleted', 'error', 'The database backup no longer exists.']]);
        assert.deepEqual(tracker.items.map((w) => w.label), ['console-running'], 'the running one is in the window and still followed');
        emu.admin.advance(WORK_MS + 1);
        await pollOnce(tracker, timers);
        assert.deepEqual(done.map((d) => [d.work.label, d.outcome]), [['console-deleted', 'error'], ['console-running', 'success']]);
      } finally {
        emu.admin.loadSeed('start');
      }
    });
  });

  describe('replications', () => {
    const replicate = async (): Promise<TrackedWork> => {
      const r = await session().cbr.replicate({ vaultId: SERVER_VAULT, destinationRegion: R2, destinationProjectId: P2, destinationVaultId: REPLICA_VAULT });
      return { kind: 'replication', region: R1, vaultId: SERVER_VAULT, backupIds: r.backups.map((b) => b.backupId), destinationRegion: R2, destinationVaultId: REPLICA_VAULT, label: 'vault-prod-servers', startedAt: Date.now() };
    };

    it('follows the operation logs of the source vault until every backup is copied', async () => {
      const work = await replicate();
      assert.equal(work.kind === 'replication' && work.backupIds.length, 2);
      const tracker = newTracker();
      const done = finishes(tracker);
      tracker.track(work);
      emu.admin.resetCounters();
      await pollOnce(tracker, timers);
      assert.equal(done.length, 0);
      emu.admin.advance(WORK_MS + 1);
      await pollOnce(tracker, timers);
      assert.deepEqual(done.map((d) => d.outcome), ['success']);
      assert.deepEqual(cbrCalls(), { 'cbr.listOperationLogs': 2 });
      const q = emu.admin.requests('cbr.listOperationLogs')[0]?.query;
      assert.equal(q?.operation_type, 'replication');
      assert.equal(q?.vault_id, SERVER_VAULT);
      assert.ok(q?.start_time, 'only logs since the work started');
    });

    it('reports a failed replication with the error of its operation log', async () => {
      emu.admin.script({ nextReplication: 'failed' });
      const work = await replicate();
      const tracker = newTracker();
      const done = finishes(tracker);
      tracker.track(work);
      emu.admin.advance(WORK_MS + 1);
      await pollOnce(tracker, timers);
      assert.equal(done[0]?.outcome, 'error');
      assert.equal(done[0]?.reason, 'Failed to import the backup replica. (BackupService.1006)');
    });

    it('on the Open Telekom Cloud profile (no extra_info.replication, no replication query value): follows by vault and time until done', async () => {
      emu.admin.setCloud('opentelekomcloud');
      try {
        const work = await replicate();
        assert.equal(work.kind === 'replication' && work.backupIds.length, 2);
        const tracker = newTracker();
        const done = finishes(tracker);
        tracker.track(work);
        await pollOnce(tracker, timers);
        assert.equal(done.length, 0, 'still replicating');
        emu.admin.advance(WORK_MS + 1);
        await pollOnce(tracker, timers);
        assert.deepEqual(done.map((d) => d.outcome), ['success']);
        assert.equal(tracker.items.length, 0);
        const sent = emu.admin.requests('cbr.replicate')[0]?.body as { replicate: Record<string, unknown> };
        assert.ok(!('enable_acceleration' in sent.replicate), 'OTC documents no enable_acceleration: not sent');
      } finally {
        emu.admin.setCloud('huaweicloud');
      }
    });

    it('on the Open Telekom Cloud profile: a failed replication is reported with its log error', async () => {
      emu.admin.setCloud('opentelekomcloud');
      try {
        emu.admin.script({ nextReplication: 'failed' });
        const work = await replicate();
        const tracker = newTracker();
        const done = finishes(tracker);
        tracker.track(work);
        emu.admin.advance(WORK_MS + 1);
        await pollOnce(tracker, timers);
        assert.equal(done[0]?.outcome, 'error');
      } finally {
        emu.admin.setCloud('huaweicloud');
      }
    });

    it('filters operation logs locally where the cloud refuses operation_type=replication (OTC), and asks unfiltered from then on', async () => {
      const work = await replicate();
      const tracker = newTracker();
      const done = finishes(tracker);
      tracker.track(work);
      emu.admin.addFault({ op: 'cbr.listOperationLogs', status: 400, body: { error_code: 'BackupService.9900', error_msg: 'Invalid parameter operation_type' } });
      emu.admin.advance(WORK_MS + 1);
      emu.admin.resetCounters();
      await pollOnce(tracker, timers);
      assert.deepEqual(done.map((d) => d.outcome), ['success'], 'found in the same poll');
      const asked = emu.admin.requests('cbr.listOperationLogs').map((r) => r.query.operation_type);
      assert.deepEqual(asked, ['replication', undefined], 'refused once, then listed unfiltered');

      await createCheckpoints(SERVER_VAULT); // something new to replicate
      emu.admin.advance(WORK_MS + 1);
      const second = await replicate();
      tracker.track(second);
      emu.admin.resetCounters();
      await pollOnce(tracker, timers);
      assert.deepEqual(emu.admin.requests('cbr.listOperationLogs').map((r) => r.query.operation_type), [undefined], 'not asked with the refused filter again');
    });
  });

  describe('polling schedule', () => {
    it('polls after 2 s, backs off ×1.5 while nothing changes, and stops when nothing is in flight', async () => {
      const [work] = await createCheckpoints(SERVER_VAULT);
      const tracker = newTracker();
      tracker.track(work);
      assert.equal(tracker.isPolling, true);
      const waits: number[] = [];
      for (let i = 0; i < 5; i++) {
        waits.push(await runScheduledPoll());
      }
      assert.deepEqual(waits, [2_000, 3_000, 4_500, 6_750, 10_125]);

      const [second] = await createCheckpoints(DISK_VAULT);
      tracker.track(second);
      assert.equal(timers.queue[0]?.dueIn, 2_000, 'new work resets the backoff');

      emu.admin.advance(WORK_MS + 1);
      await runScheduledPoll();
      assert.equal(tracker.items.length, 0);
      assert.equal(tracker.isPolling, false);
      assert.equal(tracker.state.kind, 'idle');
      assert.equal(timers.queue.length, 0, 'nothing scheduled once idle');
    });

    it('emits a change only when the items change', async () => {
      const [work] = await createCheckpoints(SERVER_VAULT);
      const tracker = newTracker();
      let changes = 0;
      tracker.onDidChange(() => changes++);
      tracker.track(work);
      tracker.track({ ...work, label: 'again' });
      assert.equal(changes, 1, 'tracking the same target twice is one change');
      assert.equal(tracker.items.length, 1);
      await pollOnce(tracker, timers);
      await pollOnce(tracker, timers);
      assert.equal(changes, 1, 'polls that change nothing are silent');
      emu.admin.advance(WORK_MS + 1);
      await pollOnce(tracker, timers);
      assert.equal(changes, 2);
    });

    it('does not report work that was untracked while a poll was on its way, nor report it twice', async () => {
      const [a, b] = await createCheckpoints(SERVER_VAULT);
      const tracker = newTracker();
      const done = finishes(tracker);
      tracker.track(a);
      tracker.track(b);
      emu.admin.advance(WORK_MS + 1);
      const first = pollOnce(tracker, timers); // on its way once this returns
      tracker.pollNow(); // asked again while it runs
      tracker.untrack(a);
      await first;
      await pollOnce(tracker, timers);
      assert.deepEqual(done.map((d) => d.work.label), [b.label]);
    });

    it('does not adopt work that just finished when the tree reports it from a stale page', async () => {
      const [work] = await createCheckpoints(SERVER_VAULT);
      const tracker = newTracker();
      tracker.track(work);
      emu.admin.advance(WORK_MS + 1);
      await pollOnce(tracker, timers);
      assert.equal(tracker.items.length, 0);
      tracker.adopt([work]);
      assert.equal(tracker.items.length, 0, 'ignored');
      tracker.adopt([checkpointWork(DISK_VAULT, randomUUID(), 'from the console')]);
      assert.deepEqual(tracker.items.map((w) => w.label), ['from the console']);
    });
  });

  describe('authentication', () => {
    it('stops on an auth failure, keeps the ids, and resumes after the next sign-in', async () => {
      const [work] = await createCheckpoints(SERVER_VAULT);
      const tracker = newTracker();
      const done = finishes(tracker);
      const states: string[] = [];
      tracker.onDidChangeState((s) => states.push(s.kind));
      tracker.track(work);
      // 401, the token is renewed, 401 again: the credentials are refused.
      emu.admin.addFault({ op: 'cbr.listBackups', status: 401, times: 2 });
      await runScheduledPoll();
      assert.equal(tracker.state.kind, 'authFailed');
      assert.equal(tracker.isPolling, false);
      assert.equal(timers.queue.length, 0, 'no more polls');
      assert.equal(tracker.items.length, 1, 'the work is still followed');
      await settle();
      assert.equal(store.get<{ items: unknown[] }>(TRACKING_STORE_KEY)?.items.length, 1);
      assert.ok(logger.lines.some((l) => /refused the credentials/.test(l)));

      connection.set('signedOut');
      assert.equal(tracker.state.kind, 'authFailed', 'still waiting for a sign-in');
      emu.admin.advance(WORK_MS + 1);
      connection.set('signedIn');
      assert.equal(tracker.state.kind, 'polling');
      assert.equal(timers.queue[0]?.dueIn, 0, 'polls at once after the sign-in');
      await runScheduledPoll();
      assert.deepEqual(done.map((d) => d.outcome), ['success']);
      assert.deepEqual(states, ['polling', 'authFailed', 'polling', 'idle']);
    });

    it('waits while signed out and resumes on sign-in', async () => {
      const [work] = await createCheckpoints(SERVER_VAULT);
      connection.set('signedOut');
      const tracker = newTracker();
      tracker.track(work);
      assert.equal(tracker.state.kind, 'signedOut');
      assert.equal(tracker.isPolling, false);
      connection.set('signedIn');
      assert.equal(tracker.state.kind, 'polling');
      assert.equal(tracker.isPolling, true);
    });
  });

  describe('persistence', () => {
    it('stores only ids and labels, and a new tracker over the same store resumes and finishes them', async () => {
      const [work] = await createCheckpoints(SERVER_VAULT);
      const { backup, jobId } = await session().gaussdb.createBackup({ instanceId: INSTANCE, name: 'manual-0004' });
      const first = newTracker();
      first.track({ ...work, extra: 'not stored', session: session() } as unknown as TrackedWork);
      first.track({ kind: 'gaussBackup', region: R1, instanceId: INSTANCE, backupId: backup.id, jobId, label: backup.name, startedAt: Date.now() });
      await settle();
      const stored = store.get<{ version: number; items: Record<string, unknown>[] }>(TRACKING_STORE_KEY);
      assert.equal(stored?.version, 1);
      assert.deepEqual(stored?.items.map((i) => Object.keys(i).sort()), [
        ['checkpointId', 'kind', 'label', 'region', 'startedAt', 'vaultId'],
        ['backupId', 'instanceId', 'jobId', 'kind', 'label', 'region', 'startedAt'],
      ]);
      const text = JSON.stringify([...store.data.entries()]);
      for (const secret of ['Demo-Passw0rd!', 'X-Auth-Token', 'token']) {
        assert.ok(!text.includes(secret), `the store does not contain ${secret}`);
      }
      first.dispose();

      const second = newTracker();
      const done = finishes(second);
      assert.deepEqual(second.items, first.items);
      assert.equal(second.state.kind, 'polling');
      assert.equal(timers.queue.at(-1)?.dueIn, 0, 'resumes at once');
      emu.admin.advance(WORK_MS + 1);
      await runScheduledPoll();
      assert.deepEqual(done.map((d) => [d.work.kind, d.outcome]), [
        ['checkpoint', 'success'],
        ['gaussBackup', 'success'],
      ]);
      await settle();
      assert.deepEqual(store.get<{ items: unknown[] }>(TRACKING_STORE_KEY)?.items, []);
    });

    it('drops stored items that are malformed or too old', () => {
      const ok = checkpointWork(SERVER_VAULT, randomUUID(), 'ok');
      void store.update(TRACKING_STORE_KEY, {
        version: 1,
        items: [ok, { kind: 'checkpoint', region: R1 }, { kind: 'bogus' }, { ...ok, checkpointId: randomUUID(), startedAt: timers.now() - 8 * 24 * 3_600_000 }, ok],
      });
      const tracker = newTracker();
      assert.deepEqual(tracker.items.map((w) => w.label), ['ok']);
    });

    it('refuses to be used after dispose', () => {
      const tracker = newTracker();
      tracker.dispose();
      assert.throws(() => tracker.track(checkpointWork(SERVER_VAULT, randomUUID())), /after dispose/);
    });
  });
});
