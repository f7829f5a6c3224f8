import * as vscode from 'vscode';
import { VAULT_SIZE_MAX_GB, VAULT_SIZE_MIN_GB, validateVaultName, validateVaultSize, type ProtectableInstance, type Vault } from '../api';
import { BACK, isBack } from '../ui/prompter';
import { inputStep, pickStep, runWizard } from '../ui/wizard';
import { loadProtectables, pickResources, type Protectables } from './addResources';
import type { ActionDeps } from './deps';
import { writeOnce } from './writeOnce';

interface VaultState {
  region?: string;
  name?: string;
  objectType?: 'server' | 'disk';
  consistentLevel?: 'crash_consistent' | 'app_consistent';
  sizeGb?: number;
  resources?: ProtectableInstance[];
}


/**
 * `cbr.createVault`: the seed-004 flow — a vault (name, what it protects, capacity), then,
 * optionally, servers or disks picked by name from those not yet protected.
 */
export async function createVault(deps: ActionDeps): Promise<void> {
  const regions = deps.connection.regions;
  // Listed once per region and type, however often the user goes back and forth.
  const protectables = new Map<string, Promise<Protectables>>();
  const load = (region: string, objectType: 'server' | 'disk'): Promise<Protectables> => {
    const key = `${region}:${objectType}`;
    let loading = protectables.get(key);
    if (!loading) {
      loading = loadProtectables(deps.connection.session(region), objectType);
      protectables.set(key, loading);
      void loading.catch(() => protectables.delete(key));
    }
    return loading;
  };
  const state = await runWizard<VaultState>(deps.prompter(), { region: regions.length > 1 ? undefined : regions[0] }, {
    title: vscode.l10n.t('Create vault'),
    steps: [
      pickStep({
        when: () => regions.length > 1,
        placeholder: vscode.l10n.t('Region'),
        items: () => regions.map((r) => ({ label: r, value: r })),
        keep: (s, region) => (s.region = region),
      }),
      inputStep({ prompt: vscode.l10n.t('Vault name'), validate: (v) => validateVaultName(v, vscode.l10n.t, deps.connection.cloud), keep: (s, name) => (s.name = name) }),
      pickStep<VaultState, 'server' | 'disk' | 'server-app'>({
        placeholder: vscode.l10n.t('What will it protect?'),
        items: () => [
          { label: vscode.l10n.t('Servers (crash-consistent)'), value: 'server' },
          { label: vscode.l10n.t('Servers (application-consistent)'), detail: vscode.l10n.t('Databases on the servers are flushed first.'), value: 'server-app' },
          { label: vscode.l10n.t('Disks'), value: 'disk' },
        ],
        keep: (s, kind) => {
          s.objectType = kind === 'disk' ? 'disk' : 'server';
          s.consistentLevel = kind === 'server-app' ? 'app_consistent' : 'crash_consistent';
        },
      }),
      inputStep({
        prompt: vscode.l10n.t('Capacity in GB ({0} to {1}); billed pay-per-use', VAULT_SIZE_MIN_GB, VAULT_SIZE_MAX_GB),
        value: () => '100',
        validate: (v) => validateVaultSize(v, vscode.l10n.t),
        keep: (s, size) => (s.sizeGb = Number(size)),
      }),
      {
        prompt: async (s, ask) => {
          const loading = load(s.region!, s.objectType!);
          // Back from the resource list returns to this question, not to the capacity.
          for (;;) {
            const choice = await ask.pick<boolean>({
              placeholder: vscode.l10n.t('Associate resources now?'),
              items: loading.then((list) =>
                list.free.length > 0
                  ? [{ label: vscode.l10n.t('Choose resources to associate'), value: true }, { label: vscode.l10n.t('Create an empty vault'), value: false }]
                  : [{ label: vscode.l10n.t('Create an empty vault'), detail: vscode.l10n.t('Every {0} here is already protected; there is nothing to associate.', list.type), value: false }],
              ),
            });
            if (isBack(choice)) {
              return BACK;
            }
            if (!choice) {
              s.resources = [];
              return undefined;
            }
            const picked = await pickResources(ask, loading, s.name!);
            if (!isBack(picked)) {
              s.resources = picked;
              return undefined;
            }
          }
        },
      },
    ],
  });
  const region = state?.region;
  const name = state?.name;
  const objectType = state?.objectType;
  const sizeGb = state?.sizeGb;
  if (!state || !region || !name || !objectType || !sizeGb) {
    return;
  }
  const resources = state.resources ?? [];
  const session = deps.connection.session(region);
  const notBefore = new Date();
  const created = (vault: Vault): void => {
    deps.logger.info(`Vault ${vault.id} in ${region} holds ${vault.resources.length} resources`);
    deps.refreshAll();
  };
  await writeOnce(deps, {
    key: `vault:${region}:${name}`,
    busyMessage: vscode.l10n.t('Vault {0} is already being created.', name),
    progressTitle: vscode.l10n.t('Creating vault {0}…', name),
    action: 'createVault',
    where: region,
    write: () => session.cbr.createVault({ cloud: deps.connection.cloud, name, objectType, consistentLevel: state.consistentLevel, sizeGb, resources: resources.map((r) => ({ id: r.id, type: r.type, name: r.name })) }),
    idsOf: (vault) => [vault.id],
    reconcile: () => session.cbr.findVaultCreatedBy({ name, notBefore }),
    foundIds: (vault) => [vault.id],
    foundAfterUnknown: (vault) => {
      created(vault);
      void deps.messages.warn(vscode.l10n.t('The cloud did not confirm the request, but vault {0} was created in {1} with {2} resources.', vault.name, region, vault.resources.length));
    },
    missingAfterUnknown: () => {
      void deps.messages.error(vscode.l10n.t('Vault {0} was not created in {1}. You can try again.', name, region));
    },
    unconfirmedMessage: (until) => vscode.l10n.t('The cloud did not confirm the request. Vault {0} is not confirmed yet; checking until {1}.', name, until),
    waitMessage: (until) => vscode.l10n.t('Vault {0} from an earlier request is not confirmed yet. Try again after {1} if it has not appeared.', name, until),
    created: (vault) => {
      created(vault);
      void deps.messages.info(
        vault.resources.length === 1
          ? vscode.l10n.t('Vault {0} was created in {1} with 1 resource.', vault.name, region)
          : vscode.l10n.t('Vault {0} was created in {1} with {2} resources.', vault.name, region, vault.resources.length),
      );
    },
  });
}
