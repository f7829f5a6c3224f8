/**
 * Policy actions on a policy's row: enable or disable it, apply it to a vault, remove it from
 * one, delete it. Each write is sent once (WriteOnce): a lost answer is checked by reading the
 * policy again, never by sending the write again. Failures go to the command wrapper, which
 * shows the cloud's code and request id.
 */
import * as vscode from 'vscode';
import type { Policy, Vault } from '../api';
import type { CommandSlice } from '../common/commands';
import { Commands } from '../constants';
import { isBack } from '../ui/prompter';
import type { ActionDeps } from './deps';
import { writeOnce } from './writeOnce';

/** The policy row a command was invoked on (matched by shape, so the tree stays independent). */
export interface PolicyArg {
  kind: 'policy';
  region: string;
  policy: Policy;
}

export function asPolicyNode(arg: unknown): PolicyArg | undefined {
  const n = arg as Partial<PolicyArg> | undefined;
  return typeof n === 'object' && n !== null && n.kind === 'policy' && typeof n.region === 'string' && typeof n.policy === 'object' && n.policy !== null ? (n as PolicyArg) : undefined;
}

function noPolicy(deps: ActionDeps): void {
  void deps.messages.warn(vscode.l10n.t('Choose a policy in the Policies list of a region.'));
}

/** Shared by the writes: the policy as the cloud has it now, for reconciling a lost answer. */
const showPolicy = (deps: ActionDeps, node: PolicyArg) => () => deps.connection.session(node.region).policies.showPolicy(node.policy.id);

export async function setPolicyEnabled(deps: ActionDeps, arg: unknown, enabled: boolean): Promise<void> {
  const node = asPolicyNode(arg);
  if (!node) {
    return noPolicy(deps);
  }
  const name = node.policy.name;
  const session = deps.connection.session(node.region);
  await writeOnce(deps, {
    key: `policy:${node.policy.id}`,
    busyMessage: vscode.l10n.t('Policy {0} is already being changed.', name),
    progressTitle: enabled ? vscode.l10n.t('Enabling policy {0}…', name) : vscode.l10n.t('Disabling policy {0}…', name),
    action: enabled ? 'enablePolicy' : 'disablePolicy',
    where: name,
    write: () => session.policies.updatePolicy(node.policy.id, { operationType: node.policy.operationType === 'replication' ? 'replication' : 'backup', enabled }),
    reconcile: async () => ((await showPolicy(deps, node)()).enabled === enabled ? true : undefined),
    foundAfterUnknown: () => {
      deps.refreshAll();
      void deps.messages.warn(vscode.l10n.t('The cloud did not confirm the request, but policy {0} is now {1}.', name, enabled ? vscode.l10n.t('enabled') : vscode.l10n.t('disabled')));
    },
    missingAfterUnknown: () => void deps.messages.error(vscode.l10n.t('Policy {0} was not changed. You can try again.', name)),
    unconfirmedMessage: (until) => vscode.l10n.t('The cloud did not confirm the request. The change to policy {0} is not confirmed yet; checking until {1}.', name, until),
    waitMessage: (until) => vscode.l10n.t('An earlier change to policy {0} is not confirmed yet. Try again after {1}.', name, until),
    created: () => {
      deps.refreshAll();
      void deps.messages.info(enabled ? vscode.l10n.t('Policy {0} is enabled: it runs on schedule.', name) : vscode.l10n.t('Policy {0} is disabled: it does not run until enabled.', name));
    },
  });
}

/** Backup vaults of servers or disks take policies (OTC umn creating_a_backup_policy.rst, "Constraints"). */
function takesPolicies(vault: Vault): boolean {
  return vault.billing.protectType === 'backup' && (vault.billing.objectType === 'server' || vault.billing.objectType === 'disk');
}

