/**
 * Renderers of a region's Policies group and its policies, and the policy a vault's row names:
 * pure, no network. What they know of other lists (vault names, a vault's policies) comes from
 * `PolicyFacts`, read from the lists already loaded.
 */
import * as vscode from 'vscode';
import type { Policy } from '../../api';
import { nextRunsInWords, retentionInWords, scheduleInWords } from '../../policies/words';
import { escapeMarkdown, fieldsTooltip } from '../format';
import type { PagedLists } from '../model/pagedLists';
import type { PoliciesNode, PolicyNode, VaultNode } from '../nodes';

/** What the policy rows read from lists loaded elsewhere (never fetched here). */
export interface PolicyFacts {
  vaultNameOf(region: string, vaultId: string): string | undefined;
  policiesOfVault(region: string, vaultId: string): Policy[] | undefined;
  now(): Date;
}

export function policyFacts(lists: Pick<PagedLists, 'peek'>): PolicyFacts {
  return {
    vaultNameOf: (region, vaultId) => lists.peek({ kind: 'vaults', region })?.items.find((v) => v.id === vaultId)?.name,
    policiesOfVault: (region, vaultId) => lists.peek({ kind: 'policies', region })?.items.filter((p) => p.associatedVaults.some((v) => v.vaultId === vaultId)),
    now: () => new Date(),
  };
}

export function renderPolicies(_node: PoliciesNode): vscode.TreeItem {
  const row = new vscode.TreeItem(vscode.l10n.t('Policies'), vscode.TreeItemCollapsibleState.Collapsed);
  row.description = vscode.l10n.t('backup and replication schedules');
  row.tooltip = vscode.l10n.t('The backup and replication policies of this region: when they run, how long backups are kept, and the vaults they are applied to.');
  row.iconPath = new vscode.ThemeIcon('calendar');
  row.contextValue = 'policies';
  return row;
}

function typeLabel(policy: Policy): string {
  return policy.operationType === 'replication' ? vscode.l10n.t('replication') : policy.operationType === 'backup' ? vscode.l10n.t('backup') : policy.operationType;
}

export function renderPolicy({ policy, region }: PolicyNode, facts: Partial<PolicyFacts>): vscode.TreeItem {
  const row = new vscode.TreeItem(policy.name, vscode.TreeItemCollapsibleState.None);
  const schedule = scheduleInWords(policy);
  const retention = retentionInWords(policy.definition);
  const state = policy.enabled ? undefined : vscode.l10n.t('disabled');
  const vaults = policy.associatedVaults.map((v) => facts.vaultNameOf?.(region, v.vaultId) ?? v.vaultId);
  const appliedTo = vaults.length === 0 ? vscode.l10n.t('applied to no vault') : vaults.length === 1 ? vscode.l10n.t('on {0}', vaults[0]) : vscode.l10n.t('on {0} vaults', vaults.length);
  row.description = [state, schedule, retention, appliedTo].filter(Boolean).join(' · ');
  const runs = nextRunsInWords(policy, facts.now?.() ?? new Date());
  const destination = policy.definition.destinationRegion;
  const tooltip = fieldsTooltip(policy.name, [
    [vscode.l10n.t('Type'), typeLabel(policy)],
    [vscode.l10n.t('Status'), policy.enabled ? vscode.l10n.t('enabled') : vscode.l10n.t('disabled (does not run)')],
    [vscode.l10n.t('Schedule'), schedule],
    [vscode.l10n.t('Retention'), retention],
    [vscode.l10n.t('Replicates to'), destination],
    [vscode.l10n.t('Applied to'), vaults.length === 0 ? vscode.l10n.t('no vault') : vaults.join(', ')],
    [vscode.l10n.t('ID'), policy.id],
  ]);
  if (runs.length > 0) {
    tooltip.appendMarkdown(`\n\n**${escapeMarkdown(vscode.l10n.t('Next runs'))}**\n\n${runs.map((r) => `- ${escapeMarkdown(r)}`).join('\n')}`);
  }
  row.tooltip = tooltip;
  row.accessibilityInformation = { label: `${policy.name}, ${typeLabel(policy)}, ${row.description}` };
  row.iconPath = new vscode.ThemeIcon(policy.operationType === 'replication' ? 'mirror' : 'calendar', policy.enabled ? undefined : new vscode.ThemeColor('disabledForeground'));
  row.contextValue = policy.enabled ? 'policy' : 'policy:disabled';
  return row;
}

/** A vault's row names the policies applied to it, in its description and tooltip. */
export function withVaultPolicies(row: vscode.TreeItem, { vault, region }: VaultNode, facts: Partial<PolicyFacts>): vscode.TreeItem {
  const policies = facts.policiesOfVault?.(region, vault.id);
  if (!policies || policies.length === 0) {
    return row;
  }
  const names = policies.map((p) => (p.enabled ? p.name : vscode.l10n.t('{0} (disabled)', p.name)));
  row.description = [row.description, names.join(', ')].filter(Boolean).join(' · ');
  if (row.tooltip instanceof vscode.MarkdownString) {
    for (const p of policies) {
      row.tooltip.appendMarkdown(`  \n${escapeMarkdown(vscode.l10n.t('Policy'))}: ${escapeMarkdown(`${p.name} — ${p.enabled ? scheduleInWords(p) : vscode.l10n.t('disabled')}, ${retentionInWords(p.definition)}`)}`);
    }
  }
  return row;
}
