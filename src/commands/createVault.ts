import * as vscode from 'vscode';
import { validateVaultName, validateVaultSize, type ProtectableInstance, type Vault } from '../api';
import { BACK, runSteps } from '../ui/prompter';
import { pickResources } from './addResources';
import { ActionDeps, NodeArg } from './deps';
import { pickVault, VaultTarget } from './pickTarget';

interface VaultState {
  region?: string;
  name?: string;
  objectType?: 'server' | 'disk';
  consistentLevel?: 'crash_consistent' | 'app_consistent';
  sizeGb?: number;
  resources?: ProtectableInstance[];
}

/** `cbr.createVault`: the seed-004 flow — a vault, then (optionally) servers or disks picked by name. */
export async function createVault(deps: ActionDeps): Promise<void> {
  const title = vscode.l10n.t('Create vault');
  const prompter = deps.prompter();
  const regions = deps.connection.regions;
  const total = 5;
  const state: VaultState = { region: regions.length === 1 ? regions[0] : undefined };
  await runSteps(state, [
    async (s) => {
      if (regions.length === 1) {
        return undefined;
      }
      const region = await prompter.pick<string>({ title, step: 1, totalSteps: total, placeholder: vscode.l10n.t('Region'), items: regions.map((r) => ({ label: r, value: r })) });
      if (region === BACK) {
        return BACK;
      }
      s.region = region;
      return undefined;
    },
    async (s) => {
      const name = await prompter.input({ title, step: 2, totalSteps: total, prompt: vscode.l10n.t('Vault name'), value: s.name, validate: validateVaultName });
      if (name === BACK) {
        return BACK;
      }
      s.name = name;
      return undefined;
    },
    async (s) => {
      const kind = await prompter.pick<'server' | 'disk' | 'server-app'>({
        title, step: 3, totalSteps: total, placeholder: vscode.l10n.t('What will it protect?'),
        items: [
          { label: vscode.l10n.t('Servers (crash-consistent)'), value: 'server' },
          { label: vscode.l10n.t('Servers (application-consistent)'), detail: vscode.l10n.t('Databases on the servers are flushed first.'), value: 'server-app' },
          { label: vscode.l10n.t('Disks'), value: 'disk' },
        ],
      });
      if (kind === BACK) {
        return BACK;
      }
      s.objectType = kind === 'disk' ? 'disk' : 'server';
      s.consistentLevel = kind === 'server-app' ? 'app_consistent' : 'crash_consistent';
      return undefined;
    },
    async (s) => {
      const size = await prompter.input({ title, step: 4, totalSteps: total, prompt: vscode.l10n.t('Capacity in GB (1 to 10485760); billed pay-per-use'), value: String(s.sizeGb ?? 100), validate: validateVaultSize });
      if (size === BACK) {
        return BACK;
      }
      s.sizeGb = Number(size);
      return undefined;
    },
    async (s) => {
      const session = deps.connection.session(s.region!);
      const choice = await prompter.pick<boolean>({
        title, step: 5, totalSteps: total, placeholder: vscode.l10n.t('Associate resources now?'),
        items: [
          { label: vscode.l10n.t('Choose resources to associate'), value: true },
          { label: vscode.l10n.t('Create an empty vault'), value: false },
        ],
      });
      if (choice === BACK) {
        return BACK;
      }
      if (!choice) {
        s.resources = [];
        return undefined;
      }
      const picked = await pickResources(session, prompter, { name: s.name!, objectType: s.objectType! }, title, 5, total);
      if (picked === BACK) {
        return BACK;
      }
      s.resources = picked;
      return undefined;
    },
  ]);
  const { region, name, objectType, sizeGb } = state;
  if (!region || !name || !objectType || !sizeGb) {
    return;
  }
  const session = deps.connection.session(region);
  await deps.writes.run(`vault:${region}:${name}`, vscode.l10n.t('Vault {0} is already being created.', name), async () => {
    const vault: Vault = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Creating vault {0}…', name) }, () =>
      session.cbr.createVault({ name, objectType, consistentLevel: state.consistentLevel, sizeGb, resources: (state.resources ?? []).map((r) => ({ id: r.id, type: r.type, name: r.name })) }),
    );
    deps.logger.info(`Vault ${vault.id} created in ${region} with ${vault.resources.length} resources`);
    deps.refreshAll();
    void vscode.window.showInformationMessage(vscode.l10n.t('Vault {0} was created in {1} with {2} resources.', vault.name, region, vault.resources.length));
  });
}

/** `cbr.addResources`: associate servers or disks, picked by name, with a vault. */
export async function addResources(deps: ActionDeps, node?: NodeArg): Promise<void> {
  const title = vscode.l10n.t('Associate resources');
  const prompter = deps.prompter();
  let target: VaultTarget | undefined = node?.kind === 'vault' ? { region: node.region, vault: node.vault } : undefined;
  const total = target ? 1 : 2;
  let picked: ProtectableInstance[] | undefined;
  await runSteps({}, [
    async () => {
      if (node?.kind === 'vault') {
        return undefined;
      }
      const chosen = await pickVault(deps.connection, prompter, title, total, (v) => v.billing.protectType !== 'replication');
      if (chosen === BACK) {
        return BACK;
      }
      target = chosen;
      return undefined;
    },
    async () => {
      const t = target!;
      const result = await pickResources(deps.connection.session(t.region), prompter, { name: t.vault.name, objectType: t.vault.billing.objectType ?? 'server' }, `${title}: ${t.vault.name}`, total, total);
      if (result === BACK) {
        return BACK;
      }
      picked = result;
      return undefined;
    },
  ]);
  if (!target || !picked) {
    return;
  }
  const t: VaultTarget = target;
  const resources = picked;
  await deps.writes.run(`addResources:${t.vault.id}`, vscode.l10n.t('Resources are already being associated with {0}.', t.vault.name), async () => {
    const added = await deps.connection.session(t.region).cbr.addResources(t.vault.id, resources.map((r) => ({ id: r.id, type: r.type, name: r.name })));
    deps.logger.info(`Associated ${added.length} resources with vault ${t.vault.id}`);
    deps.refreshVault(t.region, t.vault.id);
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} resources were associated with {1}.', added.length, t.vault.name));
  });
}