export async function applyPolicy(deps: ActionDeps, arg: unknown): Promise<void> {
  const node = asPolicyNode(arg);
  if (!node) {
    return noPolicy(deps);
  }
  const { policy, region } = node;
  const session = deps.connection.session(region);
  const applied = new Set(policy.associatedVaults.map((v) => v.vaultId));
  const loading = session.cbr.listVaults({ limit: 1000 }).then(({ vaults }) => {
    const free = vaults.filter((v) => takesPolicies(v) && !applied.has(v.id));
    if (free.length === 0) {
      throw new Error(vscode.l10n.t('Every backup vault here already has policy {0}.', policy.name));
    }
    return free.map((v) => ({ label: v.name, description: v.billing.objectType, detail: v.id, value: v }));
  });
  const vault = await deps.prompter().pick<Vault>({ step: 1, totalSteps: 1, title: vscode.l10n.t('Apply policy {0}', policy.name), placeholder: vscode.l10n.t('The vault to apply it to'), items: loading });
  if (isBack(vault) || vault === undefined) {
    return;
  }
  await writeOnce(deps, {
    key: `policy:${policy.id}:vault:${vault.id}`,
    busyMessage: vscode.l10n.t('Policy {0} is already being applied to {1}.', policy.name, vault.name),
    progressTitle: vscode.l10n.t('Applying policy {0} to {1}…', policy.name, vault.name),
    action: 'applyPolicy',
    where: vault.name,
    write: () => session.policies.associatePolicy(vault.id, policy.id),
    reconcile: async () => ((await showPolicy(deps, node)()).associatedVaults.some((v) => v.vaultId === vault.id) ? true : undefined),
    foundAfterUnknown: () => {
      deps.refreshAll();
      void deps.messages.warn(vscode.l10n.t('The cloud did not confirm the request, but policy {0} is now applied to {1}.', policy.name, vault.name));
    },
    missingAfterUnknown: () => void deps.messages.error(vscode.l10n.t('Policy {0} was not applied to {1}. You can try again.', policy.name, vault.name)),
    unconfirmedMessage: (until) => vscode.l10n.t('The cloud did not confirm the request. Applying policy {0} to {1} is not confirmed yet; checking until {2}.', policy.name, vault.name, until),
    waitMessage: (until) => vscode.l10n.t('An earlier change to policy {0} is not confirmed yet. Try again after {1}.', policy.name, until),
    created: () => {
      deps.refreshAll();
      void deps.messages.info(vscode.l10n.t('Policy {0} is applied to {1}.', policy.name, vault.name));
    },
  });
}

export async function removePolicy(deps: ActionDeps, arg: unknown): Promise<void> {
  const node = asPolicyNode(arg);
  if (!node) {
    return noPolicy(deps);
  }
  const { policy, region } = node;
  if (policy.associatedVaults.length === 0) {
    void deps.messages.warn(vscode.l10n.t('Policy {0} is applied to no vault.', policy.name));
    return;
  }
  const session = deps.connection.session(region);
  const loading = session.cbr.listVaults({ limit: 1000 }).then(({ vaults }) =>
    policy.associatedVaults.map((a) => {
      const vault = vaults.find((v) => v.id === a.vaultId);
      return { label: vault?.name ?? a.vaultId, detail: a.vaultId, value: { id: a.vaultId, name: vault?.name ?? a.vaultId } };
    }),
  );
  const vault = await deps.prompter().pick<{ id: string; name: string }>({ step: 1, totalSteps: 1, title: vscode.l10n.t('Remove policy {0}', policy.name), placeholder: vscode.l10n.t('The vault to remove it from'), items: loading });
  if (isBack(vault) || vault === undefined) {
    return;
  }
  if (!(await deps.prompter().confirm(vscode.l10n.t('Remove policy {0} from {1}?', policy.name, vault.name), vscode.l10n.t('The vault is no longer backed up on this schedule. Its backups stay.'), vscode.l10n.t('Remove')))) {
    return;
  }
  await writeOnce(deps, {
    key: `policy:${policy.id}:vault:${vault.id}`,
    busyMessage: vscode.l10n.t('Policy {0} is already being removed from {1}.', policy.name, vault.name),
    progressTitle: vscode.l10n.t('Removing policy {0} from {1}…', policy.name, vault.name),
    action: 'removePolicy',
    where: vault.name,
    write: () => session.policies.dissociatePolicy(vault.id, policy.id),
    reconcile: async () => ((await showPolicy(deps, node)()).associatedVaults.some((v) => v.vaultId === vault.id) ? undefined : true),
    foundAfterUnknown: () => {
      deps.refreshAll();
      void deps.messages.warn(vscode.l10n.t('The cloud did not confirm the request, but policy {0} is no longer applied to {1}.', policy.name, vault.name));
    },
    missingAfterUnknown: () => void deps.messages.error(vscode.l10n.t('Policy {0} is still applied to {1}. You can try again.', policy.name, vault.name)),
    unconfirmedMessage: (until) => vscode.l10n.t('The cloud did not confirm the request. Removing policy {0} from {1} is not confirmed yet; checking until {2}.', policy.name, vault.name, until),
    waitMessage: (until) => vscode.l10n.t('An earlier change to policy {0} is not confirmed yet. Try again after {1}.', policy.name, until),
    created: () => {
      deps.refreshAll();
      void deps.messages.info(vscode.l10n.t('Policy {0} is removed from {1}.', policy.name, vault.name));
    },
  });
}

