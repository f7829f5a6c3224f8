/**
 * The tree's data: every list the view shows (a region's vaults, a vault's backups, ...), loaded
 * a page at a time and cached. Plain TypeScript, no `vscode`: the provider renders from it, the
 * composition root feeds its page events to tracking, and unit tests drive it directly.
 */
import type { Backup, GaussBackup, GaussInstance, OperationLog, Policy, Vault, VaultResource } from '../../api';
import { Emitter, Event } from '../../common/emitter';

/** Which list, and what its items are. */
export type ListSpec =
  | { kind: 'vaults'; region: string }
  | { kind: 'vaultBackups'; region: string; vault: Vault }
  | { kind: 'resourceBackups'; region: string; vault: Vault; resource: VaultResource }
  | { kind: 'instances'; region: string }
  | { kind: 'instanceBackups'; region: string; instance: GaussInstance }
  | { kind: 'operations'; region: string }
  | { kind: 'policies'; region: string };

export interface ListItems {
  vaults: Vault;
  vaultBackups: Backup;
  resourceBackups: Backup;
  instances: GaussInstance;
  instanceBackups: GaussBackup;
  operations: OperationLog;
  policies: Policy;
}
export type ListKind = ListSpec['kind'];
export type SpecOf<K extends ListKind> = Extract<ListSpec, { kind: K }>;

export interface Page<T> {
  items: T[];
  /** What the cloud says the whole list holds. */
  total: number;
}

/** Fetches one page of a list from the cloud (items of the spec's kind). */
export type PageFetcher = (spec: ListSpec, offset: number, limit: number) => Promise<Page<unknown>>;

/** Fired once per page fetched from the cloud (never for a cached page). */
export interface FetchedPage {
  spec: ListSpec;
  items: readonly unknown[];
}

/** The identity of a list. */
export function listKey(spec: ListSpec): string {
  switch (spec.kind) {
    case 'vaults':
    case 'instances':
    case 'operations':
    case 'policies':
      return `${spec.kind}|${spec.region}`;
    case 'vaultBackups':
      return `${spec.kind}|${spec.region}|${spec.vault.id}`;
    case 'resourceBackups':
      return `${spec.kind}|${spec.region}|${spec.vault.id}|${spec.resource.id}`;
    case 'instanceBackups':
      return `${spec.kind}|${spec.region}|${spec.instance.id}`;
  }
}

/** Scopes whose refresh drops a list: its region, and the vault or instance it belongs to. */
export function ownersOf(spec: ListSpec): string[] {
  switch (spec.kind) {
    case 'vaults':
    case 'operations':
    case 'policies':
      return [regionScope(spec.region)];
    case 'instances':
      return [regionScope(spec.region), instancesScope(spec.region)];
    case 'vaultBackups':
    case 'resourceBackups':
      return [regionScope(spec.region), vaultScope(spec.region, spec.vault.id)];
    case 'instanceBackups':
      return [regionScope(spec.region), instancesScope(spec.region), instanceScope(spec.region, spec.instance.id)];
  }
}

export const regionScope = (region: string): string => `region|${region}`;
export const vaultScope = (region: string, vaultId: string): string => `vault|${region}|${vaultId}`;
export const instancesScope = (region: string): string => `instances|${region}`;
export const instanceScope = (region: string, instanceId: string): string => `instance|${region}|${instanceId}`;

interface Entry {
  spec: ListSpec;
  page?: Page<unknown>;
  /** The first page on its way: concurrent callers share it. */
  loading?: Promise<Page<unknown>>;
  /** A Load more on its way: a second click does nothing. */
  loadingMore?: boolean;
}

export class PagedLists {
  private readonly entries = new Map<string, Entry>();
  /** What a forgotten list showed, until its next load succeeds: a failed refresh keeps showing it. */
  private readonly lastShown = new Map<string, { spec: ListSpec; page: Page<unknown> }>();
  private readonly fetched: Emitter<FetchedPage>;
  readonly onDidFetchPage: Event<FetchedPage>;

  constructor(
    private readonly fetchPage: PageFetcher,
    private readonly pageSize: () => number,
    onListenerError?: (err: unknown) => void,
  ) {
    this.fetched = new Emitter<FetchedPage>(onListenerError);
    this.onDidFetchPage = this.fetched.event;
  }

