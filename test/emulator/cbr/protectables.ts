/** Protectable instances: the servers and disks a vault could protect (the association picker). */
import { badRequest, intParam, type Reply, type RequestContext } from '../http';
import type { EmulatorState } from '../state';
import { page, regionOf } from './common';
import { renderProtectable } from './render';

/**
 * At most 50 a page: HW-Go model_list_protectable_request.go ("每页最多支持50条", at most 50 per
 * page). The default when `limit` is omitted is not documented; the emulator assumes 50. OTC-CBR
 * has no page for this call at all; the emulator answers it the same way on both clouds.
 */
export const PROTECTABLES_PAGE_MAX = 50;

export function listProtectables(state: EmulatorState, ctx: RequestContext): Reply {
  const rs = regionOf(state, ctx);
  const type = ctx.params.ptype ?? '';
  if (!['server', 'disk', 'turbo'].includes(type)) {
    throw badRequest('cbr', `Invalid parameter protectable_type: ${type}`);
  }
  const q = ctx.query;
  const limit = intParam('cbr', q, 'limit', PROTECTABLES_PAGE_MAX, 1, PROTECTABLES_PAGE_MAX);
  const offset = intParam('cbr', q, 'offset', 0, 0, Number.MAX_SAFE_INTEGER);
  const name = q.get('name');
  const status = q.get('status');
  const id = q.get('id');
  let list = rs.protectables.get(type) ?? [];
  const marker = q.get('marker');
  if (marker !== null && marker !== '') {
    const at = list.findIndex((p) => p.id === marker);
    if (at < 0) {
      throw badRequest('cbr', `Invalid parameter marker: ${marker}`);
    }
    list = list.slice(at + 1);
  }
  const matches = list.filter(
    (p) => (name === null || p.name.includes(name)) && (status === null || p.status === status) && (id === null || p.id === id),
  );
  // The answer is only {instances}: no count (HW-Go model_list_protectable_response.go).
  return { status: 200, body: { instances: page(matches, offset, limit).map((p) => renderProtectable(state, rs, p)) } };
}
