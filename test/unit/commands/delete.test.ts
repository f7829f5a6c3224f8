import { strict as assert } from 'node:assert';
import { CloudSession, type Backup } from '../../../src/api';
import { WriteGuard, type ActionDeps } from '../../../src/commands';
import { backupSourcesOf, confirmBackupsText, deletionLabel, rowsOf, whyNotDeletableText } from '../../../src/commands/deleteArgs';
import { deleteBackups } from '../../../src/commands/deleteBackups';
import { deleteInstanceBackup } from '../../../src/commands/deleteInstanceBackup';
import { removeResources } from '../../../src/commands/deleteResources';
import { confirmVaultText, deleteVault } from '../../../src/commands/deleteVault';
import { isUserCancellation } from '../../../src/common/errors';
import { Logger } from '../../../src/common/logger';
import { Notifier } from '../../../src/common/notifier';
import type { TrackedWork } from '../../../src/tracking/types';
import { startEmulator, type RunningEmulator } from '../../emulator';
import { DEMO_CREDENTIALS, DEMO_IDS } from '../../emulator/seeds/demoIds';
import { ScriptedPrompter, type Answer } from '../../host/scriptedPrompter';
import { aBackup, aVault } from '../tree/fixtures';

const REGION = 'ap-southeast-1';
/** before-release-2-4 of web-server-01 and app-server-01, and autobk_nightly of web-server-01 (vault-prod-servers). */
const RELEASE_WEB = 'aa00034d-ef40-443d-ab7a-dc846d988cdf';
const RELEASE_APP = 'f3b1c2d4-6e5a-4b7c-9d8e-0a1b2c3d4e5f';
const NIGHTLY_WEB = '7558e1a3-7046-4787-95cd-14b0ad0642a8';
const MANUAL_GAUSS = 'e2ebf377e9d9645cbf52b2397bbad85dbr07';
const AUTO_GAUSS = 'c0c9f155c7b7423a9d30f0175998b63bbr07';

describe('unit: delete commands, argument handling and confirmation text', () => {
  const vault = aVault();
  const row = (backup: Backup) => ({ kind: 'backup', id: `row/${backup.id}`, region: 'r1', backup, parent: { kind: 'checkpoint', vault } });

  it('takes the whole selection when it holds the row clicked, else the row clicked alone', () => {
    const a = row(aBackup({ id: 'a' }));
    const b = row(aBackup({ id: 'b' }));
    const c = row(aBackup({ id: 'c' }));
    assert.deepEqual(rowsOf(a, [a, b, c]), [a, b, c]);
    assert.deepEqual(rowsOf(c, [a, b]), [c], 'a right-click outside the selection acts on that row');
    assert.deepEqual(rowsOf(a, undefined), [a]);
    assert.deepEqual(rowsOf(undefined, undefined), [], 'the palette');
    const sources = backupSourcesOf(a, [a, b, { kind: 'vault', region: 'r1', vault }]);
    assert.deepEqual(sources?.map((s) => (s.kind === 'backup' ? s.backup.id : s.kind)), ['a', 'b'], 'rows that hold no backups are ignored');
    assert.equal(sources?.[0]?.kind === 'backup' && sources[0].vault?.id, vault.id, 'the vault comes from the parent row');
    assert.equal(backupSourcesOf({ kind: 'vault', region: 'r1', vault }, undefined), undefined);
  });

  it('a restore point row stands for all its backups, including those not loaded yet', () => {
    const point = { kind: 'checkpoint', region: 'r1', vault, checkpointId: 'cp-1', name: 'nightly', backups: [aBackup()], partial: true };
    assert.deepEqual(backupSourcesOf(point, [point]), [{ kind: 'checkpoint', region: 'r1', vault, checkpointId: 'cp-1', name: 'nightly', backups: [aBackup()].map((b) => ({ ...b, createdAt: point.backups[0]?.createdAt })), partial: true }]);
  });

  it('the confirmation lists the count, the total size and each name; more than ten are summed up', () => {
    const three = [aBackup({ id: '1', resourceSize: 40 }), aBackup({ id: '2', resourceName: 'app-01', resourceSize: 100 }), aBackup({ id: '3', name: 'weekly', resourceSize: 10 })];
    const { message, detail } = confirmBackupsText(three);
    assert.equal(message, 'Delete 3 backups (150 GB)?');
    assert.match(detail, /web-server-01: nightly · 40 GB/);
    assert.match(detail, /app-01: nightly · 100 GB/);
    assert.match(detail, /web-server-01: weekly · 10 GB/);
    assert.match(detail, /cannot be recovered/);
    assert.equal(confirmBackupsText([aBackup()]).message, 'Delete 1 backup (40 GB)?');
    const many = Array.from({ length: 12 }, (_, i) => aBackup({ id: `b${i}`, name: `n${i}` }));
    assert.match(confirmBackupsText(many).detail, /and 2 more/);
    assert.doesNotMatch(confirmBackupsText(many).detail, /n10/);
    assert.equal(deletionLabel(three), '3 backups');
    assert.equal(deletionLabel([aBackup()]), 'web-server-01: nightly');
  });

  it('a backup being made or restored is named in the refusal; available, error and deleting ones pass', () => {
    assert.match(whyNotDeletableText([aBackup(), aBackup({ id: 'x', name: 'fresh', status: 'protecting' })]) ?? '', /^Nothing was deleted: web-server-01: fresh is still being made \(protecting\)/);
    assert.match(whyNotDeletableText([aBackup({ status: 'restoring' })]) ?? '', /is being restored/);
    assert.equal(whyNotDeletableText([aBackup(), aBackup({ status: 'error' }), aBackup({ status: 'deleting' })]), undefined);
  });

  it('the vault confirmation names the backups and data that go with it and asks for the name', () => {
    const text = confirmVaultText({ ...vault, billing: { ...vault.billing, used: 143_360 } }, 4);
    assert.match(text, /is deleted with its 4 backups \(140 GB of data\)/);
    assert.match(text, new RegExp(`Type ${vault.name} to confirm\\.`));
  });
});

