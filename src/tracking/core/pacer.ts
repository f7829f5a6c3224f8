/**
 * Paces the tracker's requests per region (a token bucket: a burst, then a steady rate), and keeps
 * a region alone after a 429 until the time the cloud asked for. Gateways limit per region, so
 * one throttled region never slows another.
 */
import { sleep, Timers } from './timers';

export interface PaceOptions {
  /** Requests per second per region once the burst is spent. */
  requestsPerSecond: number;
  /** Requests sent at once before pacing starts. */
  burst: number;
}

export const DEFAULT_PACE: PaceOptions = { requestsPerSecond: 10, burst: 20 };

/** Thrown to a request made while its region is on hold: nothing was sent. */
export class RegionOnHold extends Error {
  constructor(readonly region: string) {
    super(`Tracking: ${region} is on hold after a 429`);
  }
}

export class RegionPacer {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly holds = new Map<string, number>();
  private readonly options: PaceOptions;

  constructor(
    private readonly timers: Timers,
    options: Partial<PaceOptions> = {},
  ) {
    this.options = { ...DEFAULT_PACE, ...options };
  }

  /** Whether requests to the region wait for a Retry-After to pass. */
  isOnHold(region: string): boolean {
    const until = this.holds.get(region);
    if (until !== undefined && until <= this.timers.now()) {
      this.holds.delete(region);
      return false;
    }
    return until !== undefined;
  }

  /** Sends nothing to the region for `ms` (a longer hold already set stays). */
  hold(region: string, ms: number): void {
    const until = this.timers.now() + ms;
    this.holds.set(region, Math.max(until, this.holds.get(region) ?? 0));
  }

  /** Waits for the region's turn; throws RegionOnHold while it is on hold. */
  async take(region: string, signal: AbortSignal): Promise<void> {
    for (;;) {
      if (this.isOnHold(region)) {
        throw new RegionOnHold(region);
      }
      const bucket = this.refilled(region);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return;
      }
      await sleep(this.timers, Math.ceil(((1 - bucket.tokens) * 1000) / this.options.requestsPerSecond), signal);
    }
  }

  private refilled(region: string): { tokens: number; at: number } {
    const now = this.timers.now();
    const bucket = this.buckets.get(region) ?? { tokens: this.options.burst, at: now };
    bucket.tokens = Math.min(this.options.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.options.requestsPerSecond);
    bucket.at = now;
    this.buckets.set(region, bucket);
    return bucket;
  }
}
