/**
 * A gateway rate limit: at most `perSecond` requests per region in each one-second window, the
 * rest refused with 429 `APIG.0308` as API Gateway does ("The throttling threshold has been
 * reached: policy user over ratelimit,limit:XX,time:1 second", Huawei Cloud API Gateway FAQ),
 * with or without `Retry-After`. The window is real time, not emulator time.
 */
export interface RateLimitSpec {
  perSecond: number;
  /** Seconds to announce in `Retry-After`; none when omitted. */
  retryAfter?: number;
  /** Only this region (IAM counts as `global`); every region when omitted. */
  region?: string;
}

export function parseRateLimit(input: unknown): RateLimitSpec | string {
  if (typeof input !== 'object' || input === null) {
    return 'rate limit must be {perSecond, retryAfter?, region?}';
  }
  const r = input as Record<string, unknown>;
  for (const key of Object.keys(r)) {
    if (!['perSecond', 'retryAfter', 'region'].includes(key)) {
      return `unknown rate limit field "${key}"`;
    }
  }
  if (typeof r.perSecond !== 'number' || !Number.isInteger(r.perSecond) || r.perSecond < 1 || r.perSecond > 100_000) {
    return 'perSecond must be an integer from 1 to 100000';
  }
  if (r.retryAfter !== undefined && (typeof r.retryAfter !== 'number' || !Number.isInteger(r.retryAfter) || r.retryAfter < 0 || r.retryAfter > 3600)) {
    return 'retryAfter must be an integer number of seconds from 0 to 3600';
  }
  if (r.region !== undefined && typeof r.region !== 'string') {
    return 'region must be a string';
  }
  return { perSecond: r.perSecond, retryAfter: r.retryAfter, region: r.region };
}

export class RateLimiter {
  private spec: RateLimitSpec | undefined;
  private readonly windows = new Map<string, { startMs: number; used: number }>();

  set(spec: RateLimitSpec | undefined): void {
    this.spec = spec;
    this.windows.clear();
  }

  get current(): RateLimitSpec | undefined {
    return this.spec ? { ...this.spec } : undefined;
  }

  /** Counts one request; the 429 to send when it is over the limit, else undefined. */
  admit(region: string, nowMs: number, requestId: string): { status: number; body: unknown; headers: Record<string, string> } | undefined {
    const spec = this.spec;
    if (!spec || (spec.region !== undefined && spec.region !== region)) {
      return undefined;
    }
    let w = this.windows.get(region);
    if (!w || nowMs - w.startMs >= 1000) {
      w = { startMs: nowMs, used: 0 };
      this.windows.set(region, w);
    }
    w.used += 1;
    if (w.used <= spec.perSecond) {
      return undefined;
    }
    return {
      status: 429,
      body: { error_code: 'APIG.0308', error_msg: `The throttling threshold has been reached: policy user over ratelimit,limit:${spec.perSecond},time:1 second`, request_id: requestId },
      headers: spec.retryAfter === undefined ? {} : { 'Retry-After': String(spec.retryAfter) },
    };
  }
}
