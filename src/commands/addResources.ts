import * as vscode from 'vscode';
import type { CloudSession, ProtectableInstance, Vault } from '../api';
import { BACK, PickItem, Prompter } from '../ui/prompter';

/** Protectable servers or disks for a vault's object type, by name; those already in a vault are shown but not pickable. */
export async function pickResources(session: CloudSession, prompter: Prompter, vault: Pick<Vault, 'name'> & { objectType: string }, title: string, step: number, totalSteps: number): Promise<ProtectableInstance[] | typeof BACK> {
  const type = vault.objectType === 'disk' ? 'disk' : 'server';
  const { instances } = await session.cbr.listProtectables(type, { limit: 1000 });
  const free = instances.filter((i) => i.protectable);
  const taken = instances.filter((i) => !i.protectable);
  if (free.length === 0) {
    throw new Error(vscode.l10n.t('Every {0} here is already protected; there is nothing to associate.', type));
  }
  const items: PickItem<ProtectableInstance>[] = [
    ...free.map((i) => ({ label: i.name, description: i.status, detail: i.id, value: i })),
    // Shown so that the user sees why a resource is missing; picking them is refused below.
    ...taken.map((i) => ({ label: `$(lock) ${i.name}`, description: i.reason ?? vscode.l10n.t('already in a vault'), detail: i.id, value: i })),
  ];
  for (;;) {
    const picked = await prompter.pickMany<ProtectableInstance>({ title, step, totalSteps, placeholder: vscode.l10n.t('Resources to associate with {0}', vault.name), items });
    if (picked === BACK) {
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
