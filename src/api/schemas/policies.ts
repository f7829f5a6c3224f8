/**
 * Backup and replication policies, and the answers of applying one to a vault or removing it.
 *
 * Sources: huaweicloud-sdk-go-v3 services/cbr/v1/model/model_policy.go (Policy),
 * model_policyo_od_create.go (operation_definition), model_policy_trigger_properties_req.go
 * (pattern), model_vault_policy_resp.go (associate/dissociate answers); OTC cloud-backup-recovery
 * api-ref/source/cbr_apis/policies/*.rst (list `{policies, count}`, show/create/update
 * `{policy}` with 200, delete 204) and vaults/applying_a_policy_to_a_vault.rst,
 * removing_a_policy_from_a_vault.rst (200 `{associate_policy}` / `{dissociate_policy}`).
 */
import * as z from 'zod/mini';
import { map, onFirstUse, optBool, optNum, optStr, raw, str, withRaw } from './primitives';

export const PolicyOperationTypes = ['backup', 'replication'] as const;
export type PolicyOperationType = (typeof PolicyOperationTypes)[number];

const OperationDefinitionSchema = onFirstUse(() => map(raw({
  day_backups: optNum,
  week_backups: optNum,
  month_backups: optNum,
  year_backups: optNum,
  max_backups: optNum,
  retention_duration_days: optNum,
  timezone: optStr,
  destination_region: optStr,
  destination_project_id: optStr,
  enable_acceleration: optBool,
}), (d) => ({
  dayBackups: d.day_backups,
  weekBackups: d.week_backups,
  monthBackups: d.month_backups,
  yearBackups: d.year_backups,
  /** -1 (or absent): not cleaned up by count. */
  maxBackups: d.max_backups,
  /** -1 (or absent): not cleaned up by age. */
  retentionDurationDays: d.retention_duration_days,
  /** `UTC+08:00`. */
  timezone: d.timezone,
  destinationRegion: d.destination_region,
  destinationProjectId: d.destination_project_id,
  enableAcceleration: d.enable_acceleration,
})));
export type PolicyOperationDefinition = z.output<typeof OperationDefinitionSchema>;

/** A policy without `operation_definition`: nothing set (kept until deleted, shown in UTC). */
const NO_DEFINITION: Partial<PolicyOperationDefinition> = {};

export const PolicySchema = onFirstUse(() => withRaw(map(raw({
  id: str,
  name: optStr,
  enabled: optBool,
  operation_type: str,
  operation_definition: z.nullish(OperationDefinitionSchema),
  trigger: z.nullish(raw({
    id: optStr,
    name: optStr,
    type: optStr,
    properties: z.nullish(raw({ pattern: z.nullish(z.array(str)), start_time: optStr })),
  })),
  associated_vaults: z.nullish(z.array(raw({ vault_id: str, destination_vault_id: optStr }))),
}), (p) => ({
  id: p.id,
  name: p.name ?? p.id,
  /** The cloud's default is enabled (CreatePolicy: "Default: true"). */
  enabled: p.enabled ?? true,
  operationType: p.operation_type,
  definition: p.operation_definition ?? NO_DEFINITION,
  /** RFC 2445 RRULE bodies, e.g. `FREQ=WEEKLY;BYDAY=MO,TU;BYHOUR=14;BYMINUTE=00` (UTC times). */
  patterns: p.trigger?.properties?.pattern ?? [],
  /** When the scheduler starts: `2019-05-08T06:57:05.000+00:00` or `2020-01-08 09:59:49`. */
  startTime: p.trigger?.properties?.start_time,
  associatedVaults: (p.associated_vaults ?? []).map((v) => ({ vaultId: v.vault_id, destinationVaultId: v.destination_vault_id })),
}))));
export type Policy = z.output<typeof PolicySchema>;

export const PolicyListSchema = onFirstUse(() => map(raw({ policies: z.array(PolicySchema), count: optNum }), (r) => ({
  policies: r.policies,
  count: r.count ?? r.policies.length,
})));
export const PolicyEnvelopeSchema = onFirstUse(() => map(raw({ policy: PolicySchema }), (r) => r.policy));

const VaultPolicySchema = onFirstUse(() => map(raw({ vault_id: str, policy_id: str, destination_vault_id: optStr }), (r) => ({ vaultId: r.vault_id, policyId: r.policy_id, destinationVaultId: r.destination_vault_id })));
export type VaultPolicy = z.output<typeof VaultPolicySchema>;
export const AssociatePolicyAnswerSchema = onFirstUse(() => map(raw({ associate_policy: VaultPolicySchema }), (r) => r.associate_policy));
export const DissociatePolicyAnswerSchema = onFirstUse(() => map(raw({ dissociate_policy: VaultPolicySchema }), (r) => r.dissociate_policy));