describe('unit: delete commands against the emulator (real HTTP)', function () {
  this.timeout(30_000);
  let emu: RunningEmulator;

  before(async () => {
    emu = await startEmulator({ port: 0, timing: { checkpointProtectingMs: 300, gaussBackupBuildingMs: 300, replicationMs: 300 } });
  });
  after(() => emu.close());
  beforeEach(() => emu.admin.reset());

  function deps(answers: Answer[]) {
    const tracked: TrackedWork[] = [];
    const refreshed: string[] = [];
    const session = CloudSession.create({ cloud: 'custom', region: REGION, endpointOverrides: emu.endpoints, credentials: DEMO_CREDENTIALS.aksk, retry: { baseDelayMs: 10, maxDelayMs: 50 } });
    const prompter = new ScriptedPrompter(answers);
    const d: ActionDeps = {
      connection: { cloud: 'custom', regions: [REGION], session: () => session },
      prompter: () => prompter,
      logger: new Logger('test'),
      writes: new WriteGuard(() => ({ windowMs: 300, intervalMs: 50 })),
      messages: new Notifier(),
      track: (w) => void tracked.push(w),
      refreshVault: (region, id) => void refreshed.push(`${region}/${id}`),
      refreshAll: () => void refreshed.push('all'),
      refreshInstance: (region, id) => void refreshed.push(`${region}/${id}`),
    };
    return { deps: d, session, prompter, tracked, refreshed, told: () => d.messages.recent().map((m) => [m.severity, m.message]) };
  }

  async function rows(session: CloudSession, ids: string[]) {
    const vault = await session.cbr.showVault(DEMO_IDS.prodVault);
    const backups = await Promise.all(ids.map((id) => session.cbr.showBackup(id)));
    return backups.map((backup) => ({ kind: 'backup', id: backup.id, region: REGION, backup, parent: { kind: 'resource', vault } }));
  }

  it('three rows selected together: one confirmation, three DELETEs each sent once, one tracked deletion, the vault refreshed once', async () => {
    const f = deps([{ confirm: true }]);
    const selected = await rows(f.session, [RELEASE_WEB, RELEASE_APP, NIGHTLY_WEB]);
    await deleteBackups(f.deps, selected[1], selected);
    const deletes = emu.admin.requests('cbr.deleteBackup').map((r) => r.path.split('/').at(-1)).sort();
    assert.deepEqual(deletes, [RELEASE_WEB, RELEASE_APP, NIGHTLY_WEB].sort());
    const confirm = f.prompter.shown.filter((s) => s.type === 'confirm');
    assert.equal(confirm.length, 1);
    assert.equal(confirm[0]?.message, 'Delete 3 backups (180 GB)?');
    assert.deepEqual(f.tracked.map((w) => w.kind === 'delete' && [w.what, w.parentId, w.items.length, w.label]), [['backups', DEMO_IDS.prodVault, 3, '3 backups']]);
    assert.deepEqual(f.refreshed, [`${REGION}/${DEMO_IDS.prodVault}`]);
    assert.deepEqual(f.told(), [], 'the tracking notification says "deleted" once they are gone');
  });

  it('from the palette: a vault, then its backups picked by name (several), one confirmation, each sent once', async () => {
    const f = deps([{ pick: (i) => i.label === 'vault-prod-servers' }, { pickMany: (i) => /before-release-2-4/.test(i.label) }, { confirm: true }]);
    await deleteBackups(f.deps, undefined, undefined);
    assert.deepEqual(f.prompter.shown.map((s) => s.type), ['pick', 'pickMany', 'confirm']);
    assert.ok(f.prompter.shown[1]?.items?.includes('web-server-01: autobk_nightly'), 'every backup of the vault is offered by name');
    assert.equal(f.prompter.shown[2]?.message, 'Delete 2 backups (140 GB)?');
    assert.deepEqual(emu.admin.requests('cbr.deleteBackup').map((r) => r.path.split('/').at(-1)).sort(), [RELEASE_WEB, RELEASE_APP].sort());
  });

  it('a restore point row deletes all its backups', async () => {
    const f = deps([{ confirm: true }]);
    const vault = await f.session.cbr.showVault(DEMO_IDS.prodVault);
    const checkpointId = (await f.session.cbr.showBackup(RELEASE_WEB)).checkpointId!;
    await deleteBackups(f.deps, { kind: 'checkpoint', region: REGION, vault, checkpointId, name: 'before-release-2-4', backups: [], partial: true }, undefined);
    assert.deepEqual(emu.admin.requests('cbr.deleteBackup').map((r) => r.path.split('/').at(-1)).sort(), [RELEASE_WEB, RELEASE_APP].sort());
  });

  it('declining the confirmation sends nothing', async () => {
    const f = deps([{ confirm: false }]);
    const selected = await rows(f.session, [RELEASE_WEB]);
    await deleteBackups(f.deps, selected[0], selected);
    assert.equal(emu.admin.count('cbr.deleteBackup'), 0);
    assert.deepEqual(f.tracked, []);
  });

  it('a backup being made is refused before anything is sent, with no question asked', async () => {
    const f = deps([]);
    const cp = await f.session.cbr.createCheckpoint({ vaultId: DEMO_IDS.prodVault, name: 'fresh', resourceIds: ['97595625-198e-4e4d-879b-9d53f68ba551'] });
    const fresh = (await f.session.cbr.listBackups({ checkpointId: cp.id })).backups[0];
    const selected = [...(await rows(f.session, [RELEASE_WEB])), ...(await rows(f.session, [fresh.id]))];
    await deleteBackups(f.deps, selected[0], selected);
    assert.equal(emu.admin.count('cbr.deleteBackup'), 0);
    assert.equal(f.prompter.shown.length, 0);
    assert.match(String(f.told().at(-1)?.[1]), /^Nothing was deleted: app-server-01: fresh is still being made \(protecting\)/);
  });

  it('a refusal by the cloud names the backup, the code and the request id; the others go ahead', async () => {
    const f = deps([{ confirm: true }]);
    const selected = await rows(f.session, [RELEASE_WEB, RELEASE_APP]);
    emu.admin.addFault({ op: 'cbr.deleteBackup', status: 400, body: { error_code: 'BackupService.6301', error_msg: 'not now' } });
    await deleteBackups(f.deps, selected[0], selected);
    assert.equal(emu.admin.count('cbr.deleteBackup'), 2);
    const [severity, message] = f.told().at(-1) ?? [];
    assert.equal(severity, 'error');
    assert.match(String(message), /^1 of 2 backups are being deleted\. Not deleted: web-server-01: before-release-2-4: .*BackupService\.6301.*request id/);
    assert.equal(f.tracked.length, 1);
  });

  it('a lost DELETE answer is never resent: the backup reads deleting, so it counts as deleted and is followed', async () => {
    const f = deps([{ confirm: true }]);
    const selected = await rows(f.session, [RELEASE_WEB]);
    emu.admin.addFault({ op: 'cbr.deleteBackup', drop: true, afterApply: true });
    await deleteBackups(f.deps, selected[0], selected);
    assert.equal(emu.admin.count('cbr.deleteBackup'), 1, 'sent exactly once');
    assert.deepEqual(f.tracked.map((w) => w.kind), ['delete']);
    assert.deepEqual(f.told(), []);
  });

  it('a lost DELETE that never landed: not resent, held while checked, then the user may try again', async () => {
    const f = deps([{ confirm: true }, { confirm: true }]);
    const selected = await rows(f.session, [RELEASE_WEB]);
    emu.admin.addFault({ op: 'cbr.deleteBackup', drop: true });
    await deleteBackups(f.deps, selected[0], selected);
    assert.match(String(f.told().at(-1)?.[1]), /^No backup was deleted: web-server-01: before-release-2-4: the cloud did not confirm the request; checking until/);
    await deleteBackups(f.deps, selected[0], selected);
    assert.equal(emu.admin.count('cbr.deleteBackup'), 1, 'held: the second click sends nothing while the first may still land');
    await f.deps.writes.settled();
    assert.match(String(f.told().at(-1)?.[1]), /was not deleted\. You can try again\./);
    assert.deepEqual(f.tracked, []);
  });

  it('deletes a vault only after its exact name is typed; the prompt says what goes with it', async () => {
    // A wrong name keeps the box open with the reason; the user gives up.
    const wrong = deps([{ input: 'vault-prod' }, 'cancel']);
    const vault = await wrong.session.cbr.showVault(DEMO_IDS.prodVault);
    await assert.rejects(deleteVault(wrong.deps, { kind: 'vault', region: REGION, vault }), (err: unknown) => isUserCancellation(err));
    assert.equal(wrong.prompter.shown[0]?.validationMessage, 'Type vault-prod-servers exactly to confirm.');
    assert.equal(emu.admin.count('cbr.deleteVault'), 0);
    const f = deps([{ input: 'vault-prod-servers' }]);
    await deleteVault(f.deps, { kind: 'vault', region: REGION, vault });
    assert.equal(emu.admin.count('cbr.deleteVault'), 1);
    assert.match(f.prompter.shown[0]?.prompt ?? '', /is deleted with its 4 backups \(140 GB of data\)/);
    assert.deepEqual(f.tracked.map((w) => w.kind === 'delete' && [w.what, w.parentId]), [['vault', DEMO_IDS.prodVault]]);
  });

  it('removes resources picked by name; the confirmation says their backups stay', async () => {
    const f = deps([{ pickMany: (i) => i.label === 'web-server-01' }, { confirm: true }]);
    const vault = await f.session.cbr.showVault(DEMO_IDS.prodVault);
    await removeResources(f.deps, { kind: 'vault', region: REGION, vault });
    const sent = emu.admin.requests('cbr.removeResources');
    assert.equal(sent.length, 1);
    assert.deepEqual((sent[0]?.body as { resource_ids: string[] }).resource_ids, [vault.resources.find((r) => r.name === 'web-server-01')?.id]);
    assert.match(f.prompter.shown.find((s) => s.type === 'confirm')?.message ?? '', /Remove 1 resource from vault vault-prod-servers\?/);
    assert.deepEqual(f.told().at(-1), ['info', '1 resource was removed from vault-prod-servers; its backups stay.']);
    assert.equal((await f.session.cbr.listBackups({ vaultId: vault.id })).count, 4, 'the backups stay');
  });

  it('deletes a manual GaussDB backup; an automated one is refused before sending', async () => {
    const f = deps([{ confirm: true }]);
    const instance = (await f.session.gaussdb.listInstances({ id: DEMO_IDS.instance })).instances[0];
    const backups = (await f.session.gaussdb.listBackups({ instanceId: instance.id })).backups;
    const auto = backups.find((b) => b.id === AUTO_GAUSS)!;
    await deleteInstanceBackup(f.deps, { kind: 'gaussBackup', region: REGION, instance, backup: auto });
    assert.equal(emu.admin.count('gaussdb.deleteBackup'), 0);
    assert.match(String(f.told().at(-1)?.[1]), /is an automated backup; only manual backups can be deleted/);
    await deleteInstanceBackup(f.deps, { kind: 'gaussBackup', region: REGION, instance, backup: backups.find((b) => b.id === MANUAL_GAUSS)! });
    assert.equal(emu.admin.count('gaussdb.deleteBackup'), 1);
    assert.deepEqual(f.tracked.map((w) => w.kind === 'delete' && [w.what, w.parentId, w.label]), [['gaussBackups', instance.id, 'orders-before-migration']]);
  });
});
