/**
 * Backup and replication policies, and applying them to vaults.
 *
 * Sources (shapes, statuses, rules): OTC cloud-backup-recovery api-ref/source/cbr_apis/policies/
 * creating_a_policy.rst (200 `{policy}`; PolicyoODCreate and PolicyTriggerPropertiesReq rules),
 * querying_the_policy_list.rst (`operation_type`, `vault_id`; 200 `{policies, count}`),
 * querying_a_single_policy.rst and modifying_a_policy.rst (200 `{policy}`), deleting_a_policy.rst
 * (204, no body); vaults/applying_a_policy_to_a_vault.rst and removing_a_policy_from_a_vault.rst
 * (200 `{associate_policy|dissociate_policy: {vault_id, policy_id}}`); huaweicloud-sdk-go-v3
 * services/cbr/v1/model/model_policy.go, model_policyo_od_create.go, model_vault_associate.go
 * (`destination_vault_id` for a replication policy, Huawei Cloud). Error codes: OTC
 * api-ref/source/appendix/error_codes.rst — 6000 policy not found (404), 6001 too many policies,
 * 6002 the vault does not have the policy (404), 6117 unknown policy type, 6127 this policy cannot
 * be applied to this vault (400). "Only one backup policy" per vault and "32 backup policies per
 * account": OTC umn policy_management/applying_a_policy_to_a_vault.rst, creating_a_backup_policy.rst.
 *
 * Assumed (not documented): applying a second backup policy to a vault replaces the first, as
 * the console's "Apply Backup Policy" does; the refusal codes of a bad pattern (9900).
 *
 * The pattern check here is written apart from the extension's (which uses the rrule library),
 * so each catches the other's mistakes.
 */
import { randomUUID } from 'node:crypto';
import { badRequest, cbrError, isRecord, type Reply, type RequestContext } from '../http';
import type { EmulatorState, RegionState } from '../state';
import type { Policy } from '../types';
import { getVault, projectOf, regionOf, requireUuid } from './common';

export const POLICY_NOT_FOUND = 'BackupService.6000';
export const POLICY_LIMIT = 'BackupService.6001';
export const VAULT_NOT_APPLIED = 'BackupService.6002';
export const UNKNOWN_POLICY_TYPE = 'BackupService.6117';
export const POLICY_NOT_FOR_VAULT = 'BackupService.6127';
/** A maximum of 32 backup policies can be created in each account. */
export const MAX_BACKUP_POLICIES = 32;

const NAME = /^[\p{Script=Han}A-Za-z0-9_-]{1,64}$/u;
const DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
const TIMEZONE = /^UTC[+-]\d{2}:\d{2}$/;
const PROJECT = /^[0-9a-f]{32}$/;

function findPolicy(rs: RegionState, id: string | undefined): Policy {
  const policyId = requireUuid(id, 'policy_id');
  const policy = rs.policies.find((p) => p.id === policyId);
  if (!policy) {
    throw cbrError(404, POLICY_NOT_FOUND, `The policy ${policyId} does not exist.`);
  }
  return policy;
}

/** Minutes since Monday 00:00 of every point of one rule; throws the API's 400 on a rule it refuses. */
function rulePoints(rule: unknown): number[] {
  if (typeof rule !== 'string') {
    throw badRequest('cbr', 'Invalid parameter trigger.properties.pattern: strings');
  }
  const parts = new Map<string, string>();
  for (const part of rule.split(';')) {
    const [key, value, ...rest] = part.split('=');
    if (!key || value === undefined || rest.length > 0 || parts.has(key)) {
      throw badRequest('cbr', `Invalid pattern ${rule}`);
    }
    parts.set(key, value);
  }
  for (const key of parts.keys()) {
    if (!['FREQ', 'BYDAY', 'BYHOUR', 'BYMINUTE', 'INTERVAL'].includes(key)) {
      throw badRequest('cbr', `Invalid pattern ${rule}: ${key} is not supported`);
    }
  }
  const freq = parts.get('FREQ');
  if (freq !== 'WEEKLY' && freq !== 'DAILY') {
    throw badRequest('cbr', `Invalid pattern ${rule}: FREQ must be WEEKLY or DAILY`);
  }
  const numbers = (key: string, max: number): number[] => {
    const raw = parts.get(key);
    const list = raw === undefined ? [] : raw.split(',');
    if (list.length === 0 || list.some((v) => !/^\d{1,2}$/.test(v) || Number(v) > max)) {
      throw badRequest('cbr', `Invalid pattern ${rule}: ${key} from 0 to ${max}`);
    }
    return list.map(Number);
  };
  const hours = numbers('BYHOUR', 23);
  const minutes = numbers('BYMINUTE', 59);
  const interval = parts.get('INTERVAL');
  if (interval !== undefined && (!/^\d{1,2}$/.test(interval) || Number(interval) < 1)) {
    throw badRequest('cbr', `Invalid pattern ${rule}: INTERVAL`);
  }
  const byDay = parts.get('BYDAY');
  if (freq === 'WEEKLY' && byDay === undefined) {
    throw badRequest('cbr', `Invalid pattern ${rule}: BYDAY is required with FREQ=WEEKLY`);
  }
  const days = byDay === undefined ? [0, 1, 2, 3, 4, 5, 6] : byDay.split(',').map((d) => DAYS.indexOf(d));
  if (days.some((d) => d < 0)) {
    throw badRequest('cbr', `Invalid pattern ${rule}: BYDAY takes MO..SU`);
  }
  return days.flatMap((d) => hours.flatMap((h) => minutes.map((m) => d * 1440 + h * 60 + m)));
}

