import * as vscode from 'vscode';
import { CloudApiError } from '../api';
import { describeError } from '../common/errors';
import type { Logger } from '../common/logger';
import type { Notifier } from '../common/notifier';

/**
 * Keeps one write per target in flight: a second click while the first request is on its way is
 * refused instead of creating a second restore point or backup. It also remembers what this
 * window created, so that reconciling a later write never mistakes one of those for its own.
 */
export class WriteGuard {
  private readonly running = new Set<string>();
  private readonly createdHere = new Set<string>();

  /** Runs `write` unless a write with the same key is in flight; false when refused. */
  async run(key: string, write: () => Promise<void>): Promise<boolean> {
    if (this.running.has(key)) {
      return false;
    }
    this.running.add(key);
    try {
      await write();
      return true;
    } finally {
      this.running.delete(key);
    }
  }

  remember(key: string, id: string): void {
    this.createdHere.add(`${key}\n${id}`);
  }

  createdBefore(key: string, id: string): boolean {
    return this.createdHere.has(`${key}\n${id}`);
  }
}

function isOutcomeUnknown(err: unknown): err is CloudApiError {
  return err instanceof CloudApiError && err.outcomeUnknown;
}

/** What `writeOnce` needs: the guard, somewhere to log, and someone to tell. */
export interface WriteOnceDeps {
  writes: WriteGuard;
  logger: Logger;
  messages: Notifier;
}

export interface WriteOnce<T, F> {
  /** One write per key at a time (and the scope of the ids remembered). */
  key: string;
  busyMessage: string;
  progressTitle: string;
  /** For the log: which action. */
  action: string;
  /** Where the user can look when even the reconciliation fails (a vault or instance name). */
  where: string;
  write(): Promise<T>;
  /** The ids of what the write created, remembered for later reconciliations. */
  idsOf?(result: T): string[];
  /** Looks for what the write would have created, when its outcome is unknown. */
  reconcile(): Promise<F | undefined>;
  /** The ids of what reconciliation found; what this window created before is not a match. */
  foundIds?(found: F): string[];
  created(result: T): void;
  /** The write happened after all: follow it and tell the user, with the unanswered error. */
  foundAfterUnknown(found: F, message: string): void;
  /** Nothing was created: tell the user they may try again. */
  missingAfterUnknown(message: string): void;
}

/**
 * Sends a create request exactly once. When its outcome is unknown (timeout, reset, 5xx) it is
 * not repeated: the cloud is asked whether it was created, and the user is told either way.
 * Any other failure propagates to the command wrapper, which shows it with the cloud's error
 * code and request id.
 */
export async function writeOnce<T, F>(deps: WriteOnceDeps, o: WriteOnce<T, F>): Promise<void> {
  const { writes, logger, messages } = deps;
  const ran = await writes.run(o.key, async () => {
    let result: T;
    try {
      result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: o.progressTitle }, () => o.write());
    } catch (err) {
      if (!isOutcomeUnknown(err)) {
        throw err;
      }
      await reconcile(deps, o, describeError(err));
      return;
    }
    for (const id of o.idsOf?.(result) ?? []) {
      writes.remember(o.key, id);
    }
    o.created(result);
  });
  if (!ran) {
    logger.info(`${o.action}: refused, a write for the same target is in flight`);
    void messages.warn(o.busyMessage);
  }
}

async function reconcile<T, F>({ writes, logger, messages }: WriteOnceDeps, o: WriteOnce<T, F>, why: string): Promise<void> {
  logger.warn(`${o.action}: outcome unknown (${why}); reconciling`);
  let found: F | undefined;
  try {
    found = await o.reconcile();
  } catch (checkErr) {
    const checkWhy = describeError(checkErr);
    logger.error(`${o.action}: reconciliation failed (${checkWhy})`);
    void messages.error(vscode.l10n.t('The cloud did not confirm the request, and checking whether it was carried out failed too ({0}). Look in {1} before trying again; nothing was sent twice. {2}', checkWhy, o.where, why));
    return;
  }
  const ids = found === undefined ? [] : (o.foundIds?.(found) ?? []);
  if (ids.length > 0 && ids.every((id) => writes.createdBefore(o.key, id))) {
    logger.info(`${o.action}: reconciliation found ${ids.join(', ')}, which earlier requests of this window created`);
    found = undefined;
  }
  if (found === undefined) {
    logger.info(`${o.action}: reconciliation found nothing; nothing was created`);
    o.missingAfterUnknown(why);
    return;
  }
  for (const id of ids) {
    writes.remember(o.key, id);
  }
  logger.info(`${o.action}: reconciliation found ${ids.join(', ') || 'it'}: it was created`);
  o.foundAfterUnknown(found, why);
}