  /** The list as loaded so far, without fetching. */
  peek<K extends ListKind>(spec: SpecOf<K>): Page<ListItems[K]> | undefined {
    return this.entries.get(listKey(spec))?.page as Page<ListItems[K]> | undefined;
  }

  /**
   * The loaded list, or its first page fetched now. Concurrent calls share one request; a page
   * that arrives after its list was forgotten is returned to its caller but not kept.
   */
  async first<K extends ListKind>(spec: SpecOf<K>): Promise<Page<ListItems[K]>> {
    const key = listKey(spec);
    const existing = this.entries.get(key);
    if (existing?.page) {
      return existing.page as Page<ListItems[K]>;
    }
    if (existing?.loading) {
      return (await existing.loading) as Page<ListItems[K]>;
    }
    const entry: Entry = { spec };
    const loading = this.fetchPage(spec, 0, this.pageSize()).then(
      (first) => {
        const page: Page<unknown> = { items: [...first.items], total: first.total };
        if (this.entries.get(key) === entry) {
          entry.page = page;
          entry.loading = undefined;
          this.lastShown.delete(key);
          this.fetched.fire({ spec, items: [...page.items] });
        }
        return page;
      },
      (err: unknown) => {
        if (this.entries.get(key) === entry) {
          this.entries.delete(key);
        }
        throw err;
      },
    );
    entry.loading = loading;
    this.entries.set(key, entry);
    return (await loading) as Page<ListItems[K]>;
  }

  /** Appends the next page. False when nothing was loaded (not loaded, already loading, forgotten). */
  async more(spec: ListSpec): Promise<boolean> {
    const key = listKey(spec);
    const entry = this.entries.get(key);
    if (!entry?.page || entry.loadingMore) {
      return false;
    }
    entry.loadingMore = true;
    try {
      const page = entry.page;
      const next = await this.fetchPage(spec, page.items.length, this.pageSize());
      if (this.entries.get(key) !== entry) {
        return false;
      }
      page.items.push(...next.items);
      page.total = next.total;
      this.fetched.fire({ spec, items: next.items });
      return true;
    } finally {
      entry.loadingMore = false;
    }
  }

  /**
   * Drops every list (loaded or loading) that `scope` owns; everything when omitted. What they
   * showed stays readable through `lastLoaded` until they load again, unless `discard` is set
   * (another account signed in: nothing of the old one may show).
   */
  forget(scope?: string, options: { discard?: boolean } = {}): void {
    if (options.discard) {
      for (const [key, shown] of this.lastShown) {
        if (scope === undefined || ownersOf(shown.spec).includes(scope)) {
          this.lastShown.delete(key);
        }
      }
    }
    for (const [key, entry] of this.entries) {
      if (scope === undefined || ownersOf(entry.spec).includes(scope)) {
        this.entries.delete(key);
        if (entry.page && !options.discard) {
          this.lastShown.set(key, { spec: entry.spec, page: entry.page });
        }
      }
    }
  }

  /** What the list showed before it was forgotten, while its new load has not succeeded. */
  lastLoaded<K extends ListKind>(spec: SpecOf<K>): Page<ListItems[K]> | undefined {
    return this.lastShown.get(listKey(spec))?.page as Page<ListItems[K]> | undefined;
  }

  /** Drops one list (loaded or loading). */
  forgetList(spec: ListSpec): void {
    this.entries.delete(listKey(spec));
  }

  /** Puts a fresh copy of an item where it is in a loaded list. False when the list does not hold it. */
  replace<K extends ListKind>(spec: SpecOf<K>, item: ListItems[K] & { id: string }): boolean {
    const page = this.entries.get(listKey(spec))?.page;
    const index = page ? page.items.findIndex((i) => (i as { id: string }).id === item.id) : -1;
    if (!page || index < 0) {
      return false;
    }
    page.items[index] = item;
    return true;
  }

  /** Takes an item the cloud no longer has out of a loaded list. */
  remove(spec: ListSpec, id: string): boolean {
    const page = this.entries.get(listKey(spec))?.page;
    const index = page ? page.items.findIndex((i) => (i as { id: string }).id === id) : -1;
    if (!page || index < 0) {
      return false;
    }
    page.items.splice(index, 1);
    page.total = Math.max(0, page.total - 1);
    return true;
  }

  dispose(): void {
    this.entries.clear();
    this.fetched.dispose();
  }
}
