/** Backups: list (filters, sort, marker paging) and show. */
import { badRequest, cbrError, intParam, type Reply, type RequestContext } from '../http';
import type { BackupRec, EmulatorState } from '../state';
import { BACKUP_SORT_KEYS, type BackupSortKey, cmp, projectOf, regionOf, requireUuid, timeParam } from './common';
import { purgeDeleted } from './deletion';
import { backupStatus, renderBackup } from './render';

interface BackupView {
  rec: BackupRec;
  status: string;
  updated_at: string;
  protected_at: string;
}

function parseSort(raw: string | null): { key: BackupSortKey; desc: boolean }[] {
  if (raw === null || raw === '') {
    return [{ key: 'created_at', desc: true }];
  }
  if (raw.length > 255) {
    throw badRequest('cbr', 'Invalid parameter sort: at most 255 characters');
  }
  return raw.split(',').map((part) => {
    const [key, dir, extra] = part.trim().split(':');
    if (extra !== undefined || !BACKUP_SORT_KEYS.includes(key as BackupSortKey) || (dir !== undefined && dir !== 'asc' && dir !== 'desc')) {
      throw badRequest('cbr', `Invalid parameter sort: ${part}`);
    }
    // The documented default direction is desc.
    return { key: key as BackupSortKey, desc: dir !== 'asc' };
  });
}

function sortValue(v: BackupView, key: BackupSortKey): string {
  switch (key) {
    case 'status':
      return v.status;
    case 'updated_at':
      return v.updated_at;
    case 'protected_at':
      return v.protected_at;
    default:
      return v.rec.wire[key];
  }
}

export function listBackups(state: EmulatorState, ctx: RequestContext): Reply {
  const rs = regionOf(state, ctx);
  purgeDeleted(rs, state.now());
  const q = ctx.query;
  const limit = intParam('cbr', q, 'limit', 1000, 1, 1000);
  const offset = intParam('cbr', q, 'offset', 0, 0, Number.MAX_SAFE_INTEGER);
  const sort = parseSort(q.get('sort'));
  const projectId = projectOf(ctx);
  const checkpointId = q.get('checkpoint_id');
  const resourceId = q.get('resource_id');
  const vaultId = q.get('vault_id');
  const statuses = q.getAll('status').flatMap((s) => s.split(',')).filter((s) => s !== '');
  const imageType = q.get('image_type');
  if (imageType !== null && !state.rules.imageTypes.includes(imageType)) {
    throw badRequest('cbr', `Invalid parameter image_type: ${imageType}`);
  }
  const name = q.get('name');
  const resourceName = q.get('resource_name');
  const resourceType = q.get('resource_type');
  const resourceAz = q.get('resource_az');
  const parentId = q.get('parent_id');
  const ownType = q.get('own_type');
  const start = timeParam(ctx, 'start_time');
  const end = timeParam(ctx, 'end_time');
  const showReplication = q.get('show_replication');
  if (showReplication !== null && showReplication !== 'true' && showReplication !== 'false') {
    throw badRequest('cbr', `Invalid parameter show_replication: ${showReplication}`);
  }
  // HW lists replication records only when asked (show_replication); OTC never sends them (profile.ts).
  const view = { rules: state.rules, replicationRecords: showReplication === 'true' };
  const typeOf = (b: { image_type: string }): string => (state.rules.imageTypes.includes(b.image_type) ? b.image_type : 'backup');

  // Start from the narrowest index so large seeds stay cheap to list.
  const candidates =
    checkpointId !== null
      ? (rs.backupsByCheckpoint.get(checkpointId) ?? [])
      : resourceId !== null
        ? (rs.backupsByResource.get(resourceId) ?? [])
        : vaultId !== null
          ? (rs.backupsByVault.get(vaultId) ?? [])
          : rs.backups;
  const now = state.now();
  const views: BackupView[] = [];
  for (const rec of candidates) {
    const b = rec.wire;
    if (
      b.project_id !== projectId ||
      (checkpointId !== null && b.checkpoint_id !== checkpointId) ||
      (resourceId !== null && b.resource_id !== resourceId) ||
      (vaultId !== null && b.vault_id !== vaultId) ||
      (imageType !== null && typeOf(b) !== imageType) ||
      (name !== null && !b.name.includes(name)) ||
      (resourceName !== null && !b.resource_name.includes(resourceName)) ||
      (resourceType !== null && b.resource_type !== resourceType) ||
      (resourceAz !== null && b.resource_az !== resourceAz) ||
      (parentId !== null && b.parent_id !== parentId) ||
      (ownType !== null && ownType !== 'private' && ownType !== 'all_granted') ||
      (start !== undefined && rec.createdMs < start) ||
      (end !== undefined && rec.createdMs > end)
    ) {
      continue;
    }
    const s = backupStatus(rec, now);
    if (statuses.length > 0 && !statuses.includes(s.status)) {
      continue;
    }
    views.push({ rec, ...s });
  }
  views.sort((a, b) => {
    for (const { key, desc } of sort) {
      const c = cmp(sortValue(a, key), sortValue(b, key));
      if (c !== 0) {
        return desc ? -c : c;
      }
    }
    return cmp(a.rec.wire.id, b.rec.wire.id);
  });
  let from = offset;
  const marker = q.get('marker');
  if (marker !== null && marker !== '') {
    const at = views.findIndex((v) => v.rec.wire.id === marker);
    if (at < 0) {
      throw badRequest('cbr', `Invalid parameter marker: ${marker}`);
    }
    from = at + 1 + offset;
  }
  return {
    status: 200,
    body: { backups: views.slice(from, from + limit).map((v) => renderBackup(v.rec, now, view)), count: views.length, offset, limit },
  };
}

export function showBackup(state: EmulatorState, ctx: RequestContext): Reply {
  const rs = regionOf(state, ctx);
  purgeDeleted(rs, state.now());
  const id = requireUuid(ctx.params.backup, 'backup_id');
  const rec = rs.backupById.get(id);
  if (!rec || rec.wire.project_id !== projectOf(ctx)) {
    throw cbrError(404, 'BackupService.6200', `Backup ${id} does not exist.`);
  }
  return { status: 200, body: { backup: renderBackup(rec, state.now(), { rules: state.rules, replicationRecords: true }) } };
}