export async function deletePolicy(deps: ActionDeps, arg: unknown): Promise<void> {
  const node = asPolicyNode(arg);
  if (!node) {
    return noPolicy(deps);
  }
  const { policy, region } = node;
  const vaults = policy.associatedVaults.length;
  const detail = vaults === 0 ? vscode.l10n.t('It is applied to no vault. Backups it made stay.') : vscode.l10n.t('It is applied to {0} vaults, which are then no longer backed up on its schedule. Backups it made stay.', vaults);
  if (!(await deps.prompter().confirm(vscode.l10n.t('Delete policy {0}?', policy.name), detail, vscode.l10n.t('Delete')))) {
    return;
  }
  const session = deps.connection.session(region);
  await writeOnce(deps, {
    key: `policy:${policy.id}`,
    busyMessage: vscode.l10n.t('Policy {0} is already being changed.', policy.name),
    progressTitle: vscode.l10n.t('Deleting policy {0}…', policy.name),
    action: 'deletePolicy',
    where: policy.name,
    write: () => session.policies.deletePolicy(policy.id),
    // A 404 on get is how a delete is seen to have happened (policy not found: 6000).
    reconcile: async () => {
      try {
        await showPolicy(deps, node)();
        return undefined;
      } catch (err) {
        if ((err as { kind?: string }).kind === 'notFound') {
          return true;
        }
        throw err;
      }
    },
    foundAfterUnknown: () => {
      deps.refreshAll();
      void deps.messages.warn(vscode.l10n.t('The cloud did not confirm the request, but policy {0} is deleted.', policy.name));
    },
    missingAfterUnknown: () => void deps.messages.error(vscode.l10n.t('Policy {0} was not deleted. You can try again.', policy.name)),
    unconfirmedMessage: (until) => vscode.l10n.t('The cloud did not confirm the request. Deleting policy {0} is not confirmed yet; checking until {1}.', policy.name, until),
    waitMessage: (until) => vscode.l10n.t('An earlier change to policy {0} is not confirmed yet. Try again after {1}.', policy.name, until),
    created: () => {
      deps.refreshAll();
      void deps.messages.info(vscode.l10n.t('Policy {0} is deleted.', policy.name));
    },
  });
}

export type PolicyCommandId = typeof Commands.enablePolicy | typeof Commands.disablePolicy | typeof Commands.applyPolicy | typeof Commands.removePolicy | typeof Commands.deletePolicy;

/** The policy actions' part of the command table (each takes the policy row it was invoked on). */
export function policyCommands(deps: ActionDeps): CommandSlice<PolicyCommandId> {
  return {
    [Commands.enablePolicy]: (node?: unknown) => setPolicyEnabled(deps, node, true),
    [Commands.disablePolicy]: (node?: unknown) => setPolicyEnabled(deps, node, false),
    [Commands.applyPolicy]: (node?: unknown) => applyPolicy(deps, node),
    [Commands.removePolicy]: (node?: unknown) => removePolicy(deps, node),
    [Commands.deletePolicy]: (node?: unknown) => deletePolicy(deps, node),
  };
}
