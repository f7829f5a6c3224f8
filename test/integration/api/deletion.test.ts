import { strict as assert } from 'node:assert';
import { CloudApiError, CloudSession, countsAsDeleted, type RequestLogEntry } from '../../../src/api';
import { startEmulator, type RunningEmulator } from '../../emulator';
import { DEMO_IDENTITY } from '../../emulator/generate';
import { FAST, IDS, P1 } from '../emulator/helpers';

const NIGHTLY = '7558e1a3-7046-4787-95cd-14b0ad0642a8';
const RELEASE = 'aa00034d-ef40-443d-ab7a-dc846d988cdf';
const ERROR_BACKUP = '3c5e7a9b-2d4f-4b6c-9d8e-0f1a2b3c4d5e';
const GAUSS_MANUAL = 'e2ebf377e9d9645cbf52b2397bbad85dbr07';
const GAUSS_AUTO = 'c0c9f155c7b7423a9d30f0175998b63bbr07';

describe('API: deleting backups, vaults and GaussDB backups against the emulator', function () {
  this.timeout(20_000);
  let emu: RunningEmulator;
  const log: RequestLogEntry[] = [];

  beforeEach(async () => {
    log.length = 0;
    emu = await startEmulator({ port: 0, timing: FAST });
  });
  afterEach(() => emu.close());

  const session = () =>
    CloudSession.create({
      cloud: 'custom',
      region: 'ap-southeast-1',
      endpointOverrides: emu.endpoints,
      credentials: { kind: 'aksk', accessKey: DEMO_IDENTITY.accessKey, secretKey: DEMO_IDENTITY.secretKey },
      onRequest: (e) => log.push(e),
    });

  async function codeOf(p: Promise<unknown>): Promise<string | undefined> {
    try {
      await p;
    } catch (e) {
      assert.ok(e instanceof CloudApiError, String(e));
      return e.errorCode;
    }
    assert.fail('expected the call to fail');
  }

  it('deletes a backup with one DELETE and no body; it shows deleting, then is gone', async () => {
    const cbr = session().cbr;
    await cbr.deleteBackup(NIGHTLY);
    const sent = emu.admin.requests('cbr.deleteBackup');
    assert.equal(sent.length, 1, 'reached the server exactly once');
    assert.equal(sent[0]?.method, 'DELETE');
    assert.equal(sent[0]?.path, `/ap-southeast-1/cbr/v3/${P1}/backups/${NIGHTLY}`);
    assert.equal(sent[0]?.body, undefined, 'a DELETE sends no body');
    assert.equal((await cbr.showBackup(NIGHTLY)).status, 'deleting');
    emu.admin.advance(FAST.checkpointProtectingMs);
    assert.equal(await codeOf(cbr.showBackup(NIGHTLY)), 'BackupService.6200', 'gone: a GET answers 404');
    const { backups } = await cbr.listBackups({ vaultId: IDS.serverVault });
    assert.ok(!backups.some((b) => b.id === NIGHTLY), 'no longer listed');
    assert.ok(backups.some((b) => b.id === RELEASE), 'the others stay');
  });

  it('deletes a backup in error, as documented', async () => {
    await session().cbr.deleteBackup(ERROR_BACKUP);
    assert.equal(emu.admin.count('cbr.deleteBackup'), 1);
  });

  it('refuses to delete a backup that is being made, and changes nothing', async () => {
    const cbr = session().cbr;
    const checkpoint = await cbr.createCheckpoint({ vaultId: IDS.serverVault, name: 'manual_now' });
    const { backups } = await cbr.listBackups({ checkpointId: checkpoint.id });
    const making = backups[0];
    assert.ok(making, 'the restore point has a backup');
    assert.equal(making.status, 'protecting');
    assert.equal(await codeOf(cbr.deleteBackup(making.id)), 'BackupService.6301');
    assert.equal((await cbr.showBackup(making.id)).status, 'protecting');
  });

  it('a lost DELETE answer: the backup was deleted anyway, and a 404 afterwards means gone', async () => {
    const cbr = session().cbr;
    emu.admin.addFault({ op: 'cbr.deleteBackup', drop: true, afterApply: true });
    const failure = await cbr.deleteBackup(RELEASE).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(failure instanceof CloudApiError && failure.outcomeUnknown, 'the outcome is unknown to the client');
    assert.equal(emu.admin.count('cbr.deleteBackup'), 1, 'never resent');
    assert.equal((await cbr.showBackup(RELEASE)).status, 'deleting');
    emu.admin.advance(FAST.checkpointProtectingMs);
    const gone = await cbr.showBackup(RELEASE).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(gone instanceof CloudApiError && countsAsDeleted(gone, true), 'the 404 reconciles the lost delete as deleted');
  });

  it('deletes a vault with one DELETE; the vault and its backups are gone', async () => {
    const cbr = session().cbr;
    await cbr.deleteVault(IDS.diskVault);
    const sent = emu.admin.requests('cbr.deleteVault');
    assert.equal(sent.length, 1);
    assert.equal(sent[0]?.path, `/ap-southeast-1/cbr/v3/${P1}/vaults/${IDS.diskVault}`);
    assert.equal(await codeOf(cbr.showVault(IDS.diskVault)), 'BackupService.6105');
    assert.equal((await cbr.listBackups({ vaultId: IDS.diskVault })).backups.length, 0);
  });

  it('refuses a malformed id before sending anything', async () => {
    await assert.rejects(session().cbr.deleteBackup('not-a-uuid'));
    await assert.rejects(session().cbr.deleteVault(''));
    assert.equal(emu.admin.count('cbr.deleteBackup') + emu.admin.count('cbr.deleteVault'), 0);
  });

  it('deletes a manual GaussDB backup (200 with its id and name) and refuses an automated one', async () => {
    const gauss = session().gaussdb;
    const answer = await gauss.deleteBackup(GAUSS_MANUAL);
    assert.deepEqual({ id: answer.backupId, name: answer.backupName }, { id: GAUSS_MANUAL, name: 'orders-before-migration' });
    const sent = emu.admin.requests('gaussdb.deleteBackup');
    assert.equal(sent[0]?.method, 'DELETE');
    assert.equal(sent[0]?.path, `/ap-southeast-1/gaussdb/v3/${P1}/backups/${GAUSS_MANUAL}`);
    const left = await gauss.listBackups({ backupType: 'manual' });
    assert.ok(!JSON.stringify(left).includes(GAUSS_MANUAL), 'no longer listed');
    assert.equal(await codeOf(gauss.deleteBackup(GAUSS_AUTO)), 'DBS.200019');
  });
});
