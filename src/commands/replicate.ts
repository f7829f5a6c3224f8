import * as vscode from 'vscode';
import { collectPages, type Replication, type Vault } from '../api';
import { askStep, BACK, isBack, runSteps } from '../ui/prompter';
import { ActionDeps, NodeArg } from './deps';
import { PICKER_MAX_ITEMS, pickVault, VaultTarget } from './pickTarget';
import { writeOnce } from './writeGuard';

interface State {
  source?: VaultTarget;
  destinationRegion?: string;
  destination?: Vault;
  acceleration?: boolean;
}

/**
 * `cbr.replicate`: copies a vault's backups to a replication vault in another region. The
 * destination region comes from the source region's replication capabilities, and the
 * destination vault is picked from that region's replication vaults, never typed.
 */
export async function replicate(deps: ActionDeps, node?: NodeArg): Promise<void> {
  const title = vscode.l10n.t('Replicate to another region');
  const state: State = {};
  if (node?.kind === 'vault') {
    state.source = { region: node.region, vault: node.vault };
  }
  const fromPalette = !state.source;
  const total = fromPalette ? 4 : 3;
  const offset = fromPalette ? 1 : 0;
  const prompter = deps.prompter();
  const steps: ((s: State) => Promise<void | typeof BACK>)[] = [];
  if (fromPalette) {
    steps.push(
      askStep(
        () => pickVault(deps, prompter, title, total, (v) => v.billing.protectType !== 'replication'),
        (s, picked) => (s.source = picked),
      ),
    );
  }
  steps.push(async (s) => {
    const source = s.source!;
    const capabilities = await deps.connection.session(source.region).cbr.replicationCapabilities();
    const destinations = capabilities.regions.find((r) => r.name === source.region)?.replicationDestinations ?? [];
    if (destinations.length === 0) {
      throw new Error(vscode.l10n.t('No region accepts replicas from {0}.', source.region));
    }
    const region = await prompter.pick<string>({
      title: `${title}: ${source.vault.name}`,
      step: 1 + offset,
      totalSteps: total,
      placeholder: vscode.l10n.t('Destination region'),
      items: destinations.map((r) => ({ label: r, value: r })),
    });
    if (isBack(region)) {
      return BACK;
    }
    s.destinationRegion = region;
    return undefined;
  });
  steps.push(async (s) => {
    const source = s.source!;
    const region = s.destinationRegion!;
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
    const vault = await prompter.pick<Vault>({
      title: `${title}: ${source.vault.name}`,
      step: 2 + offset,
      totalSteps: total,
      placeholder: vscode.l10n.t('Destination replication vault in {0}', region),
      items: vaults.map((v) => ({ label: v.name, description: v.billing.objectType, detail: v.id, value: v })),
    });
    if (isBack(vault)) {
      return BACK;
    }
    s.destination = vault;
    return undefined;
  });
  steps.push(
    askStep(
      (s) =>
        prompter.pick<boolean>({
          title: `${title}: ${s.source!.vault.name}`,
          step: 3 + offset,
          totalSteps: total,
          placeholder: vscode.l10n.t('Accelerate the replication?'),
          items: [
            { label: vscode.l10n.t('No acceleration'), description: vscode.l10n.t('default'), value: false },
            { label: vscode.l10n.t('Accelerate'), detail: vscode.l10n.t('Shortens cross-region replication; billed extra.'), value: true },
          ],
        }),
      (s, acceleration) => (s.acceleration = acceleration),
    ),
  );
  await runSteps(state, steps);
  const { source, destination, destinationRegion } = state;
  if (!source || !destination || !destinationRegion) {
    return;
  }
  const confirmed = await prompter.confirm(
    vscode.l10n.t('Replicate the backups of {0} ({1}) to {2} ({3})?', source.vault.name, source.region, destination.name, destinationRegion),
    state.acceleration ? vscode.l10n.t('Acceleration is on: it is billed extra.') : vscode.l10n.t('Without acceleration.'),
    vscode.l10n.t('Replicate'),
  );
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
    write: () => sourceSession.cbr.replicate({ vaultId: source.vault.id, destinationRegion, destinationProjectId, destinationVaultId: destination.id, enableAcceleration: state.acceleration ?? false }),
    reconcile: async () => {
      // Replications of this vault to that region that started since the request was sent.
      const operationLogs = await sourceSession.cbr.listReplicationLogs({ vaultId: source.vault.id, startTime: new Date(notBefore.getTime() - 60_000) });
      const ids = operationLogs
        .filter((o) => o.replication?.destinationRegion === undefined || o.replication.destinationRegion === destinationRegion)
        .map((o) => o.replication?.sourceBackupId)
        .filter((id): id is string => id !== undefined && id !== '' && !deps.writes.createdBefore(key, id));
      return ids.length > 0 ? ids : undefined;
    },
    idsOf: (replication) => replication.backups.map((b) => b.backupId),
    foundIds: (ids) => ids,
    foundAfterUnknown: (ids, why) => {
      follow(ids);
      void deps.messages.warn(vscode.l10n.t('The cloud did not confirm the request, but the replication of {0} started; it is being followed. Nothing was sent twice. {1}', source.vault.name, why));
    },
    missingAfterUnknown: (why) => {
      void deps.messages.error(vscode.l10n.t('The cloud did not confirm the request and no replication of {0} has started; you can try again. {1}', source.vault.name, why));
    },
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
