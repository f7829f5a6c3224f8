/**
 * Follows work in flight (restore points, GaussDB backups, replications) until it finishes: the
 * state machine and its events. Polling is grouped (pollRound.ts), the tracked ids persist in a
 * Memento (store.ts) so that tracking resumes after a window reload. Plain Node (no `vscode`):
 * the extension injects the connection, the store, the logger, the localizer and the timers.
 */
import { Emitter } from '../../common/emitter';
import { describe } from './errors';
import { PaceOptions, RegionPacer } from './pacer';
import { BackoffOptions, Poller } from './poller';
import { pollRound } from './pollRound';
import { ProbeContext, TrackerSession } from './probes';
import { storableWork, TrackingStore } from './store';
import { RecentlyFinished } from './recentlyFinished';
import { realTimers, Timers } from './timers';
import { Disposable, englishL10n, Event, FinishedBatch, Localizer, MementoLike, targetKey, TrackedWork, TrackerLogger, TrackerState, WorkFinished, WorkTarget } from './types';

/** How long a finished target is ignored when the tree reports it as still in flight (stale page). */
const RECENTLY_FINISHED_MS = 10 * 60_000;

/** What the tracker needs of the CloudConnection. */
export interface TrackerConnection {
  readonly state: { kind: string };
  session(region: string): TrackerSession;
  readonly onDidChange: Event<{ kind: string }>;
}

export interface WorkTrackerOptions {
  connection: TrackerConnection;
  /** Where the tracked ids are kept (`context.globalState`). */
  store: MementoLike;
  logger?: TrackerLogger;
  l10n?: Localizer;
  timers?: Timers;
  backoff?: Partial<BackoffOptions>;
  pace?: Partial<PaceOptions>;
}

export class WorkTracker implements Disposable {
  private works: TrackedWork[] = [];
  private current: TrackerState = { kind: 'idle' };
  // Listener errors go to the (redacting) logger, read when they happen.
  private readonly changed = new Emitter<void>((err) => this.listenerFailed(err));
  private readonly finished = new Emitter<FinishedBatch>((err) => this.listenerFailed(err));
  private readonly stateChanged = new Emitter<TrackerState>((err) => this.listenerFailed(err));
  private readonly polled = new Emitter<void>((err) => this.listenerFailed(err));
  /** Fired when the items change: tracked, finished or dropped. */
  readonly onDidChange = this.changed.event;
  /** Everything one poll found finished, once per poll (never an empty batch). */
  readonly onDidFinish = this.finished.event;
  readonly onDidChangeState = this.stateChanged.event;
  /** Fired when a poll of the cloud has completed, whatever it found. */
  readonly onDidPoll = this.polled.event;
  private readonly poller: Poller;
  private readonly connection: TrackerConnection;
  private readonly store: TrackingStore;
  private readonly logger: TrackerLogger | undefined;
  private readonly timers: Timers;
  private readonly pacer: RegionPacer;
  private readonly probeContext: ProbeContext;
  private readonly subscriptions: Disposable[] = [];
  private readonly recentlyFinished = new RecentlyFinished(RECENTLY_FINISHED_MS);
  private disposed = false;

  constructor(options: WorkTrackerOptions) {
    this.connection = options.connection;
    this.logger = options.logger;
    this.timers = options.timers ?? realTimers;
    this.store = new TrackingStore(options.store, this.logger);
    this.pacer = new RegionPacer(this.timers, options.pace);
    this.probeContext = { l10n: options.l10n ?? englishL10n, logger: this.logger, now: () => this.timers.now() };
    this.poller = new Poller((signal) => this.tick(signal), options.backoff, this.timers, (err) => this.logger?.warn(`Tracking: a poll failed: ${describe(err)}`));
    this.works = this.store.load(this.timers.now());
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

  get isPolling(): boolean {
    return this.poller.isOn;
  }

  find(target: WorkTarget): TrackedWork | undefined {
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
  untrack(target: WorkTarget): boolean {
    this.assertNotDisposed();
    const key = targetKey(target);
    const before = this.works.length;
    this.works = this.works.filter((w) => targetKey(w) !== key);
    if (this.works.length === before) {
      return false;
    }
    this.store.save(this.works);
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

  dispose(): void {
    if (this.disposed) {
      return;
    }
    this.disposed = true;
    this.poller.dispose();
    this.subscriptions.forEach((s) => s.dispose());
    [this.changed, this.finished, this.stateChanged, this.polled].forEach((e) => e.dispose());
  }

  // ---------------------------------------------------------------- state

  private add(works: readonly TrackedWork[], adopted: boolean): void {
    const now = this.timers.now();
    const known = new Set(this.works.map(targetKey));
    const added: TrackedWork[] = [];
    for (const work of works) {
      const clean = storableWork(work);
      if (!clean) {
        this.logger?.warn(`Tracking: ignored a malformed ${String((work as { kind?: unknown }).kind)} item`);
        continue;
      }
      const key = targetKey(clean);
      if (known.has(key) || (adopted && this.recentlyFinished.has(key, now))) {
        continue;
      }
      known.add(key);
      added.push(clean);
    }
    if (added.length === 0) {
      return;
    }
    this.works = [...this.works, ...added];
    added.forEach((w) => this.logger?.info(`Tracking ${targetKey(w)}${adopted ? ' (seen in the tree)' : ''}`));
    this.store.save(this.works);
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
    if (this.disposed || this.works.length === 0) {
      return;
    }
    if (kind === 'signedIn') {
      this.logger?.info(`Tracking: signed in, resuming ${this.works.length} item(s)`);
      this.poller.reset();
      this.setState({ kind: 'polling' });
      this.poller.off(); // a new session: drop a run that used the old one
      this.poller.on({ immediately: true });
    } else {
      this.stop(this.current.kind === 'authFailed' ? this.current : { kind: 'signedOut' });
    }
  }

  private listenerFailed(err: unknown): void {
    this.logger?.error(`Tracking: a listener failed: ${describe(err)}`);
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
    const round = await pollRound({ ctx: this.probeContext, session: (region) => this.connection.session(region), pacer: this.pacer, logger: this.logger }, this.works, signal);
    if (this.disposed || signal.aborted) {
      return false;
    }
    const finishedCount = this.finish(round.finished);
    if (round.authFailure !== undefined) {
      this.logger?.warn(`Tracking: the cloud refused the credentials; stopped following ${this.works.length} item(s) until the next sign-in: ${round.authFailure}`);
      this.stop({ kind: 'authFailed', message: round.authFailure });
    } else if (this.works.length === 0) {
      this.stop({ kind: 'idle' });
    }
    this.polled.fire();
    return finishedCount > 0;
  }

  /** Removes finished work, saves, and tells listeners once. Returns how many finished. */
  private finish(results: readonly WorkFinished[]): number {
    // Only what is still followed (an untrack during the poll may have taken it), oldest first.
    const byKey = new Map(results.map((d) => [targetKey(d.work), d]));
    const done = this.works.flatMap((w) => byKey.get(targetKey(w)) ?? []);
    if (done.length === 0) {
      return 0;
    }
    const keys = new Set(done.map((d) => targetKey(d.work)));
    this.works = this.works.filter((w) => !keys.has(targetKey(w)));
    this.recentlyFinished.add(keys, this.timers.now());
    this.store.save(this.works);
    done.forEach((d) => this.logger?.info(`Tracking: ${targetKey(d.work)} finished: ${d.outcome}${d.reason ? ` (${d.reason})` : ''}`));
    this.changed.fire();
    this.finished.fire(done);
    return done.length;
  }
}
