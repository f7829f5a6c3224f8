/** Test doubles for the tracking unit tests: a manual clock, a memory Memento, a connection over the emulator. */
import { Backup, CloudApiError, CloudSession, Credentials, ErrorKind, GaussBackup, GaussInstance } from '../../src/api';
import { Emitter } from '../../src/common/emitter';
import { Timers } from '../../src/tracking/core/timers';
import type { TrackerSession } from '../../src/tracking/core/probes';
import { TrackerConnection, WorkTracker } from '../../src/tracking/core/tracker';
import { FinishedBatch, MementoLike, TrackedWork } from '../../src/tracking/core/types';
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

// ------------------------------------------------------------------ a scripted cloud, no network

type Call = { op: string; region: string; query: Record<string, unknown> };

/**
 * A TrackerConnection over an in-memory cloud: restore points are protecting until `finish`
 * says otherwise, and `failNext` makes a chosen call throw (a 429, a 404, a 401) once or more.
 */
export class ScriptedCloud implements TrackerConnection {
  state: { kind: string } = { kind: 'signedIn' };
  private readonly changed = new Emitter<{ kind: string }>();
  readonly onDidChange = this.changed.event;
  readonly calls: Call[] = [];
  /** checkpointId → its vault and status. */
  readonly checkpoints = new Map<string, { region: string; vaultId: string; status: 'protecting' | 'available' | 'error' }>();
  /** backupId → its instance and status. */
  readonly gaussBackups = new Map<string, { region: string; instanceId: string; status: string; beginTime: Date }>();
  private readonly faults: { match: (c: Call) => boolean; error: () => unknown; times: number }[] = [];
  /** GaussDB jobs by id (absent: Running) and instance statuses by id (absent: not listed). */
  readonly gaussJobs = new Map<string, { status: string; failReason?: string }>();
  readonly gaussInstanceStatus = new Map<string, string>();

  set(kind: 'signedIn' | 'signedOut'): void {
    this.state = { kind };
    this.changed.fire(this.state);
  }

  protecting(region: string, vaultId: string, checkpointId: string): void {
    this.checkpoints.set(checkpointId, { region, vaultId, status: 'protecting' });
  }

  finish(checkpointId: string, status: 'available' | 'error' = 'available'): void {
    const cp = this.checkpoints.get(checkpointId);
    if (cp) {
      cp.status = status;
    }
  }

  /** The next `times` calls that match throw the error. */
  failNext(match: (c: Call) => boolean, error: () => unknown, times = 1): void {
    this.faults.push({ match, error, times });
  }

  count(op: string, region?: string): number {
    return this.calls.filter((c) => c.op === op && (region === undefined || c.region === region)).length;
  }

  session(region: string): TrackerSession {
    const call = async <T>(op: string, query: Record<string, unknown>, answer: () => T): Promise<T> => {
      await Promise.resolve();
      const c = { op, region, query };
      this.calls.push(c);
      const fault = this.faults.find((f) => f.times > 0 && f.match(c));
      if (fault) {
        fault.times -= 1;
        throw fault.error();
      }
      return answer();
    };
    const backup = (checkpointId: string, status: string) => ({ id: `b-${checkpointId}`, name: `b-${checkpointId}`, checkpointId, status, replicationRecords: [] }) as unknown as Backup;
    return {
      cbr: {
        listBackups: (q = {}) =>
          call('cbr.listBackups', { ...q }, () => {
            const matching = [...this.checkpoints].filter(([id, cp]) => cp.region === region && (q.vaultId === undefined || cp.vaultId === q.vaultId) && (q.checkpointId === undefined || id === q.checkpointId));
            const statuses = q.status === undefined ? undefined : [q.status].flat();
            const backups = matching.filter(([, cp]) => !statuses || statuses.includes(cp.status)).map(([id, cp]) => backup(id, cp.status));
            return { backups, count: backups.length, limit: undefined, offset: undefined };
          }),
        showCheckpoint: (id) => call('cbr.showCheckpoint', { id }, () => ({ id, status: this.checkpoints.get(id)?.status ?? 'available' }) as never),
        listOperationLogs: (q = {}) => call('cbr.listOperationLogs', { ...q }, () => ({ operationLogs: [], count: 0 }) as never),
        listReplicationLogs: (q) => call('cbr.listReplicationLogs', { ...q }, () => []),
        listRestoreLogs: (q) => call('cbr.listRestoreLogs', { ...q }, () => []),
        showVault: (id) => call('cbr.showVault', { id }, () => ({ id }) as never),
      },
      gaussdb: {
        listBackups: (q = {}) =>
          call('gaussdb.listBackups', { ...q }, () => {
            const backups = [...this.gaussBackups].filter(([, b]) => b.region === region && b.instanceId === q.instanceId).map(([id, b]) => ({ id, name: id, status: b.status, beginTime: b.beginTime, raw: {} }) as unknown as GaussBackup);
            return { backups, totalCount: backups.length };
          }),
        showJob: (id) => call('gaussdb.showJob', { id }, () => ({ id, status: 'Running', ...this.gaussJobs.get(id) }) as never),
        listInstances: (q = {}) =>
          call('gaussdb.listInstances', { ...q }, () => {
            const instances = [...this.gaussInstanceStatus].filter(([id]) => q.id === undefined || id === q.id).map(([id, status]) => ({ id, name: id, status, privateIps: [], raw: {} }) as unknown as GaussInstance);
            return { instances, totalCount: instances.length };
          }),
      },
    };
  }
}

/** A CloudApiError as the API layer throws it. */
export function cloudError(kind: ErrorKind, init: { errorCode?: string; httpStatus?: number; retryAfterMs?: number; message?: string } = {}): CloudApiError {
  return new CloudApiError({ kind, operation: 'test', message: init.message ?? `${kind} (test)`, ...init });
}

/** A checkpoint work in `vaultId`. */
export function checkpointWork(region: string, vaultId: string, checkpointId: string, startedAt = 1_700_000_000_000): Extract<TrackedWork, { kind: 'checkpoint' }> {
  return { kind: 'checkpoint', region, vaultId, checkpointId, label: `cp-${checkpointId}`, startedAt };
}
