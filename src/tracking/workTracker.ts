/**
 * Follows work in flight (restore points, GaussDB backups, replications) until it finishes, and
 * keeps the tracked ids in a Memento so that tracking resumes after a window reload.
 *
 * Polling is grouped: per tick at most one list request per vault (or instance) and kind of
 * work, whatever the number of items, plus one follow-up per item that looks finished to learn
 * its outcome. Plain Node (no `vscode`): the extension injects the connection, the store, the
 * logger and the localizer.
 */
import { z } from 'zod';
import { Emitter } from './emitter';
import { BackoffOptions, Poller, realTimers, Timers } from './poller';
import { describe, errorKind, Group, groupName, groupWorks, probeGroup, ProbeContext, TrackerSession } from './probes';
import { Disposable, englishL10n, Event, Localizer, MementoLike, targetKey, TrackedWork, TrackerLogger, TrackerState, WorkFinished } from './types';

/** The globalState key of the tracked ids. */
export const TRACKING_STORE_KEY = 'cbr.tracking.v1';

/** Work older than this is dropped when loaded (it cannot still be running). */
const MAX_AGE_MS = 7 * 24 * 60 * 60_000;
/** How long a finished target is ignored when the tree reports it as still in flight (stale page). */
const RECENTLY_FINISHED_MS = 10 * 60_000;
/** Parallel group requests per tick. */
const CONCURRENCY = 4;

export type { TrackerSession } from './probes';

/** What the tracker needs of the CloudConnection. */
export interface TrackerConnection {
  readonly state: { kind: string };
  session(region: string): TrackerSession;
  readonly onDidChange: Event<{ kind: string }>;
}

export interface WorkTrackerOptions {
  connection: TrackerConnection;
  store: MementoLike;
  logger?: TrackerLogger;
  l10n?: Localizer;
  timers?: Timers;
  backoff?: Partial<BackoffOptions>;
}

// ------------------------------------------------------------------ persistence

const base = { region: z.string().min(1), label: z.string(), startedAt: z.number().finite(), jobId: z.string().min(1).optional() };
const StoredWorkSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('checkpoint'), vaultId: z.string().min(1), checkpointId: z.string().min(1), ...base }),
  z.object({ kind: z.literal('gaussBackup'), instanceId: z.string().min(1), backupId: z.string().min(1), ...base }),
  z.object({
    kind: z.literal('replication'),
    vaultId: z.string().min(1),
    backupIds: z.array(z.string().min(1)).min(1),
    destinationRegion: z.string().min(1),
    destinationVaultId: z.string().min(1),
    ...base,
  }),
]);

interface StoredState {
  version: 1;
  items: TrackedWork[];
}

/** Only the known fields: whatever else a caller put on the object is not persisted. */
function storable(w: TrackedWork): TrackedWork {
  const parsed: TrackedWork = StoredWorkSchema.parse(w);
  if (parsed.jobId === undefined) {
    delete parsed.jobId;
  }
  return parsed;
}

