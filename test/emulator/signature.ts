/**
 * Independent verifier for Huawei Cloud `SDK-HMAC-SHA256` request signatures (API Gateway
 * AK/SK signing). Written from the published algorithm, not shared with src/api, so the two
 * implementations check each other.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNING_ALGORITHM = 'SDK-HMAC-SHA256';
/** API Gateway rejects an `X-Sdk-Date` further than this from its own time. */
export const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

/** Percent-encodes everything outside the unreserved set `A-Za-z0-9-_.~`, upper-case hex. */
export function encodeRfc3986(text: string): string {
  return Array.from(Buffer.from(text, 'utf8'))
    .map((byte) => {
      const ch = String.fromCharCode(byte);
      return /[A-Za-z0-9\-_.~]/.test(ch) ? ch : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    })
    .join('');
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Path as sent (possibly percent-encoded) → canonical URI, each segment re-encoded, ending with `/`. */
export function canonicalUri(rawPath: string): string {
  const encoded = rawPath
    .split('/')
    .map((segment) => encodeRfc3986(safeDecode(segment)))
    .join('/');
  return encoded.endsWith('/') ? encoded : `${encoded}/`;
}

/** Raw query string (without `?`) → keys sorted, repeated keys' values sorted, `k=v` joined by `&`. */
export function canonicalQuery(rawQuery: string): string {
  const byKey = new Map<string, string[]>();
  for (const part of rawQuery.split('&')) {
    if (part === '') {
      continue;
    }
    const eq = part.indexOf('=');
    const key = safeDecode((eq < 0 ? part : part.slice(0, eq)).replace(/\+/g, ' '));
    const value = eq < 0 ? '' : safeDecode(part.slice(eq + 1).replace(/\+/g, ' '));
    const values = byKey.get(key) ?? [];
    values.push(value);
    byKey.set(key, values);
  }
  const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  return [...byKey.keys()]
    .sort(compare)
    .flatMap((key) => (byKey.get(key) ?? []).sort(compare).map((v) => `${encodeRfc3986(key)}=${encodeRfc3986(v)}`))
    .join('&');
}

export type HeaderBag = Record<string, string | string[] | undefined>;

function headerValue(headers: HeaderBag, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const [k, v] of Object.entries(headers)) {
    if (k.toLowerCase() === lower && v !== undefined) {
      return Array.isArray(v) ? v.join(',') : v;
    }
  }
  return undefined;
}

export interface CanonicalRequestInput {
  method: string;
  /** Path exactly as sent, base path included. */
  path: string;
  /** Raw query string without the leading `?`. */
  query: string;
  headers: HeaderBag;
  /** Lower-case header names from the Authorization header. */
  signedHeaders: string[];
  body: Buffer | string;
}

export function sha256Hex(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

export function canonicalRequest(input: CanonicalRequestInput): string {
  const names = [...input.signedHeaders].map((h) => h.toLowerCase()).sort();
  const canonicalHeaders = names.map((n) => `${n}:${(headerValue(input.headers, n) ?? '').trim()}\n`).join('');
  // Signers may hash the body themselves and say so (`UNSIGNED-PAYLOAD` for streams).
  const bodyHash = headerValue(input.headers, 'x-sdk-content-sha256') ?? sha256Hex(input.body);
  return [
    input.method.toUpperCase(),
    canonicalUri(input.path),
    canonicalQuery(input.query),
    canonicalHeaders,
    names.join(';'),
    bodyHash,
  ].join('\n');
}

export function stringToSign(sdkDate: string, canonical: string): string {
  return `${SIGNING_ALGORITHM}\n${sdkDate}\n${sha256Hex(canonical)}`;
}

export function computeSignature(secretKey: string, input: CanonicalRequestInput, sdkDate: string): string {
  return createHmac('sha256', secretKey).update(stringToSign(sdkDate, canonicalRequest(input))).digest('hex');
}

export interface ParsedAuthorization {
  accessKey: string;
  signedHeaders: string[];
  signature: string;
}

/** `SDK-HMAC-SHA256 Access=AK, SignedHeaders=a;b, Signature=hex` → parts, or undefined. */
export function parseAuthorization(header: string): ParsedAuthorization | undefined {
  const trimmed = header.trim();
  if (!trimmed.startsWith(`${SIGNING_ALGORITHM} `)) {
    return undefined;
  }
  const fields = new Map<string, string>();
  for (const part of trimmed.slice(SIGNING_ALGORITHM.length + 1).split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) {
      fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
    }
  }
  const accessKey = fields.get('Access');
  const signedHeaders = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (!accessKey || !signedHeaders || !signature) {
    return undefined;
  }
  return { accessKey, signedHeaders: signedHeaders.split(';').map((h) => h.trim().toLowerCase()), signature };
}

/** `20201117T082255Z` → epoch ms, NaN when malformed. */
export function parseSdkDate(text: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text.trim());
  if (!m) {
    return NaN;
  }
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
}

export type VerifyResult = { ok: true; accessKey: string } | { ok: false; reason: string };

export interface VerifyInput {
  method: string;
  path: string;
  query: string;
  headers: HeaderBag;
  body: Buffer | string;
  /** Looks up the secret key for an access key; undefined when unknown. */
  secretFor: (accessKey: string) => string | undefined;
  /** Wall time to check `X-Sdk-Date` against; omit to skip the window check. */
  nowMs?: number;
}

/** Checks an AK/SK signed request. Never throws. */
export function verifySignedRequest(input: VerifyInput): VerifyResult {
  const auth = parseAuthorization(headerValue(input.headers, 'authorization') ?? '');
  if (!auth) {
    return { ok: false, reason: 'Authorization header is not a valid SDK-HMAC-SHA256 header' };
  }
  if (!auth.signedHeaders.includes('x-sdk-date')) {
    return { ok: false, reason: 'x-sdk-date must be a signed header' };
  }
  const sdkDate = headerValue(input.headers, 'x-sdk-date') ?? '';
  const dateMs = parseSdkDate(sdkDate);
  if (Number.isNaN(dateMs)) {
    return { ok: false, reason: 'X-Sdk-Date is missing or malformed' };
  }
  if (input.nowMs !== undefined && Math.abs(input.nowMs - dateMs) > MAX_CLOCK_SKEW_MS) {
    return { ok: false, reason: 'X-Sdk-Date is more than 15 minutes from the server time' };
  }
  const secretKey = input.secretFor(auth.accessKey);
  if (secretKey === undefined) {
    return { ok: false, reason: 'access key does not exist' };
  }
  const expected = computeSignature(
    secretKey,
    { method: input.method, path: input.path, query: input.query, headers: input.headers, signedHeaders: auth.signedHeaders, body: input.body },
    sdkDate,
  );
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(auth.signature.toLowerCase(), 'utf8');
  if (a.length !== b.length || !timingSafeEqual(a, b)) {
    return { ok: false, reason: 'verify aksk signature fail' };
  }
  return { ok: true, accessKey: auth.accessKey };
}
