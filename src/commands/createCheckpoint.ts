import * as vscode from 'vscode';
import { validateCheckpointDescription, validateCheckpointName, type Checkpoint, type SkippedResource } from '../api';
import { inputStep, pickStep, runWizard } from '../ui/wizard';
import type { ActionDeps, NodeArg } from './deps';
import { defaultBackupName, notReplication, vaultStep, type VaultTarget } from './pickTarget';
import { checkCheckpoint, tellBlocked } from './preChecks';
import { writeOnce } from './writeOnce';

interface State {
  target?: VaultTarget;
  resourceIds?: string[];
  resourceLabel?: string;
  name?: string;
  description?: string;
  incremental?: boolean;
}

/**
 * `cbr.createCheckpoint`: back up a vault (all its resources) or one resource, creating a
 * restore point. Skipped resources are reported with their reasons; the new restore point is
 * followed until every backup is available or failed.
 */
export async function createCheckpoint(deps: ActionDeps, node?: NodeArg): Promise<void> {
  const start: State = {};
  if (node?.kind === 'vault') {
    start.target = { region: node.region, vault: node.vault };
  } else if (node?.kind === 'resource') {
    start.target = { region: node.region, vault: node.vault };
    start.resourceIds = [node.resource.id];
    start.resourceLabel = node.resource.name;
  }
  // Bound to fail (an empty vault, a resource already being backed up): said before any question.
  const blocked = start.target && (await checkCheckpoint(deps, start.target, start.resourceIds));
  if (blocked) {
    tellBlocked(deps, blocked);
    return;
  }
  const state = await runWizard(deps.prompter(), start, {
    title: vscode.l10n.t('Create restore point'),
    subject: (s) => s.resourceLabel ?? s.target?.vault.name,
    steps: [
      vaultStep(deps, notReplication, (target) => checkCheckpoint(deps, target)),
      inputStep({
        prompt:
          deps.connection.cloud === 'huaweicloud'
            ? vscode.l10n.t('Restore point name (letters, digits, Chinese characters, _ and -; at most 64)')
            : vscode.l10n.t('Restore point name (letters, digits, _ and -; at most 64)'),
        value: () => defaultBackupName(),
        validate: (v) => validateCheckpointName(v, vscode.l10n.t, deps.connection.cloud),
        keep: (s, name) => (s.name = name),
      }),
      inputStep({
        prompt: vscode.l10n.t('Description (optional, at most 255 characters, no control characters)'),
        value: () => '',
        validate: (v) => validateCheckpointDescription(v, vscode.l10n.t),
        keep: (s, description) => (s.description = description),
      }),
      pickStep({
        placeholder: vscode.l10n.t('Incremental or full backup?'),
        items: () => [
          { label: vscode.l10n.t('Incremental'), description: vscode.l10n.t('default'), detail: vscode.l10n.t('Only what changed since the last backup.'), value: true },
          { label: vscode.l10n.t('Full'), detail: vscode.l10n.t('A complete copy; takes longer and uses more space.'), value: false },
        ],
        keep: (s, incremental) => (s.incremental = incremental),
      }),
    ],
  });
  const target = state?.target;
  const name = state?.name;
  if (!state || !target || !name) {
    return;
  }
  const session = deps.connection.session(target.region);
  const notBefore = new Date();
  const follow = (checkpointId: string): void => {
    deps.track({ kind: 'checkpoint', region: target.region, vaultId: target.vault.id, checkpointId, label: name, startedAt: notBefore.getTime() });
    deps.refreshVault(target.region, target.vault.id);
  };
  await writeOnce(deps, {
    key: `checkpoint:${target.vault.id}`,
    busyMessage: vscode.l10n.t('A restore point of {0} is already being requested.', target.vault.name),
    progressTitle: vscode.l10n.t('Creating restore point {0}…', name),
    action: 'createCheckpoint',
    where: target.vault.name,
    write: () => session.cbr.createCheckpoint({ cloud: deps.connection.cloud, vaultId: target.vault.id, name, description: state.description || undefined, incremental: state.incremental ?? true, resourceIds: state.resourceIds }),
    idsOf: (checkpoint) => [checkpoint.id],
    reconcile: () => session.cbr.findCheckpointCreatedBy({ vaultId: target.vault.id, name, notBefore }),
    foundIds: (found) => [found.checkpointId],
    foundAfterUnknown: (found) => {
      follow(found.checkpointId);
      void deps.messages.warn(vscode.l10n.t('The cloud did not confirm the request, but restore point {0} was created; it is being followed.', name));
    },
    missingAfterUnknown: () => {
      void deps.messages.error(vscode.l10n.t('Restore point {0} was not created in {1}. You can try again.', name, target.vault.name));
    },
    unconfirmedMessage: (until) => vscode.l10n.t('The cloud did not confirm the request. Restore point {0} is not confirmed yet; checking until {1}.', name, until),
    waitMessage: (until) => vscode.l10n.t('An earlier restore point of {0} is not confirmed yet. Try again after {1} if it has not appeared.', target.vault.name, until),
    created: (checkpoint: Checkpoint) => {
      const protecting = checkpoint.vault?.resources.length ?? 0;
      const skipped = checkpoint.vault?.skippedResources ?? [];
      deps.logger.info(`Restore point ${checkpoint.id} requested in vault ${target.vault.id}: ${protecting} protecting, ${skipped.length} skipped`);
      if (protecting === 0 && skipped.length > 0) {
        // Nothing to follow: the cloud started no backup at all.
        deps.refreshVault(target.region, target.vault.id);
        void deps.messages.warn(vscode.l10n.t('No backup was started in {0}: every resource was skipped. {1}', target.vault.name, describeSkipped(skipped)));
        return;
      }
      follow(checkpoint.id);
      if (skipped.length > 0) {
        void deps.messages.warn(vscode.l10n.t('Restore point {0} is being created in {1}; backups being protected: {2}. Resources skipped ({3}): {4}', name, target.vault.name, protecting, skipped.length, describeSkipped(skipped)));
      } else {
        void deps.messages.info(vscode.l10n.t('Restore point {0} is being created in {1}; backups being protected: {2}.', name, target.vault.name, protecting));
      }
    },
  });
}

/** `data-disk-01: resource is being backed up (BackupService.0002); …` */
function describeSkipped(skipped: readonly SkippedResource[]): string {
  return skipped.map((r) => `${r.name}: ${[r.reason, r.code ? `(${r.code})` : undefined].filter(Boolean).join(' ')}`).join('; ');
}
