/** Operation logs (tasks): list with filters, and show one. */
import { badRequest, cbrError, intParam, isRecord, type Reply, type RequestContext } from '../http';
import type { EmulatorState } from '../state';
import type { OperationLog } from '../types';
import { cmp, OP_LOG_TYPES, page, projectOf, regionOf, requireUuid, timeParam } from './common';
import { renderOpLog } from './render';

export function listOperationLogs(state: EmulatorState, ctx: RequestContext): Reply {
  const rs = regionOf(state, ctx);
  const q = ctx.query;
  const limit = intParam('cbr', q, 'limit', 1000, 1, 1000);
  const offset = intParam('cbr', q, 'offset', 0, 0, Number.MAX_SAFE_INTEGER);
  const type = q.get('operation_type');
  // OTC documents no `replication` query value (profile.ts): refused there.
  if (type !== null && (!OP_LOG_TYPES.includes(type) || (type === 'replication' && !state.rules.opLogReplicationFilter))) {
    throw badRequest('cbr', `Invalid parameter operation_type: ${type}`);
  }
  const statuses = q.getAll('status').flatMap((s) => s.split(',')).filter((s) => s !== '');
  const vaultId = q.get('vault_id');
  const vaultName = q.get('vault_name');
  const resourceId = q.get('resource_id');
  const resourceName = q.get('resource_name');
  const providerId = q.get('provider_id');
  const start = timeParam(ctx, 'start_time');
  const end = timeParam(ctx, 'end_time');
  const projectId = projectOf(ctx);
  const now = state.now();
  const matches: OperationLog[] = [];
  for (const rec of rs.opLogs) {
    const w = rec.wire;
    const resource = isRecord(w.extra_info.resource) ? w.extra_info.resource : {};
    if (
      w.project_id !== projectId ||
      (type !== null && w.operation_type !== type) ||
      (vaultId !== null && w.vault_id !== vaultId) ||
      (vaultName !== null && w.vault_name !== vaultName) ||
      (resourceId !== null && resource.id !== resourceId) ||
      (resourceName !== null && resource.name !== resourceName) ||
      (providerId !== null && w.provider_id !== providerId) ||
      (start !== undefined && rec.createdMs < start) ||
      (end !== undefined && rec.createdMs > end)
    ) {
      continue;
    }
    const rendered = renderOpLog(rec, now, state.rules);
    if (statuses.length === 0 || statuses.includes(rendered.status)) {
      matches.push(rendered);
    }
  }
  matches.sort((a, b) => cmp(b.created_at, a.created_at) || cmp(a.id, b.id));
  return { status: 200, body: { operation_logs: page(matches, offset, limit), count: matches.length, limit, offset } };
}

export function showOperationLog(state: EmulatorState, ctx: RequestContext): Reply {
  const rs = regionOf(state, ctx);
  const id = requireUuid(ctx.params.log, 'operation_log_id');
  const rec = rs.opLogById.get(id);
  if (!rec || rec.wire.project_id !== projectOf(ctx)) {
    throw cbrError(404, 'BackupService.6500', `Operation log ${id} does not exist.`);
  }
  return { status: 200, body: { operation_log: renderOpLog(rec, state.now(), state.rules) } };
}
