/** Replications: the source vault's replication logs since the earliest tracked one, one request per vault. */
import type { OperationLog } from '../../../api';
import { CLOCK_SKEW_MS, ProbeContext, ReplicationWork, ReportFinished, TrackerSession } from './context';
import { failureText, isTerminal } from './operationLogs';

export async function probeReplications(ctx: ProbeContext, session: TrackerSession, vaultId: string, works: ReplicationWork[], signal: AbortSignal, report: ReportFinished): Promise<void> {
  const since = new Date(Math.min(...works.map((w) => w.startedAt)) - CLOCK_SKEW_MS);
  const logs = (await session.cbr.listReplicationLogs({ vaultId, startTime: since, limit: 1000 }, { signal })).filter((l) => l.operationType === undefined || l.operationType === 'replication');
  const withSource = logs.filter((l) => l.replication?.sourceBackupId);
  // Open Telekom Cloud's operation logs carry no extra_info.replication (OTC-CBR
  // tasks/querying_the_task_list.rst, OpExtraInfo): there a replication's logs are the ones of
  // this vault that appeared after it started, one per backup, handed out oldest first.
  const anonymous = logs.filter((l) => !l.replication?.sourceBackupId && (l.vaultId === undefined || l.vaultId === vaultId)).sort((a, b) => (a.createdAt?.getTime() ?? 0) - (b.createdAt?.getTime() ?? 0));
  const claimed = new Set<OperationLog>();
  for (const work of [...works].sort((a, b) => a.startedAt - b.startedAt)) {
    const notBefore = work.startedAt - CLOCK_SKEW_MS;
    const bySource = work.backupIds.map((backupId) =>
      // Newest first (the list's order); the first match is this replication's log.
      withSource.find(
        (l) =>
          l.replication?.sourceBackupId === backupId &&
          (l.replication.destinationRegion === undefined || l.replication.destinationRegion === work.destinationRegion) &&
          (l.createdAt === undefined || l.createdAt.getTime() >= notBefore),
      ),
    );
    const perBackup = withSource.length > 0 || anonymous.length === 0 ? bySource : byTime(anonymous, claimed, work.backupIds.length, notBefore);
    if (perBackup.some((l) => !l || !isTerminal(l.status))) {
      continue;
    }
    const failed = perBackup.filter((l): l is OperationLog => Boolean(l) && (l?.status === 'failed' || l?.status === 'timeout'));
    if (failed.length === 0) {
      report({ work, outcome: 'success' });
    } else {
      const messages = [...new Set(failed.map((l) => failureText(l)).filter((m): m is string => Boolean(m)))];
      report({ work, outcome: 'error', reason: messages.length > 0 ? messages.join('; ') : ctx.l10n.t('{0} of {1} backups failed.', failed.length, perBackup.length) });
    }
  }
}

/** The `count` oldest unclaimed logs created since `notBefore` (missing entries while they have not all appeared). */
function byTime(logs: readonly OperationLog[], claimed: Set<OperationLog>, count: number, notBefore: number): (OperationLog | undefined)[] {
  const mine = logs.filter((l) => !claimed.has(l) && (l.createdAt === undefined || l.createdAt.getTime() >= notBefore)).slice(0, count);
  for (const l of mine) {
    claimed.add(l);
  }
  return Array.from({ length: count }, (_, i) => mine[i]);
}
