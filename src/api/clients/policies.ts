/**
 * The CBR policy calls (paths: huaweicloud-sdk-go-v3 services/cbr/v1/cbr_meta.go ListPolicies,
 * ShowPolicy, CreatePolicy, UpdatePolicy, DeletePolicy, AssociateVaultPolicy,
 * DisassociateVaultPolicy; statuses and bodies: OTC cloud-backup-recovery api-ref
 * cbr_apis/policies/*.rst and vaults/applying_a_policy_to_a_vault.rst,
 * removing_a_policy_from_a_vault.rst). Writes are sent once (never retried): the caller
 * reconciles a lost answer with `findPolicyCreatedBy` or by reading the policy again.
 */
import { ValidationError } from '../errors';
import { validatePolicyDefinition, validatePolicyName, type PolicyDefinitionInput } from '../policyRules';
import { validatePolicyPatterns } from '../policySchedule';
import {
  AssociatePolicyAnswerSchema,
  DissociatePolicyAnswerSchema,
  EmptyAnswerSchema,
  PolicyEnvelopeSchema,
  PolicyListSchema,
  PolicyOperationTypes,
  type Policy,
  type PolicyOperationType,
  type VaultPolicy,
} from '../schemas';
import { validateUuid, type RulesCloud } from '../validation';
import { call, check, type CallOptions, type ClientContext } from './call';

export interface CreatePolicyRequest {
  /** Whose input rules apply; without it, the strictest. */
  cloud?: RulesCloud;
  name: string;
  operationType: PolicyOperationType;
  /** Default true, as the cloud's. */
  enabled?: boolean;
  /** RRULE bodies with UTC times, e.g. `FREQ=WEEKLY;BYDAY=MO,WE,FR;BYHOUR=22;BYMINUTE=30`. */
  patterns: string[];
  definition: PolicyDefinitionInput;
}

export interface UpdatePolicyRequest {
  cloud?: RulesCloud;
  operationType: PolicyOperationType;
  name?: string;
  enabled?: boolean;
  patterns?: string[];
  definition?: PolicyDefinitionInput;
}

/** `operation_definition` as the API names it; absent fields are not sent. */
function definitionBody(def: PolicyDefinitionInput, cloud: RulesCloud): Record<string, number | string | boolean> {
  const body: Record<string, number | string | boolean | undefined> = {
    max_backups: def.maxBackups,
    retention_duration_days: def.retentionDurationDays,
    day_backups: def.dayBackups,
    week_backups: def.weekBackups,
    month_backups: def.monthBackups,
    year_backups: def.yearBackups,
    timezone: def.timezone,
    destination_region: def.destinationRegion,
    destination_project_id: def.destinationProjectId,
    enable_acceleration: cloud === 'opentelekomcloud' ? undefined : def.enableAcceleration,
  };
  return Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined)) as Record<string, number | string | boolean>;
}

export class PolicyClient {
  constructor(private readonly ctx: ClientContext) {}

  /** ListPolicies `GET /v3/{project_id}/policies` (query `operation_type`, `vault_id`): `{policies, count}`. */
  async listPolicies(q: { operationType?: PolicyOperationType; vaultId?: string } = {}, o?: CallOptions) {
    if (q.vaultId !== undefined) {
      check('vaultId', validateUuid(q.vaultId, 'vault id'));
    }
    return call(this.ctx, 'cbr.listPolicies', 'GET', '/policies', PolicyListSchema, o, { query: { operation_type: q.operationType, vault_id: q.vaultId } });
  }

  /** ShowPolicy `GET /v3/{project_id}/policies/{policy_id}`: `{policy}`. */
  async showPolicy(policyId: string, o?: CallOptions): Promise<Policy> {
    check('policyId', validateUuid(policyId, 'policy id'));
    return call(this.ctx, 'cbr.showPolicy', 'GET', `/policies/${policyId}`, PolicyEnvelopeSchema, o);
  }

  /** CreatePolicy `POST /v3/{project_id}/policies` `{policy:{…}}`, answered 200 `{policy}`. */
  async createPolicy(req: CreatePolicyRequest, o?: CallOptions): Promise<Policy> {
    check('name', validatePolicyName(req.name, undefined, req.cloud));
    if (!(PolicyOperationTypes as readonly string[]).includes(req.operationType)) {
      throw new ValidationError('operationType', 'A policy backs up or replicates.');
    }
    check('patterns', validatePolicyPatterns(req.patterns));
    check('definition', validatePolicyDefinition(req.definition, req.operationType, undefined, req.cloud));
    return call(this.ctx, 'cbr.createPolicy', 'POST', '/policies', PolicyEnvelopeSchema, o, {
      body: {
        policy: {
          enabled: req.enabled ?? true,
          name: req.name,
          operation_type: req.operationType,
          operation_definition: definitionBody(req.definition, req.cloud),
          trigger: { properties: { pattern: req.patterns } },
        },
      },
    });
  }

