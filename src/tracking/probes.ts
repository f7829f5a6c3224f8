/**
 * What one poll asks the cloud, per group of tracked work: one list request per vault (restore
 * points, replications) or instance (database backups), and for each item that looks finished
 * one follow-up to learn its outcome and, for failures, the cloud's reason. No `vscode`.
 */
import type { BackupStatus, CbrClient, GaussDbClient, OperationLog } from '../api';
import { Localizer, TrackedWork, TrackerLogger, WorkFinished } from './types';

const IN_PROGRESS: readonly BackupStatus[] = ['protecting', 'waiting_protect'];
/** Allowed clock skew between this machine and the cloud when matching "started after". */
const CLOCK_SKEW_MS = 5 * 60_000;

/** What the tracker needs of a CloudSession. */
export interface TrackerSession {
  cbr: Pick<CbrClient, 'listBackups' | 'showCheckpoint' | 'listOperationLogs' | 'listReplicationLogs'>;
  gaussdb: Pick<GaussDbClient, 'listBackups' | 'showJob'>;
}

export interface ProbeContext {
  l10n: Localizer;
  logger?: TrackerLogger;
  /** Regions whose CBR refused `operation_type=replication` (OTC lists fewer types); filled here. */
}

type Outcome = Omit<WorkFinished, 'work'>;

// ------------------------------------------------------------------ errors

/** The API layer's error kind, read structurally (the class may come from another bundle). */
export function errorKind(err: unknown): string | undefined {
  if (err && typeof err === 'object' && 'kind' in err && typeof err.kind === 'string') {
    return err.kind;
  }
  return undefined;
}

/** One log line for an error: message, code and request id, no secrets (the logger redacts too). */
export function describe(err: unknown): string {
  if (!(err instanceof Error)) {
    return String(err);
  }
  const e = err as Error & { errorCode?: string; httpStatus?: number; requestId?: string };
  const ids = [e.errorCode, e.httpStatus ? `HTTP ${e.httpStatus}` : undefined, e.requestId ? `request id ${e.requestId}` : undefined].filter(Boolean);
  return ids.length > 0 ? `${e.message} (${ids.join(', ')})` : e.message;
}

// ------------------------------------------------------------------ grouping

type CheckpointWork = Extract<TrackedWork, { kind: 'checkpoint' }>;
type GaussWork = Extract<TrackedWork, { kind: 'gaussBackup' }>;
type ReplicationWork = Extract<TrackedWork, { kind: 'replication' }>;

export type Group =
  | { kind: 'checkpoint'; region: string; vaultId: string; works: CheckpointWork[] }
  | { kind: 'gaussBackup'; region: string; instanceId: string; works: GaussWork[] }
  | { kind: 'replication'; region: string; vaultId: string; works: ReplicationWork[] };

