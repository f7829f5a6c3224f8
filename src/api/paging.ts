/** Reading a paged list to the end, bounded, for pickers that must offer every item by name. */

export interface CollectedPages<T> {
  items: T[];
  /** What the cloud said the list holds. */
  total: number;
  /** False when `maxItems` stopped the reading before the end. */
  complete: boolean;
}

/**
 * Fetches pages of `pageSize` until the list ends or `maxItems` are read. A short page does not
 * end it (a service may cap the page size below what was asked); an empty one does, so a count
 * the cloud gets wrong cannot loop forever.
 */
export async function collectPages<T>(
  fetchPage: (offset: number, limit: number) => Promise<{ items: T[]; total: number }>,
  options: { pageSize: number; maxItems: number },
): Promise<CollectedPages<T>> {
  const items: T[] = [];
  let total = 0;
  for (;;) {
    const limit = Math.min(options.pageSize, options.maxItems - items.length);
    const page = await fetchPage(items.length, limit);
    items.push(...page.items);
    total = Math.max(page.total, items.length);
    if (items.length >= total || page.items.length === 0) {
      return { items, total, complete: true };
    }
    if (items.length >= options.maxItems) {
      return { items, total, complete: false };
    }
  }
}