  /** UpdatePolicy `PUT /v3/{project_id}/policies/{policy_id}` `{policy:{…}}` (only what changes), 200 `{policy}`. */
  async updatePolicy(policyId: string, req: UpdatePolicyRequest, o?: CallOptions): Promise<Policy> {
    check('policyId', validateUuid(policyId, 'policy id'));
    if (req.name !== undefined) {
      check('name', validatePolicyName(req.name, undefined, req.cloud));
    }
    if (req.patterns !== undefined) {
      check('patterns', validatePolicyPatterns(req.patterns));
    }
    if (req.definition !== undefined) {
      check('definition', validatePolicyDefinition(req.definition, req.operationType, undefined, req.cloud));
    }
    const policy = {
      ...(req.enabled !== undefined ? { enabled: req.enabled } : {}),
      ...(req.name !== undefined ? { name: req.name } : {}),
      ...(req.definition !== undefined ? { operation_definition: definitionBody(req.definition, req.cloud) } : {}),
      ...(req.patterns !== undefined ? { trigger: { properties: { pattern: req.patterns } } } : {}),
    };
    if (Object.keys(policy).length === 0) {
      throw new ValidationError('policy', 'Nothing to change.');
    }
    return call(this.ctx, 'cbr.updatePolicy', 'PUT', `/policies/${policyId}`, PolicyEnvelopeSchema, o, { body: { policy } });
  }

  /** DeletePolicy `DELETE /v3/{project_id}/policies/{policy_id}`, 204 (its backups stay). */
  async deletePolicy(policyId: string, o?: CallOptions): Promise<void> {
    check('policyId', validateUuid(policyId, 'policy id'));
    await call(this.ctx, 'cbr.deletePolicy', 'DELETE', `/policies/${policyId}`, EmptyAnswerSchema, o);
  }

  /**
   * AssociateVaultPolicy `POST /v3/{project_id}/vaults/{vault_id}/associatepolicy` `{policy_id}`
   * (Huawei Cloud: `destination_vault_id` with a replication policy, model_vault_associate.go),
   * 200 `{associate_policy:{vault_id, policy_id}}`.
   */
  async associatePolicy(vaultId: string, policyId: string, destinationVaultId?: string, o?: CallOptions): Promise<VaultPolicy> {
    check('vaultId', validateUuid(vaultId, 'vault id'));
    check('policyId', validateUuid(policyId, 'policy id'));
    if (destinationVaultId !== undefined) {
      check('destinationVaultId', validateUuid(destinationVaultId, 'destination vault id'));
    }
    return call(this.ctx, 'cbr.associatePolicy', 'POST', `/vaults/${vaultId}/associatepolicy`, AssociatePolicyAnswerSchema, o, {
      body: { policy_id: policyId, ...(destinationVaultId !== undefined ? { destination_vault_id: destinationVaultId } : {}) },
    });
  }

  /** DisassociateVaultPolicy `POST /v3/{project_id}/vaults/{vault_id}/dissociatepolicy` `{policy_id}`, 200 `{dissociate_policy}`. */
  async dissociatePolicy(vaultId: string, policyId: string, o?: CallOptions): Promise<VaultPolicy> {
    check('vaultId', validateUuid(vaultId, 'vault id'));
    check('policyId', validateUuid(policyId, 'policy id'));
    return call(this.ctx, 'cbr.dissociatePolicy', 'POST', `/vaults/${vaultId}/dissociatepolicy`, DissociatePolicyAnswerSchema, o, { body: { policy_id: policyId } });
  }

  /**
   * Reconciliation after a create whose answer was lost: a policy of that name and type that
   * was not there before (`knownIds`: the ids listed before sending). Policies carry no creation
   * time, so "not there before" is what tells it apart.
   */
  async findPolicyCreatedBy(q: { name: string; operationType: PolicyOperationType; knownIds: ReadonlySet<string> }, o?: CallOptions): Promise<Policy | undefined> {
    const { policies } = await this.listPolicies({ operationType: q.operationType }, o);
    return policies.find((p) => p.name === q.name && p.operationType === q.operationType && !q.knownIds.has(p.id));
  }
}
