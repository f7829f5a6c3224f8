/**
 * `cbr.removeResources`: dissociates resources from a vault (the console's "Dissociate"); their
 * backups stay. RemoveVaultResource `POST /v3/{project_id}/vaults/{vault_id}/removeresources` with
 * `resource_ids`, answered with `remove_resource_ids` (huaweicloud-sdk-go-v3 services/cbr/v1/model/
 * model_vault_remove_resource_req.go; huaweicloud-sdk-nodejs-v3 RemoveVaultResourceResponse.ts).
 */
import * as vscode from 'vscode';
import type { VaultResource } from '../api';
import { isBack } from '../ui/prompter';
import { runWizard } from '../ui/wizard';
import { vaultOf } from './deleteArgs';
import type { ActionDeps } from './deps';
import { vaultStep, type VaultTarget } from './pickTarget';
import { writeOnce } from './writeOnce';

interface State {
  target?: VaultTarget;
  resources?: VaultResource[];
  /** The row it was started from, picked already. */
  preselected?: string;
}

/** The modal confirmation: which resources, and that their backups stay. */
export function confirmRemoveText(vaultName: string, resources: readonly VaultResource[]): { message: string; detail: string } {
  const message =
    resources.length === 1
      ? vscode.l10n.t('Remove 1 resource from vault {0}?', vaultName)
      : vscode.l10n.t('Remove {0} resources from vault {1}?', resources.length, vaultName);
  const names = resources.map((r) => `• ${r.name ?? r.id}`);
  return { message, detail: [...names, '', vscode.l10n.t('Their backups stay in the vault; only new backups of them stop.')].join('\n') };
}

/**
 * Picks resources of a vault by name (several at once; started from a resource row, that one is
 * picked already), confirms that their backups stay, and sends `removeresources` once (a lost
 * answer is checked against the vault's resources).
 */
export async function removeResources(deps: ActionDeps, clicked?: unknown): Promise<void> {
  const row = vaultOf(clicked);
  const start: State = row ? { target: { region: row.region, vault: row.vault }, preselected: row.resource?.id } : {};
  const state = await runWizard(deps.prompter(), start, {
    title: vscode.l10n.t('Remove resources from a vault'),
    subject: (s) => s.target?.vault.name,
    steps: [
      vaultStep(deps, () => true),
      {
        prompt: async (s, ask) => {
          const t = s.target!;
          // As it is now: the tree's copy may be old.
          const items = deps.connection
            .session(t.region)
            .cbr.showVault(t.vault.id)
            .then((vault) => {
              if (vault.resources.length === 0) {
                throw new Error(vscode.l10n.t('{0} has no resources to remove.', vault.name));
              }
              return vault.resources.map((r) => ({
                label: r.name ?? r.id,
                description: [r.type, r.backupCount !== undefined ? vscode.l10n.t('{0} backups', r.backupCount) : undefined].filter(Boolean).join(' · '),
                detail: r.id,
                picked: r.id === s.preselected,
                value: r,
              }));
            });
          const picked = await ask.pickMany<VaultResource>({ placeholder: vscode.l10n.t('Resources to remove from {0}', t.vault.name), items });
          if (isBack(picked)) {
            return picked;
          }
          s.resources = picked;
          return undefined;
        },
      },
    ],
  });
  const target = state?.target;
  const resources = state?.resources;
  if (!target || !resources || resources.length === 0) {
    return;
  }
  const { message, detail } = confirmRemoveText(target.vault.name, resources);
  if (!(await deps.prompter().confirm(message, detail, vscode.l10n.t('Remove')))) {
    return;
  }
  const session = deps.connection.session(target.region);
  const ids = resources.map((r) => r.id);
  await writeOnce(deps, {
    key: `removeResources:${target.vault.id}`,
    busyMessage: vscode.l10n.t('Resources are already being removed from {0}.', target.vault.name),
    progressTitle: vscode.l10n.t('Removing {0} resources from {1}…', resources.length, target.vault.name),
    action: 'removeResources',
    where: target.vault.name,
    write: () => session.cbr.removeResources(target.vault.id, ids),
    // The vault as it is now: which of them it no longer holds.
    reconcile: async () => {
      const vault = await session.cbr.showVault(target.vault.id);
      const gone = ids.filter((id) => !vault.resources.some((r) => r.id === id));
      return gone.length > 0 ? gone.length : undefined;
    },
    foundAfterUnknown: (gone) => {
      deps.refreshVault(target.region, target.vault.id);
      void deps.messages.warn(vscode.l10n.t('The cloud did not confirm the request, but {0} of the {1} resources are no longer in {2}.', gone, resources.length, target.vault.name));
    },
    missingAfterUnknown: () => {
      void deps.messages.error(vscode.l10n.t('No resource was removed from {0}. You can try again.', target.vault.name));
    },
    unconfirmedMessage: (until) => vscode.l10n.t('The cloud did not confirm the request. The removal from {0} is not confirmed yet; checking until {1}.', target.vault.name, until),
    waitMessage: (until) => vscode.l10n.t('An earlier removal from {0} is not confirmed yet. Try again after {1} if the resources are still there.', target.vault.name, until),
    created: (removed) => {
      deps.logger.info(`Removed ${removed.length} resources from vault ${target.vault.id}`);
      deps.refreshVault(target.region, target.vault.id);
      void deps.messages.info(
        removed.length === 1
          ? vscode.l10n.t('1 resource was removed from {0}; its backups stay.', target.vault.name)
          : vscode.l10n.t('{0} resources were removed from {1}; their backups stay.', removed.length, target.vault.name),
      );
    },
  });
}
