/**
 * Policy schedules: the RRULE patterns of a policy's trigger, checked as the API checks them,
 * turned into time points in the policy's time zone, and their next run times.
 *
 * The rules (huaweicloud-sdk-go-v3 services/cbr/v1/model/model_policy_trigger_properties_req.go;
 * OTC cloud-backup-recovery api-ref cbr_apis/policies/creating_a_policy.rst, PolicyTriggerPropertiesReq):
 * iCalendar RFC 2445 rules with only FREQ (WEEKLY or DAILY), BYDAY (MO..SU), BYHOUR (0–23),
 * BYMINUTE (0–59) and INTERVAL; at most 24 rules; time points at least one hour apart and at
 * most 24 a day. The example "14:00 (UTC) from Monday to Sunday" is `BYHOUR=14`: pattern times
 * are UTC, and `operation_definition.timezone` (`UTC+08:00`) is the user's zone they are shown in.
 *
 * Parsing and occurrences come from the `rrule` library (loaded on first use, see rrule.ts),
 * not from hand-written parsing.
 */
import type { Options } from 'rrule';
import { loadRrule } from './rrule';
import type { Translate } from './validation';

const english: Translate = (template, ...args) => template.replace(/\{(\d+)\}/g, (whole, i: string) => String(args[Number(i)] ?? whole));

/** Monday = 0 … Sunday = 6 (rrule's weekday numbers). */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;
export const ALL_DAYS: readonly Weekday[] = [0, 1, 2, 3, 4, 5, 6];
export const DAY_CODES = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

export const MAX_PATTERNS = 24;
export const MAX_POINTS_PER_DAY = 24;
const MINUTES_PER_DAY = 24 * 60;
const MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;
const ALLOWED_KEYS = new Set<keyof Options>(['freq', 'byweekday', 'byhour', 'byminute', 'interval']);
/** The console's "every 1 to 30 days" (OTC umn policy_management/creating_a_backup_policy.rst). */
export const MAX_INTERVAL = 30;

/** One pattern as the API reads it (times UTC). */
export interface ParsedPattern {
  source: string;
  freq: 'WEEKLY' | 'DAILY';
  days: Weekday[];
  hours: number[];
  minutes: number[];
  interval: number;
}

export type Parsed = { ok: true; pattern: ParsedPattern } | { ok: false; message: string };

