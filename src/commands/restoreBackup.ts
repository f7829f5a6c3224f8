import * as vscode from 'vscode';
import { restoreInfoOf, type Backup, type Vault } from '../api';
import { describeError, isUserCancellation, UserCancelledError } from '../common/errors';
import { isBack } from '../ui/prompter';
import { pickStep, runWizard } from '../ui/wizard';
import type { ActionDeps, NodeArg } from './deps';
import { notReplication, vaultStep, type VaultTarget } from './pickTarget';
import { describeOverwrite, planRestore, SERVER_TYPE, takeSafetyRestorePoint, whyNotRestorable, type RestorePlan, type SafetyOutcome } from './restoreChecks';
import { writeOnce } from './writeOnce';

interface State {
  target?: VaultTarget;
  backup?: Backup;
  powerOn?: boolean;
  safety?: boolean;
}

const SAFETY_POLL_MS = 2_000;
const SAFETY_TIMEOUT_MS = 60 * 60_000;

/** The vault's backups, newest first, with time, size and status. */
async function backupItems(deps: ActionDeps, target: VaultTarget) {
  const { backups } = await deps.connection.session(target.region).cbr.listBackups({ vaultId: target.vault.id, sort: 'created_at:desc', limit: 100 });
  if (backups.length === 0) {
    throw new Error(vscode.l10n.t('{0} holds no backups.', target.vault.name));
  }
  return backups.map((b) => ({
    label: `${b.resourceName ?? b.resourceId ?? ''}: ${b.name}`,
    description: [b.createdAt?.toLocaleString(), b.resourceSize !== undefined ? `${b.resourceSize} GB` : undefined, b.status].filter(Boolean).join(' · '),
    detail: b.id,
    value: b,
  }));
}

/**
 * `cbr.restoreBackup`: overwrites a server or disk with one of its backups. Everything is checked
 * before sending; the user types the resource's name to confirm; a safety restore point is taken
 * first unless declined, and the restore is sent only once it is available. The restore is sent
 * once: a lost answer is reconciled through the restore operation logs.
 */
export async function restoreBackup(deps: ActionDeps, node?: NodeArg): Promise<void> {
  if (node?.kind === 'checkpoint') {
    // A restore point: pick which of its resources to restore; each is then restored as its own backup.
    for (const backup of await pickCheckpointBackups(deps, node)) {
      await restoreOneBackup(deps, { kind: 'backup', region: node.region, backup, vault: node.vault });
    }
    return;
  }
  await restoreOneBackup(deps, node);
}

/** The restore point's backups (read again: the tree may hold only part of them), picked by resource. */
async function pickCheckpointBackups(deps: ActionDeps, node: Extract<NodeArg, { kind: 'checkpoint' }>): Promise<Backup[]> {
  const load = async () => {
    const { backups } = await deps.connection.session(node.region).cbr.listBackups({ checkpointId: node.checkpointId, limit: 100 });
    if (backups.length === 0) {
      throw new Error(vscode.l10n.t('Restore point {0} holds no backups.', node.name));
    }
    return backups;
  };
  const backups = await load();
  if (backups.length === 1) {
    return backups;
  }
  const picked = await deps.prompter().pickMany<Backup>({
    title: vscode.l10n.t('Restore a backup: {0}', node.name),
    step: 1,
    totalSteps: 1,
    placeholder: vscode.l10n.t('Resources to restore from restore point {0} (each is confirmed on its own)', node.name),
    items: backups.map((b) => ({
      label: b.resourceName ?? b.resourceId ?? b.name,
      description: [b.resourceType === SERVER_TYPE ? vscode.l10n.t('server') : vscode.l10n.t('disk'), b.resourceSize !== undefined ? `${b.resourceSize} GB` : undefined, b.status].filter(Boolean).join(' · '),
      detail: b.id,
      value: b,
    })),
  });
  if (isBack(picked) || picked.length === 0) {
    throw new UserCancelledError();
  }
  return picked;
}

