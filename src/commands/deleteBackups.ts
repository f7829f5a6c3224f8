import * as vscode from 'vscode';
import { CloudApiError, countsAsDeleted, type Backup } from '../api';
import { describeError } from '../common/errors';
import { isBack } from '../ui/prompter';
import type { WizardStep } from '../ui/wizard';
import { runWizard } from '../ui/wizard';
import { backupLabel, backupSourcesOf, deletability, confirmBackupsText, deletionLabel, uniqueBackups, whyNotDeletableText, type BackupSource } from './deleteArgs';
import type { ActionDeps } from './deps';
import { vaultStep, type VaultTarget } from './pickTarget';

/** DELETEs in flight at once: a few at a time, so a large selection does not trip the rate limit. */
export const DELETE_CONCURRENCY = 3;

const STILL_DELETING: ReadonlySet<string> = new Set(['deleting', 'waiting_delete']);

/** How one backup's DELETE went. */
type Sent = { backup: Backup; region: string; vaultId: string } & ({ kind: 'sent' } | { kind: 'failed'; why: string } | { kind: 'unconfirmed'; until: number });

interface PaletteState {
  target?: VaultTarget;
  backups?: Backup[];
}

/** The palette's backup pick: the vault's backups, newest first, with time, size and status; several may be picked. */
function backupsStep(deps: ActionDeps): WizardStep<PaletteState> {
  return {
    async prompt(s, ask) {
      const target = s.target!;
      const items = deps.connection
        .session(target.region)
        .cbr.listBackups({ vaultId: target.vault.id, sort: 'created_at:desc', limit: 100 })
        .then(({ backups }) => {
          if (backups.length === 0) {
            throw new Error(vscode.l10n.t('{0} holds no backups.', target.vault.name));
          }
          return backups.map((b) => ({
            label: backupLabel(b),
            description: [b.createdAt?.toLocaleString(), b.resourceSize !== undefined ? `${b.resourceSize} GB` : undefined, b.status].filter(Boolean).join(' · '),
            detail: b.id,
            value: b,
          }));
        });
      const picked = await ask.pickMany<Backup>({ placeholder: vscode.l10n.t('Backups to delete'), items });
      if (isBack(picked)) {
        return picked;
      }
      s.backups = picked;
      return undefined;
    },
  };
}

/** Runs `fn` over `items`, at most `limit` at a time, results in order. */
export async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** The backups as they are now (the tree's copy may be old); those already gone are dropped. */
async function freshBackups(deps: ActionDeps, sources: readonly BackupSource[]): Promise<{ region: string; backups: Backup[] }> {
  const region = sources[0]?.region ?? '';
  const cbr = deps.connection.session(region).cbr;
  const lists = await mapLimited(sources, DELETE_CONCURRENCY, async (s): Promise<Backup[]> => {
    if (s.kind === 'checkpoint') {
      // One list for all of a restore point's backups, including any the tree had not loaded.
      return (await cbr.listBackups({ checkpointId: s.checkpointId, limit: 1000 })).backups;
    }
    try {
      return [await cbr.showBackup(s.backup.id)];
    } catch (err) {
      if (err instanceof CloudApiError && err.kind === 'notFound') {
        deps.logger.info(`deleteBackups: backup ${s.backup.id} is already gone`);
        return [];
      }
      throw err;
    }
  });
  return { region, backups: uniqueBackups(lists.flat()) };
}

/**
 * `cbr.deleteBackups`: deletes one or many backups (the rows selected together, or every backup of
 * a restore point), or from the palette a vault's backups picked by name. Each backup is read again
 * and one being made or restored is refused before anything is sent; one modal confirmation lists
 * the count, the names and the total size. Each DELETE is sent once, a few at a time; a lost
 * answer is never resent but checked (gone or `deleting` counts as deleted). What was sent is
 * followed until gone; the notification then says so.
 */
export async function deleteBackups(deps: ActionDeps, clicked?: unknown, selection?: unknown): Promise<void> {
  let sources = backupSourcesOf(clicked, selection);
  if (!sources) {
    const state = await runWizard<PaletteState>(deps.prompter(), {}, {
      title: vscode.l10n.t('Delete backups'),
      subject: (s) => s.target?.vault.name,
      steps: [vaultStep(deps, () => true), backupsStep(deps)],
    });
    if (!state?.target || !state.backups || state.backups.length === 0) {
      return;
    }
    const target = state.target;
    sources = state.backups.map((backup) => ({ kind: 'backup', region: target.region, backup, vault: target.vault }));
  }
  const regions = new Set(sources.map((s) => s.region));
  if (regions.size > 1) {
    void deps.messages.error(vscode.l10n.t('Choose backups of one region at a time.'));
    return;
  }
  const { region, backups: found } = await freshBackups(deps, sources);
  const refused = whyNotDeletableText(found);
  if (refused) {
    deps.logger.info(`deleteBackups: refused before sending: ${found.filter((b) => deletability(b) && deletability(b) !== 'beingDeleted').map((b) => `${b.id} (${b.status})`).join(', ')}`);
    void deps.messages.error(refused);
    return;
  }
  const already = found.filter((b) => deletability(b) === 'beingDeleted');
  const backups = found.filter((b) => deletability(b) === undefined);
  if (backups.length === 0) {
    void deps.messages.info(already.length > 0 ? vscode.l10n.t('Those backups are already being deleted.') : vscode.l10n.t('Those backups no longer exist.'));
    return;
  }
  const { message, detail } = confirmBackupsText(backups);
  if (!(await deps.prompter().confirm(message, detail, vscode.l10n.t('Delete')))) {
    return;
  }

  const results = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Deleting {0}…', deletionLabel(backups)) }, () =>
    mapLimited(backups, DELETE_CONCURRENCY, (backup) => sendDelete(deps, region, backup)),
  );
  const sent = results.filter((r) => r.kind === 'sent');
  followDeletions(deps, region, sent.map((r) => r.backup));
  const failed = results.filter((r): r is Extract<Sent, { kind: 'failed' }> => r.kind === 'failed');
  const unconfirmed = results.filter((r): r is Extract<Sent, { kind: 'unconfirmed' }> => r.kind === 'unconfirmed');
  if (failed.length === 0 && unconfirmed.length === 0) {
    deps.logger.info(`deleteBackups: ${sent.length} DELETE(s) accepted`);
    return; // the tracking notification says "deleted" once they are gone
  }
  const lines = [
    ...failed.map((f) => vscode.l10n.t('{0}: {1}', backupLabel(f.backup), f.why)),
    ...unconfirmed.map((u) => vscode.l10n.t('{0}: the cloud did not confirm the request; checking until {1}.', backupLabel(u.backup), localTime(u.until))),
  ];
  void deps.messages.error(
    sent.length > 0
      ? vscode.l10n.t('{0} of {1} backups are being deleted. Not deleted: {2}', sent.length, results.length, lines.join('; '))
      : vscode.l10n.t('No backup was deleted: {0}', lines.join('; ')),
  );
}

