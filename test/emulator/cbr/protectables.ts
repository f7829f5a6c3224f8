/** Protectable instances: the servers and disks a vault could protect (the association picker). */
import { badRequest, intParam, type Reply, type RequestContext } from '../http';
import type { EmulatorState } from '../state';
import { page, regionOf } from './common';
import { renderProtectable } from './render';

export function listProtectables(state: EmulatorState, ctx: RequestContext): Reply {
  const rs = regionOf(state, ctx);
  const type = ctx.params.ptype ?? '';
  if (!['server', 'disk', 'turbo'].includes(type)) {
    throw badRequest('cbr', `Invalid parameter protectable_type: ${type}`);
  }
  const q = ctx.query;
  const limit = intParam('cbr', q, 'limit', 1000, 1, 1000);
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
  return {
    status: 200,
    body: { instances: page(matches, offset, limit).map((p) => renderProtectable(state, rs, p)), count: matches.length },
  };
}