async function restoreOneBackup(deps: ActionDeps, node?: NodeArg): Promise<void> {
  const prompter = deps.prompter();
  const start: State = {};
  if (node?.kind === 'backup' && node.vault) {
    start.target = { region: node.region, vault: node.vault };
    start.backup = node.backup;
  }
  const state = await runWizard(prompter, start, {
    title: vscode.l10n.t('Restore a backup'),
    subject: (s) => s.backup?.resourceName ?? s.target?.vault.name,
    steps: [
      vaultStep(deps, notReplication),
      pickStep<State, Backup>({
        when: (s) => !s.backup,
        placeholder: vscode.l10n.t('Backup to restore'),
        items: (s) => backupItems(deps, s.target!),
        keep: (s, backup) => (s.backup = backup),
      }),
      pickStep<State, boolean>({
        when: (s) => s.backup?.resourceType === SERVER_TYPE,
        placeholder: vscode.l10n.t('Start the server after the restore?'),
        items: () => [
          { label: vscode.l10n.t('Start it'), description: vscode.l10n.t('default'), value: true },
          { label: vscode.l10n.t('Leave it stopped'), value: false },
        ],
        keep: (s, powerOn) => (s.powerOn = powerOn),
      }),
      pickStep<State, boolean>({
        placeholder: vscode.l10n.t('Take a safety restore point first?'),
        items: () => [
          { label: vscode.l10n.t('Take a safety restore point first'), description: vscode.l10n.t('default'), detail: vscode.l10n.t('Backs up the current data; the restore starts only once it is available.'), value: true },
          { label: vscode.l10n.t('Restore without a safety restore point'), detail: vscode.l10n.t('The current data cannot be recovered afterwards.'), value: false },
        ],
        keep: (s, safety) => (s.safety = safety),
      }),
    ],
  });
  const target = state?.target;
  const picked = state?.backup;
  if (!state || !target || !picked) {
    return;
  }
  const session = deps.connection.session(target.region);
  // The tree's copy may be old: check the backup as it is now.
  const backup = await session.cbr.showBackup(picked.id);
  const notRestorable = whyNotRestorable(backup);
  if (notRestorable) {
    void deps.messages.error(notRestorable);
    return;
  }
  const plan = planRestore(backup, state.powerOn ?? true);
  const typed = await prompter.input({
    title: vscode.l10n.t('Restore a backup'),
    step: 1,
    totalSteps: 1,
    prompt: `${describeOverwrite(plan, backup)}\n${vscode.l10n.t('Type {0} to confirm.', plan.targetName)}`,
    placeholder: plan.targetName,
    validate: (v) => (v === plan.targetName ? undefined : vscode.l10n.t('Type {0} exactly to confirm.', plan.targetName)),
  });
  if (typed !== plan.targetName) {
    throw new UserCancelledError();
  }

  await takeSafetyThenRestore(deps, { target, backup, plan, safety: state.safety ?? true });
}

