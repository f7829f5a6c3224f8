/**
 * zod building blocks for every response schema. Wire quirks are normalized here: numbers that
 * arrive as strings, several timestamp forms, nulls for absent values. Unknown fields pass (and
 * stay available as `raw`).
 */
import * as z from 'zod/mini';
import { en } from 'zod/locales';

// zod/mini carries no messages of its own: the same English ones classic zod gives ("Invalid input: expected string, received undefined").
z.config(en());

// ------------------------------------------------------------------ primitives

export const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+_-]\d{2}:?\d{2})?$/i;

/**
 * Parses the timestamp forms the clouds use: `2020-02-05T10:38:34.209782` (no zone: UTC),
 * `2019-05-10T07:59:12.733+00:00`, `2020-07-07T01:17:05+0800`, and the OTC typo `…_0800`.
 */
export function parseCloudTimestamp(value: string): Date | undefined {
  const m = TIMESTAMP.exec(value.trim());
  if (!m) {
    return undefined;
  }
  const fraction = m[3] ? m[3].slice(0, 4).padEnd(4, '0') : '';
  let zone = (m[4] ?? 'Z').toUpperCase();
  if (zone !== 'Z') {
    const sign = zone.startsWith('-') ? '-' : '+';
    const digits = zone.slice(1).replace(':', '');
    zone = `${sign}${digits.slice(0, 2)}:${digits.slice(2, 4)}`;
  }
  const ms = Date.parse(`${m[1]}T${m[2]}${fraction}${zone}`);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

/**
 * A schema built on its first use, so that loading the extension builds none: each zod
 * constructor costs VS Code's activation time (even `z.lazy`), most schemas are not needed until
 * the first answer arrives. Wrap every module-level schema: `export const X = onFirstUse(() => …)`.
 * The stand-in forwards everything to the built schema, so it is used as the schema itself.
 */
export function onFirstUse<S extends object>(build: () => S): S {
  let built: S | undefined;
  const schema = (): S => (built ??= build());
  return new Proxy({} as S, {
    get: (_target, key) => Reflect.get(schema(), key) as unknown,
    has: (_target, key) => Reflect.has(schema(), key),
    ownKeys: () => Reflect.ownKeys(schema()),
    getOwnPropertyDescriptor: (_target, key) => {
      const d = Reflect.getOwnPropertyDescriptor(schema(), key);
      return d ? { ...d, configurable: true } : undefined;
    },
    getPrototypeOf: () => Reflect.getPrototypeOf(schema()),
  });
}

/**
 * `schema`, then `fn` on what it parsed: zod/mini's spelling of classic zod's `.transform(fn)`.
 * `fn` may report a problem with `fail(ctx, message)` and return `z.NEVER`.
 */
export function map<S extends z.ZodMiniType, R>(schema: S, fn: (value: z.output<S>, ctx: z.core.ParsePayload) => R) {
  return z.pipe(schema, z.transform<z.output<S>, R>(fn));
}

/** Adds a `custom` issue at the current path (what classic zod's `ctx.addIssue` did). */
export function fail(ctx: z.core.ParsePayload, message: string, path: PropertyKey[] = []): void {
  ctx.issues.push({ code: 'custom', message, input: ctx.value, path });
}

export const timestamp = onFirstUse(() => map(z.string(), (s, ctx) => {
  const d = parseCloudTimestamp(s);
  if (!d) {
    fail(ctx, `not a timestamp: "${s}"`);
    return z.NEVER;
  }
  return d;
}));
export const optTimestamp = onFirstUse(() => map(z.nullish(z.string()), (s, ctx) => {
  if (!s) {
    return undefined;
  }
  const d = parseCloudTimestamp(s);
  if (!d) {
    fail(ctx, `not a timestamp: "${s}"`);
    return z.NEVER;
  }
  return d;
}));

/** A number, or a string holding one (sizes and counts arrive both ways). */
export const num = onFirstUse(() => map(z.union([z.number(), z.string().check(z.regex(/^\s*-?\d+(\.\d+)?\s*$/, 'expected a number'))]), Number));
export const optNum = onFirstUse(() => map(z.nullish(z.union([num, z.literal('')])), (v) => (v === '' || v === null || v === undefined ? undefined : v)));
export const optStr = onFirstUse(() => map(z.nullish(z.union([z.string(), z.number()])), (v) => (v === null || v === undefined ? undefined : String(v))));
export const optBool = onFirstUse(() => map(z.nullish(z.union([z.boolean(), z.enum(['true', 'false'])])), (v) => (v === null || v === undefined ? undefined : v === true || v === 'true')));
export const str = z.string();
export const raw = <T extends z.core.$ZodLooseShape>(shape: T) => z.looseObject(shape);

/**
 * Parses with `schema` and keeps the untouched wire object as `raw` (for "show details").
 * Issues keep their paths, so schema errors still name the field.
 */
export function withRaw<S extends z.ZodMiniType<object>>(schema: S) {
  return map(z.unknown(), (input, ctx): z.output<S> & { raw: Record<string, unknown> } => {
    const result = schema.safeParse(input);
    if (!result.success) {
      for (const issue of result.error.issues) {
        fail(ctx, issue.message, issue.path);
      }
      return z.NEVER;
    }
    return { ...result.data, raw: input as Record<string, unknown> };
  });
}

/** A zod issue path as `vaults[0].billing.size`. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)), '');
}
