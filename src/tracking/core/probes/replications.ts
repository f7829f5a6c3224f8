/** Replications: the source vault's replication logs since the earliest tracked one, one request per vault. */
import type { OperationLog } from '../../../api';
import { CLOCK_SKEW_MS, ProbeContext, ReplicationWork, ReportFinished, TrackerSession } from './context';
import { failureText, isTerminal } from './operationLogs';

export async function probeReplications(ctx: ProbeContext, session: TrackerSession, vaultId: string, works: ReplicationWork[], signal: AbortSignal, report: ReportFinished): Promise<void> {
  const since = new Date(Math.min(...works.map((w) => w.startedAt)) - CLOCK_SKEW_MS);
  const logs = await session.cbr.listReplicationLogs({ vaultId, startTime: since, limit: 1000 }, { signal });
  const replicationLogs = logs.filter((l) => l.replication?.sourceBackupId && (l.operationType === undefined || l.operationType === 'replication'));
  for (const work of works) {
    const notBefore = work.startedAt - CLOCK_SKEW_MS;
    const perBackup = work.backupIds.map((backupId) =>
      // Newest first (the list's order); the first match is this replication's log.
      replicationLogs.find(
        (l) =>
          l.replication?.sourceBackupId === backupId &&
          (l.replication.destinationRegion === undefined || l.replication.destinationRegion === work.destinationRegion) &&
          (l.createdAt === undefined || l.createdAt.getTime() >= notBefore),
      ),
    );
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
