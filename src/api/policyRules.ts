/**
 * Input rules of CreatePolicy and UpdatePolicy, checked before anything is sent (the UI checks
 * as the user types with the same functions). Sources: huaweicloud-sdk-go-v3
 * services/cbr/v1/model/model_policy_create.go (name), model_policyo_od_create.go
 * (operation_definition); OTC cloud-backup-recovery api-ref cbr_apis/policies/creating_a_policy.rst
 * (Table 5: max_backups -1 or 1–99999, retention_duration_days -1 or 1–99999 and not with
 * max_backups nor with day/week/month/year backups, those 0–100 and then timezone needed;
 * destination_region and destination_project_id for replication).
 */
import { parseUtcOffset } from './policySchedule';
import type { PolicyOperationType } from './schemas';
import { validateProjectId, validateVaultName, type RulesCloud, type Translate } from './validation';

const english: Translate = (template, ...args) => template.replace(/\{(\d+)\}/g, (whole, i: string) => String(args[Number(i)] ?? whole));

export const POLICY_COUNT_MAX = 99_999;
export const LONG_TERM_MAX = 100;
const REGION = /^[A-Za-z0-9_-]{1,255}$/;

/** What a policy keeps and where it replicates to (camelCase; the client writes the wire body). */
export interface PolicyDefinitionInput {
  /** Keep the newest N backups of each resource; -1: not by count. */
  maxBackups?: number;
  /** Keep backups N days; -1: not by age. */
  retentionDurationDays?: number;
  dayBackups?: number;
  weekBackups?: number;
  monthBackups?: number;
  yearBackups?: number;
  /** `UTC+08:00`: the zone the schedule is shown in, and that long-term retention counts days in. */
  timezone?: string;
  destinationRegion?: string;
  destinationProjectId?: string;
  /** Huawei Cloud only (OTC's PolicyoODCreate has no such field). */
  enableAcceleration?: boolean;
}

/** Policy name: 1–64 letters, digits, `_` and `-` (Chinese characters on Huawei Cloud), as vault names. */
export function validatePolicyName(name: string, t: Translate = english, cloud?: RulesCloud): string | undefined {
  return validateVaultName(name, t, cloud);
}

const positiveOrMinusOne = (v: number | undefined): boolean => v === undefined || v === -1 || (Number.isInteger(v) && v >= 1 && v <= POLICY_COUNT_MAX);
const isSet = (v: number | undefined): boolean => v !== undefined && v > 0;

export function validatePolicyDefinition(def: PolicyDefinitionInput, type: PolicyOperationType, t: Translate = english, cloud?: RulesCloud): string | undefined {
  if (!positiveOrMinusOne(def.maxBackups)) {
    return t('Keep the last 1 to {0} backups (or -1: not by count).', POLICY_COUNT_MAX);
  }
  if (!positiveOrMinusOne(def.retentionDurationDays)) {
    return t('Keep backups 1 to {0} days (or -1: not by age).', POLICY_COUNT_MAX);
  }
  if (isSet(def.maxBackups) && isSet(def.retentionDurationDays)) {
    return t('Keep backups either by count or by age, not both.');
  }
  const longTerm = [def.dayBackups, def.weekBackups, def.monthBackups, def.yearBackups];
  if (longTerm.some((v) => v !== undefined && !(Number.isInteger(v) && v >= 0 && v <= LONG_TERM_MAX))) {
    return t('Daily, weekly, monthly and yearly backups to keep: 0 to {0} each.', LONG_TERM_MAX);
  }
  if (longTerm.some(isSet) && isSet(def.retentionDurationDays)) {
    return t('Daily, weekly, monthly and yearly backups go with keeping by count, not by age.');
  }
  if (def.timezone !== undefined && parseUtcOffset(def.timezone) === undefined) {
    return t('The time zone must look like UTC+08:00.');
  }
  if (longTerm.some(isSet) && def.timezone === undefined) {
    return t('Daily, weekly, monthly and yearly backups need a time zone.');
  }
  if (def.enableAcceleration !== undefined && cloud === 'opentelekomcloud') {
    return t('Open Telekom Cloud does not offer accelerated replication.');
  }
  if (type === 'replication') {
    if (!def.destinationRegion || !REGION.test(def.destinationRegion)) {
      return t('Choose the region to replicate to.');
    }
    if (!def.destinationProjectId || validateProjectId(def.destinationProjectId)) {
      return t('The destination project id must be 32 hexadecimal characters.');
    }
  } else if (def.destinationRegion !== undefined || def.destinationProjectId !== undefined || def.enableAcceleration !== undefined) {
    return t('Only a replication policy has a destination.');
  }
  return undefined;
}

