import * as vscode from 'vscode';
import type { GaussInstance, Vault } from '../api';
import { describeError } from '../common/errors';
import { BACK, PickItem, Prompter } from '../ui/prompter';
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

/**
 * Lists something in every configured region. A region that fails is logged and named in the
 * placeholder; only when every region fails is the (first) failure thrown.
 */
async function acrossRegions<T>(deps: Lister, what: string, list: (region: string) => Promise<T[]>): Promise<{ found: { region: string; item: T }[]; failed: string[] }> {
  const regions = deps.connection.regions;
  const results = await Promise.allSettled(regions.map(list));
  const found: { region: string; item: T }[] = [];
  const failed: string[] = [];
  let firstError: unknown;
  results.forEach((r, i) => {
    const region = regions[i] ?? '';
    if (r.status === 'fulfilled') {
      found.push(...r.value.map((item) => ({ region, item })));
    } else {
      failed.push(region);
      firstError ??= r.reason;
      deps.logger.warn(`Listing ${what} in ${region} failed: ${describeError(r.reason)}`);
    }
  });
  if (regions.length > 0 && failed.length === regions.length) {
    throw firstError;
  }
  return { found, failed };
}

function placeholder(text: string, failed: string[]): string {
  return failed.length === 0 ? text : vscode.l10n.t('{0} ({1} could not be listed; see the log)', text, failed.join(', '));
}

/** Lists the vaults of every configured region by name (first page of each), for the palette. */
export async function pickVault(deps: Lister, prompter: Prompter, title: string, totalSteps: number, filter: (v: Vault) => boolean = () => true): Promise<VaultTarget | typeof BACK> {
  const { found, failed } = await acrossRegions(deps, 'vaults', async (region) => (await deps.connection.session(region).cbr.listVaults({ limit: 1000 })).vaults);
  const items: PickItem<VaultTarget>[] = found
    .filter(({ item }) => filter(item))
    .map(({ region, item: vault }) => ({
      label: vault.name,
      description: `${region} · ${vault.billing.objectType ?? ''}`,
      detail: vscode.l10n.t('{0} resources · {1}', vault.resources.length, vault.id),
      value: { region, vault },
    }));
  if (items.length === 0) {
    throw new Error(vscode.l10n.t('There is no vault to choose from in {0}.', deps.connection.regions.join(', ')));
  }
  return prompter.pick<VaultTarget>({ title, step: 1, totalSteps, placeholder: placeholder(vscode.l10n.t('Choose a vault'), failed), items });
}

/** Lists the GaussDB(for MySQL) instances of every configured region by name, for the palette. */
export async function pickInstance(deps: Lister, prompter: Prompter, title: string, totalSteps: number): Promise<InstanceTarget | typeof BACK> {
  const { found, failed } = await acrossRegions(deps, 'GaussDB instances', async (region) => (await deps.connection.session(region).gaussdb.listInstances({ limit: 100 })).instances);
  const items: PickItem<InstanceTarget>[] = found.map(({ region, item: instance }) => ({
    label: instance.name,
    description: `${region} · ${instance.status ?? ''}`,
    detail: instance.id,
    value: { region, instance },
  }));
  if (items.length === 0) {
    throw new Error(vscode.l10n.t('There is no GaussDB(for MySQL) instance in {0}.', deps.connection.regions.join(', ')));
  }
  return prompter.pick<InstanceTarget>({ title, step: 1, totalSteps, placeholder: placeholder(vscode.l10n.t('Choose a database instance'), failed), items });
}

/** A default name such as `manual-20261123-1530` (local time), valid for CBR and GaussDB alike. */
export function defaultBackupName(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `manual-${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}`;
}
