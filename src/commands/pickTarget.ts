import * as vscode from 'vscode';
import { collectPages, type GaussInstance, type Vault } from '../api';
import { describeError } from '../common/errors';
import { BACK, isBack, type PickItem, type PickList } from '../ui/prompter';
import type { WizardStep } from '../ui/wizard';
import { refuse, type Blocker } from './preChecks';
import type { ActionDeps } from './deps';

export interface VaultTarget {
  region: string;
  vault: Vault;
}
export interface InstanceTarget {
  region: string;
  instance: GaussInstance;
}

type Lister = Pick<ActionDeps, 'connection' | 'logger'>;

/** Pickers offer every item by name; beyond this many per region they say the list was cut. */
export const PICKER_MAX_ITEMS = 5_000;

/**
 * Lists something in every configured region. A region that fails is logged and named in the
 * placeholder; only when every region fails is the (first) failure thrown.
 */
async function acrossRegions<T>(
  deps: Lister,
  what: string,
  list: (region: string) => Promise<{ items: T[]; complete: boolean }>,
): Promise<{ found: { region: string; item: T }[]; failed: string[]; cut: string[] }> {
  const regions = deps.connection.regions;
  const results = await Promise.allSettled(regions.map(list));
  const found: { region: string; item: T }[] = [];
  const failed: string[] = [];
  const cut: string[] = [];
  let firstError: unknown;
  results.forEach((r, i) => {
    const region = regions[i] ?? '';
    if (r.status === 'fulfilled') {
      found.push(...r.value.items.map((item) => ({ region, item })));
      if (!r.value.complete) {
        cut.push(region);
        deps.logger.warn(`Listing ${what} in ${region}: only the first ${PICKER_MAX_ITEMS} are offered`);
      }
    } else {
      failed.push(region);
      firstError ??= r.reason;
      deps.logger.warn(`Listing ${what} in ${region} failed: ${describeError(r.reason)}`);
    }
  });
  if (regions.length > 0 && failed.length === regions.length) {
    throw firstError;
  }
  return { found, failed, cut };
}

function placeholder(text: string, { failed, cut }: { failed: string[]; cut: string[] }): string {
  let shown = text;
  if (cut.length > 0) {
    shown = vscode.l10n.t('{0} (the first {1} in {2}; type to filter)', shown, PICKER_MAX_ITEMS, cut.join(', '));
  }
  if (failed.length > 0) {
    shown = vscode.l10n.t('{0} ({1} could not be listed; see the log)', shown, failed.join(', '));
  }
  return shown;
}

/**
 * The vaults of every configured region by name (every page, bounded), for a palette pick.
 * Rejects when there is none to offer, or when every region failed.
 */
export async function listVaultItems(deps: Lister, filter: (v: Vault) => boolean = () => true): Promise<PickList<VaultTarget>> {
  const listed = await acrossRegions(deps, 'vaults', (region) =>
    collectPages(async (offset, limit) => {
      const page = await deps.connection.session(region).cbr.listVaults({ offset, limit });
      return { items: page.vaults, total: page.count };
    }, { pageSize: 1000, maxItems: PICKER_MAX_ITEMS }),
  );
  const items: PickItem<VaultTarget>[] = listed.found
    .filter(({ item }) => filter(item))
    .map(({ region, item: vault }) => ({
      label: vault.name,
      description: `${region} · ${vault.billing.objectType ?? ''}`,
      detail: vault.resources.length === 1 ? vscode.l10n.t('1 resource · {0}', vault.id) : vscode.l10n.t('{0} resources · {1}', vault.resources.length, vault.id),
      value: { region, vault },
    }));
  if (items.length === 0) {
    throw new Error(vscode.l10n.t('There is no vault to choose from in {0}.', deps.connection.regions.join(', ')));
  }
  return { items, placeholder: placeholder(vscode.l10n.t('Choose a vault'), listed) };
}

/** The GaussDB(for MySQL) instances of every configured region by name, for a palette pick. */
export async function listInstanceItems(deps: Lister): Promise<PickList<InstanceTarget>> {
  const listed = await acrossRegions(deps, 'GaussDB instances', (region) =>
    collectPages(async (offset, limit) => {
      const page = await deps.connection.session(region).gaussdb.listInstances({ offset, limit });
      return { items: page.instances, total: page.totalCount };
    }, { pageSize: 100, maxItems: PICKER_MAX_ITEMS }),
  );
  const items: PickItem<InstanceTarget>[] = listed.found.map(({ region, item: instance }) => ({
    label: instance.name,
    description: `${region} · ${instance.status ?? ''}`,
    detail: instance.id,
    value: { region, instance },
  }));
  if (items.length === 0) {
    throw new Error(vscode.l10n.t('There is no GaussDB(for MySQL) instance in {0}.', deps.connection.regions.join(', ')));
  }
  return { items, placeholder: placeholder(vscode.l10n.t('Choose a database instance'), listed) };
}

/** Vaults other than replication vaults: those a restore point, replication or association starts from. */
export const notReplication = (v: Vault): boolean => v.billing.protectType !== 'replication';

/**
 * What a picked target is checked against before the next question: a blocker ends the flow
 * with its message and next step (see preChecks.ts).
 */
export type TargetCheck<T> = (target: T) => Promise<Blocker | undefined>;

/** The palette's first step: pick a vault, opened at once while the regions are listed; skipped when a node gave it. */
export function vaultStep<S extends { target?: VaultTarget }>(deps: Lister & Pick<ActionDeps, 'messages'>, filter: (v: Vault) => boolean, check?: TargetCheck<VaultTarget>): WizardStep<S> {
  return checkedPickStep<S, VaultTarget>(deps, vscode.l10n.t('Choose a vault'), () => listVaultItems(deps, filter), check);
}

/** The palette's first step: pick a database instance, opened at once; skipped when a node gave it. */
export function instanceStep<S extends { target?: InstanceTarget }>(deps: Lister & Pick<ActionDeps, 'messages'>, check?: TargetCheck<InstanceTarget>): WizardStep<S> {
  return checkedPickStep<S, InstanceTarget>(deps, vscode.l10n.t('Choose a database instance'), () => listInstanceItems(deps), check);
}

function checkedPickStep<S extends { target?: T }, T>(deps: Lister & Pick<ActionDeps, 'messages'>, placeholder: string, items: () => Promise<PickList<T>>, check: TargetCheck<T> | undefined): WizardStep<S> {
  return {
    when: (s) => !s.target,
    async prompt(s, ask) {
      const target = await ask.pick<T>({ placeholder, items: items() });
      if (isBack(target)) {
        return BACK;
      }
      const blocker = await check?.(target);
      if (blocker) {
        refuse(deps, blocker);
      }
      s.target = target;
      return undefined;
    },
  };
}

/** A default name such as `manual-20261123-1530` (local time), valid for CBR and GaussDB alike. */
export function defaultBackupName(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `manual-${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}`;
}
