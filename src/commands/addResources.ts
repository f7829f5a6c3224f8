import * as vscode from 'vscode';
import { type CloudSession, type ProtectableInstance, type Vault } from '../api';
import { BACK, isBack, type Back, type PickItem, type PickList } from '../ui/prompter';
import { runWizard, type Ask } from '../ui/wizard';
import type { ActionDeps, NodeArg } from './deps';
import { notReplication, PICKER_MAX_ITEMS, vaultStep, type VaultTarget } from './pickTarget';
import { writeOnce } from './writeOnce';

/** The servers or disks a vault of some object type could protect, split by whether they can be picked. */
export interface Protectables {
  type: 'server' | 'disk';
  free: ProtectableInstance[];
  /** Already in a vault or in a state that forbids it; shown with the reason, never picked. */
  taken: ProtectableInstance[];
}

export async function loadProtectables(session: CloudSession, objectType: string | undefined): Promise<Protectables> {
  const type = objectType === 'disk' ? 'disk' : 'server';
  const instances = await session.cbr.listAllProtectables(type, { maxItems: PICKER_MAX_ITEMS });
  return { type, free: instances.filter((i) => i.protectable), taken: instances.filter((i) => !i.protectable) };
}

function resourceItems(list: Protectables): PickItem<ProtectableInstance>[] {
  return [
    ...list.free.map((i) => ({ label: i.name, description: i.status, detail: i.id, value: i })),
    // Shown so that the user sees why a resource is missing; picking them is refused below.
    // The lock is an icon, not `$(lock)` in the label, which screen readers would read out.
    ...list.taken.map((i) => ({ label: i.name, iconPath: new vscode.ThemeIcon('lock'), description: i.reason ?? vscode.l10n.t('already in a vault'), detail: i.id, value: i })),
  ];
}

/**
 * A multi-select by name of the free resources, opened at once while `loading` lists them; the
 * taken ones are listed with the reason they cannot be picked, and picking one is refused.
 */
export async function pickResources(ask: Ask, loading: Promise<Protectables>, vaultName: string): Promise<ProtectableInstance[] | Back> {
  const listed = loading.then(resourceItems);
  let items: readonly PickItem<ProtectableInstance>[] | Promise<PickList<ProtectableInstance>> = listed;
  for (;;) {
    const picked = await ask.pickMany<ProtectableInstance>({ placeholder: vscode.l10n.t('Resources to associate with {0}', vaultName), items });
    items = await listed;
    if (isBack(picked)) {
      return BACK;
    }
    const refused = picked.filter((p) => !p.protectable);
    if (refused.length === 0 && picked.length > 0) {
      return picked;
    }
    void vscode.window.showWarningMessage(
      refused.length > 0 ? vscode.l10n.t('{0} cannot be associated: {1}', refused.map((r) => r.name).join(', '), refused[0]?.reason ?? '') : vscode.l10n.t('Choose at least one resource.'),
    );
  }
}

interface State {
  target?: VaultTarget;
  resources?: ProtectableInstance[];
}

/** `cbr.addResources`: associate servers or disks, picked by name, with a vault. */
export async function addResources(deps: ActionDeps, node?: NodeArg): Promise<void> {
  const start: State = node?.kind === 'vault' ? { target: { region: node.region, vault: node.vault } } : {};
  const state = await runWizard(deps.prompter(), start, {
    title: vscode.l10n.t('Associate resources'),
    subject: (s) => s.target?.vault.name,
    steps: [
      vaultStep(deps, notReplication),
      {
        prompt: async (s, ask) => {
          const t = s.target!;
          const loading = loadProtectables(deps.connection.session(t.region), t.vault.billing.objectType).then((list) => {
            if (list.free.length === 0) {
              throw new Error(vscode.l10n.t('Every {0} here is already protected; there is nothing to associate.', list.type));
            }
            return list;
          });
          const picked = await pickResources(ask, loading, t.vault.name);
          if (isBack(picked)) {
            return BACK;
          }
          s.resources = picked;
          return undefined;
        },
      },
    ],
  });
  const target = state?.target;
  const resources = state?.resources;
  if (!target || !resources) {
    return;
  }
  const session = deps.connection.session(target.region);
  const wanted = new Set(resources.map((r) => r.id));
  await writeOnce(deps, {
    key: `addResources:${target.vault.id}`,
    busyMessage: vscode.l10n.t('Resources are already being associated with {0}.', target.vault.name),
    progressTitle: vscode.l10n.t('Associating {0} resources with {1}…', resources.length, target.vault.name),
    action: 'addResources',
    where: target.vault.name,
    write: () => session.cbr.addResources(target.vault.id, resources.map((r) => ({ id: r.id, type: r.type, name: r.name }))),
    // The vault as it is now: which of the picked resources it holds.
    reconcile: async () => {
      const vault: Vault = await session.cbr.showVault(target.vault.id);
      const held = vault.resources.filter((r) => wanted.has(r.id));
      return held.length > 0 ? held.length : undefined;
    },
    foundAfterUnknown: (held) => {
      deps.refreshVault(target.region, target.vault.id);
      void deps.messages.warn(vscode.l10n.t('The cloud did not confirm the request, but {0} of the {1} resources are now associated with {2}.', held, resources.length, target.vault.name));
    },
    missingAfterUnknown: () => {
      void deps.messages.error(vscode.l10n.t('None of the resources was associated with {0}. You can try again.', target.vault.name));
    },
    unconfirmedMessage: (until) => vscode.l10n.t('The cloud did not confirm the request. The association with {0} is not confirmed yet; checking until {1}.', target.vault.name, until),
    waitMessage: (until) => vscode.l10n.t('An earlier association with {0} is not confirmed yet. Try again after {1} if it has not appeared.', target.vault.name, until),
    created: (added) => {
      deps.logger.info(`Associated ${added.length} resources with vault ${target.vault.id}`);
      deps.refreshVault(target.region, target.vault.id);
      void deps.messages.info(added.length === 1 ? vscode.l10n.t('1 resource was associated with {0}.', target.vault.name) : vscode.l10n.t('{0} resources were associated with {1}.', added.length, target.vault.name));
    },
  });
}
