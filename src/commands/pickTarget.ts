import * as vscode from 'vscode';
import type { GaussInstance, Vault } from '../api';
import { CloudConnection } from '../auth/connection';
import { BACK, Prompter } from '../ui/prompter';

export interface VaultTarget {
  region: string;
  vault: Vault;
}
export interface InstanceTarget {
  region: string;
  instance: GaussInstance;
}

/** Lists the vaults of every configured region by name (first page of each), for the palette. */
export async function pickVault(connection: CloudConnection, prompter: Prompter, title: string, totalSteps: number, filter: (v: Vault) => boolean = () => true): Promise<VaultTarget | typeof BACK> {
  const lists = await Promise.all(
    connection.regions.map(async (region) => ({ region, vaults: (await connection.session(region).cbr.listVaults({ limit: 1000 })).vaults })),
  );
  const items = lists.flatMap(({ region, vaults }) =>
    vaults.filter(filter).map((vault) => ({
      label: vault.name,
      description: `${region} · ${vault.billing.objectType ?? ''}`,
      detail: vscode.l10n.t('{0} resources · {1}', vault.resources.length, vault.id),
      value: { region, vault },
    })),
  );
  if (items.length === 0) {
    throw new Error(vscode.l10n.t('There is no vault to choose from in {0}.', connection.regions.join(', ')));
  }
  return prompter.pick<VaultTarget>({ title, step: 1, totalSteps, placeholder: vscode.l10n.t('Choose a vault'), items });
}

export async function pickInstance(connection: CloudConnection, prompter: Prompter, title: string, totalSteps: number): Promise<InstanceTarget | typeof BACK> {
  const lists = await Promise.all(
    connection.regions.map(async (region) => ({ region, instances: (await connection.session(region).gaussdb.listInstances({ limit: 100 })).instances })),
  );
  const items = lists.flatMap(({ region, instances }) =>
    instances.map((instance) => ({
      label: instance.name,
      description: `${region} · ${instance.status ?? ''}`,
      detail: instance.id,
      value: { region, instance },
    })),
  );
  if (items.length === 0) {
    throw new Error(vscode.l10n.t('There is no GaussDB(for MySQL) instance in {0}.', connection.regions.join(', ')));
  }
  return prompter.pick<InstanceTarget>({ title, step: 1, totalSteps, placeholder: vscode.l10n.t('Choose a database instance'), items });
}

/** A default name such as `manual-20261123-1530` (local time), valid for CBR and GaussDB alike. */
export function defaultBackupName(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `manual-${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}`;
}
