/**
 * The IAM password exchange under faults, beyond the matrix's one-fault cells (issue 8 item 4):
 * it is timed on its own, a failure on a read is tried again, and a shared exchange survives the
 * caller that started it giving up.
 */
import { strict as assert } from 'node:assert';
import { CloudApiError, CloudSession } from '../../../src/api';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { DEMO_IDS } from '../../emulator/seeds/demoIds';
import { CREDENTIALS, PROJECT, REGION } from './operations';

const TIMEOUT_MS = 800;

describe('fault matrix: the IAM password exchange', function () {
  this.timeout(20_000);
  let emu: RunningEmulator;
  before(async () => {
    emu = await startEmulator({ port: 0, timing: { checkpointProtectingMs: 1_000 } });
  });
  after(async () => emu.close());
  beforeEach(() => emu.admin.reset());

  /** The project id configured: the exchange happens inside the first call, as in the extension. */
  const session = (): CloudSession =>
    CloudSession.create({ cloud: 'custom', region: REGION, projectId: PROJECT, endpointOverrides: emu.endpoints, credentials: CREDENTIALS.password, timeoutMs: TIMEOUT_MS, retry: { baseDelayMs: 10, maxDelayMs: 50 } });
  const checkpoints = (): number => (emu.admin.state().regions as Record<string, { checkpoints: { vault_id: string }[] }>)[REGION].checkpoints.filter((c) => c.vault_id === DEMO_IDS.prodVault).length;

  it('times the exchange and the write apart: a slow IAM and a slow write, each in time, make one restore point', async () => {
    const before = checkpoints();
    emu.admin.addFault({ op: 'iam.createToken', delayMs: 550 });
    emu.admin.addFault({ op: 'cbr.createCheckpoint', delayMs: 450 });
    await session().cbr.createCheckpoint({ vaultId: DEMO_IDS.prodVault, name: 'slow-iam-slow-write' });
    assert.equal(emu.admin.count('cbr.createCheckpoint'), 1);
    assert.equal(checkpoints() - before, 1);
  });

  it('tries a read again when the exchange failed with a 503', async () => {
    emu.admin.addFault({ op: 'iam.createToken', status: 503 });
    const page = await session().cbr.listVaults({ limit: 1 });
    assert.ok(page.vaults.length === 1);
    assert.equal(emu.admin.count('iam.createToken'), 2);
    assert.equal(emu.admin.count('cbr.listVaults'), 1);
  });

  it('does not report a write that was never sent as "outcome unknown" when the exchange times out', async () => {
    emu.admin.addFault({ op: 'iam.createToken', delayMs: 2_000, times: 5 });
    const started = Date.now();
    try {
      await session().cbr.createCheckpoint({ vaultId: DEMO_IDS.prodVault, name: 'never-sent' });
      assert.fail('the exchange cannot succeed');
    } catch (err) {
      assert.ok(err instanceof CloudApiError, String(err));
      assert.equal(err.outcomeUnknown, false, `the write was not sent: ${err.message}`);
    }
    assert.equal(emu.admin.count('cbr.createCheckpoint'), 0);
    assert.ok(Date.now() - started < 10_000, 'bounded');
  });

  it('keeps a shared exchange going when the caller that started it gives up: the other caller\'s write is sent once', async () => {
    const s = session();
    const before = checkpoints();
    emu.admin.addFault({ op: 'iam.createToken', delayMs: 300 });
    const poll = new AbortController();
    const read = s.cbr.listVaults({ limit: 1 }, { signal: poll.signal }).then(
      () => 'done',
      (err: unknown) => (err instanceof CloudApiError ? err.kind : String(err)),
    );
    const write = s.cbr.createCheckpoint({ vaultId: DEMO_IDS.prodVault, name: 'shared-exchange' });
    setTimeout(() => poll.abort(), 50);
    await write;
    assert.equal(await read, 'cancelled');
    assert.equal(emu.admin.count('cbr.createCheckpoint'), 1);
    assert.equal(checkpoints() - before, 1);
  });
});