class AuthFailure extends Error {
  constructor(cause: unknown) {
    super(describe(cause), { cause });
  }
}

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<PromiseSettledResult<R>[]> {
  const results: PromiseSettledResult<R>[] = new Array<PromiseSettledResult<R>>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      try {
        results[index] = { status: 'fulfilled', value: await fn(items[index]) };
      } catch (reason) {
        results[index] = { status: 'rejected', reason };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}


// ------------------------------------------------------------------ the tracker

export class WorkTracker implements Disposable {
  private works: TrackedWork[] = [];
  private current: TrackerState = { kind: 'idle' };
  private readonly changed = new Emitter<void>();
  private readonly finished = new Emitter<WorkFinished>();
  private readonly stateChanged = new Emitter<TrackerState>();
  private readonly finishedTogether = new Emitter<readonly WorkFinished[]>();
  private readonly polled = new Emitter<void>();
  /** Fired when the items change: tracked, finished or dropped. */
  readonly onDidChange: Event<void> = this.changed.event;
  readonly onDidFinish: Event<WorkFinished> = this.finished.event;
  readonly onDidChangeState: Event<TrackerState> = this.stateChanged.event;
  /** Everything one poll found finished, once per poll (after the per-item `onDidFinish`). */
  readonly onDidFinishTogether: Event<readonly WorkFinished[]> = this.finishedTogether.event;
  /** Fired when a poll of the cloud has completed, whatever it found. */
  readonly onDidPoll: Event<void> = this.polled.event;
  private readonly poller: Poller;
  private readonly connection: TrackerConnection;
  private readonly store: MementoLike;
  private readonly logger: TrackerLogger | undefined;
  private readonly l10n: Localizer;
  private readonly timers: Timers;
  private readonly subscriptions: Disposable[] = [];
  private readonly recentlyFinished = new Map<string, number>();
  private readonly probeContext: ProbeContext;
  private saving: Promise<void> = Promise.resolve();
  private disposed = false;

  constructor(options: WorkTrackerOptions) {
    this.connection = options.connection;
    this.store = options.store;
    this.logger = options.logger;
    this.l10n = options.l10n ?? englishL10n;
    this.timers = options.timers ?? realTimers;
    this.probeContext = { l10n: this.l10n, logger: this.logger };
    this.poller = new Poller((signal) => this.tick(signal), options.backoff, this.timers, (err) => this.logger?.warn(`Tracking: a poll failed: ${describe(err)}`));
    this.works = this.load();
    this.subscriptions.push(this.connection.onDidChange((state) => this.onConnectionChanged(state.kind)));
    if (this.works.length > 0) {
      this.logger?.info(`Tracking: resuming ${this.works.length} item(s) from the last session`);
      this.resume({ immediately: true });
    }
  }

  /** Everything in flight, oldest first. */
  get items(): readonly TrackedWork[] {
    return this.works;
  }

  get state(): TrackerState {
    return this.current;
  }

  /** The wait before the next poll (for tests and diagnostics). */
  get pollDelayMs(): number {
    return this.poller.currentDelayMs;
  }

  get isPolling(): boolean {
    return this.poller.isOn;
  }

  find(target: Parameters<typeof targetKey>[0]): TrackedWork | undefined {
    const key = targetKey(target);
    return this.works.find((w) => targetKey(w) === key);
  }

  /** Starts following a work; a target already followed is left as it is (idempotent). */
  track(work: TrackedWork): void {
    this.assertNotDisposed();
    this.add([work], false);
  }

  /**
   * Follows work the tree saw in flight (started in the console or by a policy). Targets that
   * finished in the last few minutes are ignored: the tree may have read a stale page.
   */
  adopt(works: readonly TrackedWork[]): void {
    this.assertNotDisposed();
    this.add(works, true);
  }

  /** Stops following a target without a notification. */
  untrack(target: Parameters<typeof targetKey>[0]): boolean {
    this.assertNotDisposed();
    const key = targetKey(target);
    const before = this.works.length;
    this.works = this.works.filter((w) => targetKey(w) !== key);
    if (this.works.length === before) {
      return false;
    }
    this.persist();
    this.changed.fire();
    if (this.works.length === 0) {
      this.stop({ kind: 'idle' });
    }
    return true;
  }

  /** Polls now instead of waiting (resets the backoff). */
  pollNow(): void {
    this.assertNotDisposed();
    if (this.works.length > 0 && this.connection.state.kind === 'signedIn') {
      this.poller.reset();
      this.resume({ immediately: true });
    }
  }

  /**
   * Runs one poll right away and waits for it (tests). Does not change the schedule.
   * @returns whether anything finished.
   */
  async pollOnce(signal: AbortSignal = new AbortController().signal): Promise<boolean> {
    this.assertNotDisposed();
    return this.tick(signal);
  }

  /** Resolves once every write to the store has completed. */
  flush(): Promise<void> {
    return this.saving;
  }

  dispose(): void {
    if (this.disposed) {
      return;
    }
    this.disposed = true;
    this.poller.dispose();
    for (const s of this.subscriptions) {
      s.dispose();
    }
    this.changed.dispose();
    this.finished.dispose();
    this.stateChanged.dispose();
    this.finishedTogether.dispose();
    this.polled.dispose();
  }

  // ---------------------------------------------------------------- state

  private add(works: readonly TrackedWork[], adopted: boolean): void {
    const now = this.timers.now();
    const known = new Set(this.works.map(targetKey));
    const added: TrackedWork[] = [];
    for (const work of works) {
      const parsed = StoredWorkSchema.safeParse(work);
      if (!parsed.success) {
        this.logger?.warn(`Tracking: ignored a malformed ${String((work as { kind?: unknown }).kind)} item`);
        continue;
      }
      const key = targetKey(work);
      const finishedAt = this.recentlyFinished.get(key);
      if (known.has(key) || (adopted && finishedAt !== undefined && now - finishedAt < RECENTLY_FINISHED_MS)) {
        continue;
      }
      known.add(key);
      added.push(storable(work));
    }
    if (added.length === 0) {
      return;
    }
    this.works = [...this.works, ...added];
    for (const w of added) {
      this.logger?.info(`Tracking ${targetKey(w)}${adopted ? ' (seen in the tree)' : ''}`);
    }
    this.persist();
    this.changed.fire();
    this.poller.reset();
    this.resume({ immediately: false });
  }

  private resume(options: { immediately: boolean }): void {
    if (this.disposed || this.works.length === 0) {
      return;
    }
    if (this.connection.state.kind !== 'signedIn') {
      // Wait for sign-in; an auth failure stays an auth failure until then.
      if (this.current.kind !== 'authFailed') {
        this.setState({ kind: 'signedOut' });
      }
      return;
    }
    this.setState({ kind: 'polling' });
    this.poller.on(options);
  }

  private stop(state: TrackerState): void {
    this.poller.off();
    this.setState(state);
  }

  private setState(state: TrackerState): void {
    const same = state.kind === this.current.kind && (state.kind !== 'authFailed' || (this.current.kind === 'authFailed' && this.current.message === state.message));
    this.current = state;
    if (!same) {
      this.stateChanged.fire(state);
    }
  }

  private onConnectionChanged(kind: string): void {
    if (this.disposed) {
      return;
    }
    if (kind === 'signedIn') {
      if (this.works.length > 0) {
        this.logger?.info(`Tracking: signed in, resuming ${this.works.length} item(s)`);
        this.poller.reset();
        this.setState({ kind: 'polling' });
        this.poller.off(); // a new session: drop a run that used the old one
        this.poller.on({ immediately: true });
      }
    } else if (this.works.length > 0) {
      this.stop(this.current.kind === 'authFailed' ? this.current : { kind: 'signedOut' });
    }
  }

  private load(): TrackedWork[] {
    const raw = this.store.get<unknown>(TRACKING_STORE_KEY);
    if (raw === undefined) {
      return [];
    }
    const items = raw && typeof raw === 'object' && Array.isArray((raw as { items?: unknown }).items) ? ((raw as { items: unknown[] }).items) : [];
    const now = this.timers.now();
    const out: TrackedWork[] = [];
    const seen = new Set<string>();
    for (const item of items) {
      const parsed = StoredWorkSchema.safeParse(item);
      if (!parsed.success) {
        this.logger?.warn('Tracking: dropped a stored item that is not valid');
        continue;
      }
      const work = storable(parsed.data);
      if (now - work.startedAt > MAX_AGE_MS) {
        this.logger?.warn(`Tracking: dropped ${targetKey(work)}, started more than 7 days ago`);
        continue;
      }
      if (!seen.has(targetKey(work))) {
        seen.add(targetKey(work));
        out.push(work);
      }
    }
    return out;
  }

  private persist(): void {
    const value: StoredState = { version: 1, items: this.works.map(storable) };
    this.saving = this.saving
      .then(() => this.store.update(TRACKING_STORE_KEY, value))
      .then(
        () => undefined,
        (err: unknown) => this.logger?.warn(`Tracking: could not save the tracked items: ${describe(err)}`),
      );
  }

  private assertNotDisposed(): void {
    if (this.disposed) {
      throw new Error('WorkTracker used after dispose');
    }
  }

  // ---------------------------------------------------------------- polling

  /** One poll of every group. Resolves to true when anything finished. */
  private async tick(signal: AbortSignal): Promise<boolean> {
    if (this.disposed || this.works.length === 0) {
      this.stop({ kind: 'idle' });
      return false;
    }
    if (this.connection.state.kind !== 'signedIn') {
      this.stop(this.current.kind === 'authFailed' ? this.current : { kind: 'signedOut' });
      return false;
    }
    const groups = groupWorks(this.works);
    const results = await mapLimit(groups, CONCURRENCY, (g) => this.pollGroup(g, signal));
    if (this.disposed || signal.aborted) {
      return false;
    }
    const done = new Map<string, WorkFinished>();
    let authFailure: AuthFailure | undefined;
    results.forEach((r, i) => {
      const group = groups[i];
      if (!group) {
        return;
      }
      if (r.status === 'fulfilled') {
        for (const f of r.value) {
          done.set(targetKey(f.work), f);
        }
      } else if (r.reason instanceof AuthFailure) {
        authFailure = r.reason;
      } else if (errorKind(r.reason) !== 'cancelled') {
        this.logger?.warn(`Tracking: polling ${groupName(group)} failed: ${describe(r.reason)}`);
      }
    });
    const finishedCount = this.finish([...done.values()]);
    if (authFailure) {
      this.logger?.warn(`Tracking: the cloud refused the credentials; stopped following ${this.works.length} item(s) until the next sign-in: ${authFailure.message}`);
      this.stop({ kind: 'authFailed', message: authFailure.message });
      this.polled.fire();
      return finishedCount > 0;
    }
    if (this.works.length === 0) {
      this.stop({ kind: 'idle' });
    }
    this.polled.fire();
    return finishedCount > 0;
  }

  /** Removes finished work, saves, and tells listeners. Returns how many finished. */
  private finish(results: WorkFinished[]): number {
    // Only what is still followed: an overlapping poll or an untrack may have taken it already.
    const tracked = new Set(this.works.map(targetKey));
    const done = results.filter((d) => tracked.has(targetKey(d.work)));
    if (done.length === 0) {
      return 0;
    }
    const now = this.timers.now();
    const keys = new Set(done.map((d) => targetKey(d.work)));
    this.works = this.works.filter((w) => !keys.has(targetKey(w)));
    for (const [key, at] of this.recentlyFinished) {
      if (now - at > RECENTLY_FINISHED_MS) {
        this.recentlyFinished.delete(key);
      }
    }
    for (const key of keys) {
      this.recentlyFinished.set(key, now);
    }
    this.persist();
    for (const d of done) {
      this.logger?.info(`Tracking: ${targetKey(d.work)} finished: ${d.outcome}${d.reason ? ` (${d.reason})` : ''}`);
    }
    this.changed.fire();
    for (const d of done) {
      this.finished.fire(d);
    }
    this.finishedTogether.fire(done);
    return done.length;
  }

  /** Polls one group; resolves to the works that finished. Throws AuthFailure on an auth error. */
  private async pollGroup(group: Group, signal: AbortSignal): Promise<WorkFinished[]> {
    try {
      return await probeGroup(this.probeContext, this.connection.session(group.region), group, signal);
    } catch (err) {
      if (errorKind(err) === 'auth') {
        throw new AuthFailure(err);
      }
      if (errorKind(err) === 'notFound') {
        // The vault or instance itself is gone: nothing in it can finish any more.
        const reason = err instanceof Error ? err.message : String(err);
        return group.works.map((work) => ({ work, outcome: 'error' as const, reason }));
      }
      throw err;
    }
  }
}
