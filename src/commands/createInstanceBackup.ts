import * as vscode from 'vscode';
import { validateGaussBackupDescription, validateGaussBackupName, type GaussCreatedBackup } from '../api';
import { inputStep, runWizard } from '../ui/wizard';
import type { ActionDeps, NodeArg } from './deps';
import { defaultBackupName, instanceStep, type InstanceTarget } from './pickTarget';
import { checkInstanceBackup, tellBlocked } from './preChecks';
import { writeOnce } from './writeOnce';

interface State {
  target?: InstanceTarget;
  name?: string;
  description?: string;
}

/** `cbr.createInstanceBackup`: a manual full backup of a GaussDB(for MySQL) instance, followed until its job ends. */
export async function createInstanceBackup(deps: ActionDeps, node?: NodeArg): Promise<void> {
  const start: State = node?.kind === 'instance' ? { target: { region: node.region, instance: node.instance } } : {};
  // An instance already backing up (DBS.200086 from the cloud) is refused before any question.
  const blocked = start.target && (await checkInstanceBackup(deps, start.target));
  if (blocked) {
    tellBlocked(deps, blocked);
    return;
  }
  const state = await runWizard(deps.prompter(), start, {
    title: vscode.l10n.t('Back up database instance'),
    subject: (s) => s.target?.instance.name,
    steps: [
      instanceStep(deps, (target) => checkInstanceBackup(deps, target)),
      inputStep({
        prompt: vscode.l10n.t('Backup name: 4 to 64 characters, starting with a letter; letters, digits, _ and -'),
        value: () => defaultBackupName(),
        validate: (v) => validateGaussBackupName(v, vscode.l10n.t),
        keep: (s, name) => (s.name = name),
      }),
      inputStep({
        prompt: vscode.l10n.t('Description (optional, at most 256 characters, none of > ! < " & \' =)'),
        value: () => '',
        validate: (v) => validateGaussBackupDescription(v, vscode.l10n.t),
        keep: (s, description) => (s.description = description),
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
  const follow = (backupId: string, jobId?: string): void => {
    deps.track({ kind: 'gaussBackup', region: target.region, instanceId: target.instance.id, backupId, jobId, label: name, startedAt: notBefore.getTime() });
    deps.refreshInstance(target.region, target.instance.id);
  };
  await writeOnce(deps, {
    key: `gauss:${target.instance.id}`,
    busyMessage: vscode.l10n.t('A backup of {0} is already being requested.', target.instance.name),
    progressTitle: vscode.l10n.t('Starting backup {0}…', name),
    action: 'createInstanceBackup',
    where: target.instance.name,
    write: () => session.gaussdb.createBackup({ instanceId: target.instance.id, name, description: state.description || undefined }),
    idsOf: (created) => [created.backup.id],
    reconcile: () => session.gaussdb.findBackupCreatedBy({ instanceId: target.instance.id, name, notBefore }),
    foundIds: (found) => [found.id],
    foundAfterUnknown: (found) => {
      follow(found.id);
      void deps.messages.warn(vscode.l10n.t('The cloud did not confirm the request, but backup {0} was created; it is being followed.', name));
    },
    missingAfterUnknown: () => {
      void deps.messages.error(vscode.l10n.t('Backup {0} of {1} was not created. You can try again.', name, target.instance.name));
    },
    unconfirmedMessage: (until) => vscode.l10n.t('The cloud did not confirm the request. Backup {0} is not confirmed yet; checking until {1}.', name, until),
    waitMessage: (until) => vscode.l10n.t('An earlier backup of {0} is not confirmed yet. Try again after {1} if it has not appeared.', target.instance.name, until),
    created: (created: GaussCreatedBackup) => {
      follow(created.backup.id, created.jobId);
      deps.logger.info(`GaussDB backup ${created.backup.id} requested for instance ${target.instance.id} (job ${created.jobId})`);
      void deps.messages.info(vscode.l10n.t('Backup {0} of {1} has started.', name, target.instance.name));
    },
  });
}
