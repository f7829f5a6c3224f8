import * as vscode from 'vscode';
import {
  collectPages,
  parseVaultTags,
  regionDisplayName,
  VAULT_SIZE_MAX_GB,
  VAULT_SIZE_MIN_GB,
  validateVaultDescription,
  validateVaultName,
  validateVaultSize,
  type ProtectableInstance,
  type Vault,
  type VaultTag,
} from '../api';
import { BACK, isBack } from '../ui/prompter';
import { inputStep, pickStep, runWizard, type WizardStep } from '../ui/wizard';
import { loadProtectables, pickResources, type Protectables } from './addResources';
import type { ActionDeps } from './deps';
import { PICKER_MAX_ITEMS } from './pickTarget';
import { writeOnce } from './writeOnce';

/** What the vault is for: the object type, consistency and protection type in one choice. */
type VaultKind = 'server' | 'server-app' | 'disk' | 'server-replica' | 'disk-replica';

interface VaultState {
  region?: string;
  name?: string;
  kind?: VaultKind;
  sizeGb?: number;
  description?: string;
  tags?: VaultTag[];
  resources?: ProtectableInstance[];
  autoBind?: 'off' | 'all' | 'tags';
  bindTags?: VaultTag[];
}

const objectTypeOf = (kind: VaultKind): 'server' | 'disk' => (kind === 'disk' || kind === 'disk-replica' ? 'disk' : 'server');
const isReplica = (kind: VaultKind | undefined): boolean => kind === 'server-replica' || kind === 'disk-replica';

/** The vaults of a region, for the duplicate-name check (every page, bounded). */
async function vaultsIn(deps: ActionDeps, region: string): Promise<Vault[]> {
  const { items } = await collectPages(async (offset, limit) => {
    const page = await deps.connection.session(region).cbr.listVaults({ offset, limit });
    return { items: page.vaults, total: page.count };
  }, { pageSize: 1000, maxItems: PICKER_MAX_ITEMS });
  return items;
}

function duplicateOf(name: string, vaults: readonly Vault[]): Vault | undefined {
  return vaults.find((v) => v.name === name);
}

function kindLabel(kind: VaultKind): string {
  switch (kind) {
    case 'server':
      return vscode.l10n.t('server backup vault, crash-consistent');
    case 'server-app':
      return vscode.l10n.t('server backup vault, application-consistent');
    case 'disk':
      return vscode.l10n.t('disk backup vault');
    case 'server-replica':
      return vscode.l10n.t('server replication vault (holds replicas from another region)');
    case 'disk-replica':
      return vscode.l10n.t('disk replication vault (holds replicas from another region)');
  }
}

const tagsText = (tags: readonly VaultTag[]): string => tags.map((t) => (t.value ? `${t.key}=${t.value}` : t.key)).join(', ');

/** The GB the chosen resources take (a server counts its disks), or undefined when the cloud gave no sizes. */
function resourcesGb(resources: readonly ProtectableInstance[]): number | undefined {
  const sizes = resources.map((r) => r.size).filter((n): n is number => typeof n === 'number');
  return sizes.length === 0 ? undefined : sizes.reduce((a, b) => a + b, 0);
}

/**
 * `cbr.createVault`: the seed-004 flow — a vault (name, what it protects, capacity, description,
 * tags), then, for a backup vault, servers or disks picked by name from those not yet protected
 * and whether new ones are associated automatically. Before anything is sent, a modal says what
 * is billed (type, capacity, billing mode, region), and warns when the capacity is smaller than
 * the chosen resources. A name already used in the region is refused, since pickers show vaults
 * by name.
 */
