/** Test doubles for the tracking unit tests: a manual clock, a memory Memento, a connection over the emulator. */
import { CloudSession, Credentials } from '../../src/api';
import { Emitter } from '../../src/tracking/core/emitter';
import { Timers } from '../../src/tracking/core/timers';
import { TrackerConnection, WorkTracker } from '../../src/tracking/core/tracker';
import { FinishedBatch, MementoLike } from '../../src/tracking/core/types';
import type { RunningEmulator } from '../emulator';

interface PendingTimer {
  id: number;
  at: number;
  ms: number;
  fn: () => void;
}

/** Timers that only move when the test says so. */
export class FakeTimers implements Timers {
  /** `start`: the clock's first reading (tests against the emulator start it at the real time). */
  constructor(start = 1_700_000_000_000) {
    this.clock = start;
  }

  private clock: number;
  private nextId = 1;
  private pending: PendingTimer[] = [];
  /** Every delay passed to setTimeout, in order. */
  readonly scheduled: number[] = [];

  now(): number {
    return this.clock;
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const timer = { id: this.nextId++, at: this.clock + ms, ms, fn };
    this.pending.push(timer);
    this.scheduled.push(ms);
    return timer.id;
  }

  clearTimeout(handle: unknown): void {
    this.pending = this.pending.filter((t) => t.id !== handle);
  }

  /** Pending timers, earliest first. */
  get queue(): readonly { ms: number; dueIn: number }[] {
    return [...this.pending].sort((a, b) => a.at - b.at || a.id - b.id).map((t) => ({ ms: t.ms, dueIn: t.at - this.clock }));
  }

  /** Moves the clock forward, running every timer that comes due on the way. */
  advance(ms: number): void {
    const until = this.clock + ms;
    for (;;) {
      const due = [...this.pending].sort((a, b) => a.at - b.at || a.id - b.id).find((t) => t.at <= until);
      if (!due) {
        break;
      }
      this.pending = this.pending.filter((t) => t !== due);
      this.clock = Math.max(this.clock, due.at);
      due.fn();
    }
    this.clock = until;
  }

  /** Runs the earliest timer (moving the clock to it); returns its delay. */
  runNext(): number {
    const next = this.queue[0];
    if (!next) {
      throw new Error('no timer pending');
    }
    this.advance(next.dueIn);
    return next.ms;
  }
}

/** `context.globalState` in memory; values are copied in and out as VS Code serializes them. */
export class MemoryStore implements MementoLike {
  readonly data = new Map<string, unknown>();
  writes = 0;

  get<T>(key: string): T | undefined {
    const v = this.data.get(key);
    return v === undefined ? undefined : (JSON.parse(JSON.stringify(v)) as T);
  }

  update(key: string, value: unknown): Promise<void> {
    this.writes += 1;
    this.data.set(key, value === undefined ? undefined : JSON.parse(JSON.stringify(value)));
    return Promise.resolve();
  }
}

export const PASSWORD: Credentials = { kind: 'password', domainName: 'demo-domain', userName: 'demo-user', password: 'Demo-Passw0rd!' };

/** A CloudConnection stand-in: signed in with the demo password, one session per region. */
export class EmulatorConnection implements TrackerConnection {
  state: { kind: string } = { kind: 'signedIn' };
  private readonly changed = new Emitter<{ kind: string }>();
  readonly onDidChange = this.changed.event;
  private sessions = new Map<string, CloudSession>();

  constructor(private readonly emu: RunningEmulator) {}

  session(region: string): CloudSession {
    let s = this.sessions.get(region);
    if (!s) {
      s = CloudSession.create({ cloud: 'custom', region, endpointOverrides: this.emu.endpoints, credentials: PASSWORD, retry: { baseDelayMs: 5, maxDelayMs: 20 } });
      this.sessions.set(region, s);
    }
    return s;
  }

  /** As CloudConnection.reload does: new sessions, then the event. */
  set(kind: 'signedIn' | 'signedOut'): void {
    this.sessions = new Map();
    this.state = { kind };
    this.changed.fire(this.state);
  }
}

export async function until(what: string, probe: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** A logger that keeps its lines. */
export function memoryLogger(): { lines: string[]; info(m: string): void; warn(m: string): void; error(m: string): void } {
  const lines: string[] = [];
  return { lines, info: (m) => lines.push(m), warn: (m) => lines.push(`WARN ${m}`), error: (m) => lines.push(`ERROR ${m}`) };
}

/** Lets queued microtasks and callbacks (a coalesced store write, say) go through. */
export const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Every item the tracker reports finished, flattened from its per-poll batches. */
export function finishes(tracker: WorkTracker): FinishedBatch[number][] {
  const list: FinishedBatch[number][] = [];
  tracker.onDidFinish((batch) => list.push(...batch));
  return list;
}

/** Timers shorter than this are pacing waits, run while a poll is on its way (the run timeout is longer). */
const PACING_TIMER_MS = 5_000;

/**
 * Polls now (as `pollNow` does, through the tracker's own poller) and waits for that poll to
 * complete, moving the fake clock through any pacing waits on the way.
 * @returns whether anything finished.
 */
export async function pollOnce(tracker: WorkTracker, timers: FakeTimers): Promise<boolean> {
  if (tracker.items.length === 0) {
    return false;
  }
  let polled = false;
  let finished = false;
  const subscriptions = [tracker.onDidPoll(() => (polled = true)), tracker.onDidFinish(() => (finished = true))];
  try {
    tracker.pollNow();
    for (let turns = 0; !polled; turns++) {
      const next = timers.queue[0];
      if (next && next.ms < PACING_TIMER_MS) {
        timers.runNext();
      }
      if (polled) {
        break;
      }
      if (turns > 20_000) {
        throw new Error('timed out waiting for the poll to complete');
      }
      await settle();
    }
  } finally {
    subscriptions.forEach((s) => s.dispose());
  }
  return finished;
}
