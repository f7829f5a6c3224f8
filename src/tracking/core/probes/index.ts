/**
 * What one poll asks the cloud, per group of tracked work: one list request per vault (restore
 * points, replications) or instance (database backups), and for each item that looks finished
 * one follow-up to learn its outcome and, for failures, the cloud's reason. No `vscode`.
 *
 * A probe reports each finished item as soon as it knows, so that an error later in the same
 * group (a 429, say) does not throw away what was already learned.
 */
import { TrackedWork } from '../types';
import { probeCheckpoints } from './checkpoints';
import { CheckpointWork, DeleteWork, GaussRestoreWork, GaussWork, ProbeContext, ReplicationWork, ReportFinished, RestoreWork, TrackerSession } from './context';
import { probeDeletions } from './deletions';
import { probeGaussBackups } from './gaussBackups';
import { probeGaussRestores } from './gaussRestores';
import { probeReplications } from './replications';
import { probeRestores } from './restores';

export type { ProbeContext, ReportFinished, TrackerSession } from './context';

export type Group =
  | { kind: 'checkpoint'; region: string; vaultId: string; works: CheckpointWork[] }
  | { kind: 'gaussBackup'; region: string; instanceId: string; works: GaussWork[] }
  | { kind: 'replication'; region: string; vaultId: string; works: ReplicationWork[] }
  | { kind: 'restore'; region: string; vaultId: string; works: RestoreWork[] }
  /** Deletions of one kind under one vault or instance. */
  | { kind: 'delete'; region: string; works: DeleteWork[] }

  | { kind: 'gaussRestore'; region: string; instanceId: string; works: GaussRestoreWork[] };

/** Groups the work by what one list request covers: a vault (per kind) or an instance. */
export function groupWorks(items: readonly TrackedWork[]): Group[] {
  const groups = new Map<string, Group>();
  for (const w of items) {
    const key = w.kind === 'gaussBackup' || w.kind === 'gaussRestore' ? `${w.kind}|${w.region}|${w.instanceId}` : w.kind === 'delete' ? `${w.kind}|${w.region}|${w.what}|${w.parentId}` : `${w.kind}|${w.region}|${w.vaultId}`;
    let group = groups.get(key);
    if (!group) {
      group =
        w.kind === 'delete'
          ? { kind: w.kind, region: w.region, works: [] }
          : w.kind === 'checkpoint'
          ? { kind: w.kind, region: w.region, vaultId: w.vaultId, works: [] }
          : w.kind === 'gaussBackup'
            ? { kind: w.kind, region: w.region, instanceId: w.instanceId, works: [] }
            : w.kind === 'restore'
              ? { kind: w.kind, region: w.region, vaultId: w.vaultId, works: [] }
              : w.kind === 'gaussRestore'
                ? { kind: w.kind, region: w.region, instanceId: w.instanceId, works: [] }
                : { kind: w.kind, region: w.region, vaultId: w.vaultId, works: [] };
      groups.set(key, group);
    }
    // The key includes the kind, so the group holds works of w's kind.
    (group.works as TrackedWork[]).push(w);
  }
  return [...groups.values()];
}

export function groupName(g: Group): string {
  if (g.kind === 'delete') {
    return `${g.works[0]?.what ?? ''} deletions under ${g.works[0]?.parentId ?? ''} in ${g.region}`;
  }
  return g.kind === 'gaussBackup' || g.kind === 'gaussRestore' ? `instance ${g.instanceId} in ${g.region}` : `vault ${g.vaultId} in ${g.region} (${g.kind})`;
}

/** Polls one group, reporting what finished. Cloud errors are thrown as they come. */
export function probeGroup(ctx: ProbeContext, session: TrackerSession, group: Group, signal: AbortSignal, report: ReportFinished): Promise<void> {
  switch (group.kind) {
    case 'checkpoint':
      return probeCheckpoints(ctx, session, group.vaultId, group.works, signal, report);
    case 'gaussBackup':
      return probeGaussBackups(ctx, session, group.instanceId, group.works, signal, report);
    case 'replication':
      return probeReplications(ctx, session, group.vaultId, group.works, signal, report);
    case 'restore':
      return probeRestores(ctx, session, group.vaultId, group.works, signal, report);
    case 'delete':
      return probeDeletions(ctx, session, group.works, signal, report);
    case 'gaussRestore':
      return probeGaussRestores(ctx, session, group.instanceId, group.works, signal, report);
  }
}
