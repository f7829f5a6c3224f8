/** `cbr.deleteInstanceBackup`: deletes a GaussDB(for MySQL) manual backup; automated ones are never offered. */
import * as vscode from 'vscode';
import { CloudApiError, collectPages, type GaussBackup } from '../api';
import { describeError } from '../common/errors';
import { pickStep, runWizard } from '../ui/wizard';
import { gaussBackupOf } from './deleteArgs';
import type { ActionDeps } from './deps';
import { instanceStep, PICKER_MAX_ITEMS, type InstanceTarget } from './pickTarget';

interface State {
  target?: InstanceTarget;
  backup?: GaussBackup;
}

/** Why this backup may not be deleted from here, in words; undefined when it may. */
export function whyNotDeletableGauss(backup: GaussBackup): string | undefined {
  if (backup.type !== 'manual') {
    return vscode.l10n.t('{0} is an automated backup; only manual backups can be deleted. Automated ones expire by the retention policy.', backup.name);
  }
  if (backup.status.toUpperCase() !== 'COMPLETED' && backup.status.toUpperCase() !== 'FAILED') {
    return vscode.l10n.t('Backup {0} is {1}; try again once it has finished.', backup.name, backup.status);
  }
  return undefined;
}

async function manualBackups(deps: ActionDeps, t: InstanceTarget): Promise<GaussBackup[]> {
  return collectPages(async (offset, limit) => {
    const page = await deps.connection.session(t.region).gaussdb.listBackups({ instanceId: t.instance.id, backupType: 'manual', offset, limit });
    return { items: page.backups, total: page.totalCount };
  }, { pageSize: 100, maxItems: PICKER_MAX_ITEMS }).then((r) => r.items.filter((b) => b.type === 'manual'));
}

/**
 * From a manual backup's row, or the palette (instance, then one of its manual backups). Checked
 * as it is now, confirmed in a modal, deleted once (a lost answer is checked against the
 * instance's backups), and followed until it is gone from the list.
 */
export async function deleteInstanceBackup(deps: ActionDeps, clicked?: unknown): Promise<void> {
  const row = gaussBackupOf(clicked);
  const start: State = row ? { target: { region: row.region, instance: row.instance }, backup: row.backup } : {};
  const state = await runWizard(deps.prompter(), start, {
    title: vscode.l10n.t('Delete a database backup'),
    subject: (s) => s.target?.instance.name,
    steps: [
      instanceStep(deps),
      pickStep<State, GaussBackup>({
        when: (s) => !s.backup,
        placeholder: vscode.l10n.t('Manual backup to delete'),
        items: (s) =>
          manualBackups(deps, s.target!).then((backups) => {
            if (backups.length === 0) {
              throw new Error(vscode.l10n.t('{0} has no manual backups.', s.target!.instance.name));
            }
            return backups.map((b) => ({ label: b.name, description: [b.beginTime?.toLocaleString(), b.size !== undefined ? `${Math.round(b.size)} MB` : undefined, b.status].filter(Boolean).join(' · '), detail: b.id, value: b }));
          }),
        keep: (s, backup) => (s.backup = backup),
      }),
    ],
  });
  const target = state?.target;
  const picked = state?.backup;
  if (!target || !picked) {
    return;
  }
  // As it is now (the row may be old); automated backups are refused here too, not only by the menu.
  const now = (await manualBackups(deps, target)).find((b) => b.id === picked.id);
  const backup = now ?? (picked.type === 'manual' ? undefined : picked);
  if (!backup) {
    void deps.messages.info(vscode.l10n.t('Backup {0} no longer exists.', picked.name));
    deps.refreshInstance(target.region, target.instance.id);
    return;
  }
  const refused = whyNotDeletableGauss(backup);
  if (refused) {
    void deps.messages.error(refused);
    return;
  }
  const size = backup.size !== undefined ? `${Math.round(backup.size)} MB` : '?';
  const confirmed = await deps.prompter().confirm(
    vscode.l10n.t('Delete backup {0} of {1}?', backup.name, target.instance.name),
    [`• ${backup.name} · ${size}${backup.beginTime ? ` · ${backup.beginTime.toLocaleString()}` : ''}`, '', vscode.l10n.t('A deleted backup cannot be recovered.')].join('\n'),
    vscode.l10n.t('Delete'),
  );
  if (!confirmed) {
    return;
  }
  const key = `delete:gaussBackup:${target.region}:${backup.id}`;
  let outcome: 'sent' | 'unconfirmed' | undefined;
  const ran = await deps.writes.run(key, async () => {
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Deleting {0}…', backup.name) }, async () => {
      try {
        await deps.connection.session(target.region).gaussdb.deleteBackup(backup.id);
        outcome = 'sent';
      } catch (err) {
        if (!(err instanceof CloudApiError && err.outcomeUnknown)) {
          throw err;
        }
        deps.logger.warn(`deleteInstanceBackup: outcome unknown (${describeError(err)}); checking, not resending`);
        const still = await manualBackups(deps, target).then(
          (list) => list.find((b) => b.id === backup.id),
          () => backup,
        );
        outcome = still && still.status.toUpperCase() !== 'DELETING' ? 'unconfirmed' : 'sent';
      }
    });
  });
  if (!ran) {
    void deps.messages.warn(vscode.l10n.t('A deletion of {0} is already being requested.', backup.name));
    return;
  }
  if (outcome === 'unconfirmed') {
    void deps.messages.error(vscode.l10n.t('The cloud did not confirm the deletion of {0}, and the backup is still listed. Refresh the view before trying again.', backup.name));
    deps.refreshInstance(target.region, target.instance.id);
    return;
  }
  deps.logger.info(`deleteInstanceBackup: DELETE of ${backup.id} accepted`);
  deps.track({ kind: 'delete', region: target.region, what: 'gaussBackups', parentId: target.instance.id, items: [{ id: backup.id, name: backup.name }], label: backup.name, startedAt: Date.now() });
  deps.refreshInstance(target.region, target.instance.id);
}
