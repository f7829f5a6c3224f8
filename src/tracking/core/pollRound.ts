/**
 * One poll of every group of tracked work: a few groups at a time, every request paced per
 * region, a region on hold after a 429 skipped, and whatever one group learned kept whatever
 * another one hits. Returns what finished; the tracker applies it.
 */
import { DEFAULT_THROTTLE_HOLD_MS, describe, errorKind, isGone, retryAfterMs } from './errors';
import { RegionOnHold, RegionPacer } from './pacer';
import { Group, groupName, groupWorks, probeGroup, ProbeContext, TrackerSession } from './probes';
import { targetKey, TrackedWork, TrackerLogger, WorkFinished } from './types';

/** Groups polled at the same time. */
const CONCURRENCY = 4;

export interface RoundDeps {
  ctx: ProbeContext;
  session(region: string): TrackerSession;
  pacer: RegionPacer;
  logger?: TrackerLogger;
}

export interface RoundResult {
  finished: WorkFinished[];
  /** Set when the cloud refused the credentials (the message, for the log and the state). */
  authFailure?: string;
}

export async function pollRound(deps: RoundDeps, works: readonly TrackedWork[], signal: AbortSignal): Promise<RoundResult> {
  const finished = new Map<string, WorkFinished>();
  const report = (f: WorkFinished): void => void finished.set(targetKey(f.work), f);
  let authFailure: string | undefined;
  await forEachLimited(groupWorks(works), CONCURRENCY, async (group) => {
    if (authFailure !== undefined || signal.aborted || deps.pacer.isOnHold(group.region)) {
      return;
    }
    try {
      const session = paced(deps.session(group.region), () => deps.pacer.take(group.region, signal));
      await probeGroup(deps.ctx, session, group, signal, report);
    } catch (err) {
      if (err instanceof RegionOnHold || errorKind(err) === 'cancelled') {
        return;
      }
      if (errorKind(err) === 'auth') {
        authFailure ??= describe(err);
      } else if (errorKind(err) === 'throttled') {
        const ms = retryAfterMs(err) ?? DEFAULT_THROTTLE_HOLD_MS;
        deps.pacer.hold(group.region, ms);
        deps.logger?.warn(`Tracking: ${group.region} answered 429; polling it again in ${Math.round(ms / 1000)} s`);
      } else if (groupGone(group, err)) {
        // The vault or instance itself is gone: nothing in it can finish any more.
        const reason = err instanceof Error ? err.message : String(err);
        group.works.filter((work) => !finished.has(targetKey(work))).forEach((work) => report({ work, outcome: 'error', reason }));
      } else {
        deps.logger?.warn(`Tracking: polling ${groupName(group)} failed: ${describe(err)}`);
      }
    }
  });
  return { finished: [...finished.values()], authFailure };
}

/** Only the documented not-found code of the group's own vault or instance means it is gone; any other 404 (a gateway's, say) does not. */
function groupGone(group: Group, err: unknown): boolean {
  if (group.kind === 'delete') {
    return false; // for a deletion, gone is the goal: the probe itself reads "not found"
  }
  if (group.kind === 'gaussRestore') {
    return isGone(err, 'gaussInstance');
  }
  return group.kind === 'gaussBackup' ? isGone(err, ['gaussInstance', 'gaussBackup']) : isGone(err, 'vault');
}

/** The session with every call waiting for its turn first. */
function paced(session: TrackerSession, turn: () => Promise<void>): TrackerSession {
  const after =
    <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      await turn();
      return call(...args);
    };
  const { cbr, gaussdb } = session;
  return {
    cbr: {
      listBackups: after((...a: Parameters<typeof cbr.listBackups>) => cbr.listBackups(...a)),
      showCheckpoint: after((...a: Parameters<typeof cbr.showCheckpoint>) => cbr.showCheckpoint(...a)),
      listOperationLogs: after((...a: Parameters<typeof cbr.listOperationLogs>) => cbr.listOperationLogs(...a)),
      listReplicationLogs: after((...a: Parameters<typeof cbr.listReplicationLogs>) => cbr.listReplicationLogs(...a)),
      listRestoreLogs: after((...a: Parameters<typeof cbr.listRestoreLogs>) => cbr.listRestoreLogs(...a)),
      showVault: after((...a: Parameters<typeof cbr.showVault>) => cbr.showVault(...a)),
    },
    gaussdb: {
      listBackups: after((...a: Parameters<typeof gaussdb.listBackups>) => gaussdb.listBackups(...a)),
      showJob: after((...a: Parameters<typeof gaussdb.showJob>) => gaussdb.showJob(...a)),
      listInstances: after((...a: Parameters<typeof gaussdb.listInstances>) => gaussdb.listInstances(...a)),
    },
  };
}

async function forEachLimited<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      await fn(items[next++]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
