/**
 * Moves every timestamp in a seed by the same amount so that its newest one lies a little before
 * `now`: the demo's restore points then read "2 hours ago" rather than "a year ago", whatever the
 * date. Each timestamp keeps its own wire format (CBR `2020-02-05T10:38:34.209782`, GaussDB
 * `2020-07-07T01:17:05+0000`, ISO with `Z`).
 */
import type { SeedData } from './types';

const TIMESTAMP = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/;

function parse(value: string): number | undefined {
  const m = TIMESTAMP.exec(value);
  if (!m) {
    return undefined;
  }
  const zone = m[3] ?? 'Z';
  const normalizedZone = zone === 'Z' ? 'Z' : zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const fraction = m[2] ? m[2].slice(0, 4) : '';
  const ms = Date.parse(`${m[1]}${fraction}${normalizedZone}`);
  return Number.isNaN(ms) ? undefined : ms;
}

function format(original: string, ms: number): string {
  const m = TIMESTAMP.exec(original);
  if (!m) {
    return original;
  }
  const zone = m[3];
  let offsetMinutes = 0;
  if (zone && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.replace(/[+:-]/g, '');
    offsetMinutes = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
  }
  const local = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 19);
  const fractionDigits = m[2] ? m[2].length - 1 : 0;
  const fraction = m[2] ? `.${String(ms % 1000).padStart(3, '0')}${m[2].slice(4)}`.slice(0, fractionDigits + 1) : '';
  return `${local}${fraction}${zone ?? ''}`;
}

function walk(value: unknown, visit: (s: string) => string): unknown {
  if (typeof value === 'string') {
    return visit(value);
  }
  if (Array.isArray(value)) {
    return value.map((v) => walk(v, visit));
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, visit)]));
  }
  return value;
}

export function rebaseSeedTimestamps(seed: SeedData, now: number, newestAgoMs = 2 * 3600_000): SeedData {
  let newest = -Infinity;
  walk(seed, (s) => {
    const ms = parse(s);
    if (ms !== undefined && ms > newest) {
      newest = ms;
    }
    return s;
  });
  if (!Number.isFinite(newest)) {
    return seed;
  }
  const shift = now - newestAgoMs - newest;
  return walk(seed, (s) => {
    const ms = parse(s);
    return ms === undefined ? s : format(s, ms + shift);
  }) as SeedData;
}
