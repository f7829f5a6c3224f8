import * as vscode from 'vscode';
import { collectPages, type GaussBackup, type GaussInstance, type RestorableRange } from '../api';
import { UserCancelledError } from '../common/errors';
import { BACK, isBack, type PickItem } from '../ui/prompter';
import { pickStep, runWizard, type WizardStep } from '../ui/wizard';
import type { ActionDeps, NodeArg } from './deps';
import { listInstanceItems, PICKER_MAX_ITEMS, type InstanceTarget } from './pickTarget';
import {
  defaultRestoreTime,
  describeInstanceOverwrite,
  describeRanges,
  formatLocal,
  isRestorableBackup,
  parseLocal,
  RestoreNotOffered,
  restoreOffers,
  unlessNotOffered,
  whyNotRestorableOnto,
  whyNotRestorableTime,
  type RestoreSource,
} from './restoreInstanceChecks';
import { writeOnce } from './writeOnce';

interface State {
  source?: InstanceTarget;
  mode?: 'backup' | 'timestamp';
  backup?: GaussBackup;
  ranges?: RestorableRange[];
  at?: Date;
  target?: GaussInstance;
}

/** The instance's backups a restore can start from, newest first, with time, size and type. */
async function backupItems(deps: ActionDeps, source: InstanceTarget) {
  const listed = await collectPages(async (offset, limit) => {
    const page = await deps.connection.session(source.region).gaussdb.listBackups({ instanceId: source.instance.id, offset, limit });
    return { items: page.backups, total: page.totalCount };
  }, { pageSize: 100, maxItems: PICKER_MAX_ITEMS });
  const backups = listed.items.filter(isRestorableBackup).sort((a, b) => (b.beginTime?.getTime() ?? 0) - (a.beginTime?.getTime() ?? 0));
  if (backups.length === 0) {
    throw new Error(vscode.l10n.t('{0} has no completed backup to restore from.', source.instance.name));
  }
  return backups.map((b) => ({
    label: b.name,
    description: [b.beginTime ? formatLocal(b.beginTime) : undefined, b.size !== undefined ? `${b.size} MB` : undefined, b.type].filter(Boolean).join(' · '),
    detail: b.id,
    value: b,
  }));
}

/** The instances of the source's region that can take the restore: the source itself first. */
async function targetItems(deps: ActionDeps, source: InstanceTarget) {
  const listed = await collectPages(async (offset, limit) => {
    const page = await deps.connection.session(source.region).gaussdb.listInstances({ offset, limit });
    return { items: page.instances, total: page.totalCount };
  }, { pageSize: 100, maxItems: PICKER_MAX_ITEMS });
  const others = listed.items.filter((i) => i.id !== source.instance.id);
  return [
    { label: source.instance.name, description: vscode.l10n.t('this instance (default)'), detail: source.instance.id, value: source.instance },
    ...others.map((i) => ({ label: i.name, description: i.status ?? '', detail: i.id, value: i })),
  ];
}

/** Asks for the point in time, after reading the window; the typed time is checked against it. */
function timeStep(deps: ActionDeps): WizardStep<State> {
  return {
    when: (s) => s.mode === 'timestamp',
    async prompt(s, ask) {
      const source = s.source!;
      s.ranges = (await unlessNotOffered(source.region, deps.connection.regions, () => deps.connection.session(source.region).gaussdb.listRestoreTimes(source.instance.id))).ranges;
      if (s.ranges.length === 0) {
        throw new Error(vscode.l10n.t('{0} has no restorable window yet: it needs a completed backup first.', source.instance.name));
      }
      const ranges = s.ranges;
      const answer = await ask.input({
        prompt: vscode.l10n.t('Point in time to restore to, local time (YYYY-MM-DD HH:MM:SS). Restorable: {0}', describeRanges(ranges)),
        value: formatLocal(defaultRestoreTime(ranges)!),
        validate: (v) => whyNotRestorableTime(v, ranges),
      });
      if (isBack(answer)) {
        return BACK;
      }
      s.at = parseLocal(answer);
      return undefined;
    },
  };
}

