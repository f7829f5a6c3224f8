import * as vscode from 'vscode';
import { BACKUP_BEING_MADE_STATUSES, CloudApiError, isGone, type Vault } from '../api';
import { describeError, UserCancelledError } from '../common/errors';
import { runWizard } from '../ui/wizard';
import { vaultOf } from './deleteArgs';
import type { ActionDeps } from './deps';
import { vaultStep, type VaultTarget } from './pickTarget';

/** What goes with a vault, in the confirmation's words. */
export function confirmVaultText(vault: Vault, backupCount: number): string {
  // `used` is in MB (as the tree reads it, src/tree/format.ts capacity).
  const used = vault.billing.used;
  const data = used === undefined ? vscode.l10n.t('an unknown amount') : used >= 1024 ? `${Math.round((used / 1024) * 10) / 10} GB` : `${used} MB`;
  const what =
    backupCount === 1
      ? vscode.l10n.t('Vault {0} ({1}) is deleted with its 1 backup ({2} of data).', vault.name, vault.id, data)
      : vscode.l10n.t('Vault {0} ({1}) is deleted with its {2} backups ({3} of data).', vault.name, vault.id, backupCount, data);
  return `${what} ${vscode.l10n.t('Deleted backups cannot be recovered.')}\n${vscode.l10n.t('Type {0} to confirm.', vault.name)}`;
}

/**
 * `cbr.deleteVault`: deletes a vault and every backup in it. The confirmation names how many
 * backups and how much data go with it, and the user types the vault's name (nothing else is
 * accepted). A vault with a backup being made is refused before sending. The DELETE is sent once;
 * a lost answer is checked (a vault the cloud no longer has was deleted). Followed until gone.
 */
export async function deleteVault(deps: ActionDeps, clicked?: unknown): Promise<void> {
  const row = vaultOf(clicked);
  let target: VaultTarget | undefined = row && !row.resource ? { region: row.region, vault: row.vault } : undefined;
  if (!target) {
    const state = await runWizard<{ target?: VaultTarget }>(deps.prompter(), {}, { title: vscode.l10n.t('Delete a vault'), steps: [vaultStep(deps, () => true)] });
    target = state?.target;
    if (!target) {
      return;
    }
  }
  const { region } = target;
  const cbr = deps.connection.session(region).cbr;
  // As it is now: its used size, and what is in it.
  const vault = await cbr.showVault(target.vault.id);
  const [{ count }, busy] = await Promise.all([
    cbr.listBackups({ vaultId: vault.id, limit: 1 }),
    cbr.listBackups({ vaultId: vault.id, status: [...BACKUP_BEING_MADE_STATUSES, 'restoring', 'waiting_restore'], limit: 1 }),
  ]);
  if (busy.count > 0 || busy.backups.length > 0) {
    void deps.messages.error(vscode.l10n.t('Nothing was deleted: a backup in vault {0} is being made or restored. Try again once it has finished.', vault.name));
    return;
  }
  const typed = await deps.prompter().input({
    title: vscode.l10n.t('Delete a vault'),
    step: 1,
    totalSteps: 1,
    prompt: confirmVaultText(vault, count),
    placeholder: vault.name,
    validate: (v) => (v === vault.name ? undefined : vscode.l10n.t('Type {0} exactly to confirm.', vault.name)),
  });
  if (typed !== vault.name) {
    throw new UserCancelledError();
  }

  const key = `delete:vault:${region}:${vault.id}`;
  let outcome: 'sent' | 'unconfirmed' | undefined;
  const ran = await deps.writes.run(key, async () => {
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Deleting vault {0}…', vault.name) }, async () => {
      try {
        await cbr.deleteVault(vault.id);
        outcome = 'sent';
      } catch (err) {
        if (!(err instanceof CloudApiError && err.outcomeUnknown)) {
          throw err;
        }
        deps.logger.warn(`deleteVault: outcome unknown (${describeError(err)}); checking, not resending`);
        outcome = (await vaultIsGone(deps, region, vault.id)) ? 'sent' : 'unconfirmed';
      }
    });
  });
  if (!ran) {
    void deps.messages.warn(vscode.l10n.t('A deletion of vault {0} is already being requested.', vault.name));
    return;
  }
  if (outcome === 'unconfirmed') {
    void deps.messages.error(vscode.l10n.t('The cloud did not confirm the deletion of vault {0}, and the vault is still there. Refresh the view before trying again.', vault.name));
    deps.refreshVault(region, vault.id);
    return;
  }
  deps.logger.info(`deleteVault: DELETE of ${vault.id} accepted`);
  deps.track({ kind: 'delete', region, what: 'vault', parentId: vault.id, items: [{ id: vault.id, name: vault.name }], label: vscode.l10n.t('Vault {0}', vault.name), startedAt: Date.now() });
  deps.refreshVault(region, vault.id);
}

async function vaultIsGone(deps: ActionDeps, region: string, vaultId: string): Promise<boolean> {
  try {
    await deps.connection.session(region).cbr.showVault(vaultId);
    return false;
  } catch (err) {
    if (isGone(err, 'vault')) {
      return true;
    }
    deps.logger.warn(`deleteVault: checking the vault failed too: ${describeError(err)}`);
    return false;
  }
}
