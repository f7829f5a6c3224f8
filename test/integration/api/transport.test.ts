/**
 * The transport under hostile answers, over real HTTP against the emulator: redirects, unreadable
 * and oversized answers to writes, business errors sent with 5xx, the IAM token exchange timed on
 * its own, a project id from IAM that is not one, and messages without internal names.
 */
import { strict as assert } from 'node:assert';
import { CloudApiError, CloudSession, Credentials, RequestLogEntry, SessionOptions } from '../../../src/api';
import { RunningEmulator, startEmulator } from '../../emulator';
import { DEMO_CREDENTIALS, DEMO_IDS } from '../../emulator/seeds/demoIds';

const { password: PASSWORD, aksk: AKSK, token: TOKEN } = DEMO_CREDENTIALS;
const CREDENTIALS = [['IAM token', TOKEN], ['IAM password', PASSWORD], ['AK/SK', AKSK]] as const;
const PROD_VAULT = DEMO_IDS.prodVault;
const REGION = 'ap-southeast-1';
const PROJECT_ID = '0605767b5780d5762fc5c0118072a564';
const OPERATION_NAME = /\b(cbr|gaussdb|iam)\.(list|show|create|delete|update|replicate|associate|dissociate|batch)[A-Z]\w*/;

async function failure(promise: Promise<unknown>): Promise<CloudApiError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof CloudApiError, `expected a CloudApiError, got ${String(err)}`);
    assert.doesNotMatch(err.message, OPERATION_NAME, 'no operation name in what a user reads');
    return err;
  }
  assert.fail('expected the call to fail');
}