async function takeSafetyThenRestore(deps: ActionDeps, o: { target: VaultTarget; backup: Backup; plan: RestorePlan; safety: boolean }): Promise<void> {
  const { target, backup, plan } = o;
  const session = deps.connection.session(target.region);
  if (o.safety) {
    const name = `safety_${plan.targetName}`.replace(/[^\p{L}\p{N}_-]/gu, '_').slice(0, 64);
    // Remembered while the safety restore point is made: after a reload in between, the user is
    // asked again (resumePendingRestores) instead of the restore being lost or sent unasked.
    // Forgotten before the restore is sent, so that a sent restore is never offered again.
    const pending = deps.pendingRestores;
    await pending?.add({ region: target.region, vaultId: target.vault.id, backupId: backup.id, backupName: backup.name, targetName: plan.targetName, startedAt: Date.now() });
    let safety: SafetyOutcome;
    try {
      safety = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Taking safety restore point {0} of {1}…', name, plan.targetName) }, () =>
        takeSafetyRestorePoint(session, { vaultId: target.vault.id, resourceId: plan.targetId, name, pollMs: SAFETY_POLL_MS, timeoutMs: SAFETY_TIMEOUT_MS }),
      );
    } finally {
      await pending?.remove(backup.id);
    }
    if (!safety.ok) {
      deps.logger.warn(`restoreBackup: safety restore point of ${plan.targetId} failed; nothing restored`);
      void deps.messages.error(vscode.l10n.t('Nothing was restored: {0}', safety.reason));
      deps.refreshVault(target.region, target.vault.id);
      return;
    }
    deps.logger.info(`restoreBackup: safety restore point ${safety.checkpointId} of ${plan.targetId} is available`);
    deps.refreshVault(target.region, target.vault.id);
  }

  const notBefore = new Date();
  const label = plan.targetName;
  const follow = (): void => {
    deps.track({ kind: 'restore', region: target.region, vaultId: target.vault.id, backupId: backup.id, label, startedAt: notBefore.getTime() });
    deps.refreshVault(target.region, target.vault.id);
  };
  await writeOnce(deps, {
    key: `restore:${plan.targetId}`,
    busyMessage: vscode.l10n.t('A restore of {0} is already being requested.', plan.targetName),
    progressTitle: vscode.l10n.t('Starting the restore of {0}…', plan.targetName),
    action: 'restoreBackup',
    where: target.vault.name,
    write: () => session.cbr.restoreBackup(plan.request),
    reconcile: () => findRestoreStarted(deps, target, backup.id, notBefore),
    foundAfterUnknown: () => {
      follow();
      void deps.messages.warn(vscode.l10n.t('The cloud did not confirm the request, but the restore of {0} started; it is being followed.', plan.targetName));
    },
    missingAfterUnknown: () => {
      void deps.messages.error(vscode.l10n.t('The restore of {0} has not started; nothing was overwritten. You can try again.', plan.targetName));
    },
    unconfirmedMessage: (until) => vscode.l10n.t('The cloud did not confirm the request. The restore of {0} is not confirmed yet; checking until {1}.', plan.targetName, until),
    waitMessage: (until) => vscode.l10n.t('An earlier restore of {0} is not confirmed yet. Try again after {1} if it has not started.', plan.targetName, until),
    created: () => {
      follow();
      deps.logger.info(`restoreBackup: restore of backup ${backup.id} onto ${plan.targetId} started`);
      void deps.messages.info(vscode.l10n.t('Restoring {0} from backup {1}.', plan.targetName, backup.name));
    },
  });
}

/** After a lost answer: a restore log of this backup since the request, or the backup reading `restoring`. */
async function findRestoreStarted(deps: ActionDeps, target: { region: string; vault: Vault }, backupId: string, notBefore: Date): Promise<true | undefined> {
  const cbr = deps.connection.session(target.region).cbr;
  const logs = await cbr.listRestoreLogs({ vaultId: target.vault.id, startTime: new Date(notBefore.getTime() - 60_000) });
  if (logs.some((l) => restoreInfoOf(l)?.backupId === backupId)) {
    return true;
  }
  return (await cbr.showBackup(backupId)).status === 'restoring' ? true : undefined;
}

/**
 * On start: each restore that was waiting for its safety restore point when the window closed is
 * not sent; the user is asked whether to start it again (the whole flow, with its checks and
 * confirmation). Answered or dismissed, it is forgotten; unanswered (another reload), asked again.
 */
export async function resumePendingRestores(deps: ActionDeps): Promise<void> {
  const pending = deps.pendingRestores;
  if (!pending) {
    return;
  }
  await Promise.all(
    pending.list().map(async (p) => {
      deps.logger.info(`restoreBackup: a restore of backup ${p.backupId} was waiting for its safety restore point when the window closed; asking again`);
      const again = vscode.l10n.t('Restore…');
      const discard = vscode.l10n.t('Discard');
      const pick = await deps.messages.warn(
        vscode.l10n.t('When the window closed, the restore of {0} from backup {1} was waiting for its safety restore point. It was not sent. Restore it now?', p.targetName, p.backupName),
        again,
        discard,
      );
      await pending.remove(p.backupId);
      if (pick !== again) {
        return;
      }
      try {
        const session = deps.connection.session(p.region);
        const [backup, vault] = await Promise.all([session.cbr.showBackup(p.backupId), session.cbr.showVault(p.vaultId)]);
        await restoreBackup(deps, { kind: 'backup', region: p.region, backup, vault });
      } catch (err) {
        if (!isUserCancellation(err)) {
          void deps.messages.error(describeError(err));
        }
      }
    }),
  );
}
