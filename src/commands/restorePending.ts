/**
 * Restores waiting for their safety restore point, remembered in globalState so that a window
 * reload in between never leads to a restore sent silently afterwards: on the next start the user
 * is asked again. Ids and names only, never credentials. No `vscode`.
 */
import * as z from 'zod/mini';
import { onFirstUse } from '../api';

export const PENDING_RESTORES_KEY = 'cbr.pendingRestores';

/** An intent older than this is dropped: the user is not asked about last week's restore. */
const MAX_AGE_MS = 24 * 60 * 60_000;

const PendingRestoreSchema = onFirstUse(() => z.object({
  region: z.string().check(z.minLength(1)),
  vaultId: z.string().check(z.minLength(1)),
  backupId: z.string().check(z.minLength(1)),
  backupName: z.string(),
  targetName: z.string(),
  startedAt: z.number(),
}));
export type PendingRestore = z.infer<typeof PendingRestoreSchema>;

/** The part of `vscode.Memento` used here. */
export interface PendingMemento {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

export class PendingRestores {
  constructor(
    private readonly memento: PendingMemento,
    private readonly now: () => number = Date.now,
  ) {}

  /** What is remembered, unreadable and stale entries left out. */
  list(): PendingRestore[] {
    const stored = this.memento.get<unknown>(PENDING_RESTORES_KEY);
    if (!Array.isArray(stored)) {
      return [];
    }
    return stored.flatMap((s) => {
      const parsed = PendingRestoreSchema.safeParse(s);
      return parsed.success && this.now() - parsed.data.startedAt < MAX_AGE_MS ? [parsed.data] : [];
    });
  }

  async add(p: PendingRestore): Promise<void> {
    await this.memento.update(PENDING_RESTORES_KEY, [...this.list().filter((e) => e.backupId !== p.backupId), PendingRestoreSchema.parse(p)]);
  }

  async remove(backupId: string): Promise<void> {
    await this.memento.update(PENDING_RESTORES_KEY, this.list().filter((e) => e.backupId !== backupId));
  }
}
