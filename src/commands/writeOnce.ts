import * as vscode from 'vscode';
import { CloudApiError } from '../api';
import { describeError } from '../common/errors';
import type { Logger } from '../common/logger';
import type { Notifier } from '../common/notifier';

/** How long to keep looking for a write whose answer was lost, and how often. */
export interface ConfirmWindow {
  windowMs: number;
  intervalMs: number;
}

/**
 * Two minutes: a write the cloud accepted but answered slowly lands within seconds to a minute
 * (the emulator's late-landing fault); every 10 s, so the window costs about a dozen list calls.
 */
export const DEFAULT_CONFIRM_WINDOW: ConfirmWindow = { windowMs: 120_000, intervalMs: 10_000 };

/**
 * Keeps one write per target in flight: a second click while the first request is on its way is
 * refused instead of creating a second restore point or backup. After a lost answer the target
 * stays held until the confirmation window has passed, since the first write may still land.
 * It also remembers what this window created, so that reconciling a later write never mistakes
 * one of those for its own. In memory only: a reload forgets, but nothing is ever resent by itself.
 */
export class WriteGuard {
  private readonly running = new Set<string>();
  private readonly unconfirmed = new Map<string, { until: number; watching: Promise<void> }>();
  private readonly createdHere = new Set<string>();
  private disposed = false;

  constructor(readonly confirmWindow: () => ConfirmWindow = () => DEFAULT_CONFIRM_WINDOW) {}

  /** Runs `write` unless a write with the same key is in flight or unconfirmed; false when refused. */
  async run(key: string, write: () => Promise<void>): Promise<boolean> {
    if (this.running.has(key) || this.unconfirmed.has(key)) {
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

  /** When a lost write's window ends, if one is open for `key`. */
  unconfirmedUntil(key: string): number | undefined {
    return this.unconfirmed.get(key)?.until;
  }

  /** Holds `key` until `watching` ends (the search for a write whose answer was lost). */
  hold(key: string, until: number, watching: Promise<void>): void {
    const entry = { until, watching: watching.finally(() => this.unconfirmed.get(key) === entry && this.unconfirmed.delete(key)) };
    this.unconfirmed.set(key, entry);
  }

  /** Resolves once every open confirmation window has ended (tests, and deactivation). */
  async settled(): Promise<void> {
    while (this.unconfirmed.size > 0) {
      await Promise.all([...this.unconfirmed.values()].map((e) => e.watching));
    }
  }

  /** True once the window closes: open searches stop at their next check, silently. */
  get stopped(): boolean {
    return this.disposed;
  }

  dispose(): void {
    this.disposed = true;
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
  /** The write happened after all: follow it and tell the user (one short message; `why` is for the log). */
  foundAfterUnknown(found: F, why: string): void;
  /** Nothing appeared within the window: tell the user they may try again. */
  missingAfterUnknown(why: string): void;
  /** Shown while looking: the write is not confirmed yet; `until` is a local time. */
  unconfirmedMessage(until: string): string;
  /** Shown when the same write is asked for again while the window is open. */
  waitMessage(until: string): string;
}

/**
 * Sends a create request exactly once. When its outcome is unknown (timeout, reset, 5xx) it is
 * not repeated: the cloud is asked whether it was created, over a window long enough for a slow
 * write to land, and the user is told once what came of it.
 * Any other failure propagates to the command wrapper, which shows it with the cloud's error
 * code and request id.
 */
export async function writeOnce<T, F>(deps: WriteOnceDeps, o: WriteOnce<T, F>): Promise<void> {
  const { writes, logger, messages } = deps;
  const until = writes.unconfirmedUntil(o.key);
  if (until !== undefined) {
    logger.info(`${o.action}: refused, an earlier write for the same target is not confirmed yet`);
    void messages.warn(o.waitMessage(localTime(until)));
    return;
  }
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

function localTime(ms: number): string {
  return new Date(ms).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

type Check<F> = { kind: 'found'; found: F; ids: string[] } | { kind: 'missing' } | { kind: 'failed'; why: string };

async function check<T, F>({ writes, logger }: WriteOnceDeps, o: WriteOnce<T, F>): Promise<Check<F>> {
  let found: F | undefined;
  try {
    found = await o.reconcile();
  } catch (err) {
    const why = describeError(err);
    logger.warn(`${o.action}: reconciliation check failed (${why})`);
    return { kind: 'failed', why };
  }
  const ids = found === undefined ? [] : (o.foundIds?.(found) ?? []);
  if (found === undefined) {
    return { kind: 'missing' };
  }
  if (ids.length > 0 && ids.every((id) => writes.createdBefore(o.key, id))) {
    logger.info(`${o.action}: reconciliation found ${ids.join(', ')}, which earlier requests of this window created`);
    return { kind: 'missing' };
  }
  return { kind: 'found', found, ids };
}

function announceFound<T, F>({ writes, logger }: WriteOnceDeps, o: WriteOnce<T, F>, c: { found: F; ids: string[] }, why: string): void {
  for (const id of c.ids) {
    writes.remember(o.key, id);
  }
  logger.info(`${o.action}: reconciliation found ${c.ids.join(', ') || 'it'}: it was created`);
  o.foundAfterUnknown(c.found, why);
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * After a lost answer: one check at once; if nothing is there yet, the target is held and the
 * cloud is asked again every interval until the window ends, with "not confirmed yet" in the
 * status bar meanwhile. Only then is "it was not created" said.
 */
async function reconcile<T, F>(deps: WriteOnceDeps, o: WriteOnce<T, F>, why: string): Promise<void> {
  const { writes, logger, messages } = deps;
  logger.warn(`${o.action}: outcome unknown (${why}); reconciling`);
  const first = await check(deps, o);
  if (first.kind === 'found') {
    announceFound(deps, o, first, why);
    return;
  }
  if (first.kind === 'failed') {
    void messages.error(vscode.l10n.t('The cloud did not answer, and checking whether the request was carried out failed too ({0}). Look in {1} before trying again.', first.why, o.where));
    return;
  }
  const { windowMs, intervalMs } = writes.confirmWindow();
  const until = Date.now() + windowMs;
  logger.info(`${o.action}: nothing found yet; looking again every ${intervalMs} ms until ${new Date(until).toISOString()}`);
  void messages.warn(o.unconfirmedMessage(localTime(until)));
  const watch = async (): Promise<void> => {
    let last: Check<F> = first;
    while (Date.now() < until) {
      await sleep(Math.min(intervalMs, Math.max(0, until - Date.now())));
      if (writes.stopped) {
        logger.info(`${o.action}: confirmation stopped, the extension is shutting down`);
        return;
      }
      last = await check(deps, o);
      if (last.kind === 'found') {
        announceFound(deps, o, last, why);
        return;
      }
    }
    if (last.kind === 'failed') {
      void messages.error(vscode.l10n.t('The cloud did not answer, and checking whether the request was carried out failed too ({0}). Look in {1} before trying again.', last.why, o.where));
      return;
    }
    logger.info(`${o.action}: reconciliation found nothing within ${windowMs} ms; nothing was created`);
    o.missingAfterUnknown(why);
  };
  const watching = Promise.resolve(vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: o.unconfirmedMessage(localTime(until)) }, watch)).catch((err: unknown) =>
    logger.error(`${o.action}: confirmation stopped (${describeError(err)})`),
  );
  writes.hold(o.key, until, watching);
}
