/** What every CBR handler shares: ids, enums, request helpers, vault lookup and resource inputs. */
import { randomUUID } from 'node:crypto';
import { cbrTime, parseCloudTime } from '../clock';
import { badRequest, cbrError, isRecord, type RequestContext } from '../http';
import type { EmulatorState, RegionState } from '../state';
import type { JsonObject, OperationLog, Vault } from '../types';

export const PROVIDER_IDS: Record<string, string> = {
  server: '0daac4c5-6707-4851-97ba-169e36266b66',
  disk: 'd1603440-187d-4516-af25-121250c7cc97',
  turbo: '3f3c3220-245c-4805-b811-758870015881',
};

export const RESOURCE_TYPES = [
  'OS::Nova::Server', 'OS::Cinder::Volume', 'OS::Ironic::BareMetalServer', 'OS::Native::Server', 'OS::Sfs::Turbo', 'OS::Workspace::DesktopV2',
];
/** Which resource types a vault of each object_type accepts, and where the emulator keeps them. */
export const OBJECT_TYPE_RESOURCES: Record<string, { types: string[]; protectable: string }> = {
  server: { types: ['OS::Nova::Server', 'OS::Ironic::BareMetalServer'], protectable: 'server' },
  disk: { types: ['OS::Cinder::Volume'], protectable: 'disk' },
};
export const OP_LOG_TYPES = ['backup', 'copy', 'replication', 'delete', 'restore', 'vault_delete', 'remove_resource', 'sync'];
export const BACKUP_SORT_KEYS = ['created_at', 'updated_at', 'name', 'status', 'protected_at', 'id'] as const;
export type BackupSortKey = (typeof BACKUP_SORT_KEYS)[number];

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const NAME_RE = /^[\p{L}\p{N}_-]{1,64}$/u;

export function regionOf(state: EmulatorState, ctx: RequestContext): RegionState {
  const rs = ctx.region === undefined ? undefined : state.region(ctx.region);
  if (!rs) {
    throw cbrError(404, 'BackupService.9900', `Unknown region ${ctx.region ?? ''}`);
  }
  return rs;
}

export function projectOf(ctx: RequestContext): string {
  return ctx.params.project ?? '';
}

export function requireUuid(value: unknown, field: string): string {
  if (typeof value !== 'string' || !UUID_RE.test(value)) {
    throw badRequest('cbr', `Invalid parameter ${field}: must be a UUID`);
  }
  return value;
}

export function cmp(a: string | number, b: string | number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function timeParam(ctx: RequestContext, name: string): number | undefined {
  const raw = ctx.query.get(name);
  if (raw === null || raw === '') {
    return undefined;
  }
  const ms = parseCloudTime(raw);
  if (Number.isNaN(ms)) {
    throw badRequest('cbr', `Invalid parameter ${name}: ${raw}`);
  }
  return ms;
}

export function page<T>(items: T[], offset: number, limit: number): T[] {
  return items.slice(offset, offset + limit);
}

export function getVault(rs: RegionState, projectId: string, id: string | undefined): Vault {
  const vaultId = requireUuid(id, 'vault_id');
  const vault = rs.vaultById.get(vaultId);
  if (!vault || vault.project_id !== projectId) {
    throw cbrError(404, 'BackupService.6105', `Vault ${vaultId} does not exist.`);
  }
  return vault;
}

export interface ResourceInput {
  id: string;
  type: string;
  name?: string;
  extra_info?: JsonObject;
}

export function parseResourceInputs(value: unknown, field: string): ResourceInput[] {
  if (!Array.isArray(value)) {
    throw badRequest('cbr', `Invalid parameter ${field}: must be an array`);
  }
  if (value.length > 256) {
    throw badRequest('cbr', `Invalid parameter ${field}: at most 256 resources`);
  }
  return value.map((r, i) => {
    if (!isRecord(r) || typeof r.id !== 'string' || typeof r.type !== 'string') {
      throw badRequest('cbr', `Invalid parameter ${field}[${i}]: id and type are required`);
    }
    if (!RESOURCE_TYPES.includes(r.type)) {
      throw badRequest('cbr', `Invalid parameter ${field}[${i}].type: ${r.type}`);
    }
    if (r.name !== undefined && (typeof r.name !== 'string' || r.name.length > 255)) {
      throw badRequest('cbr', `Invalid parameter ${field}[${i}].name`);
    }
    if (r.extra_info !== undefined && !isRecord(r.extra_info)) {
      throw badRequest('cbr', `Invalid parameter ${field}[${i}].extra_info: must be an object`);
    }
    return { id: r.id, type: r.type, name: r.name, extra_info: r.extra_info as JsonObject | undefined };
  });
}


export function userIdOf(state: EmulatorState, ctx: RequestContext): string {
  const p = ctx.principal;
  if (p?.kind === 'token' && p.userId !== undefined) {
    return p.userId;
  }
  return state.seed.domains.find((d) => d.id === p?.domainId)?.users[0]?.id ?? state.seed.domains[0]?.users[0]?.id ?? '';
}

export function opLogBase(vault: Vault, type: string, checkpointId: string, now: number): Omit<OperationLog, 'extra_info'> {
  const at = cbrTime(now);
  return {
    id: randomUUID(),
    operation_type: type,
    status: 'running',
    checkpoint_id: checkpointId,
    created_at: at,
    updated_at: at,
    started_at: at,
    ended_at: null,
    error_info: { code: '', message: '' },
    policy_id: '',
    project_id: vault.project_id,
    provider_id: vault.provider_id,
    vault_id: vault.id,
    vault_name: vault.name,
  };
}