/** At most 24 rules, at most 24 points a day, points at least an hour apart (the week wraps round). */
function checkPattern(pattern: unknown): string[] {
  if (!Array.isArray(pattern) || pattern.length === 0 || pattern.length > 24) {
    throw badRequest('cbr', 'Invalid parameter trigger.properties.pattern: 1 to 24 rules');
  }
  const points = [...new Set(pattern.flatMap(rulePoints))].sort((a, b) => a - b);
  for (let day = 0; day < 7; day += 1) {
    if (points.filter((p) => Math.floor(p / 1440) === day).length > 24) {
      throw badRequest('cbr', 'Invalid parameter trigger.properties.pattern: at most 24 time points a day');
    }
  }
  for (let i = 0; i < points.length && points.length > 1; i += 1) {
    const next = i + 1 < points.length ? points[i + 1] : points[0] + 7 * 1440;
    if (next - points[i] < 60) {
      throw badRequest('cbr', 'Invalid parameter trigger.properties.pattern: the interval cannot be less than one hour');
    }
  }
  return pattern as string[];
}

type Definition = Policy['operation_definition'];

function checkDefinition(input: unknown, type: Policy['operation_type'], state: EmulatorState): Definition {
  if (!isRecord(input)) {
    throw badRequest('cbr', 'Invalid parameter operation_definition: required');
  }
  const int = (key: string, ok: (n: number) => boolean): number | undefined => {
    const v = input[key];
    if (v === undefined || v === null) {
      return undefined;
    }
    if (typeof v !== 'number' || !Number.isInteger(v) || !ok(v)) {
      throw badRequest('cbr', `Invalid parameter operation_definition.${key}: ${JSON.stringify(v)}`);
    }
    return v;
  };
  const countOrMinusOne = (n: number): boolean => n === -1 || (n >= 1 && n <= 99999);
  const out: Definition = {};
  const max = int('max_backups', countOrMinusOne);
  const days = int('retention_duration_days', countOrMinusOne);
  if ((max ?? -1) > 0 && (days ?? -1) > 0) {
    throw badRequest('cbr', 'max_backups and retention_duration_days cannot be both set');
  }
  const longTerm = ['day_backups', 'week_backups', 'month_backups', 'year_backups'].map((k) => [k, int(k, (n) => n >= 0 && n <= 100)] as const);
  if (longTerm.some(([, v]) => (v ?? 0) > 0) && (days ?? -1) > 0) {
    throw badRequest('cbr', 'retention_duration_days cannot be applied with day/week/month/year backups');
  }
  const timezone = input.timezone;
  if (timezone !== undefined && (typeof timezone !== 'string' || !TIMEZONE.test(timezone))) {
    throw badRequest('cbr', 'Invalid parameter operation_definition.timezone: UTC+08:00');
  }
  if (longTerm.some(([, v]) => (v ?? 0) > 0) && timezone === undefined) {
    throw badRequest('cbr', 'operation_definition.timezone is mandatory with day/week/month/year backups');
  }
  for (const [k, v] of [['max_backups', max], ['retention_duration_days', days], ...longTerm] as const) {
    if (v !== undefined) {
      out[k] = v;
    }
  }
  if (typeof timezone === 'string') {
    out.timezone = timezone;
  }
  if (input.enable_acceleration !== undefined) {
    // OTC's PolicyoODCreate has no enable_acceleration (profile: opentelekomcloud).
    if (typeof input.enable_acceleration !== 'boolean' || state.cloud === 'opentelekomcloud') {
      throw badRequest('cbr', 'Invalid parameter operation_definition.enable_acceleration');
    }
    out.enable_acceleration = input.enable_acceleration;
  }
  if (type === 'replication') {
    const region = input.destination_region;
    const project = input.destination_project_id;
    if (typeof region !== 'string' || !/^[A-Za-z0-9_-]{1,255}$/.test(region) || typeof project !== 'string' || !PROJECT.test(project)) {
      throw badRequest('cbr', 'destination_region and destination_project_id are mandatory for replication');
    }
    out.destination_region = region;
    out.destination_project_id = project;
  }
  return out;
}

