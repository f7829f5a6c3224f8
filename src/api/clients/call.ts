/** What every client call does: validated input, the project id in the path, parsed output. */
import * as z from 'zod/mini';
import { ValidationError } from '../errors';
import type { RulesCloud, VaultTag } from '../validation';
import { Authenticator, CallSpec, HttpClient, QueryValue } from '../http';
import {
  BackupStatus,
} from '../schemas';


export interface CallOptions {
  signal?: AbortSignal;
}

/** What every client needs: the transport, credentials, its base URL and the project id. */
export interface ClientContext {
  http: HttpClient;
  auth: Authenticator;
  baseUrl: string;
  projectId(signal?: AbortSignal): Promise<string>;
}

export function check(field: string, message: string | undefined): void {
  if (message) {
    throw new ValidationError(field, message);
  }
}

export async function call<S extends z.core.$ZodType>(
  ctx: ClientContext,
  operation: string,
  method: CallSpec<S>['method'],
  path: string,
  schema: S,
  options: CallOptions | undefined,
  extra: { query?: Record<string, QueryValue>; body?: unknown } = {},
): Promise<z.output<S>> {
  const projectId = await ctx.projectId(options?.signal);
  const result = await ctx.http.call({
    operation,
    method,
    baseUrl: ctx.baseUrl,
    path: `/v3/${projectId}${path}`,
    schema,
    auth: ctx.auth,
    signal: options?.signal,
    query: extra.query,
    body: extra.body,
  });
  return result.data;
}

/** Allowed clock skew between this machine and the cloud when matching "created after". */
export const CLOCK_SKEW_MS = 5 * 60_000;

export interface ListVaultsQuery {
  limit?: number;
  offset?: number;
  name?: string;
  objectType?: string;
  protectType?: 'backup' | 'replication' | 'hybrid';
}

export interface ListBackupsQuery {
  vaultId?: string;
  resourceId?: string;
  checkpointId?: string;
  status?: readonly BackupStatus[];
  /** `replication` is Huawei Cloud only: OTC documents `backup` as the only image type (querying_all_backups.rst). */
  imageType?: 'backup' | 'replication';
  /**
   * Huawei Cloud only: the list carries `replication_records` only when asked
   * (HW-Go model_list_backups_request.go `show_replication`); OTC documents no such parameter.
   */
  showReplication?: boolean;
  name?: string;
  /** `key[:asc|desc],…`, e.g. `created_at:desc`. */
  sort?: string;
  limit?: number;
  offset?: number;
}

export interface CreateVaultRequest {
  /** Whose input rules apply (names, description); without it, the strictest. */
  cloud?: RulesCloud;
  name: string;
  description?: string;
  objectType: 'server' | 'disk' | 'turbo';
  protectType?: 'backup' | 'replication';
  consistentLevel?: 'crash_consistent' | 'app_consistent';
  sizeGb: number;
  resources?: { id: string; type: string; name?: string }[];
  /** Sent only when there are some (the API refuses an empty list). */
  tags?: VaultTag[];
  /** Associate new resources automatically, those with all of `bindTags` when given. */
  autoBind?: boolean;
  bindTags?: VaultTag[];
}

export interface CreateCheckpointRequest {
  /** Whose input rules apply (names); without it, the strictest. */
  cloud?: RulesCloud;
  vaultId: string;
  name?: string;
  description?: string;
  incremental?: boolean;
  /** Omit to back up every resource of the vault. */
  resourceIds?: string[];
}

export interface ReplicateRequest {
  vaultId: string;
  destinationRegion: string;
  destinationProjectId: string;
  destinationVaultId: string;
  /** Huawei Cloud only: OTC's replicate body has no `enable_acceleration`; omitted, it is not sent. */
  enableAcceleration?: boolean;
}

export interface ListOperationLogsQuery {
  operationType?: string;
  vaultId?: string;
  status?: string;
  startTime?: Date;
  limit?: number;
  offset?: number;
}

/** `2020-02-05T10:38:34Z` form that the list filters take. */
export function queryTime(d: Date | undefined): string | undefined {
  return d ? `${d.toISOString().slice(0, 19)}Z` : undefined;
}

/** GaussDB's "yyyy-mm-ddThh:mm:ssZ", where Z is an offset such as +0800. */
export function gaussTime(d: Date | undefined): string | undefined {
  return d ? `${d.toISOString().slice(0, 19)}+0000` : undefined;
}
