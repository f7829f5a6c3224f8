import * as vscode from 'vscode';
import { validateCheckpointDescription, validateCheckpointName, type Checkpoint, type SkippedResource } from '../api';
import { askStep, BACK, runSteps } from '../ui/prompter';
import { ActionDeps, NodeArg } from './deps';
import { defaultBackupName, pickVault, VaultTarget } from './pickTarget';
import { writeOnce } from './writeGuard';

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
  const title = vscode.l10n.t('Create restore point');
  const state: State = {};
  if (node?.kind === 'vault') {
    state.target = { region: node.region, vault: node.vault };
  } else if (node?.kind === 'resource') {
    state.target = { region: node.region, vault: node.vault };
    state.resourceIds = [node.resource.id];
    state.resourceLabel = node.resource.name;
  }
  const fromPalette = !state.target;
  const total = fromPalette ? 4 : 3;
  const offset = fromPalette ? 1 : 0;
  const prompter = deps.prompter();
  const steps: ((s: State) => Promise<void | typeof BACK>)[] = [];
  if (fromPalette) {
    steps.push(
      askStep(
        () => pickVault(deps, prompter, title, total, (v) => v.billing.protectType !== 'replication'),
        (s, picked) => (s.target = picked),
      ),
    );
  }
  steps.push(
    askStep(
      (s) =>
        prompter.input({
          title: `${title}: ${s.resourceLabel ?? s.target?.vault.name ?? ''}`,
          step: 1 + offset,
          totalSteps: total,
          prompt: vscode.l10n.t('Restore point name (letters, digits, Chinese characters, _ and -; at most 64)'),
          value: s.name ?? defaultBackupName(),
          validate: (v) => validateCheckpointName(v, vscode.l10n.t),
        }),
      (s, name) => (s.name = name),
    ),
  );
  steps.push(
    askStep(
      (s) =>
        prompter.input({
          title: `${title}: ${s.resourceLabel ?? s.target?.vault.name ?? ''}`,
          step: 2 + offset,
          totalSteps: total,
          prompt: vscode.l10n.t('Description (optional, at most 255 characters)'),
          value: s.description ?? '',
          validate: (v) => validateCheckpointDescription(v, vscode.l10n.t),
        }),
      (s, description) => (s.description = description),
    ),
  );
  steps.push(
    askStep(
      (s) =>
        prompter.pick<boolean>({
          title: `${title}: ${s.resourceLabel ?? s.target?.vault.name ?? ''}`,
          step: 3 + offset,
          totalSteps: total,
          placeholder: vscode.l10n.t('Incremental or full backup?'),
          items: [
            { label: vscode.l10n.t('Incremental'), description: vscode.l10n.t('default'), detail: vscode.l10n.t('Only what changed since the last backup.'), value: true },
            { label: vscode.l10n.t('Full'), detail: vscode.l10n.t('A complete copy; takes longer and uses more space.'), value: false },
          ],
        }),
      (s, incremental) => (s.incremental = incremental),
    ),
  );
  await runSteps(state, steps);
  const { target, name } = state;
  if (!target || !name) {
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
    write: () => session.cbr.createCheckpoint({ vaultId: target.vault.id, name, description: state.description || undefined, incremental: state.incremental ?? true, resourceIds: state.resourceIds }),
    idsOf: (checkpoint) => [checkpoint.id],
    reconcile: () => session.cbr.findCheckpointCreatedBy({ vaultId: target.vault.id, name, notBefore }),
    foundIds: (found) => [found.checkpointId],
    foundAfterUnknown: (found, why) => {
      follow(found.checkpointId);
      void deps.messages.warn(vscode.l10n.t('The cloud did not confirm the request, but restore point {0} was created; it is being followed. Nothing was sent twice. {1}', name, why));
    },
    missingAfterUnknown: (why) => {
      void deps.messages.error(vscode.l10n.t('The cloud did not confirm the request and no restore point named {0} exists in {1}; nothing was created. You can try again. {2}', name, target.vault.name, why));
    },
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