/** One tracked deletion per vault (the vault refreshed once when it finishes), and the tree shows `deleting` now. */
function followDeletions(deps: ActionDeps, region: string, backups: readonly Backup[]): void {
  const byVault = new Map<string, Backup[]>();
  for (const b of backups) {
    const vaultId = b.vaultId ?? '';
    byVault.set(vaultId, [...(byVault.get(vaultId) ?? []), b]);
  }
  for (const [vaultId, list] of byVault) {
    deps.track({ kind: 'delete', region, what: 'backups', parentId: vaultId, items: list.map((b) => ({ id: b.id, name: backupLabel(b) })), label: deletionLabel(list), startedAt: Date.now() });
    deps.refreshVault(region, vaultId);
  }
}

function localTime(ms: number): string {
  return new Date(ms).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/** Whether the cloud has this backup's deletion under way (or done): not found, or `deleting`. */
async function deletionStarted(deps: ActionDeps, region: string, backupId: string): Promise<boolean> {
  try {
    return STILL_DELETING.has((await deps.connection.session(region).cbr.showBackup(backupId)).status);
  } catch (err) {
    if (err instanceof CloudApiError && countsAsDeleted(err, true)) {
      return true;
    }
    throw err;
  }
}

/**
 * One DELETE, once. A second request for the same backup while one is on its way (or unconfirmed)
 * is refused. A lost answer is checked, never resent: gone or `deleting` counts as deleted; else
 * the backup stays held while the cloud is asked again for the confirmation window.
 */
async function sendDelete(deps: ActionDeps, region: string, backup: Backup): Promise<Sent> {
  const key = `delete:backup:${region}:${backup.id}`;
  const base = { backup, region, vaultId: backup.vaultId ?? '' };
  const until = deps.writes.unconfirmedUntil(key);
  if (until !== undefined) {
    return { ...base, kind: 'unconfirmed', until };
  }
  let outcome: Sent | undefined;
  const ran = await deps.writes.run(key, async () => {
    try {
      await deps.connection.session(region).cbr.deleteBackup(backup.id);
      outcome = { ...base, kind: 'sent' };
    } catch (err) {
      if (!(err instanceof CloudApiError && err.outcomeUnknown)) {
        deps.logger.warn(`deleteBackups: DELETE of ${backup.id} refused: ${describeError(err)}`);
        outcome = { ...base, kind: 'failed', why: describeError(err) };
        return;
      }
      deps.logger.warn(`deleteBackups: DELETE of ${backup.id}: outcome unknown (${describeError(err)}); checking, not resending`);
      outcome = await reconcileDelete(deps, key, base);
    }
  });
  return ran && outcome ? outcome : { ...base, kind: 'failed', why: vscode.l10n.t('a deletion of it is already being requested') };
}

async function reconcileDelete(deps: ActionDeps, key: string, base: { backup: Backup; region: string; vaultId: string }): Promise<Sent> {
  try {
    if (await deletionStarted(deps, base.region, base.backup.id)) {
      deps.logger.info(`deleteBackups: ${base.backup.id} is being deleted after all`);
      return { ...base, kind: 'sent' };
    }
  } catch (err) {
    return { ...base, kind: 'failed', why: vscode.l10n.t('the cloud did not answer, and checking whether it was deleted failed too ({0}); look in the vault before trying again', describeError(err)) };
  }
  // The DELETE may still land: hold the backup and keep asking for the confirmation window.
  const { windowMs, intervalMs } = deps.writes.confirmWindow();
  const until = Date.now() + windowMs;
  const watch = async (): Promise<void> => {
    while (Date.now() < until && !deps.writes.stopped) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(intervalMs, Math.max(0, until - Date.now()))));
      if (deps.writes.stopped) {
        return;
      }
      if (await deletionStarted(deps, base.region, base.backup.id).catch(() => false)) {
        followDeletions(deps, base.region, [base.backup]);
        void deps.messages.warn(vscode.l10n.t('The cloud did not confirm the request, but {0} is being deleted; it is being followed.', backupLabel(base.backup)));
        return;
      }
    }
    if (!deps.writes.stopped) {
      void deps.messages.info(vscode.l10n.t('{0} was not deleted. You can try again.', backupLabel(base.backup)));
    }
  };
  deps.writes.hold(key, until, watch().catch((err: unknown) => deps.logger.error(`deleteBackups: confirmation stopped (${describeError(err)})`)));
  return { ...base, kind: 'unconfirmed', until };
}
