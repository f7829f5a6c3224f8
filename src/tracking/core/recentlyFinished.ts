/** Targets that finished lately: a tree page read before they finished must not bring them back. */
export class RecentlyFinished {
  private readonly at = new Map<string, number>();

  constructor(private readonly forMs: number) {}

  has(key: string, now: number): boolean {
    const finishedAt = this.at.get(key);
    return finishedAt !== undefined && now - finishedAt < this.forMs;
  }

  add(keys: Iterable<string>, now: number): void {
    for (const [key, finishedAt] of this.at) {
      if (now - finishedAt > this.forMs) {
        this.at.delete(key);
      }
    }
    for (const key of keys) {
      this.at.set(key, now);
    }
  }
}