export function listPolicies(state: EmulatorState, ctx: RequestContext): Reply {
  const rs = regionOf(state, ctx);
  const type = ctx.query.get('operation_type');
  if (type !== null && type !== 'backup' && type !== 'replication') {
    throw cbrError(400, UNKNOWN_POLICY_TYPE, 'Unknown policy type.');
  }
  const vaultId = ctx.query.get('vault_id');
  const policies = rs.policies.filter((p) => (type === null || p.operation_type === type) && (vaultId === null || p.associated_vaults.some((v) => v.vault_id === vaultId)));
  return { status: 200, body: { policies, count: policies.length } };
}

export function showPolicy(state: EmulatorState, ctx: RequestContext): Reply {
  return { status: 200, body: { policy: findPolicy(regionOf(state, ctx), ctx.params.policy) } };
}

export function createPolicy(state: EmulatorState, ctx: RequestContext): Reply {
  const rs = regionOf(state, ctx);
  const input = isRecord(ctx.body) && isRecord(ctx.body.policy) ? ctx.body.policy : undefined;
  if (!input) {
    throw badRequest('cbr', 'The request body must contain policy.');
  }
  if (typeof input.name !== 'string' || !NAME.test(input.name)) {
    throw badRequest('cbr', 'Invalid parameter policy.name: 1 to 64 letters, digits, _ or -');
  }
  const type = input.operation_type;
  if (type !== 'backup' && type !== 'replication') {
    throw cbrError(400, UNKNOWN_POLICY_TYPE, 'Unknown policy type.');
  }
  if (input.enabled !== undefined && typeof input.enabled !== 'boolean') {
    throw badRequest('cbr', 'Invalid parameter policy.enabled');
  }
  const trigger = isRecord(input.trigger) && isRecord(input.trigger.properties) ? input.trigger.properties : undefined;
  const pattern = checkPattern(trigger?.pattern);
  const definition = checkDefinition(input.operation_definition, type, state);
  if (type === 'backup' && rs.policies.filter((p) => p.operation_type === 'backup').length >= MAX_BACKUP_POLICIES) {
    throw cbrError(400, POLICY_LIMIT, 'The maximum number of this type of policies has been reached.');
  }
  const policy: Policy = {
    id: randomUUID(),
    name: input.name,
    enabled: input.enabled ?? true,
    operation_type: type,
    operation_definition: definition,
    trigger: { id: randomUUID(), name: 'default', type: 'time', properties: { pattern, start_time: new Date(state.now()).toISOString().replace('Z', '+00:00') } },
    associated_vaults: [],
  };
  rs.policies.push(policy);
  return { status: 200, body: { policy } };
}

export function updatePolicy(state: EmulatorState, ctx: RequestContext): Reply {
  const rs = regionOf(state, ctx);
  const policy = findPolicy(rs, ctx.params.policy);
  const input = isRecord(ctx.body) && isRecord(ctx.body.policy) ? ctx.body.policy : undefined;
  if (!input) {
    throw badRequest('cbr', 'The request body must contain policy.');
  }
  // Everything is checked before anything changes: a refused update changes nothing.
  if (input.name !== undefined && (typeof input.name !== 'string' || !NAME.test(input.name))) {
    throw badRequest('cbr', 'Invalid parameter policy.name: 1 to 64 letters, digits, _ or -');
  }
  if (input.enabled !== undefined && typeof input.enabled !== 'boolean') {
    throw badRequest('cbr', 'Invalid parameter policy.enabled');
  }
  const trigger = isRecord(input.trigger) && isRecord(input.trigger.properties) ? input.trigger.properties : undefined;
  const pattern = trigger ? checkPattern(trigger.pattern) : undefined;
  const definition = input.operation_definition === undefined ? undefined : checkDefinition(input.operation_definition, policy.operation_type, state);
  if (definition && policy.operation_type === 'replication' && policy.associated_vaults.length > 0 && definition.destination_region !== policy.operation_definition.destination_region) {
    throw cbrError(400, 'BackupService.6003', 'The destination region cannot be changed because the policy has been applied to a replication vault.');
  }
  if (typeof input.name === 'string') {
    policy.name = input.name;
  }
  if (typeof input.enabled === 'boolean') {
    policy.enabled = input.enabled;
  }
  if (pattern) {
    policy.trigger.properties.pattern = pattern;
  }
  if (definition) {
    policy.operation_definition = definition;
  }
  return { status: 200, body: { policy } };
}