/** Groups the work by what one list request covers: a vault (per kind) or an instance. */
export function groupWorks(items: readonly TrackedWork[]): Group[] {
  const groups = new Map<string, Group>();
  for (const w of items) {
    const key = w.kind === 'gaussBackup' ? `${w.kind}|${w.region}|${w.instanceId}` : `${w.kind}|${w.region}|${w.vaultId}`;
    let group = groups.get(key);
    if (!group) {
      group =
        w.kind === 'checkpoint'
          ? { kind: w.kind, region: w.region, vaultId: w.vaultId, works: [] }
          : w.kind === 'gaussBackup'
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
  return g.kind === 'gaussBackup' ? `instance ${g.instanceId} in ${g.region}` : `vault ${g.vaultId} in ${g.region} (${g.kind})`;
}

/** Polls one group; resolves to the works that finished. Cloud errors are thrown as they come. */
export function probeGroup(ctx: ProbeContext, session: TrackerSession, group: Group, signal: AbortSignal): Promise<WorkFinished[]> {
  switch (group.kind) {
    case 'checkpoint':
      return probeCheckpoints(ctx, session, group.vaultId, group.works, signal);
    case 'gaussBackup':
      return probeGaussBackups(ctx, session, group.instanceId, group.works, signal);
    case 'replication':
      return probeReplications(ctx, session, group.vaultId, group.works, signal);
  }
}

// ------------------------------------------------------------------ restore points

export async function probeCheckpoints(ctx: ProbeContext, session: TrackerSession, vaultId: string, works: CheckpointWork[], signal: AbortSignal): Promise<WorkFinished[]> {
  const { backups } = await session.cbr.listBackups({ vaultId, status: IN_PROGRESS, limit: 1000 }, { signal });
  const busy = new Set(backups.map((b) => b.checkpointId));
  const finished: WorkFinished[] = [];
  const failed: { work: CheckpointWork; failedCount: number; total: number }[] = [];
  for (const work of works.filter((w) => !busy.has(w.checkpointId))) {
    const outcome = await checkpointOutcome(ctx, session, work, signal);
    if (!outcome) {
      continue;
    }
    if ('failedCount' in outcome) {
      failed.push({ work, ...outcome });
    } else {
      finished.push({ work, ...outcome });
    }
  }
  if (failed.length > 0) {
    const reasons = await backupFailureReasons(ctx, session, vaultId, failed.map((f) => f.work), signal);
    for (const f of failed) {
      finished.push({
        work: f.work,
        outcome: 'error',
        reason: reasons.get(f.work.checkpointId) ?? ctx.l10n.t('{0} of {1} backups failed.', f.failedCount, f.total),
      });
    }
  }
  return finished;
}

/** The follow-up for one restore point that left the in-progress list; undefined = still running. */
async function checkpointOutcome(ctx: ProbeContext, session: TrackerSession, work: CheckpointWork, signal: AbortSignal): Promise<Outcome | { failedCount: number; total: number } | undefined> {
  const { backups } = await session.cbr.listBackups({ checkpointId: work.checkpointId, limit: 1000 }, { signal });
  if (backups.length > 0) {
    if (backups.some((b) => (IN_PROGRESS as readonly string[]).includes(b.status))) {
      return undefined;
    }
    const failedCount = backups.filter((b) => b.status === 'error').length;
    return failedCount > 0 ? { failedCount, total: backups.length } : { outcome: 'success' };
  }
  // No backups (yet, or any more): the restore point's own status decides.
  let status: string;
  try {
    status = (await session.cbr.showCheckpoint(work.checkpointId, { signal })).status;
  } catch (err) {
    if (errorKind(err) === 'notFound') {
      return { outcome: 'error', reason: ctx.l10n.t('The restore point no longer exists.') };
    }
    throw err;
  }
  switch (status) {
    case 'protecting':
      return undefined;
    case 'available':
      return { outcome: 'success' };
    case 'error':
      return { outcome: 'error', reason: ctx.l10n.t('The restore point failed.') };
    default:
      return { outcome: 'error', reason: ctx.l10n.t('The restore point is {0}.', status) };
  }
}

/** Why backups failed, per restore point, from the vault's backup operation logs (one request). */
async function backupFailureReasons(ctx: ProbeContext, session: TrackerSession, vaultId: string, works: CheckpointWork[], signal: AbortSignal): Promise<Map<string, string>> {
  const reasons = new Map<string, string>();
  const since = Math.min(...works.map((w) => w.startedAt)) - CLOCK_SKEW_MS;
  let logs: OperationLog[];
  try {
    logs = (await session.cbr.listOperationLogs({ operationType: 'backup', vaultId, startTime: new Date(since), limit: 1000 }, { signal })).operationLogs;
  } catch (err) {
    if (errorKind(err) === 'auth') {
      throw err;
    }
    ctx.logger?.warn(`Tracking: could not read why backups failed in vault ${vaultId}: ${describe(err)}`);
    return reasons;
  }
  for (const work of works) {
    const failedLogs = logs.filter((l) => l.checkpointId === work.checkpointId && (l.status === 'failed' || l.status === 'timeout'));
    const messages = [...new Set(failedLogs.map((l) => failureText(l)).filter((m): m is string => Boolean(m)))];
    if (messages.length > 0) {
      reasons.set(work.checkpointId, messages.join('; '));
    }
  }
  return reasons;
}

// ------------------------------------------------------------------ GaussDB backups

export async function probeGaussBackups(ctx: ProbeContext, session: TrackerSession, instanceId: string, works: GaussWork[], signal: AbortSignal): Promise<WorkFinished[]> {
  // Only the backups begun since the earliest tracked one: an older backup never pushes a tracked
  // one off the page, however many the instance keeps.
  const beginTime = new Date(Math.min(...works.map((w) => w.startedAt)) - CLOCK_SKEW_MS);
  // The API takes the two bounds as a pair; the upper one only has to be past anything running.
  const endTime = new Date(Date.now() + 24 * 60 * 60_000);
  const { backups, totalCount } = await session.gaussdb.listBackups({ instanceId, beginTime, endTime, limit: 100 }, { signal });
  const listedAll = totalCount <= backups.length;
  const finished: WorkFinished[] = [];
  for (const work of works) {
    const backup = backups.find((b) => b.id === work.backupId);
    let outcome: Outcome | undefined;
    if (backup) {
      switch (backup.status) {
        case 'COMPLETED':
        case 'AVAILABLE':
          outcome = { outcome: 'success' };
          break;
        case 'FAILED':
          outcome = { outcome: 'error', reason: (work.jobId ? await jobFailReason(session, work.jobId, signal) : undefined) ?? ctx.l10n.t('The database backup failed.') };
          break;
        default:
          outcome = undefined; // BUILDING, or a status this code does not know yet
      }
    } else if (work.jobId) {
      outcome = await gaussJobOutcome(ctx, session, work.jobId, signal);
    } else if (listedAll) {
      outcome = { outcome: 'error', reason: ctx.l10n.t('The database backup no longer exists.') };
    }
    if (outcome) {
      finished.push({ work, ...outcome });
    }
  }
  return finished;
}

async function gaussJobOutcome(ctx: ProbeContext, session: TrackerSession, jobId: string, signal: AbortSignal): Promise<Outcome | undefined> {
  try {
    const job = await session.gaussdb.showJob(jobId, { signal });
    switch (job.status) {
      case 'Completed':
        return { outcome: 'success' };
      case 'Failed':
        return { outcome: 'error', reason: job.failReason || ctx.l10n.t('The database backup failed.') };
      default:
        return undefined;
    }
  } catch (err) {
    if (errorKind(err) === 'notFound') {
      return { outcome: 'error', reason: ctx.l10n.t('The database backup no longer exists.') };
    }
    throw err;
  }
}

async function jobFailReason(session: TrackerSession, jobId: string, signal: AbortSignal): Promise<string | undefined> {
  try {
    return (await session.gaussdb.showJob(jobId, { signal })).failReason || undefined;
  } catch (err) {
    if (errorKind(err) === 'auth') {
      throw err;
    }
    return undefined;
  }
}

// ------------------------------------------------------------------ replications

export async function probeReplications(ctx: ProbeContext, session: TrackerSession, vaultId: string, works: ReplicationWork[], signal: AbortSignal): Promise<WorkFinished[]> {
  const since = new Date(Math.min(...works.map((w) => w.startedAt)) - CLOCK_SKEW_MS);
  const logs = await session.cbr.listReplicationLogs({ vaultId, startTime: since, limit: 1000 }, { signal });
  const replicationLogs = logs.filter((l) => l.replication?.sourceBackupId && (l.operationType === undefined || l.operationType === 'replication'));
  const finished: WorkFinished[] = [];
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
      finished.push({ work, outcome: 'success' });
    } else {
      const messages = [...new Set(failed.map((l) => failureText(l)).filter((m): m is string => Boolean(m)))];
      finished.push({
        work,
        outcome: 'error',
        reason: messages.length > 0 ? messages.join('; ') : ctx.l10n.t('{0} of {1} backups failed.', failed.length, perBackup.length),
      });
    }
  }
  return finished;
}


function isTerminal(status: string): boolean {
  return status === 'success' || status === 'failed' || status === 'timeout' || status === 'skipped';
}

function failureText(log: OperationLog): string | undefined {
  const message = log.errorInfo?.message;
  const code = log.errorInfo?.code;
  if (message && code) {
    return `${message} (${code})`;
  }
  return message ?? code;
}
