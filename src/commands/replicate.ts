import * as vscode from 'vscode';
import { collectPages, type Backup, type Replication, type Vault } from '../api';
import { Commands } from '../constants';
import { BACK, isBack, type PickItem } from '../ui/prompter';
import { pickStep, runWizard } from '../ui/wizard';
import type { ActionDeps, NodeArg } from './deps';
import { notReplication, PICKER_MAX_ITEMS, vaultStep, type VaultTarget } from './pickTarget';
import { refuse, tellBlocked, type Blocker } from './preChecks';
import { writeOnce } from './writeOnce';

interface State {
  /** The source vault. */
  target?: VaultTarget;
  destinationRegion?: string;
  destination?: Vault;
  acceleration?: boolean;
}

/** The regions that accept replicas from the source's region, from its replication capabilities. */
async function destinationRegions(deps: ActionDeps, source: VaultTarget): Promise<PickItem<string>[]> {
  const capabilities = await deps.connection.session(source.region).cbr.replicationCapabilities();
  const destinations = capabilities.regions.find((r) => r.name === source.region)?.replicationDestinations ?? [];
  if (destinations.length === 0) {
    throw new Error(vscode.l10n.t('No region accepts replicas from {0}.', source.region));
  }
  return destinations.map((r) => ({ label: r, value: r }));
}

/** The replication vaults in `region` that can hold the source's kind of backups. */
async function destinationVaults(deps: ActionDeps, source: VaultTarget, region: string): Promise<PickItem<Vault>[]> {
  const destinationSession = deps.connection.session(source.region).forRegion(region);
  const { items: replicationVaults } = await collectPages(async (offset, limit) => {
    const page = await destinationSession.cbr.listVaults({ protectType: 'replication', offset, limit });
    return { items: page.vaults, total: page.count };
  }, { pageSize: 1000, maxItems: PICKER_MAX_ITEMS });
  if (replicationVaults.length === 0) {
    throw new Error(vscode.l10n.t('There is no replication vault in {0}. Create one there (protection type "replication") and try again.', region));
  }
  // Server backups replicate into a server replication vault, disk backups into a disk one.
  const objectType = source.vault.billing.objectType;
  const vaults = replicationVaults.filter((v) => !objectType || !v.billing.objectType || v.billing.objectType === objectType);
  if (vaults.length === 0) {
    throw new Error(
      vscode.l10n.t(
        'The replication vaults in {0} ({1}) hold other kinds of backups than {2} ({3}). Create a "{3}" replication vault there and try again.',
        region,
        replicationVaults.map((v) => `${v.name}: ${v.billing.objectType ?? '?'}`).join(', '),
        source.vault.name,
        objectType ?? '',
      ),
    );
  }
  return vaults.map((v) => ({ label: v.name, description: v.billing.objectType, detail: v.id, value: v }));
}

/** A backup the replication would copy: the newest available backup of each resource (test/emulator/cbr/replication.ts). */
interface Candidate {
  backup: Backup;
}

/**
 * What a replication of the vault would copy, before any destination is known: the newest
 * available backup of each resource. The list asks for replication records (`show_replication`,
 * HW ListBackups), which Huawei Cloud sends and Open Telekom Cloud does not.
 */
async function replicationCandidates(deps: ActionDeps, source: VaultTarget): Promise<Candidate[]> {
  const session = deps.connection.session(source.region);
  const { items } = await collectPages(async (offset, limit) => {
    const page = await session.cbr.listBackups({ vaultId: source.vault.id, status: ['available'], imageType: 'backup', showReplication: true, sort: 'created_at:desc', offset, limit });
    return { items: page.backups, total: page.count };
  }, { pageSize: 1000, maxItems: PICKER_MAX_ITEMS });
  const newest = new Map<string, Backup>();
  for (const backup of items) {
    const key = backup.resourceId ?? backup.id;
    const seen = newest.get(key);
    if (!seen || (backup.createdAt?.getTime() ?? 0) > (seen.createdAt?.getTime() ?? 0)) {
      newest.set(key, backup);
    }
  }
  return [...newest.values()].map((backup) => ({ backup }));
}

/** Whether a backup is in the destination vault already, or on its way there, by its replication records. */
function alreadyThere(backup: Backup, destinationVaultId: string): boolean {
  return backup.replicationRecords.some((r) => r.destinationVaultId === destinationVaultId && ['success', 'replicating', 'waiting_replicate'].includes(r.status ?? ''));
}

const totalGb = (backups: readonly Backup[]): number => backups.reduce((sum, b) => sum + (b.resourceSize ?? 0), 0);

