import * as vscode from 'vscode';
import { validateGaussBackupDescription, validateGaussBackupName, type GaussCreatedBackup } from '../api';
import { askStep, BACK, runSteps } from '../ui/prompter';
import { ActionDeps, NodeArg } from './deps';
import { defaultBackupName, InstanceTarget, pickInstance } from './pickTarget';
import { writeOnce } from './writeGuard';

interface State {
  target?: InstanceTarget;
  name?: string;
  description?: string;
}

/** `cbr.createInstanceBackup`: a manual full backup of a GaussDB(for MySQL) instance, followed until its job ends. */
export async function createInstanceBackup(deps: ActionDeps, node?: NodeArg): Promise<void> {
  const title = vscode.l10n.t('Back up database instance');
  const state: State = {};
  if (node?.kind === 'instance') {
    state.target = { region: node.region, instance: node.instance };
  }
  const fromPalette = !state.target;
  const total = fromPalette ? 3 : 2;
  const offset = fromPalette ? 1 : 0;
  const prompter = deps.prompter();
  const steps: ((s: State) => Promise<void | typeof BACK>)[] = [];
  if (fromPalette) {
    steps.push(
      askStep(
        () => pickInstance(deps, prompter, title, total),
        (s, picked) => (s.target = picked),
      ),
    );
  }
  steps.push(
    askStep(
      (s) =>
        prompter.input({
          title: `${title}: ${s.target?.instance.name ?? ''}`,
          step: 1 + offset,
          totalSteps: total,
          prompt: vscode.l10n.t('Backup name: 4 to 64 characters, starting with a letter; letters, digits, _ and -'),
          value: s.name ?? defaultBackupName(),
          validate: (v) => validateGaussBackupName(v, vscode.l10n.t),
        }),
      (s, name) => (s.name = name),
    ),
  );
  steps.push(
    askStep(
      (s) =>
        prompter.input({
          title: `${title}: ${s.target?.instance.name ?? ''}`,
          step: 2 + offset,
          totalSteps: total,
          prompt: vscode.l10n.t('Description (optional, at most 256 characters, none of > ! < " & \' =)'),
          value: s.description ?? '',
          validate: (v) => validateGaussBackupDescription(v, vscode.l10n.t),
        }),
      (s, description) => (s.description = description),
    ),
  );
  await runSteps(state, steps);
  const { target, name } = state;
  if (!target || !name) {
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
    foundAfterUnknown: (found, why) => {
      follow(found.id);
      void deps.messages.warn(vscode.l10n.t('The cloud did not confirm the request, but backup {0} was created; it is being followed. Nothing was sent twice. {1}', name, why));
    },
    missingAfterUnknown: (why) => {
      void deps.messages.error(vscode.l10n.t('The cloud did not confirm the request and no backup named {0} exists for {1}; nothing was created. You can try again. {2}', name, target.instance.name, why));
    },
    created: (created: GaussCreatedBackup) => {
      follow(created.backup.id, created.jobId);
      deps.logger.info(`GaussDB backup ${created.backup.id} requested for instance ${target.instance.id} (job ${created.jobId})`);
      void deps.messages.info(vscode.l10n.t('Backup {0} of {1} has started.', name, target.instance.name));
    },
  });
}