/** 204, no body; the backups it made stay (OTC umn policy_management/deleting_a_policy.rst). */
export function deletePolicy(state: EmulatorState, ctx: RequestContext): Reply {
  const rs = regionOf(state, ctx);
  const policy = findPolicy(rs, ctx.params.policy);
  rs.policies.splice(rs.policies.indexOf(policy), 1);
  return { status: 204, body: undefined };
}

export function associatePolicy(state: EmulatorState, ctx: RequestContext): Reply {
  const rs = regionOf(state, ctx);
  const vault = getVault(rs, projectOf(ctx), ctx.params.vault);
  const body = isRecord(ctx.body) ? ctx.body : {};
  const policy = findPolicy(rs, body.policy_id as string | undefined);
  // Backup policies go on backup vaults (server or disk); replication policies replicate from them.
  if (vault.billing.protect_type !== 'backup' || !['server', 'disk'].includes(vault.billing.object_type)) {
    throw cbrError(400, POLICY_NOT_FOR_VAULT, 'This policy cannot be applied to this vault.');
  }
  const destination = body.destination_vault_id;
  if (destination !== undefined && (policy.operation_type !== 'replication' || state.cloud === 'opentelekomcloud')) {
    throw badRequest('cbr', 'Invalid parameter destination_vault_id: only with a replication policy');
  }
  if (destination !== undefined) {
    requireUuid(destination, 'destination_vault_id');
  }
  // One policy of each type per vault: a new one replaces the old (assumed, see above).
  for (const other of rs.policies) {
    if (other !== policy && other.operation_type === policy.operation_type) {
      other.associated_vaults = other.associated_vaults.filter((v) => v.vault_id !== vault.id);
    }
  }
  if (!policy.associated_vaults.some((v) => v.vault_id === vault.id)) {
    policy.associated_vaults.push({ vault_id: vault.id, ...(typeof destination === 'string' ? { destination_vault_id: destination } : {}) });
  }
  return { status: 200, body: { associate_policy: { vault_id: vault.id, policy_id: policy.id, ...(typeof destination === 'string' ? { destination_vault_id: destination } : {}) } } };
}

export function dissociatePolicy(state: EmulatorState, ctx: RequestContext): Reply {
  const rs = regionOf(state, ctx);
  const vault = getVault(rs, projectOf(ctx), ctx.params.vault);
  const body = isRecord(ctx.body) ? ctx.body : {};
  if (body.policy_id === undefined) {
    throw badRequest('cbr', 'Invalid parameter policy_id: required');
  }
  const policy = findPolicy(rs, body.policy_id as string);
  if (!policy.associated_vaults.some((v) => v.vault_id === vault.id)) {
    throw cbrError(404, VAULT_NOT_APPLIED, 'The vault is not applied with the policy.');
  }
  policy.associated_vaults = policy.associated_vaults.filter((v) => v.vault_id !== vault.id);
  return { status: 200, body: { dissociate_policy: { vault_id: vault.id, policy_id: policy.id } } };
}

/** A deleted vault has no policy any more. */
export function forgetVaultPolicies(rs: RegionState, vaultId: string): void {
  for (const p of rs.policies) {
    p.associated_vaults = p.associated_vaults.filter((v) => v.vault_id !== vaultId);
  }
}

/** ListVault's `policy_id` filter (HW-Go model_list_vault_request.go; OTC querying_the_vault_list.rst). */
export function vaultHasPolicy(rs: RegionState, vaultId: string, policyId: string): boolean {
  return rs.policies.some((p) => p.id === policyId && p.associated_vaults.some((v) => v.vault_id === vaultId));
}