export async function createVault(deps: ActionDeps): Promise<void> {
  const regions = deps.connection.regions;
  const cloud = deps.connection.cloud;
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
  const existing = new Map<string, Promise<Vault[]>>();
  const existingIn = (region: string): Promise<Vault[]> => {
    let listing = existing.get(region);
    if (!listing) {
      listing = vaultsIn(deps, region).catch((err: unknown) => {
        // Not knowing the names must not block creating a vault: the cloud allows duplicates.
        deps.logger.warn(`Listing the vaults of ${region} for the duplicate-name check failed: ${String(err)}`);
        return [];
      });
      existing.set(region, listing);
    }
    return listing;
  };
  // OTC's create-vault request documents protect_type "backup" only (OTC-CBR vaults/creating_a_vault.rst Table 5).
  const offersReplicas = cloud !== 'opentelekomcloud';
  const nameStep: WizardStep<VaultState> = {
    prompt: async (s, ask) => {
      const listing = existingIn(s.region!);
      let known: Vault[] = [];
      void listing.then((v) => (known = v));
      let prompt = vscode.l10n.t('Vault name');
      for (;;) {
        const name = await ask.input({
          prompt,
          validate: (v) => {
            const clash = duplicateOf(v, known);
            return validateVaultName(v, vscode.l10n.t, cloud) ?? (clash ? vscode.l10n.t('A vault named {0} already exists in {1} ({2}).', v, s.region!, clash.id) : undefined);
          },
        });
        if (isBack(name)) {
          return BACK;
        }
        known = await listing;
        const clash = duplicateOf(name, known);
        if (!clash) {
          s.name = name;
          return undefined;
        }
        prompt = vscode.l10n.t('A vault named {0} already exists in {1} ({2}). Enter another name.', name, s.region!, clash.id);
      }
    },
  };
  const tagsStep = (o: { when?: (s: VaultState) => boolean; prompt: string; keep: (s: VaultState, tags: VaultTag[]) => void }): WizardStep<VaultState> =>
    inputStep({
      when: o.when,
      prompt: o.prompt,
      placeholder: 'env=prod, owner=team-a',
      value: () => '',
      validate: (v) => {
        const parsed = parseVaultTags(v, vscode.l10n.t, cloud);
        return 'error' in parsed ? parsed.error : undefined;
      },
      keep: (s, v) => {
        const parsed = parseVaultTags(v, vscode.l10n.t, cloud);
        o.keep(s, 'tags' in parsed ? parsed.tags : []);
      },
    });
  const state = await runWizard<VaultState>(deps.prompter(), { region: regions.length > 1 ? undefined : regions[0] }, {
    title: vscode.l10n.t('Create vault'),
    steps: [
      pickStep({
        when: () => regions.length > 1,
        placeholder: vscode.l10n.t('Region'),
        items: () => regions.map((r) => ({ label: r, description: regionDisplayName(r), value: r })),
        keep: (s, region) => (s.region = region),
      }),
      nameStep,
      pickStep<VaultState, VaultKind>({
        placeholder: vscode.l10n.t('What will it protect?'),
        items: () => [
          { label: vscode.l10n.t('Servers (crash-consistent)'), value: 'server' },
          { label: vscode.l10n.t('Servers (application-consistent)'), detail: vscode.l10n.t('Databases on the servers are flushed first.'), value: 'server-app' },
          { label: vscode.l10n.t('Disks'), value: 'disk' },
          ...(offersReplicas
            ? [
                { label: vscode.l10n.t('Replicas of server backups'), detail: vscode.l10n.t('A replication vault: receives server backups replicated from another region.'), value: 'server-replica' as const },
                { label: vscode.l10n.t('Replicas of disk backups'), detail: vscode.l10n.t('A replication vault: receives disk backups replicated from another region.'), value: 'disk-replica' as const },
              ]
            : []),
        ],
        keep: (s, kind) => (s.kind = kind),
      }),
      inputStep({
        prompt: vscode.l10n.t('Capacity in GB ({0} to {1}); billed pay-per-use', VAULT_SIZE_MIN_GB, VAULT_SIZE_MAX_GB),
        value: () => '100',
        validate: (v) => validateVaultSize(v, vscode.l10n.t),
        keep: (s, size) => (s.sizeGb = Number(size)),
      }),
      inputStep({
        prompt: cloud === 'huaweicloud' ? vscode.l10n.t('Description (optional, at most 255 characters, no < or >)') : vscode.l10n.t('Description (optional, at most 64 characters)'),
        value: () => '',
        validate: (v) => validateVaultDescription(v, vscode.l10n.t, cloud),
        keep: (s, description) => (s.description = description),
      }),
      tagsStep({ prompt: vscode.l10n.t('Tags (optional): key=value, separated by commas; at most 10'), keep: (s, tags) => (s.tags = tags) }),
      {
        when: (s) => !isReplica(s.kind),
        prompt: async (s, ask) => {
          const loading = load(s.region!, objectTypeOf(s.kind!));
          // Back from the resource list returns to this question, not to the tags.
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
      pickStep<VaultState, 'off' | 'all' | 'tags'>({
        when: (s) => !isReplica(s.kind),
        placeholder: vscode.l10n.t('Associate new resources automatically?'),
        items: (s) => {
          const type = objectTypeOf(s.kind ?? 'server');
          return [
            { label: vscode.l10n.t('No'), description: vscode.l10n.t('default'), value: 'off' },
            { label: type === 'disk' ? vscode.l10n.t('Every new disk') : vscode.l10n.t('Every new server'), detail: vscode.l10n.t('The cloud associates new resources of this type with the vault (auto-bind).'), value: 'all' },
            { label: type === 'disk' ? vscode.l10n.t('New disks with given tags') : vscode.l10n.t('New servers with given tags'), detail: vscode.l10n.t('Only resources carrying all the tags you enter next.'), value: 'tags' },
          ];
        },
        keep: (s, autoBind) => (s.autoBind = autoBind),
      }),
      tagsStep({
        when: (s) => s.autoBind === 'tags',
        prompt: vscode.l10n.t('Tags that new resources must carry to be associated: key=value, separated by commas'),
        keep: (s, tags) => (s.bindTags = tags),
      }),
    ],
  });
  const region = state?.region;
  const name = state?.name;
  const kind = state?.kind;
  const sizeGb = state?.sizeGb;
  if (!state || !region || !name || !kind || !sizeGb) {
    return;
  }
  if (state.autoBind === 'tags' && (state.bindTags ?? []).length === 0) {
    state.autoBind = 'all'; // no tags typed: every new resource
  }
  const replica = isReplica(kind);
  const resources = replica ? [] : (state.resources ?? []);
  const objectType = objectTypeOf(kind);
  if (!(await confirmCreation(deps, { ...state, region, name, kind, sizeGb, resources }))) {
    return;
  }
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
    write: () =>
      session.cbr.createVault({
        cloud,
        name,
        description: state.description || undefined,
        objectType,
        protectType: replica ? 'replication' : 'backup',
        consistentLevel: kind === 'server-app' ? 'app_consistent' : 'crash_consistent',
        sizeGb,
        resources: resources.map((r) => ({ id: r.id, type: r.type, name: r.name })),
        tags: state.tags,
        autoBind: !replica && state.autoBind !== undefined && state.autoBind !== 'off',
        bindTags: state.autoBind === 'tags' ? state.bindTags : undefined,
      }),
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

/**
 * The modal before a billed vault is created: what is billed (type, capacity, billing mode,
 * region) and what else it will do, with a warning first when the capacity is below what the
 * chosen resources take.
 */
async function confirmCreation(deps: ActionDeps, s: VaultState & { region: string; name: string; kind: VaultKind; sizeGb: number; resources: ProtectableInstance[] }): Promise<boolean> {
  const needed = resourcesGb(s.resources);
  const lines: string[] = [];
  if (needed !== undefined && s.sizeGb < needed) {
    lines.push(vscode.l10n.t('Warning: {0} GB is less than the {1} GB of the chosen resources; backups fail once the vault is full.', s.sizeGb, needed), '');
  }
  const where = regionDisplayName(s.region);
  lines.push(
    vscode.l10n.t('Type: {0}', kindLabel(s.kind)),
    vscode.l10n.t('Capacity: {0} GB', s.sizeGb),
    vscode.l10n.t('Billing: pay-per-use, for the capacity, while the vault exists'),
    vscode.l10n.t('Region: {0}', where ? `${s.region} (${where})` : s.region),
  );
  if (!isReplica(s.kind)) {
    lines.push(
      s.resources.length === 0
        ? vscode.l10n.t('Resources: none')
        : vscode.l10n.t('Resources: {0} ({1})', s.resources.length, s.resources.map((r) => (r.size !== undefined ? `${r.name}, ${r.size} GB` : r.name)).join('; ')),
      s.autoBind === 'all'
        ? vscode.l10n.t('New resources: associated automatically')
        : s.autoBind === 'tags'
          ? vscode.l10n.t('New resources: associated automatically when tagged {0}', tagsText(s.bindTags ?? []))
          : vscode.l10n.t('New resources: not associated automatically'),
    );
  }
  if (s.tags && s.tags.length > 0) {
    lines.push(vscode.l10n.t('Tags: {0}', tagsText(s.tags)));
  }
  if (s.description) {
    lines.push(vscode.l10n.t('Description: {0}', s.description));
  }
  return deps.prompter().confirm(vscode.l10n.t('Create vault {0} in {1}? It is billed from now on.', s.name, s.region), lines.join('\n'), vscode.l10n.t('Create Vault'));
}
