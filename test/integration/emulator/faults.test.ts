/* eslint-disable @typescript-eslint/no-unsafe-argument --
   response bodies are untyped JSON (helpers.Json); the assertions are the type check. */
import { strict as assert } from 'node:assert';
import type { RunningEmulator } from '../../emulator/index';
import { call, Client, IDS, R1, R2, start, tokenRequest } from './helpers';

describe('emulator: faults, counters and admin API', () => {
  let emu: RunningEmulator;
  let cbr: Client;
  beforeEach(async () => {
    emu = await start();
    cbr = await Client.signIn(emu);
  });
  afterEach(async () => {
    await emu.close();
  });

  const createCheckpoint = (): ReturnType<Client['cbr']> =>
    cbr.cbr('/checkpoints', { method: 'POST', body: { checkpoint: { vault_id: IDS.diskVault } } });

  it('answers with an injected status and CBR-shaped body, then recovers', async () => {
    emu.admin.addFault({ op: 'cbr.listVaults', status: 500, times: 2 });
    for (let i = 0; i < 2; i++) {
      const res = await cbr.cbr('/vaults');
      assert.equal(res.status, 500);
      assert.equal(res.body.error_code, 'BackupService.9910');
      assert.equal(typeof res.body.error_msg, 'string');
    }
    assert.equal((await cbr.cbr('/vaults')).status, 200);
    assert.equal(emu.admin.count('cbr.listVaults'), 3);
  });

  it('uses a given body and headers', async () => {
    emu.admin.addFault({ op: 'cbr.showVault', status: 400, body: { error_code: 'BackupService.6105', error_msg: 'Vault not found' }, headers: { 'X-Extra': 'yes' } });
    const res = await cbr.cbr(`/vaults/${IDS.serverVault}`);
    assert.equal(res.status, 400);
    assert.deepEqual(res.body, { error_code: 'BackupService.6105', error_msg: 'Vault not found' });
    assert.equal(res.headers.get('x-extra'), 'yes');
  });

  it('throttles with 429 APIGW.0308 and Retry-After', async () => {
    emu.admin.addFault({ op: 'cbr.listBackups', retryAfter: 3 });
    const res = await cbr.cbr('/backups');
    assert.equal(res.status, 429);
    assert.equal(res.headers.get('retry-after'), '3');
    assert.equal(res.body.error_code, 'APIGW.0308');
  });

  it('faults only the named region', async () => {
    emu.admin.addFault({ op: 'cbr.listVaults', region: R2, status: 503 });
    assert.equal((await cbr.cbr('/vaults')).status, 200);
    const r2 = await Client.signIn(emu, R2);
    const res = await r2.cbr('/vaults');
    assert.equal(res.status, 503);
    assert.equal(emu.admin.count('cbr.listVaults', R1), 1);
    assert.equal(emu.admin.count('cbr.listVaults', R2), 1);
    assert.deepEqual(emu.admin.counters().byRegion[R2], { 'cbr.listVaults': 1 });
  });

  it('delays the answer', async () => {
    emu.admin.addFault({ op: 'cbr.listVaults', delayMs: 200 });
    const t0 = Date.now();
    assert.equal((await cbr.cbr('/vaults')).status, 200);
    assert.ok(Date.now() - t0 >= 190);
  });

  it('drops the connection without applying the request', async () => {
    emu.admin.addFault({ op: 'cbr.createCheckpoint', drop: true });
    await assert.rejects(createCheckpoint());
    assert.equal(emu.admin.count('cbr.createCheckpoint'), 1, 'this POST reached the server exactly once');
    assert.equal((await cbr.cbr('/backups?status=protecting')).body.count, 0);
  });

  it('drops the connection after applying the request (outcome unknown)', async () => {
    emu.admin.addFault({ op: 'cbr.createCheckpoint', drop: true, afterApply: true });
    await assert.rejects(createCheckpoint());
    assert.equal(emu.admin.count('cbr.createCheckpoint'), 1);
    assert.equal((await cbr.cbr('/backups?status=protecting')).body.count, 2);
  });

  it('answers with truncated JSON', async () => {
    emu.admin.addFault({ op: 'cbr.listVaults', malformedJson: true });
    const res = await cbr.cbr('/vaults');
    assert.equal(res.status, 200);
    assert.equal(res.body, undefined);
    assert.throws(() => JSON.parse(res.text) as unknown);
    assert.ok(res.text.startsWith('{"vaults":'));
  });

  it('answers with a body that breaks the schema', async () => {
    emu.admin.addFault({ op: 'cbr.listVaults', breakSchema: true });
    const list = await cbr.cbr('/vaults');
    assert.equal(list.status, 200);
    assert.equal(list.body.vaults, 'oops');
    emu.admin.addFault({ op: 'cbr.createCheckpoint', breakSchema: true });
    const cp = await createCheckpoint();
    assert.equal(cp.body.checkpoint.id, 42);
  });

  it('answers as for an expired token, and the token stays dead', async () => {
    emu.admin.addFault({ op: 'cbr.listBackups', expireToken: true });
    const res = await cbr.cbr('/backups');
    assert.equal(res.status, 401);
    assert.equal(res.body.error_code, 'APIGW.0301');
    assert.equal((await cbr.cbr('/vaults')).status, 401);
    assert.equal((await (await Client.signIn(emu)).cbr('/vaults')).status, 200);
  });

  it('faults IAM and GaussDB in their own shapes', async () => {
    emu.admin.addFault({ op: 'iam.createToken', status: 400 });
    const iam = await call(`${emu.url}/iam/v3/auth/tokens`, { method: 'POST', body: tokenRequest() });
    assert.equal(iam.body.error.code, 400);
    emu.admin.addFault({ op: 'gaussdb.createBackup', status: 400 });
    const gauss = await cbr.gauss('/backups/create', { method: 'POST', body: { instance_id: IDS.gaussInstance, name: 'backup-x' } });
    assert.equal(gauss.body.error_code, 'DBS.200001');
  });

  it('records recent requests with secrets redacted', async () => {
    await call(`${emu.url}/iam/v3/auth/tokens`, { method: 'POST', body: tokenRequest() });
    await createCheckpoint();
    const [req] = emu.admin.requests('cbr.createCheckpoint');
    assert.equal(req?.method, 'POST');
    assert.equal(req?.headers['x-auth-token'], '***');
    assert.deepEqual(req?.body, { checkpoint: { vault_id: IDS.diskVault } });
    const token = emu.admin.requests('iam.createToken').at(-1);
    assert.equal((token?.body as { auth: { identity: { password: { user: { password: string } } } } }).auth.identity.password.user.password, '***');
    await cbr.cbr('/backups?status=available&status=error');
    assert.deepEqual(emu.admin.requests('cbr.listBackups').at(-1)?.query, { status: ['available', 'error'] });
  });

  it('puts a 32-hex X-Request-Id on every response', async () => {
    emu.admin.addFault({ op: 'cbr.listVaults', status: 500 });
    const responses = [
      await cbr.cbr('/vaults'),
      await cbr.cbr('/vaults'),
      await cbr.cbr('/vaults/11111111-2222-4333-8444-555555555555'),
      await call(`${emu.url}/${R1}/cbr/v3/x/vaults`),
      await call(`${emu.url}/nowhere`),
      await call(`${emu.url}/iam/v3/auth/tokens`, { method: 'POST', body: tokenRequest(R1, 'bad') }),
      await call(`${emu.url}/__admin/counters`),
      await call(`${emu.url}/__admin/nothing`),
    ];
    const ids = responses.map((r) => r.headers.get('x-request-id') ?? '');
    for (const id of ids) {
      assert.match(id, /^[0-9a-f]{32}$/);
    }
    assert.equal(new Set(ids).size, ids.length);
  });

  describe('fault kinds for the fault matrix', () => {
    it('redirects to a second listener that counts what reaches it', async () => {
      emu.admin.addFault({ op: 'cbr.listVaults', redirect: 307 });
      const res = await fetch(`${emu.url}/${R1}/cbr/v3/${IDS.serverVault}/x`, { redirect: 'manual' });
      assert.equal(res.status, 404, 'unrelated path: no fault');
      const redirected = await fetch(`${emu.url}/${R1}/cbr/v3/0605767b5780d5762fc5c0118072a564/vaults?limit=1`, { redirect: 'manual', headers: { 'X-Auth-Token': 'secret-token' } });
      assert.equal(redirected.status, 307);
      const location = redirected.headers.get('location') ?? '';
      assert.ok(location.startsWith(emu.admin.elsewhere().url), location);
      assert.ok(location.endsWith('/vaults?limit=1'));
      assert.equal(emu.admin.elsewhere().count, 0);
      await fetch(location, { headers: { 'X-Auth-Token': 'secret-token' } });
      const hits = emu.admin.elsewhere();
      assert.equal(hits.count, 1);
      assert.equal(hits.requests[0]?.carried.authToken, true);
      assert.equal(new URL(hits.url).hostname, '127.0.0.1');
    });

    it('sends a 5xx with a raw body that names no code, or an empty one', async () => {
      emu.admin.addFault({ op: 'cbr.listVaults', status: 502, rawBody: '<html><body>502 Bad Gateway</body></html>' });
      const html = await cbr.cbr('/vaults');
      assert.equal(html.status, 502);
      assert.match(html.headers.get('content-type') ?? '', /text\/html/);
      assert.match(html.text, /Bad Gateway/);
      emu.admin.addFault({ op: 'cbr.listVaults', status: 500, rawBody: '', contentType: 'application/json' });
      const empty = await cbr.cbr('/vaults');
      assert.deepEqual([empty.status, empty.text], [500, '']);
      assert.throws(() => emu.admin.addFault({ op: 'cbr.listVaults', rawBody: 'x' }), /needs a status/);
    });

    it('applies a write and then answers with a 5xx', async () => {
      emu.admin.addFault({ op: 'cbr.createCheckpoint', status: 500, rawBody: '', afterApply: true });
      assert.equal((await createCheckpoint()).status, 500);
      assert.equal(emu.admin.applied('cbr.createCheckpoint'), 1);
      assert.equal((await cbr.cbr('/backups?status=protecting')).body.count, 2);
    });

    it('answers with an oversized body, streamed', async () => {
      emu.admin.addFault({ op: 'cbr.listVaults', oversizeBytes: 3 * 1024 * 1024 });
      const res = await cbr.cbr('/vaults');
      assert.equal(res.status, 200);
      assert.equal(res.text.length, 3 * 1024 * 1024);
      assert.ok(Array.isArray(res.body.vaults), 'still the real answer, padded');
      assert.throws(() => emu.admin.addFault({ op: 'cbr.listVaults', oversizeBytes: 1e12 }), /oversizeBytes/);
    });

    it('trickles a body over the given time', async () => {
      emu.admin.addFault({ op: 'cbr.listVaults', trickleMs: 400 });
      const t0 = Date.now();
      const res = await cbr.cbr('/vaults');
      assert.ok(Date.now() - t0 >= 350, 'took about the trickle time');
      assert.equal(res.body.count, 3);
    });

    it('lands a write late: the answer is lost at once and the change is made later', async () => {
      emu.admin.addFault({ op: 'cbr.createCheckpoint', lateApplyMs: 300 });
      await assert.rejects(createCheckpoint());
      assert.deepEqual(emu.admin.lateWrites(), { pending: 1, landed: 0 });
      assert.equal((await cbr.cbr('/backups?status=protecting')).body.count, 0, 'not yet');
      await new Promise((r) => setTimeout(r, 400));
      assert.deepEqual(emu.admin.lateWrites(), { pending: 0, landed: 1 });
      assert.equal((await cbr.cbr('/backups?status=protecting')).body.count, 2, 'landed');
      assert.equal(emu.admin.count('cbr.createCheckpoint'), 1);
    });

    it('cancels late writes on reset, so nothing changes after a test', async () => {
      emu.admin.addFault({ op: 'cbr.createCheckpoint', lateApplyMs: 200 });
      await assert.rejects(createCheckpoint());
      emu.admin.reset();
      await new Promise((r) => setTimeout(r, 300));
      assert.deepEqual(emu.admin.lateWrites(), { pending: 0, landed: 0 });
    });

    it('rate-limits a region like the gateway: 429 APIG.0308, with or without Retry-After', async () => {
      emu.admin.setRateLimit({ perSecond: 3, region: R1 });
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        statuses.push((await cbr.cbr('/vaults')).status);
      }
      assert.deepEqual(statuses.slice(0, 3), [200, 200, 200]);
      const refused = await cbr.cbr('/vaults');
      assert.deepEqual([refused.status, refused.body.error_code, refused.headers.get('retry-after')], [429, 'APIG.0308', null]);
      assert.match(refused.body.error_msg, /limit:3,time:1 second/);
      assert.ok(emu.admin.throttled() >= 3);
      const r2 = await Client.signIn(emu, R2);
      assert.equal((await r2.cbr('/vaults')).status, 200, 'another region has its own window');
      emu.admin.setRateLimit({ perSecond: 1, retryAfter: 2 });
      await cbr.cbr('/vaults');
      const withHeader = await cbr.cbr('/vaults');
      assert.deepEqual([withHeader.status, withHeader.headers.get('retry-after')], [429, '2']);
      emu.admin.setRateLimit(undefined);
      assert.equal((await cbr.cbr('/vaults')).status, 200);
      assert.throws(() => emu.admin.setRateLimit({ perSecond: 0 }), /perSecond/);
    });
  });

  describe('admin HTTP API', () => {
    it('adds and clears faults, reads and resets counters', async () => {
      const add = await call(`${emu.url}/__admin/faults`, { method: 'POST', body: { op: 'cbr.listVaults', status: 502, times: 5 } });
      assert.equal(add.status, 200);
      assert.match(add.body.id, /^[0-9a-f-]{36}$/);
      assert.equal((await cbr.cbr('/vaults')).status, 502);
      assert.equal((await call(`${emu.url}/__admin/faults`)).body.faults[0].remaining, 4);
      assert.equal((await call(`${emu.url}/__admin/faults`, { method: 'DELETE' })).status, 200);
      assert.equal((await cbr.cbr('/vaults')).status, 200);
      const counters = (await call(`${emu.url}/__admin/counters`)).body;
      assert.equal(counters['cbr.listVaults'], 2);
      assert.equal(counters['iam.createToken'], 1);
      assert.equal(counters.byRegion[R1]['cbr.listVaults'], 2);
      await call(`${emu.url}/__admin/counters`, { method: 'DELETE' });
      assert.deepEqual((await call(`${emu.url}/__admin/counters`)).body, { byRegion: {} });
      const bad = await call(`${emu.url}/__admin/faults`, { method: 'POST', body: { op: 'cbr.listVaults', colour: 'red' } });
      assert.equal(bad.status, 400);
    });

    it('advances the clock, scripts outcomes, reports state, resets', async () => {
      await call(`${emu.url}/__admin/script`, { method: 'POST', body: { nextCheckpoint: 'error' } });
      const cp = (await createCheckpoint()).body.checkpoint;
      const adv = await call(`${emu.url}/__admin/advance`, { method: 'POST', body: { ms: 1_000 } });
      assert.equal(adv.status, 200);
      assert.equal((await cbr.cbr(`/checkpoints/${cp.id}`)).body.checkpoint.status, 'error');
      const state = (await call(`${emu.url}/__admin/state`)).body;
      assert.equal(state.clock.offsetMs, 1_000);
      assert.ok(state.regions[R1].vaults.length >= 3);
      assert.equal((await call(`${emu.url}/__admin/requests?op=cbr.createCheckpoint`)).body.requests.length, 1);
      assert.equal((await call(`${emu.url}/__admin/script`, { method: 'POST', body: { nextCheckpoint: 'maybe' } })).status, 400);
      assert.equal((await call(`${emu.url}/__admin/reset`, { method: 'POST' })).status, 200);
      assert.equal((await cbr.cbr('/vaults')).status, 401, 'reset forgets tokens');
      const fresh = await Client.signIn(emu);
      assert.equal((await fresh.cbr(`/checkpoints/${cp.id}`)).status, 404);
      assert.equal((await call(`${emu.url}/__admin/expire-tokens`, { method: 'POST' })).status, 200);
      assert.equal((await fresh.cbr('/vaults')).status, 401);
    });
  });
});
