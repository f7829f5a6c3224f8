import { strict as assert } from 'node:assert';
import { CloudApiError, CloudSession, Credentials, RequestLogEntry, SessionOptions } from '../../../src/api';
import { RunningEmulator, startEmulator } from '../../emulator';
import type { SeedData } from '../../emulator';
import { DEMO_CREDENTIALS, DEMO_IDS } from '../../emulator/seeds/demoIds';

const { password: PASSWORD, aksk: AKSK, token: TOKEN } = DEMO_CREDENTIALS;
const PROD_VAULT = DEMO_IDS.prodVault;
const INSTANCE = DEMO_IDS.instance;
const REGION = 'ap-southeast-1';

async function expectError(promise: Promise<unknown>, check: (e: CloudApiError) => void): Promise<CloudApiError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof CloudApiError, `expected a CloudApiError, got ${String(err)}`);
    check(err);
    return err;
  }
  assert.fail('expected the call to fail');
}

describe('api against the emulator (real HTTP on loopback)', function () {
  this.timeout(30_000);
  let emu: RunningEmulator;
  let log: RequestLogEntry[];

  const session = (credentials: Credentials = PASSWORD, extra: Partial<SessionOptions> = {}): CloudSession =>
    CloudSession.create({
      cloud: 'custom',
      region: REGION,
      endpointOverrides: emu.endpoints,
      credentials,
      onRequest: (e) => log.push(e),
      retry: { baseDelayMs: 10, maxDelayMs: 50 },
      ...extra,
    });

  before(async () => {
    emu = await startEmulator({ port: 0, timing: { checkpointProtectingMs: 1000, gaussBackupBuildingMs: 1000, replicationMs: 1000 } });
  });
  after(async () => emu.close());
  beforeEach(() => {
    emu.admin.reset();
    log = [];
  });

  describe('authentication', () => {
    for (const [name, credentials] of [['IAM password', PASSWORD], ['AK/SK', AKSK], ['IAM token', TOKEN]] as const) {
      it(`verifies ${name} credentials and finds the project by region`, async () => {
        const { projectId } = await session(credentials).verify();
        assert.equal(projectId, '0605767b5780d5762fc5c0118072a564');
      });
    }

    it('refuses a wrong password with an auth error naming the status', async () => {
      await expectError(session({ ...PASSWORD, password: 'wrong-password' }).verify(), (e) => {
        assert.equal(e.kind, 'auth');
        assert.equal(e.httpStatus, 401);
        assert.ok(e.requestId, 'keeps the request id');
        assert.ok(!e.message.includes('wrong-password'));
      });
    });

    it('refuses a wrong secret key (signature mismatch)', async () => {
      await expectError(session({ ...AKSK, secretKey: 'x'.repeat(40) }).verify(), (e) => assert.equal(e.kind, 'auth'));
    });

    it('issue 13: a still-valid token handed over (another window) is used with no exchange; a new one is handed back', async () => {
      const issued: { token: string; expiresAt: Date }[] = [];
      const first = session(PASSWORD, { tokenReuse: { onIssued: (t) => issued.push(t) } });
      await first.cbr.listVaults();
      assert.equal(issued.length, 1, 'the exchanged token is handed to onIssued');
      const before = emu.admin.count('iam.createToken');
      const reopened = session(PASSWORD, { tokenReuse: { issued: issued[0], onIssued: (t) => issued.push(t) } });
      const { vaults } = await reopened.cbr.listVaults();
      assert.ok(vaults.length > 0);
      assert.equal(emu.admin.count('iam.createToken') - before, 0, 'no token request');
      emu.admin.expireTokens();
      await reopened.cbr.listVaults();
      assert.equal(emu.admin.count('iam.createToken') - before, 1, 'a refused token is exchanged once');
      assert.equal(issued.length, 2, 'and the new one is handed back');
    });

    it('renews an expired password token once and carries on', async () => {
      const s = session();
      await s.cbr.listVaults();
      emu.admin.expireTokens();
      const before = emu.admin.count('iam.createToken');
      const { vaults } = await s.cbr.listVaults();
      assert.ok(vaults.length > 0);
      assert.equal(emu.admin.count('iam.createToken') - before, 1, 'one new token');
    });

    it('does not loop when a fixed token is rejected', async () => {
      const s = session(TOKEN);
      await s.getProjectId();
      emu.admin.resetCounters();
      emu.admin.addFault({ op: 'cbr.listVaults', expireToken: true, times: 5 });
      await expectError(s.cbr.listVaults(), (e) => {
        assert.equal(e.kind, 'auth');
        assert.equal(e.errorCode, 'APIGW.0301');
      });
      assert.equal(emu.admin.count('cbr.listVaults'), 1);
    });

    it('reports several projects with the region name as an error instead of guessing', async () => {
      const seed: SeedData = structuredClone(emu.seed);
      seed.projects.push({ ...seed.projects.find((p) => p.name === REGION)!, id: 'ffffffffffffffffffffffffffffffff' });
      const dup = await startEmulator({ port: 0, seed });
      try {
        const s = CloudSession.create({ cloud: 'custom', region: REGION, endpointOverrides: dup.endpoints, credentials: AKSK });
        await expectError(s.getProjectId(), (e) => assert.match(e.message, /2 projects are named "ap-southeast-1".*cbr\.projectIds/));
      } finally {
        await dup.close();
      }
    });

    it('uses a configured project id without looking it up', async () => {
      await session(AKSK, { projectId: '0605767b5780d5762fc5c0118072a564' }).cbr.listVaults();
      assert.equal(emu.admin.count('iam.listProjects'), 0);
    });
  });

  describe('CBR', () => {
    it('lists vaults with paging and the total count', async () => {
      const s = session(AKSK);
      const first = await s.cbr.listVaults({ limit: 2, offset: 0 });
      const second = await s.cbr.listVaults({ limit: 2, offset: 2 });
      assert.equal(first.count, 3);
      assert.equal(first.vaults.length, 2);
      assert.equal(second.vaults.length, 1);
      const names = [...first.vaults, ...second.vaults].map((v) => v.name).sort();
      assert.deepEqual(names, ['vault-data-disks', 'vault-prod-servers', 'vault-staging']);
    });

    it('shows a vault with billing in the documented units, and 404 for an unknown one', async () => {
      const s = session(AKSK);
      const vault = await s.cbr.showVault(PROD_VAULT);
      assert.equal(vault.name, 'vault-prod-servers');
      assert.equal(vault.billing.objectType, 'server');
      assert.equal(typeof vault.billing.size, 'number');
      assert.equal(vault.resources.length, 2);
      await expectError(s.cbr.showVault('00000000-0000-4000-8000-000000000000'), (e) => {
        assert.equal(e.kind, 'notFound');
        assert.equal(e.errorCode, 'BackupService.6105');
      });
    });

    it('walks the seed 004 flow: create vault, associate a server, create and show a restore point', async () => {
      const s = session(PASSWORD);
      const servers = await s.cbr.listProtectables('server');
      const free = servers.instances.find((i) => i.protectable);
      assert.ok(free, 'a server not yet in a vault');
      const taken = servers.instances.find((i) => !i.protectable);
      assert.match(taken?.reason ?? '', /vault/);
      const vault = await s.cbr.createVault({ name: 'my_vault', objectType: 'server', sizeGb: 200 });
      assert.equal(vault.billing.size, 200);
      assert.deepEqual(await s.cbr.addResources(vault.id, [{ id: free.id, type: free.type, name: free.name }]), [free.id]);
      const checkpoint = await s.cbr.createCheckpoint({ vaultId: vault.id, name: 'backup_auto', description: 'backupauto' });
      assert.equal(checkpoint.status, 'protecting');
      assert.equal(checkpoint.vault?.resources[0]?.id, free.id);
      const body = emu.admin.requests('cbr.createCheckpoint').at(-1)?.body as { checkpoint: { vault_id: string; parameters: Record<string, unknown> } };
      assert.deepEqual(body, { checkpoint: { vault_id: vault.id, parameters: { auto_trigger: false, incremental: true, name: 'backup_auto', description: 'backupauto' } } });
      emu.admin.advance(1500);
      assert.equal((await s.cbr.showCheckpoint(checkpoint.id)).status, 'available');
      const backups = await s.cbr.listBackups({ checkpointId: checkpoint.id });
      assert.deepEqual(backups.backups.map((b) => b.status), ['available']);
      const shown = await s.cbr.showBackup(backups.backups[0].id);
      assert.deepEqual([shown.checkpointId, shown.resourceId, shown.vaultId, shown.name], [checkpoint.id, free.id, vault.id, 'backup_auto']);
      const removed = await s.cbr.removeResources(vault.id, [free.id]);
      assert.deepEqual(removed, [free.id]);
    });

    it('returns resources already being backed up as skipped', async () => {
      const s = session(AKSK);
      await s.cbr.createCheckpoint({ vaultId: PROD_VAULT, name: 'first' });
      const second = await s.cbr.createCheckpoint({ vaultId: PROD_VAULT, name: 'second' });
      assert.equal(second.vault?.skippedResources.length, 2);
      assert.match(second.vault?.skippedResources[0]?.reason ?? '', /being backed up/i);
    });

    it('filters backups by repeatable status and sorts them', async () => {
      const s = session(AKSK);
      await s.cbr.createCheckpoint({ vaultId: PROD_VAULT, name: 'now' });
      const inFlight = await s.cbr.listBackups({ vaultId: PROD_VAULT, status: ['protecting', 'waiting_protect'] });
      assert.equal(inFlight.backups.length, 2);
      assert.ok(inFlight.backups.every((b) => b.status === 'protecting'));
      const sent = emu.admin.requests('cbr.listBackups').at(-1);
      assert.deepEqual(sent?.query.status, ['protecting', 'waiting_protect']);
      const all = await s.cbr.listBackups({ vaultId: PROD_VAULT, sort: 'created_at:desc' });
      const times = all.backups.map((b) => b.createdAt?.getTime() ?? 0);
      assert.deepEqual(times, [...times].sort((a, b) => b - a));
      const asc = await s.cbr.listBackups({ vaultId: PROD_VAULT, sort: 'created_at:asc', limit: 1 });
      assert.equal(asc.backups[0]?.createdAt?.getTime(), Math.min(...times), 'ascending starts with the oldest');
    });

    it('lists replication records on Huawei Cloud only with show_replication=true', async () => {
      const s = session(AKSK);
      const dest = s.forRegion('ap-southeast-2');
      const target = (await dest.cbr.listVaults({ protectType: 'replication' })).vaults[0];
      assert.ok(target);
      const replication = await s.cbr.replicate({ vaultId: PROD_VAULT, destinationRegion: 'ap-southeast-2', destinationProjectId: await dest.getProjectId(), destinationVaultId: target.id });
      const copied = replication.backups[0]?.backupId;
      const plain = await s.cbr.listBackups({ vaultId: PROD_VAULT });
      assert.deepEqual(plain.backups.find((b) => b.id === copied)?.replicationRecords, [], 'none without the parameter');
      const withRecords = await s.cbr.listBackups({ vaultId: PROD_VAULT, showReplication: true });
      assert.equal(emu.admin.requests('cbr.listBackups').at(-1)?.query.show_replication, 'true');
      assert.equal(withRecords.backups.find((b) => b.id === copied)?.replicationRecords.length, 1);
    });

    it('replicates to another region and follows it through operation logs', async () => {
      const s = session(AKSK);
      const caps = await s.cbr.replicationCapabilities();
      assert.deepEqual(caps.regions.find((r) => r.name === REGION)?.replicationDestinations, ['ap-southeast-2']);
      const dest = s.forRegion('ap-southeast-2');
      const replicationVaults = await dest.cbr.listVaults({ protectType: 'replication' });
      const target = replicationVaults.vaults[0];
      assert.ok(target);
      const replication = await s.cbr.replicate({ vaultId: PROD_VAULT, destinationRegion: 'ap-southeast-2', destinationProjectId: await dest.getProjectId(), destinationVaultId: target.id });
      assert.ok(replication.backups.length > 0);
      const running = await s.cbr.listOperationLogs({ operationType: 'replication', vaultId: PROD_VAULT });
      assert.ok(running.operationLogs.some((o) => o.status === 'running' && o.replication?.sourceBackupId === replication.backups[0]?.backupId));
      emu.admin.advance(1500);
      const done = await s.cbr.listOperationLogs({ operationType: 'replication', vaultId: PROD_VAULT });
      assert.ok(done.operationLogs.filter((o) => o.operationType === 'replication').every((o) => o.status === 'success'));
      const replicas = await dest.cbr.listBackups({ vaultId: target.id, imageType: 'replication' });
      assert.equal(replicas.backups.length, replication.backups.length);
    });

    it('reports a destination vault that cannot receive replicas', async () => {
      const s = session(AKSK);
      const dest = s.forRegion('ap-southeast-2');
      const backupVault = (await dest.cbr.listVaults({ protectType: 'backup' })).vaults[0];
      await expectError(s.cbr.replicate({ vaultId: PROD_VAULT, destinationRegion: 'ap-southeast-2', destinationProjectId: await dest.getProjectId(), destinationVaultId: backupVault.id }), (e) => {
        assert.match(e.errorCode ?? '', /^BackupService\.61(19|20)$/);
        assert.equal(e.outcomeUnknown, false);
      });
    });
  });

  describe('GaussDB(for MySQL)', () => {
    it('lists instances and backups, makes a manual backup and follows its job', async () => {
      const s = session(PASSWORD);
      const { instances } = await s.gaussdb.listInstances();
      assert.equal(instances[0]?.id, INSTANCE);
      const before = await s.gaussdb.listBackups({ instanceId: INSTANCE });
      const created = await s.gaussdb.createBackup({ instanceId: INSTANCE, name: 'manual-20261123-1530', description: 'before upgrade' });
      assert.equal(created.backup.status, 'BUILDING');
      assert.equal((await s.gaussdb.showJob(created.jobId)).status, 'Running');
      emu.admin.advance(1500);
      assert.equal((await s.gaussdb.showJob(created.jobId)).status, 'Completed');
      const after = await s.gaussdb.listBackups({ instanceId: INSTANCE });
      assert.equal(after.totalCount, before.totalCount + 1);
      assert.equal(after.backups.find((b) => b.id === created.backup.id)?.status, 'COMPLETED');
    });

    it('refuses an invalid name before sending anything', async () => {
      const s = session(PASSWORD);
      await assert.rejects(s.gaussdb.createBackup({ instanceId: INSTANCE, name: '1abc' }), /start with a letter/);
      await assert.rejects(s.gaussdb.createBackup({ instanceId: INSTANCE, name: 'good-name', description: 'a<b' }), /must not contain </);
      assert.equal(emu.admin.count('gaussdb.createBackup'), 0);
    });
  });

  describe('errors, retries and unknown outcomes', () => {
    it('retries a read on 503 and succeeds: two requests', async () => {
      const s = session(AKSK);
      await s.getProjectId();
      emu.admin.addFault({ op: 'cbr.listVaults', status: 503 });
      const { vaults } = await s.cbr.listVaults();
      assert.ok(vaults.length > 0);
      assert.equal(emu.admin.count('cbr.listVaults'), 2);
      assert.deepEqual(log.filter((l) => l.path.includes('/vaults')).map((l) => l.status), [503, 200]);
    });

    it('gives up on a read after a few attempts with a server error', async () => {
      const s = session(AKSK);
      await s.getProjectId();
      emu.admin.addFault({ op: 'cbr.listVaults', status: 500, times: 10 });
      await expectError(s.cbr.listVaults(), (e) => {
        assert.equal(e.kind, 'server');
        assert.equal(e.httpStatus, 500);
        assert.ok(e.requestId);
      });
      assert.equal(emu.admin.count('cbr.listVaults'), 3);
    });

    it('does not retry 501', async () => {
      const s = session(AKSK);
      await s.getProjectId();
      emu.admin.addFault({ op: 'cbr.listVaults', status: 501, times: 5 });
      await assert.rejects(s.cbr.listVaults());
      assert.equal(emu.admin.count('cbr.listVaults'), 1);
    });

    it('honours Retry-After on 429 (reads and writes alike)', async () => {
      const s = session(AKSK);
      await s.getProjectId();
      emu.admin.addFault({ op: 'cbr.createCheckpoint', status: 429, retryAfter: 1 });
      const started = Date.now();
      const checkpoint = await s.cbr.createCheckpoint({ vaultId: PROD_VAULT, name: 'after-throttle' });
      assert.ok(Date.now() - started >= 900, 'waited about a second');
      assert.equal(checkpoint.status, 'protecting');
      assert.equal(emu.admin.count('cbr.createCheckpoint'), 2, 'the throttled write was refused by the gateway, then sent once more');
    });

    it('sends a write once on 503 and says its outcome is unknown', async () => {
      const s = session(AKSK);
      await s.getProjectId();
      emu.admin.addFault({ op: 'cbr.createCheckpoint', status: 503 });
      await expectError(s.cbr.createCheckpoint({ vaultId: PROD_VAULT, name: 'maybe' }), (e) => {
        assert.equal(e.outcomeUnknown, true);
        assert.match(e.message, /may or may not have been carried out/);
      });
      assert.equal(emu.admin.count('cbr.createCheckpoint'), 1);
    });

    it('sends a write once when the connection drops after it was applied; reconciliation finds what it created', async () => {
      const s = session(AKSK);
      await s.getProjectId();
      const notBefore = new Date();
      emu.admin.addFault({ op: 'cbr.createCheckpoint', drop: true, afterApply: true });
      await expectError(s.cbr.createCheckpoint({ vaultId: PROD_VAULT, name: 'dropped-write' }), (e) => {
        assert.equal(e.kind, 'network');
        assert.equal(e.outcomeUnknown, true);
      });
      assert.equal(emu.admin.count('cbr.createCheckpoint'), 1);
      const found = await s.cbr.findCheckpointCreatedBy({ vaultId: PROD_VAULT, name: 'dropped-write', notBefore });
      assert.ok(found, 'the checkpoint was created');
      assert.equal(found.backups.length, 2);
      assert.equal(await s.cbr.findCheckpointCreatedBy({ vaultId: PROD_VAULT, name: 'never-sent', notBefore }), undefined);
    });

    it('reconciles a GaussDB backup whose answer was lost', async () => {
      const s = session(AKSK);
      await s.getProjectId();
      const notBefore = new Date();
      emu.admin.addFault({ op: 'gaussdb.createBackup', drop: true, afterApply: true });
      await expectError(s.gaussdb.createBackup({ instanceId: INSTANCE, name: 'lost-answer' }), (e) => assert.equal(e.outcomeUnknown, true));
      assert.equal(emu.admin.count('gaussdb.createBackup'), 1);
      assert.equal((await s.gaussdb.findBackupCreatedBy({ instanceId: INSTANCE, name: 'lost-answer', notBefore }))?.name, 'lost-answer');
    });

    it('reconciles to the newest backup of that name, whatever order the cloud lists them in', async () => {
      // A cloud that lists oldest first (the order is not documented): the list answer reversed.
      const oldestFirst: SessionOptions['fetch'] = async (url, init) => {
        const res = await fetch(url, init);
        const text = await res.text();
        const body = url.includes('/backups?') && res.ok ? JSON.stringify({ ...(JSON.parse(text) as object), backups: [...(JSON.parse(text) as { backups: unknown[] }).backups].reverse() }) : text;
        return new Response(body, { status: res.status, headers: res.headers });
      };
      const s = session(AKSK, { fetch: oldestFirst });
      await s.getProjectId();
      const notBefore = new Date();
      const earlier = await s.gaussdb.createBackup({ instanceId: INSTANCE, name: 'same-name' });
      emu.admin.advance(60_000);
      emu.admin.addFault({ op: 'gaussdb.createBackup', drop: true, afterApply: true });
      await expectError(s.gaussdb.createBackup({ instanceId: INSTANCE, name: 'same-name' }), (e) => assert.equal(e.outcomeUnknown, true));
      const found = await s.gaussdb.findBackupCreatedBy({ instanceId: INSTANCE, name: 'same-name', notBefore });
      assert.ok(found);
      assert.notEqual(found.id, earlier.backup.id, 'not the backup made a minute before');
    });

    it('on the OTC profile (no name filter) finds the lost backup among more than a page, listed oldest first', async () => {
      emu.admin.setCloud('opentelekomcloud');
      try {
        // A cloud that lists oldest first (the order is undocumented): each page is cut from the reversed list.
        const oldestFirst: SessionOptions['fetch'] = async (url, init) => {
          if (!url.includes('/backups?')) {
            return fetch(url, init);
          }
          const u = new URL(url);
          const offset = Number(u.searchParams.get('offset') ?? 0);
          const limit = Number(u.searchParams.get('limit') ?? 100);
          u.searchParams.set('offset', '0');
          u.searchParams.set('limit', '1');
          const total = ((await (await fetch(u.toString(), init)).json()) as { total_count: number }).total_count;
          u.searchParams.set('offset', String(Math.max(0, total - offset - limit)));
          u.searchParams.set('limit', String(Math.max(1, Math.min(limit, total - offset))));
          const res = await fetch(u.toString(), init);
          const page = (await res.json()) as { backups: unknown[]; total_count: number };
          const backups = total - offset <= 0 ? [] : [...page.backups].reverse();
          return new Response(JSON.stringify({ ...page, backups }), { status: res.status, headers: { 'content-type': 'application/json' } });
        };
        // A password session: rewriting the query would break an AK/SK signature.
        const s = session(PASSWORD, { fetch: oldestFirst });
        await s.getProjectId();
        for (let i = 0; i < 105; i++) {
          await s.gaussdb.createBackup({ instanceId: INSTANCE, name: `filler-${String(i).padStart(3, '0')}` });
          emu.admin.advance(1_000);
        }
        const notBefore = new Date();
        emu.admin.addFault({ op: 'gaussdb.createBackup', drop: true, afterApply: true });
        await expectError(s.gaussdb.createBackup({ instanceId: INSTANCE, name: 'lost-among-many' }), (e) => assert.equal(e.outcomeUnknown, true));
        const found = await s.gaussdb.findBackupCreatedBy({ instanceId: INSTANCE, name: 'lost-among-many', notBefore });
        assert.equal(found?.name, 'lost-among-many');
      } finally {
        emu.admin.setCloud('huaweicloud');
      }
    });

    it('times out a slow request; a read is retried, a write is not', async () => {
      const s = session(AKSK, { timeoutMs: 200 });
      await s.getProjectId();
      emu.admin.addFault({ op: 'cbr.listVaults', delayMs: 600 });
      await s.cbr.listVaults();
      assert.equal(emu.admin.count('cbr.listVaults'), 2);
      emu.admin.addFault({ op: 'cbr.createCheckpoint', delayMs: 600 });
      await expectError(s.cbr.createCheckpoint({ vaultId: PROD_VAULT, name: 'slow' }), (e) => {
        assert.equal(e.kind, 'timeout');
        assert.equal(e.outcomeUnknown, true);
      });
      assert.equal(emu.admin.count('cbr.createCheckpoint'), 1);
    });

    it('is cancelled by the caller and never retried', async () => {
      const s = session(AKSK);
      await s.getProjectId();
      emu.admin.addFault({ op: 'cbr.listVaults', delayMs: 1000 });
      const abort = new AbortController();
      setTimeout(() => abort.abort(), 100);
      await expectError(s.cbr.listVaults({}, { signal: abort.signal }), (e) => assert.equal(e.kind, 'cancelled'));
      assert.equal(emu.admin.count('cbr.listVaults'), 1);
    });

    it('maps 403 and 429 to their kinds with code and request id', async () => {
      const s = session(AKSK);
      await s.getProjectId();
      emu.admin.addFault({ op: 'cbr.listVaults', status: 403, body: { error_code: 'BackupService.8600', error_msg: 'Not authenticated' } });
      await expectError(s.cbr.listVaults(), (e) => assert.deepEqual([e.kind, e.errorCode, e.httpStatus], ['forbidden', 'BackupService.8600', 403]));
      emu.admin.addFault({ op: 'cbr.listVaults', status: 429, times: 5 });
      await expectError(s.cbr.listVaults(), (e) => assert.deepEqual([e.kind, e.httpStatus], ['throttled', 429]));
    });

    it('turns malformed JSON and a body that breaks the schema into schema errors naming the field', async () => {
      const s = session(AKSK);
      await s.getProjectId();
      emu.admin.addFault({ op: 'cbr.listVaults', malformedJson: true });
      await expectError(s.cbr.listVaults(), (e) => assert.equal(e.kind, 'schema'));
      emu.admin.addFault({ op: 'cbr.listVaults', breakSchema: true });
      await expectError(s.cbr.listVaults(), (e) => {
        assert.equal(e.kind, 'schema');
        assert.equal(e.fieldPath, 'vaults');
        assert.match(e.message, /"vaults"/);
      });
    });

    it('logs every request with method, path, status, request id and duration, and no secret', async () => {
      await session(PASSWORD).cbr.listVaults();
      await session(AKSK).cbr.listVaults();
      await session(TOKEN).cbr.listVaults();
      assert.ok(log.length >= 4);
      for (const entry of log) {
        assert.match(entry.method, /^(GET|POST)$/);
        assert.ok(entry.requestId && /^[0-9a-f]{32}$/.test(entry.requestId));
        assert.ok(entry.durationMs >= 0);
      }
      const text = JSON.stringify(log);
      for (const secret of ['Demo-Passw0rd!', 'demoSecretKey000000000000000000000000001', 'demo-static-token-0001']) {
        assert.ok(!text.includes(secret));
      }
    });

    it('refuses bad input before sending anything', async () => {
      const s = session(AKSK);
      await assert.rejects(s.cbr.createCheckpoint({ vaultId: PROD_VAULT, name: 'x'.repeat(65) }), /at most 64/);
      await assert.rejects(s.cbr.createCheckpoint({ vaultId: 'not-a-uuid' }), /not a UUID/);
      assert.equal(emu.admin.count('cbr.createCheckpoint'), 0);
      assert.throws(() => CloudSession.create({ cloud: 'custom', region: REGION, endpointOverrides: { iam: 'http://cbr.example.com', cbr: 'https://a.b', gaussdb: 'https://a.b' }, credentials: AKSK }), /https/);
      assert.throws(() => CloudSession.create({ cloud: 'huaweicloud', region: REGION, credentials: { kind: 'aksk', accessKey: '', secretKey: 'x' } }), /access key/);
    });
  });
});