describe('api transport against hostile answers (emulator, real HTTP)', function () {
  this.timeout(30_000);
  let emu: RunningEmulator;
  let log: RequestLogEntry[];

  const session = (credentials: Credentials = AKSK, extra: Partial<SessionOptions> = {}): CloudSession =>
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

  describe('redirects are never followed', () => {
    for (const [name, credentials] of CREDENTIALS) {
      for (const status of [302, 307]) {
        it(`a ${status} to another host on a read with ${name}: a typed error, not retried, nothing sent there`, async () => {
          const s = session(credentials);
          await s.getProjectId();
          emu.admin.addFault({ op: 'cbr.listVaults', redirect: status, times: 5 });
          const e = await failure(s.cbr.listVaults());
          assert.equal(e.kind, 'redirect');
          assert.equal(e.httpStatus, status);
          assert.equal(e.outcomeUnknown, false);
          assert.equal(emu.admin.count('cbr.listVaults'), 1, 'not retried');
          assert.equal(emu.admin.elsewhere().count, 0, 'the other host got nothing');
        });

        it(`a ${status} to another host on a write with ${name}: the body goes nowhere else`, async () => {
          const s = session(credentials);
          await s.getProjectId();
          emu.admin.addFault({ op: 'cbr.createCheckpoint', redirect: status, times: 5 });
          const e = await failure(s.cbr.createCheckpoint({ vaultId: PROD_VAULT, name: 'redirected' }));
          assert.equal(e.kind, 'redirect');
          assert.equal(e.outcomeUnknown, false, 'a redirect is an answer: nothing was done');
          assert.equal(emu.admin.count('cbr.createCheckpoint'), 1);
          assert.equal(emu.admin.elsewhere().count, 0);
        });
      }
    }

    it('a redirect of the IAM password exchange sends the password nowhere else', async () => {
      emu.admin.addFault({ op: 'iam.createToken', redirect: 307, times: 5 });
      const e = await failure(session(PASSWORD).cbr.listVaults());
      assert.equal(e.kind, 'redirect');
      assert.equal(emu.admin.count('iam.createToken'), 1, 'not retried');
      assert.equal(emu.admin.elsewhere().count, 0);
    });
  });

  describe('an unreadable or oversized answer to a write is an unknown outcome', () => {
    for (const [what, fault] of [
      ['not JSON', { malformedJson: true }],
      ['breaks the schema', { breakSchema: true }],
    ] as const) {
      it(`a 2xx answer to a write that ${what}: outcome unknown, sent once`, async () => {
        const s = session();
        await s.getProjectId();
        emu.admin.addFault({ op: 'cbr.createCheckpoint', ...fault });
        const e = await failure(s.cbr.createCheckpoint({ vaultId: PROD_VAULT, name: 'unreadable' }));
        assert.equal(e.kind, 'schema');
        assert.equal(e.outcomeUnknown, true);
        assert.equal(emu.admin.applied('cbr.createCheckpoint'), 1, 'the write was carried out');
        assert.equal(emu.admin.count('cbr.createCheckpoint'), 1);
      });

      it(`a 2xx answer to a read that ${what}: a plain schema error`, async () => {
        const s = session();
        await s.getProjectId();
        emu.admin.addFault({ op: 'cbr.listVaults', ...fault });
        const e = await failure(s.cbr.listVaults());
        assert.equal(e.kind, 'schema');
        assert.equal(e.outcomeUnknown, false);
      });
    }

    it('an oversized 2xx answer to a write: tooLarge, outcome unknown, not retried', async () => {
      const s = session(AKSK, { maxBodyBytes: 1024 * 1024 });
      await s.getProjectId();
      emu.admin.addFault({ op: 'cbr.createCheckpoint', oversizeBytes: 3 * 1024 * 1024 });
      const e = await failure(s.cbr.createCheckpoint({ vaultId: PROD_VAULT, name: 'oversized' }));
      assert.equal(e.kind, 'tooLarge');
      assert.equal(e.outcomeUnknown, true);
      assert.equal(emu.admin.count('cbr.createCheckpoint'), 1);
    });

    it('an oversized answer to a read: tooLarge, not retried, read no further than the cap', async () => {
      const s = session(AKSK, { maxBodyBytes: 1024 * 1024 });
      await s.getProjectId();
      emu.admin.addFault({ op: 'cbr.listVaults', oversizeBytes: 8 * 1024 * 1024, times: 5 });
      const e = await failure(s.cbr.listVaults());
      assert.equal(e.kind, 'tooLarge');
      assert.equal(e.outcomeUnknown, false);
      assert.equal(emu.admin.count('cbr.listVaults'), 1, 'not retried');
    });

    it('a trickled answer slower than the timeout: a read times out; a write is unknown', async () => {
      const s = session(AKSK, { timeoutMs: 400 });
      await s.getProjectId();
      emu.admin.addFault({ op: 'cbr.createCheckpoint', trickleMs: 3000 });
      const started = Date.now();
      const e = await failure(s.cbr.createCheckpoint({ vaultId: PROD_VAULT, name: 'trickled' }));
      assert.equal(e.kind, 'timeout');
      assert.equal(e.outcomeUnknown, true);
      assert.ok(Date.now() - started < 2500, 'the timer covers reading the body');
    });
  });

  describe('5xx answers', () => {
    for (const code of ['BackupService.0002', 'BackupService.1005']) {
      it(`a 500 naming ${code} on a write is a refusal, not an unknown outcome`, async () => {
        const s = session();
        await s.getProjectId();
        emu.admin.addFault({ op: 'cbr.createCheckpoint', status: 500, body: { error_code: code, error_msg: 'documented refusal' } });
        const e = await failure(s.cbr.createCheckpoint({ vaultId: PROD_VAULT, name: 'refused' }));
        assert.equal(e.errorCode, code);
        assert.equal(e.httpStatus, 500);
        assert.equal(e.outcomeUnknown, false);
        assert.equal(emu.admin.count('cbr.createCheckpoint'), 1);
      });
    }

    it('a 500 naming BackupService.9998 is an authentication failure', async () => {
      const s = session();
      await s.getProjectId();
      emu.admin.addFault({ op: 'cbr.createCheckpoint', status: 500, body: { error_code: 'BackupService.9998', error_msg: 'Authentication failed' } });
      const e = await failure(s.cbr.createCheckpoint({ vaultId: PROD_VAULT, name: 'auth' }));
      assert.equal(e.kind, 'auth');
      assert.equal(e.outcomeUnknown, false);
    });

    for (const [what, fault] of [
      ['a 500 with an HTML page', { status: 500, rawBody: '<html>Internal Server Error</html>' }],
      ['a 502 from the gateway', { status: 502 }],
      ['a 504 with an empty body', { status: 504, rawBody: '' }],
    ] as const) {
      it(`${what} on a write leaves the outcome unknown`, async () => {
        const s = session();
        await s.getProjectId();
        emu.admin.addFault({ op: 'cbr.createCheckpoint', ...fault });
        const e = await failure(s.cbr.createCheckpoint({ vaultId: PROD_VAULT, name: 'maybe' }));
        assert.equal(e.outcomeUnknown, true);
        assert.equal(emu.admin.count('cbr.createCheckpoint'), 1);
      });
    }

    for (const status of [501, 505]) {
      it(`a ${status} on a write is not an unknown outcome`, async () => {
        const s = session();
        await s.getProjectId();
        emu.admin.addFault({ op: 'cbr.createCheckpoint', status, rawBody: '' });
        const e = await failure(s.cbr.createCheckpoint({ vaultId: PROD_VAULT, name: 'not-implemented' }));
        assert.equal(e.outcomeUnknown, false);
      });
    }
  });

  describe('the IAM token exchange is timed and judged on its own', () => {
    it('a slow exchange does not use up the timer of the request it authorizes', async () => {
      // A configured project id: the first exchange happens inside the write's authorize().
      const s = session(PASSWORD, { timeoutMs: 600, projectId: PROJECT_ID });
      emu.admin.addFault({ op: 'iam.createToken', delayMs: 400 });
      emu.admin.addFault({ op: 'cbr.createCheckpoint', delayMs: 400 });
      const checkpoint = await s.cbr.createCheckpoint({ vaultId: PROD_VAULT, name: 'slow-iam' });
      assert.equal(checkpoint.status, 'protecting');
      assert.equal(emu.admin.count('cbr.createCheckpoint'), 1);
    });

    it('an exchange that keeps timing out: the write was never sent, and the message says so', async () => {
      const s = session(PASSWORD, { timeoutMs: 300, projectId: PROJECT_ID });
      emu.admin.addFault({ op: 'iam.createToken', delayMs: 600, times: 10 });
      const e = await failure(s.cbr.createCheckpoint({ vaultId: PROD_VAULT, name: 'never-sent' }));
      assert.equal(e.outcomeUnknown, false);
      assert.match(e.message, /not sent/);
      assert.equal(emu.admin.count('cbr.createCheckpoint'), 0);
    });

    it('an IAM 503 during a read is retried like the read', async () => {
      const s = session(PASSWORD, { projectId: PROJECT_ID });
      emu.admin.addFault({ op: 'iam.createToken', status: 503 });
      const { vaults } = await s.cbr.listVaults();
      assert.ok(vaults.length > 0);
      assert.equal(emu.admin.count('iam.createToken'), 2);
    });

    it('an IAM 401 (wrong password) is an auth error, the write never sent', async () => {
      const e = await failure(session({ ...PASSWORD, password: 'wrong-password' }).cbr.createCheckpoint({ vaultId: PROD_VAULT, name: 'x' }));
      assert.equal(e.kind, 'auth');
      assert.equal(e.outcomeUnknown, false);
      assert.equal(emu.admin.count('cbr.createCheckpoint'), 0);
    });

    it("a poll's abort does not cancel the exchange a user's write waits on", async () => {
      const s = session(PASSWORD);
      await s.getProjectId();
      // The poll's next answer is a 401 for an expired token: it starts the renewal the write then shares.
      const poll = new AbortController();
      emu.admin.addFault({ op: 'iam.createToken', delayMs: 300 });
      emu.admin.addFault({ op: 'cbr.listVaults', expireToken: true });
      const polled = s.cbr.listVaults({}, { signal: poll.signal }).then(
        () => 'done',
        (err: unknown) => (err instanceof CloudApiError ? err.kind : String(err)),
      );
      // Wait until the poll's renewal has reached IAM (a fixed sleep raced it on a busy machine).
      const exchangesBefore = emu.admin.count('iam.createToken');
      for (let i = 0; i < 200 && emu.admin.count('iam.createToken') === exchangesBefore; i++) {
        await new Promise((r) => setTimeout(r, 5));
      }
      const write = s.cbr.createCheckpoint({ vaultId: PROD_VAULT, name: 'user-write' });
      await new Promise((r) => setTimeout(r, 50));
      poll.abort();
      const checkpoint = await write;
      assert.equal(checkpoint.status, 'protecting');
      assert.equal(await polled, 'cancelled');
      assert.equal(emu.admin.count('cbr.createCheckpoint'), 1);
    });
  });

  describe('a project id from IAM is checked before it goes into a path', () => {
    for (const evil of ['../../../evil', 'abc/../../x', '%2e%2e']) {
      it(`refuses "${evil}" with a clear message and sends nothing with it`, async () => {
        emu.admin.addFault({ op: 'iam.listProjects', status: 200, body: { projects: [{ id: evil, name: REGION, enabled: true }] } });
        const s = session(TOKEN);
        const e = await failure(s.cbr.listVaults());
        assert.equal(e.kind, 'validation');
        assert.match(e.message, /project id/);
        assert.ok(!e.message.includes(evil), 'the odd value goes to the log, not the message');
        assert.equal(emu.admin.count('cbr.listVaults'), 0);
        assert.equal(emu.admin.elsewhere().count, 0);
      });
    }
  });

  describe('messages a user reads', () => {
    it('a 5 MB cloud message becomes at most a few hundred characters (a few KB in the log detail)', async () => {
      const s = session();
      await s.getProjectId();
      emu.admin.addFault({ op: 'cbr.listVaults', status: 400, body: { error_code: 'BackupService.9900', error_msg: 'x'.repeat(5 * 1024 * 1024) } });
      const e = await failure(s.cbr.listVaults());
      assert.ok(e.message.length <= 400, `message is ${e.message.length} characters`);
      assert.ok((e.detail ?? '').length <= 4096, 'the log detail is bounded');
      assert.equal(e.errorCode, 'BackupService.9900');
    });

    it('timeouts, network failures and cancellations name no operation', async () => {
      const s = session(AKSK, { timeoutMs: 200 });
      await s.getProjectId();
      emu.admin.addFault({ op: 'cbr.createCheckpoint', delayMs: 500 });
      const timedOut = await failure(s.cbr.createCheckpoint({ vaultId: PROD_VAULT, name: 'late' }));
      assert.equal(timedOut.operation, 'cbr.createCheckpoint', 'the operation stays a field');
      emu.admin.addFault({ op: 'cbr.listVaults', drop: true, times: 5 });
      await failure(s.cbr.listVaults());
      const aborted = new AbortController();
      aborted.abort();
      await failure(s.cbr.listVaults({}, { signal: aborted.signal }));
    });
  });
});
