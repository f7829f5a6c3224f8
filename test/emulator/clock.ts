/**
 * Emulator time: real time plus an offset that tests move forward with `advance`.
 * Every status that changes over time is computed lazily from this clock, so advancing it
 * is instant and nothing runs in the background.
 */
export class Clock {
  private offsetMs = 0;

  now(): number {
    return Date.now() + this.offsetMs;
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) {
      throw new RangeError(`advance: ms must be a non-negative number, got ${ms}`);
    }
    this.offsetMs += ms;
  }

  get offset(): number {
    return this.offsetMs;
  }

  reset(): void {
    this.offsetMs = 0;
  }
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** CBR form, UTC without zone and with microseconds: `2020-02-05T10:38:34.209782`. */
export function cbrTime(ms: number): string {
  const d = new Date(ms);
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}000`
  );
}

/** GaussDB form, offset without colon: `2020-07-07T01:17:05+0000` (always UTC here). */
export function gaussTime(ms: number): string {
  const d = new Date(ms);
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}+0000`
  );
}

/** IAM form: `2020-01-04T09:05:22.701000Z`. */
export function iamTime(ms: number): string {
  return `${cbrTime(ms)}Z`;
}

/**
 * Parses any of the timestamp forms the clouds use (CBR without zone = UTC, `+0800`, `+08:00`,
 * `Z`, `_0800`). Returns NaN when unparseable.
 */
export function parseCloudTime(text: string): number {
  let s = text.trim().replace(/_(\d{4})$/, '+$1');
  s = s.replace(/([+-])(\d{2})(\d{2})$/, '$1$2:$3');
  // Microseconds are more precision than Date.parse accepts everywhere.
  s = s.replace(/(\.\d{3})\d+/, '$1');
  if (!/(Z|[+-]\d{2}:\d{2})$/.test(s)) {
    s += 'Z';
  }
  return Date.parse(s);
}