/**
 * `cbr.restoreInstance`: restores a GaussDB(for MySQL) instance from one of its backups or to a
 * point in time inside its restorable window, onto itself or another instance of its region.
 * Everything is checked before sending; the user types the target's name to confirm. The restore
 * is sent once: a lost answer is reconciled through the target's status. Where the cloud does not
 * offer these calls, the user is told once and the command is not offered there again.
 */
export async function restoreInstance(deps: ActionDeps, node?: NodeArg): Promise<void> {
  try {
    await restoreInstanceFlow(deps, node);
  } catch (err) {
    if (err instanceof RestoreNotOffered) {
      deps.logger.warn(`restoreInstance: the cloud does not offer instance restore in ${err.region}`);
      void deps.messages.warn(err.message);
      return;
    }
    throw err;
  }
}

async function restoreInstanceFlow(deps: ActionDeps, node?: NodeArg): Promise<void> {
  const start: State = {};
  if (node?.kind === 'instance') {
    start.source = { region: node.region, instance: node.instance };
  } else if (node?.kind === 'gaussBackup') {
    start.source = { region: node.region, instance: node.instance };
    start.mode = 'backup';
    start.backup = node.backup;
  }
  if (start.source && !restoreOffers.isOffered(start.source.region)) {
    void deps.messages.info(vscode.l10n.t('Restoring a database instance is not offered in {0}.', start.source.region));
    return;
  }
  const prompter = deps.prompter();
  const state = await runWizard(prompter, start, {
    title: vscode.l10n.t('Restore database instance'),
    subject: (s) => s.source?.instance.name,
    steps: [
      pickStep<State, InstanceTarget>({
        when: (s) => !s.source,
        placeholder: vscode.l10n.t('Choose a database instance'),
        items: async () => {
          const list = await listInstanceItems(deps);
          const all: readonly PickItem<InstanceTarget>[] = 'items' in list ? list.items : list;
          const items = all.filter((i) => restoreOffers.isOffered(i.value.region));
          if (items.length === 0) {
            throw new Error(vscode.l10n.t('Restoring a database instance is not offered in {0}.', deps.connection.regions.join(', ')));
          }
          return { items, placeholder: 'placeholder' in list ? list.placeholder : undefined };
        },
        keep: (s, source) => (s.source = source),
      }),
      pickStep<State, 'backup' | 'timestamp'>({
        when: (s) => !s.backup,
        placeholder: vscode.l10n.t('Restore from'),
        items: () => [
          { label: vscode.l10n.t('A point in time'), description: vscode.l10n.t('default'), detail: vscode.l10n.t('Any moment inside the restorable window.'), value: 'timestamp' as const },
          { label: vscode.l10n.t('A backup'), detail: vscode.l10n.t('One of the instance’s completed backups.'), value: 'backup' as const },
        ],
        keep: (s, mode) => (s.mode = mode),
      }),
      pickStep<State, GaussBackup>({
        when: (s) => s.mode === 'backup' && !s.backup,
        placeholder: vscode.l10n.t('Backup to restore'),
        items: (s) => backupItems(deps, s.source!),
        keep: (s, backup) => (s.backup = backup),
      }),
      timeStep(deps),
      pickStep<State, GaussInstance>({
        placeholder: vscode.l10n.t('Restore onto (its current data is lost)'),
        items: (s) => targetItems(deps, s.source!),
        keep: (s, target) => (s.target = target),
      }),
    ],
  });
  const source = state?.source;
  const picked = state?.target;
  if (!state || !source || !picked) {
    return;
  }
  const from: RestoreSource | undefined = state.mode === 'backup' && state.backup ? { kind: 'backup', backup: state.backup } : state.at ? { kind: 'timestamp', at: state.at } : undefined;
  if (!from) {
    return;
  }
  const region = source.region;
  const gaussdb = deps.connection.session(region).gaussdb;
  // The tree's copy may be old: the target as it is now.
  const target = (await gaussdb.listInstances({ id: picked.id })).instances.find((i) => i.id === picked.id);
  if (!target) {
    void deps.messages.error(vscode.l10n.t('Database instance {0} no longer exists.', picked.name));
    return;
  }
  const notOnto = whyNotRestorableOnto(target);
  if (notOnto) {
    void deps.messages.error(notOnto);
    return;
  }
  if (from.kind === 'backup' && !isRestorableBackup(from.backup)) {
    void deps.messages.error(vscode.l10n.t('Backup {0} is {1}; only a completed backup can be restored.', from.backup.name, from.backup.status));
    return;
  }

  const typed = await prompter.input({
    title: vscode.l10n.t('Restore database instance'),
    step: 1,
    totalSteps: 1,
    prompt: `${describeInstanceOverwrite(source.instance, target, from)}\n${vscode.l10n.t('Type {0} to confirm.', target.name)}`,
    placeholder: target.name,
    validate: (v) => (v === target.name ? undefined : vscode.l10n.t('Type {0} exactly to confirm.', target.name)),
  });
  if (typed !== target.name) {
    throw new UserCancelledError();
  }
  if (from.kind === 'timestamp') {
    // The window moves (old binlogs expire): check the time against it as it is now.
    const { ranges } = await unlessNotOffered(region, deps.connection.regions, () => gaussdb.listRestoreTimes(source.instance.id));
    const outside = whyNotRestorableTime(formatLocal(from.at), ranges);
    if (outside) {
      void deps.messages.error(vscode.l10n.t('Nothing was restored: {0}', outside));
      return;
    }
  }

  const notBefore = Date.now();
  const follow = (jobId?: string): void => {
    deps.track({ kind: 'gaussRestore', region, instanceId: target.id, jobId, label: target.name, startedAt: notBefore });
    deps.refreshInstance(region, target.id);
  };
  await writeOnce(deps, {
    key: `gaussRestore:${target.id}`,
    busyMessage: vscode.l10n.t('A restore of {0} is already being requested.', target.name),
    progressTitle: vscode.l10n.t('Starting the restore of {0}…', target.name),
    action: 'restoreInstance',
    where: target.name,
    write: () =>
      unlessNotOffered(region, deps.connection.regions, () =>
        gaussdb.restoreInstance(
          from.kind === 'backup'
            ? { sourceInstanceId: source.instance.id, targetInstanceId: target.id, type: 'backup', backupId: from.backup.id }
            : { sourceInstanceId: source.instance.id, targetInstanceId: target.id, type: 'timestamp', restoreTime: from.at },
        ),
      ),
    reconcile: () => targetRestoring(deps, region, target.id),
    foundAfterUnknown: () => {
      follow();
      void deps.messages.warn(vscode.l10n.t('The cloud did not confirm the request, but the restore of {0} started; it is being followed.', target.name));
    },
    missingAfterUnknown: () => {
      void deps.messages.error(vscode.l10n.t('The restore of {0} has not started; nothing was overwritten. You can try again.', target.name));
    },
    unconfirmedMessage: (until) => vscode.l10n.t('The cloud did not confirm the request. The restore of {0} is not confirmed yet; checking until {1}.', target.name, until),
    waitMessage: (until) => vscode.l10n.t('An earlier restore of {0} is not confirmed yet. Try again after {1} if it has not started.', target.name, until),
    created: ({ jobId }) => {
      follow(jobId);
      deps.logger.info(`restoreInstance: restore of ${source.instance.id} onto ${target.id} started (job ${jobId})`);
      void deps.messages.info(
        from.kind === 'backup'
          ? vscode.l10n.t('Restoring {0} from backup {1}.', target.name, from.backup.name)
          : vscode.l10n.t('Restoring {0} to {1}.', target.name, formatLocal(from.at)),
      );
    },
  });
}

/** After a lost answer: the target reading RESTORING means the restore started. */
async function targetRestoring(deps: ActionDeps, region: string, instanceId: string): Promise<true | undefined> {
  const { instances } = await deps.connection.session(region).gaussdb.listInstances({ id: instanceId });
  const status = instances.find((i) => i.id === instanceId)?.status;
  return status === 'RESTORING' || status === 'restoring' ? true : undefined;
}