/**
 * `cbr.replicate`: copies a vault's backups to a replication vault in another region. The
 * destination region comes from the source region's replication capabilities, and the
 * destination vault is picked from that region's replication vaults, never typed.
 */
export async function replicate(deps: ActionDeps, node?: NodeArg): Promise<void> {
  const prompter = deps.prompter();
  const offersAcceleration = deps.connection.cloud !== 'opentelekomcloud';
  // Open Telekom Cloud lists backups without replication records (test/emulator/profile.ts), so
  // there the count is an upper bound and the cloud skips what is already there.
  const recordsKnown = deps.connection.cloud !== 'opentelekomcloud';
  const start: State = node?.kind === 'vault' ? { target: { region: node.region, vault: node.vault } } : {};
  // What would be copied is known before any question: nothing at all is said at once.
  let candidates: Candidate[] | undefined;
  const checkSource = async (target: VaultTarget): Promise<Blocker | undefined> => {
    candidates = await replicationCandidates(deps, target);
    return candidates.length > 0
      ? undefined
      : {
          message: vscode.l10n.t('Nothing to replicate: {0} has no available backup. Create a restore point first.', target.vault.name),
          next: { label: vscode.l10n.t('Create Restore Point…'), run: () => vscode.commands.executeCommand(Commands.createCheckpoint, { kind: 'vault', region: target.region, vault: target.vault }) },
        };
  };
  const blocked = start.target && (await checkSource(start.target));
  if (blocked) {
    tellBlocked(deps, blocked);
    return;
  }
  const state = await runWizard(prompter, start, {
    title: vscode.l10n.t('Replicate to another region'),
    subject: (s) => s.target?.vault.name,
    steps: [
      vaultStep(deps, notReplication, checkSource),
      pickStep({
        placeholder: vscode.l10n.t('Destination region'),
        items: (s) => destinationRegions(deps, s.target!),
        keep: (s, region) => (s.destinationRegion = region),
      }),
      {
        // The placeholder names the region picked the step before.
        prompt: async (s, ask) => {
          const vault = await ask.pick<Vault>({ placeholder: vscode.l10n.t('Destination replication vault in {0}', s.destinationRegion!), items: destinationVaults(deps, s.target!, s.destinationRegion!) });
          if (isBack(vault)) {
            return BACK;
          }
          if (recordsKnown && (candidates ?? []).every((c) => alreadyThere(c.backup, vault.id))) {
            refuse(deps, { message: vscode.l10n.t('Nothing to replicate: every backup of {0} is already in {1}.', s.target!.vault.name, vault.name) });
          }
          s.destination = vault;
          return undefined;
        },
      },
      pickStep({
        // Open Telekom Cloud's replicate body has no enable_acceleration (OTC-CBR
        // restore_points/replicating_a_restore_point.rst Table 4; test/emulator/profile.ts).
        when: () => offersAcceleration,
        placeholder: vscode.l10n.t('Accelerate the replication?'),
        items: () => [
          { label: vscode.l10n.t('No acceleration'), description: vscode.l10n.t('default'), value: false },
          { label: vscode.l10n.t('Accelerate'), detail: vscode.l10n.t('Shortens cross-region replication; billed extra.'), value: true },
        ],
        keep: (s, acceleration) => (s.acceleration = acceleration),
      }),
    ],
  });
  const source = state?.target;
  const destination = state?.destination;
  const destinationRegion = state?.destinationRegion;
  if (!state || !source || !destination || !destinationRegion) {
    return;
  }
  const toCopy = (candidates ?? []).map((c) => c.backup).filter((b) => !recordsKnown || !alreadyThere(b, destination.id));
  const gbText = totalGb(toCopy).toLocaleString(vscode.env.language);
  const question = recordsKnown
    ? toCopy.length === 1
      ? vscode.l10n.t('Replicate 1 backup ({0} GB) of {1} ({2}) to {3} ({4})?', gbText, source.vault.name, source.region, destination.name, destinationRegion)
      : vscode.l10n.t('Replicate {0} backups ({1} GB) of {2} ({3}) to {4} ({5})?', toCopy.length, gbText, source.vault.name, source.region, destination.name, destinationRegion)
    : vscode.l10n.t('Replicate the backups of {0} ({1}) to {2} ({3})? At most {4} GB; backups: {5}.', source.vault.name, source.region, destination.name, destinationRegion, gbText, toCopy.length);
  const detail = [
    ...toCopy.map((b) => `${b.resourceName ?? b.resourceId ?? b.id}: ${b.name}, ${b.resourceSize ?? '?'} GB, ${b.createdAt ? b.createdAt.toLocaleString(vscode.env.language) : ''}`.replace(/, $/, '')),
    ...(recordsKnown ? [] : [vscode.l10n.t('The cloud skips those already in the destination vault.')]),
    ...(!offersAcceleration ? [] : [state.acceleration ? vscode.l10n.t('Acceleration is on: it is billed extra.') : vscode.l10n.t('Without acceleration.')]),
  ].join('\n');
  const confirmed = await prompter.confirm(question, detail, vscode.l10n.t('Replicate'));
  if (!confirmed) {
    return;
  }
  const sourceSession = deps.connection.session(source.region);
  const destinationProjectId = await sourceSession.forRegion(destinationRegion).getProjectId();
  const notBefore = new Date();
  const label = `${source.vault.name} → ${destination.name}`;
  const follow = (backupIds: string[]): void => {
    deps.track({ kind: 'replication', region: source.region, vaultId: source.vault.id, backupIds, destinationRegion, destinationVaultId: destination.id, label, startedAt: notBefore.getTime() });
  };
  const key = `replicate:${source.vault.id}`;
  await writeOnce(deps, {
    key,
    busyMessage: vscode.l10n.t('A replication of {0} is already being requested.', source.vault.name),
    progressTitle: vscode.l10n.t('Starting the replication of {0}…', source.vault.name),
    action: 'replicate',
    where: source.vault.name,
    write: () => sourceSession.cbr.replicate({ vaultId: source.vault.id, destinationRegion, destinationProjectId, destinationVaultId: destination.id, enableAcceleration: offersAcceleration ? (state.acceleration ?? false) : undefined }),
    reconcile: async () => {
      // Replications of this vault to that region that started since the request was sent.
      const operationLogs = await sourceSession.cbr.listReplicationLogs({ vaultId: source.vault.id, startTime: new Date(notBefore.getTime() - 60_000) });
      const ids = operationLogs
        .filter((o) => o.replication?.destinationRegion === undefined || o.replication.destinationRegion === destinationRegion)
        .map((o) => o.replication?.sourceBackupId)
        .filter((id): id is string => id !== undefined && id !== '' && !deps.writes.createdBefore(key, id));
      if (ids.length > 0) {
        return ids;
      }
      // Open Telekom Cloud's logs name no source backup (no extra_info.replication): this vault's
      // replication logs since the request stand for it, one per backup, and are followed by time.
      const anonymous = operationLogs
        .filter((o) => !o.replication?.sourceBackupId && (o.vaultId === undefined || o.vaultId === source.vault.id))
        .map((o) => o.id)
        .filter((id) => !deps.writes.createdBefore(key, id));
      return anonymous.length > 0 ? anonymous : undefined;
    },
    idsOf: (replication) => replication.backups.map((b) => b.backupId),
    foundIds: (ids) => ids,
    foundAfterUnknown: (ids) => {
      follow(ids);
      void deps.messages.warn(vscode.l10n.t('The cloud did not confirm the request, but the replication of {0} started; it is being followed.', source.vault.name));
    },
    missingAfterUnknown: () => {
      void deps.messages.error(vscode.l10n.t('The replication of {0} did not start. You can try again.', source.vault.name));
    },
    unconfirmedMessage: (until) => vscode.l10n.t('The cloud did not confirm the request. The replication of {0} is not confirmed yet; checking until {1}.', source.vault.name, until),
    waitMessage: (until) => vscode.l10n.t('An earlier replication of {0} is not confirmed yet. Try again after {1} if it has not appeared.', source.vault.name, until),
    created: (replication: Replication) => {
      if (replication.backups.length === 0) {
        void deps.messages.info(vscode.l10n.t('Nothing to replicate: {0} has no backup that is not already in {1}.', source.vault.name, destination.name));
        return;
      }
      follow(replication.backups.map((b) => b.backupId));
      deps.logger.info(`Replication of vault ${source.vault.id} to ${destinationRegion}/${destination.id}: ${replication.backups.length} backups`);
      void deps.messages.info(
        replication.backups.length === 1
          ? vscode.l10n.t('Replicating 1 backup of {0} to {1} in {2}.', source.vault.name, destination.name, destinationRegion)
          : vscode.l10n.t('Replicating {0} backups of {1} to {2} in {3}.', replication.backups.length, source.vault.name, destination.name, destinationRegion),
      );
    },
  });
}
