/**
 * The tracked ids in a Memento (`context.globalState`), so that tracking resumes after a window
 * reload. Only ids, labels and times are kept (never credentials); what is read back is
 * validated. Writes are coalesced: any number of changes in one turn of the event loop, or while
 * a write is on its way, become one more write.
 */
import * as z from 'zod/mini';
import { onFirstUse } from '../../api/schemas/primitives';
import { describe } from './errors';
import { MementoLike, targetKey, TrackedWork, TrackerLogger } from './types';

/** The globalState key of the tracked ids. */
export const TRACKING_STORE_KEY = 'cbr.tracking.v1';

/** Work older than this is dropped when loaded (it cannot still be running). */
const MAX_AGE_MS = 7 * 24 * 60 * 60_000;

const base = () => ({ region: z.string().check(z.minLength(1)), label: z.string(), startedAt: z.number(), jobId: z.optional(z.string().check(z.minLength(1))) });
const StoredWorkSchema = onFirstUse(() => z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('checkpoint'), vaultId: z.string().check(z.minLength(1)), checkpointId: z.string().check(z.minLength(1)), ...base() }),
  z.object({ kind: z.literal('gaussBackup'), instanceId: z.string().check(z.minLength(1)), backupId: z.string().check(z.minLength(1)), ...base() }),
  z.object({ kind: z.literal('restore'), vaultId: z.string().check(z.minLength(1)), backupId: z.string().check(z.minLength(1)), ...base() }),
  z.object({
    kind: z.literal('delete'),
    what: z.enum(['backups', 'vault', 'gaussBackups']),
    parentId: z.string().check(z.minLength(1)),
    items: z.array(z.object({ id: z.string().check(z.minLength(1)), name: z.string() })).check(z.minLength(1)),
    ...base(),
  }),
  z.object({ kind: z.literal('gaussRestore'), instanceId: z.string().check(z.minLength(1)), ...base() }),
  z.object({
    kind: z.literal('replication'),
    vaultId: z.string().check(z.minLength(1)),
    backupIds: z.array(z.string().check(z.minLength(1))).check(z.minLength(1)),
    destinationRegion: z.string().check(z.minLength(1)),
    destinationVaultId: z.string().check(z.minLength(1)),
    ...base(),
  }),
]));

interface StoredState {
  version: 1;
  items: TrackedWork[];
}

/** The known fields of a work, or undefined when it is malformed (whatever else it carries is dropped). */
export function storableWork(work: unknown): TrackedWork | undefined {
  const parsed = StoredWorkSchema.safeParse(work);
  if (!parsed.success) {
    return undefined;
  }
  const clean: TrackedWork = parsed.data;
  if (clean.jobId === undefined) {
    delete clean.jobId;
  }
  return clean;
}

export class TrackingStore {
  private pending: readonly TrackedWork[] | undefined;
  private writing = false;
  private scheduled = false;

  constructor(
    private readonly memento: MementoLike,
    private readonly logger?: TrackerLogger,
  ) {}

  /** What was stored, valid, at most a week old, each target once. */
  load(now: number): TrackedWork[] {
    const raw = this.memento.get<unknown>(TRACKING_STORE_KEY);
    const items = raw && typeof raw === 'object' && Array.isArray((raw as { items?: unknown }).items) ? (raw as { items: unknown[] }).items : [];
    const seen = new Set<string>();
    const out: TrackedWork[] = [];
    for (const item of items) {
      const work = storableWork(item);
      if (!work) {
        this.logger?.warn('Tracking: dropped a stored item that is not valid');
      } else if (now - work.startedAt > MAX_AGE_MS) {
        this.logger?.warn(`Tracking: dropped ${targetKey(work)}, started more than 7 days ago`);
      } else if (!seen.has(targetKey(work))) {
        seen.add(targetKey(work));
        out.push(work);
      }
    }
    return out;
  }

  /** Stores the items soon; only the last of several calls in a row is written. */
  save(items: readonly TrackedWork[]): void {
    this.pending = items;
    if (!this.scheduled && !this.writing) {
      this.scheduled = true;
      queueMicrotask(() => void this.drain());
    }
  }

  private async drain(): Promise<void> {
    this.scheduled = false;
    while (this.pending) {
      const value: StoredState = { version: 1, items: this.pending.map((w) => storableWork(w)).filter((w): w is TrackedWork => w !== undefined) };
      this.pending = undefined;
      this.writing = true;
      try {
        await this.memento.update(TRACKING_STORE_KEY, value);
      } catch (err) {
        this.logger?.warn(`Tracking: could not save the tracked items: ${describe(err)}`);
      } finally {
        this.writing = false;
      }
    }
  }
}