const asList = (v: unknown): unknown[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);
const wholeIn = (v: unknown, min: number, max: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

/** Reads one pattern with rrule and refuses what the API refuses. */
export function parsePattern(source: string, t: Translate = english): Parsed {
  const { RRule } = loadRrule();
  const text = source.trim();
  let options: Partial<Options>;
  try {
    options = RRule.parseString(text);
  } catch {
    return { ok: false, message: t('"{0}" is not a schedule rule (FREQ=…;BYDAY=…;BYHOUR=…;BYMINUTE=…).', source) };
  }
  const extra = Object.keys(options).filter((k) => !ALLOWED_KEYS.has(k as keyof Options));
  if (extra.length > 0) {
    return { ok: false, message: t('"{0}": only FREQ, BYDAY, BYHOUR, BYMINUTE and INTERVAL are allowed.', source) };
  }
  const freq = options.freq === RRule.WEEKLY ? 'WEEKLY' : options.freq === RRule.DAILY ? 'DAILY' : undefined;
  if (!freq) {
    return { ok: false, message: t('"{0}": FREQ must be WEEKLY or DAILY.', source) };
  }
  const weekdays = asList(options.byweekday);
  const days: Weekday[] = [];
  for (const w of weekdays) {
    // A weekday with an ordinal ("1MO") is RFC 2445 but not something the API takes.
    const day = typeof w === 'object' && w !== null && 'weekday' in w && (w as { n?: number }).n === undefined ? (w as { weekday: number }).weekday : undefined;
    if (!wholeIn(day, 0, 6)) {
      return { ok: false, message: t('"{0}": BYDAY takes MO, TU, WE, TH, FR, SA and SU.', source) };
    }
    if (!days.includes(day as Weekday)) {
      days.push(day as Weekday);
    }
  }
  if (freq === 'WEEKLY' && days.length === 0) {
    return { ok: false, message: t('"{0}": a weekly rule needs BYDAY (the days it runs).', source) };
  }
  const hours = asList(options.byhour);
  const minutes = asList(options.byminute);
  if (hours.length === 0 || minutes.length === 0) {
    return { ok: false, message: t('"{0}": BYHOUR and BYMINUTE say when it runs; both are needed.', source) };
  }
  if (!hours.every((h) => wholeIn(h, 0, 23))) {
    return { ok: false, message: t('"{0}": BYHOUR takes hours from 0 to 23.', source) };
  }
  if (!minutes.every((m) => wholeIn(m, 0, 59))) {
    return { ok: false, message: t('"{0}": BYMINUTE takes minutes from 0 to 59.', source) };
  }
  const interval = options.interval ?? 1;
  if (!wholeIn(interval, 1, MAX_INTERVAL)) {
    return { ok: false, message: t('"{0}": INTERVAL takes 1 to {1}.', source, MAX_INTERVAL) };
  }
  const sortNum = (a: number, b: number): number => a - b;
  return {
    ok: true,
    pattern: {
      source: text,
      freq,
      days: (days.length > 0 ? days : [...ALL_DAYS]).sort(sortNum),
      hours: [...new Set(hours)].sort(sortNum),
      minutes: [...new Set(minutes)].sort(sortNum),
      interval,
    },
  };
}

/** Minutes since Monday 00:00 UTC of every point of a pattern in a week (INTERVAL aside). */
function weekMinutes(p: ParsedPattern): number[] {
  return p.days.flatMap((d) => p.hours.flatMap((h) => p.minutes.map((m) => d * MINUTES_PER_DAY + h * 60 + m)));
}

/**
 * Why the API would refuse these patterns, or undefined: each one readable and allowed, 1 to 24
 * rules, at most 24 time points a day and at least an hour between two points.
 */
export function validatePolicyPatterns(patterns: readonly string[], t: Translate = english): string | undefined {
  if (patterns.length === 0) {
    return t('Choose at least one time.');
  }
  if (patterns.length > MAX_PATTERNS) {
    return t('At most {0} schedule rules are allowed (there are {1}).', MAX_PATTERNS, patterns.length);
  }
  const parsed: ParsedPattern[] = [];
  for (const source of patterns) {
    const r = parsePattern(source, t);
    if (!r.ok) {
      return r.message;
    }
    parsed.push(r.pattern);
  }
  const points = [...new Set(parsed.flatMap(weekMinutes))].sort((a, b) => a - b);
  for (const day of ALL_DAYS) {
    const count = points.filter((m) => Math.floor(m / MINUTES_PER_DAY) === day).length;
    if (count > MAX_POINTS_PER_DAY) {
      return t('At most {0} times a day are allowed ({1} has {2}).', MAX_POINTS_PER_DAY, DAY_CODES[day], count);
    }
  }
  // The gap from the last point of the week wraps round to the first of the next week.
  for (let i = 0; i < points.length && points.length > 1; i += 1) {
    const a = points[i];
    const b = i + 1 < points.length ? points[i + 1] : points[0] + MINUTES_PER_WEEK;
    if (b - a < 60) {
      return t('Two times are {0} minutes apart ({1} and {2}); they must be at least an hour apart.', b - a, clock(a), clock(b));
    }
  }
  return undefined;
}

const pad = (n: number): string => String(n).padStart(2, '0');
/** `HH:MM` of a minute of the day (or week). */
export function clock(minutes: number): string {
  const m = ((minutes % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY;
  return `${pad(Math.floor(m / 60))}:${pad(m % 60)}`;
}

const OFFSET = /^UTC([+-])(\d{2}):(\d{2})$/;
/** Minutes east of UTC of `UTC+08:00`, or undefined when it is not one. */
export function parseUtcOffset(zone: string | undefined): number | undefined {
  const m = zone === undefined ? null : OFFSET.exec(zone.trim());
  if (!m) {
    return undefined;
  }
  const hours = Number(m[2]);
  const minutes = Number(m[3]);
  if (hours > 14 || minutes > 59) {
    return undefined;
  }
  return (m[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

/** `UTC+08:00` of an offset in minutes. */
export function formatUtcOffset(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `UTC${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** Times that run on the same days, in the zone they are shown in: "Mon, Wed, Fri at 22:30". */
export interface ScheduleGroup {
  days: Weekday[];
  /** `HH:MM`, ascending. */
  times: string[];
  /** Every N days (DAILY with INTERVAL > 1); 1 otherwise. */
  interval: number;
}

/**
 * The patterns as groups of times that share their days, shifted into the zone `offsetMinutes`
 * east of UTC (a point may move to the day before or after). Unreadable patterns are skipped.
 */
export function scheduleGroups(patterns: readonly string[], offsetMinutes = 0): ScheduleGroup[] {
  const byTime = new Map<string, { days: Set<Weekday>; interval: number }>();
  for (const source of patterns) {
    const r = parsePattern(source);
    if (!r.ok) {
      continue;
    }
    for (const point of weekMinutes(r.pattern)) {
      const local = (((point + offsetMinutes) % MINUTES_PER_WEEK) + MINUTES_PER_WEEK) % MINUTES_PER_WEEK;
      const time = clock(local);
      const key = `${r.pattern.interval}|${time}`;
      const entry = byTime.get(key) ?? { days: new Set<Weekday>(), interval: r.pattern.interval };
      entry.days.add(Math.floor(local / MINUTES_PER_DAY) as Weekday);
      byTime.set(key, entry);
    }
  }
  const groups = new Map<string, ScheduleGroup>();
  for (const [key, { days, interval }] of [...byTime].sort(([a], [b]) => a.localeCompare(b))) {
    const sortedDays = [...days].sort((a, b) => a - b);
    const groupKey = `${interval}|${sortedDays.join(',')}`;
    const group = groups.get(groupKey) ?? { days: sortedDays, times: [], interval };
    group.times.push(key.split('|')[1]);
    groups.set(groupKey, group);
  }
  // Every-day groups first, then by their first day.
  return [...groups.values()].sort((a, b) => b.days.length - a.days.length || a.days[0] - b.days[0] || a.times[0].localeCompare(b.times[0]));
}

/**
 * The next `count` run times after `from`, over every pattern. `startTime` anchors INTERVAL
 * (the scheduler's start, `trigger.properties.start_time`); without it, `from` does.
 */
export function nextRuns(patterns: readonly string[], from: Date, count = 3, startTime?: Date): Date[] {
  const { RRule } = loadRrule();
  const anchor = new Date(Math.floor((startTime && startTime.getTime() <= from.getTime() ? startTime : from).getTime() / 60_000) * 60_000);
  const runs = new Set<number>();
  for (const source of patterns) {
    const r = parsePattern(source);
    if (!r.ok) {
      continue;
    }
    const rule = new RRule({
      freq: r.pattern.freq === 'WEEKLY' ? RRule.WEEKLY : RRule.DAILY,
      interval: r.pattern.interval,
      byweekday: r.pattern.days,
      byhour: r.pattern.hours,
      byminute: r.pattern.minutes,
      bysecond: [0],
      dtstart: anchor,
    });
    let after = from;
    for (let i = 0; i < count; i += 1) {
      const next = rule.after(after, false);
      if (!next) {
        break;
      }
      runs.add(next.getTime());
      after = next;
    }
  }
  return [...runs].sort((a, b) => a - b).slice(0, count).map((ms) => new Date(ms));
}

/** Builds the pattern the wizard sends: `FREQ=WEEKLY;BYDAY=MO,WE;BYHOUR=22;BYMINUTE=30` (UTC). */
export function buildPattern(days: readonly Weekday[], hour: number, minute: number): string {
  const all = ALL_DAYS.every((d) => days.includes(d));
  const byDay = (all ? ALL_DAYS : [...days].sort((a, b) => a - b)).map((d) => DAY_CODES[d]).join(',');
  return `FREQ=WEEKLY;BYDAY=${byDay};BYHOUR=${hour};BYMINUTE=${pad(minute)}`;
}
