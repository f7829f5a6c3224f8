/**
 * Searching the account, not only the rows the tree has loaded: vaults and their resources by name
 * or id (every vault page, bounded), restore points by backup name or id, and GaussDB(for MySQL)
 * instances by name (the API's `*` fuzzy form) or id, in every configured region at once.
 * vscode-free: the command shows what this returns.
 */
import { CloudApiError, collectPages, type CloudSession } from '../api';

export type SearchHit =
  | { kind: 'vault'; region: string; vaultId: string; name: string; detail: string }
  | { kind: 'resource'; region: string; vaultId: string; vaultName: string; resourceId: string; name: string; detail: string }
  | { kind: 'checkpoint'; region: string; vaultId: string; checkpointId: string; name: string; detail: string }
  | { kind: 'instance'; region: string; instanceId: string; name: string; detail: string };

export interface RegionSearch {
  region: string;
  hits: SearchHit[];
  /** Why this region could not be searched (the others still answer). */
  failure?: unknown;
  /** More vaults exist than were read: a match beyond them was not looked for. */
  truncated?: boolean;
}

/** Enough to find anything in a normal account; the search says when a region has more. */
const MAX_VAULTS = 2_000;
const MAX_HITS_PER_KIND = 50;

const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

export function normalizeQuery(query: string): string {
  return query.trim();
}

/** One region: every read in parallel; a part the cloud refuses fails the region, told by the caller. */
export async function searchRegion(session: CloudSession, query: string, signal?: AbortSignal): Promise<RegionSearch> {
  const region = session.region;
  const text = normalizeQuery(query);
  const needle = text.toLowerCase();
  const looksLikeId = UUID.test(needle) || /^[0-9a-f]{32}(in07|br01)?$/i.test(needle);
  try {
    const [vaults, backups, byCheckpoint, instances] = await Promise.all([
      collectPages(async (offset, limit) => {
        const page = await session.cbr.listVaults({ offset, limit }, { signal });
        return { items: page.vaults, total: page.count };
      }, { pageSize: 100, maxItems: MAX_VAULTS }),
      session.cbr.listBackups({ name: text, sort: 'created_at:desc', limit: 100 }, { signal }),
      looksLikeId ? session.cbr.listBackups({ checkpointId: text, limit: 100 }, { signal }).catch(ignoreNotFound) : Promise.resolve(undefined),
      session.gaussdb.listInstances(looksLikeId ? { id: text, limit: 100 } : { name: `*${text}`, limit: 100 }, { signal }),
    ]);
    const hits: SearchHit[] = [];
    const vaultName = new Map(vaults.items.map((v) => [v.id, v.name]));
    for (const vault of vaults.items) {
      if (matches(needle, vault.name, vault.id)) {
        hits.push({ kind: 'vault', region, vaultId: vault.id, name: vault.name, detail: vault.id });
      }
    }
    for (const vault of vaults.items) {
      for (const resource of vault.resources) {
        if (matches(needle, resource.name, resource.id)) {
          hits.push({ kind: 'resource', region, vaultId: vault.id, vaultName: vault.name, resourceId: resource.id, name: resource.name, detail: resource.id });
        }
      }
    }
    const points = new Map<string, SearchHit>();
    for (const backup of [...(byCheckpoint?.backups ?? []), ...backups.backups]) {
      if (!backup.checkpointId || !backup.vaultId || points.has(backup.checkpointId)) {
        continue;
      }
      if (matches(needle, backup.name, backup.checkpointId) || matches(needle, undefined, backup.id)) {
        points.set(backup.checkpointId, { kind: 'checkpoint', region, vaultId: backup.vaultId, checkpointId: backup.checkpointId, name: backup.name, detail: `${vaultName.get(backup.vaultId) ?? backup.vaultId} · ${backup.checkpointId}` });
      }
    }
    hits.push(...[...points.values()].slice(0, MAX_HITS_PER_KIND));
    for (const instance of instances.instances) {
      if (matches(needle, instance.name, instance.id)) {
        hits.push({ kind: 'instance', region, instanceId: instance.id, name: instance.name, detail: instance.id });
      }
    }
    return { region, hits: capPerKind(hits), truncated: !vaults.complete };
  } catch (failure) {
    return { region, hits: [], failure };
  }
}

function matches(needle: string, name: string | undefined, id: string): boolean {
  return (name?.toLowerCase().includes(needle) ?? false) || id.toLowerCase() === needle;
}

function capPerKind(hits: SearchHit[]): SearchHit[] {
  const seen = new Map<string, number>();
  return hits.filter((hit) => {
    const n = (seen.get(hit.kind) ?? 0) + 1;
    seen.set(hit.kind, n);
    return n <= MAX_HITS_PER_KIND;
  });
}

/** A restore point id that is not one: no hit, not a failure. */
function ignoreNotFound(err: unknown): undefined {
  if (err instanceof CloudApiError && (err.kind === 'notFound' || err.kind === 'validation')) {
    return undefined;
  }
  throw err;
}
