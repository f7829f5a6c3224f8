/**
 * An interval runner with backoff: runs a task, waits, runs it again. The wait starts at
 * `initialMs` and grows by `factor` (up to `maxMs`) every time a run reports no change; a change,
 * or `reset()`, brings it back to `initialMs`. Each run gets an AbortSignal that fires after
 * `timeoutMs` or when the poller is switched off. No `vscode` here.
 */
import { realTimers, Timers } from './timers';
import { Disposable } from './types';

export interface BackoffOptions {
  /** First wait, and the wait after a change. */
  initialMs: number;
  /** The longest wait. */
  maxMs: number;
  /** How much the wait grows after a run without change. */
  factor: number;
  /** A run that takes longer than this is aborted. */
  timeoutMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 2_000, maxMs: 30_000, factor: 1.5, timeoutMs: 60_000 };

/** The task: resolves to true when something changed (the wait goes back to `initialMs`). */
export type PollTask = (signal: AbortSignal) => Promise<boolean>;

export class Poller implements Disposable {
  private readonly options: BackoffOptions;
  private delayMs: number;
  private timer: unknown;
  private active = false;
  private running: AbortController | undefined;
  private resetPending = false;
  private disposed = false;

  constructor(
    private readonly task: PollTask,
    options: Partial<BackoffOptions> = {},
    private readonly timers: Timers = realTimers,
    /** Told about a run that threw (the poller carries on and backs off). */
    private readonly onError: (err: unknown) => void = () => undefined,
  ) {
    this.options = { ...DEFAULT_BACKOFF, ...options };
    this.delayMs = this.options.initialMs;
  }

  /** Whether the poller is switched on (a run is scheduled or in progress). */
  get isOn(): boolean {
    return this.active;
  }

  /** The wait before the next run. */
  get currentDelayMs(): number {
    return this.delayMs;
  }

  /** Switches polling on (no-op when on). `immediately` runs the first time without waiting. */
  on(options: { immediately?: boolean } = {}): void {
    this.assertNotDisposed();
    if (this.active) {
      if (options.immediately && !this.running) {
        this.schedule(0);
      }
      return;
    }
    this.active = true;
    this.schedule(options.immediately ? 0 : this.delayMs);
  }

  /** Switches polling off and aborts a run in progress. */
  off(): void {
    this.active = false;
    this.clearTimer();
    this.running?.abort();
    this.running = undefined;
  }

  /** Back to the shortest wait; when on and waiting, the next run comes after `initialMs`. */
  reset(): void {
    this.assertNotDisposed();
    this.delayMs = this.options.initialMs;
    if (this.running) {
      this.resetPending = true;
    } else if (this.active) {
      this.schedule(this.delayMs);
    }
  }

  dispose(): void {
    this.off();
    this.disposed = true;
  }

  private schedule(ms: number): void {
    this.clearTimer();
    this.timer = this.timers.setTimeout(() => {
      this.timer = undefined;
      void this.run();
    }, ms);
  }

  private clearTimer(): void {
    if (this.timer !== undefined) {
      this.timers.clearTimeout(this.timer);
      this.timer = undefined;
    }
  }

  private async run(): Promise<void> {
    if (!this.active || this.running) {
      return;
    }
    const controller = new AbortController();
    this.running = controller;
    this.resetPending = false;
    const timeout = this.timers.setTimeout(() => controller.abort(), this.options.timeoutMs);
    let changed = false;
    try {
      changed = await this.task(controller.signal);
    } catch (err) {
      if (!controller.signal.aborted) {
        this.onError(err);
      }
    } finally {
      this.timers.clearTimeout(timeout);
    }
    if (this.running !== controller) {
      return; // switched off (and maybe on again) while running
    }
    this.running = undefined;
    if (!this.active || this.disposed) {
      return;
    }
    if (changed || this.resetPending) {
      this.delayMs = this.options.initialMs;
    } else {
      this.delayMs = Math.min(this.options.maxMs, Math.round(this.delayMs * this.options.factor));
    }
    this.resetPending = false;
    this.schedule(this.delayMs);
  }

  private assertNotDisposed(): void {
    if (this.disposed) {
      throw new Error('Poller used after dispose');
    }
  }
}
