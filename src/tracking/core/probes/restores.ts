/**
 * Restores: the vault's restore operation logs (`operation_type=restore`) since the earliest
 * tracked one, one list request per vault per poll; matched by `extra_info.restore.backup_id`
 * (huaweicloud-sdk-go-v3 model_op_extend_info_restore.go).
 */
import { restoreInfoOf } from '../../../api';
import { CLOCK_SKEW_MS, ProbeContext, ReportFinished, RestoreWork, TrackerSession } from './context';
import { failureText, isTerminal } from './operationLogs';

export async function probeRestores(ctx: ProbeContext, session: TrackerSession, vaultId: string, works: RestoreWork[], signal: AbortSignal, report: ReportFinished): Promise<void> {
  const since = new Date(Math.min(...works.map((w) => w.startedAt)) - CLOCK_SKEW_MS);
  const logs = await session.cbr.listRestoreLogs({ vaultId, startTime: since, limit: 1000 }, { signal });
  for (const work of works) {
    const notBefore = work.startedAt - CLOCK_SKEW_MS;
    // Newest first (the list's order): the first match is this restore's log.
    const log = logs.find((l) => restoreInfoOf(l)?.backupId === work.backupId && (l.createdAt === undefined || l.createdAt.getTime() >= notBefore));
    if (!log || !isTerminal(log.status)) {
      continue;
    }
    if (log.status === 'success') {
      report({ work, outcome: 'success' });
    } else {
      report({ work, outcome: 'error', reason: failureText(log) ?? ctx.l10n.t('The cloud reported the restore as {0}.', log.status) });
    }
  }
}
