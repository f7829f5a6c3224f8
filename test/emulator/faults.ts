/** Fault injection, request counters and the recent-request log. */
import { randomUUID } from 'node:crypto';
import { isRecord, type Service } from './http';

export interface FaultSpec {
  /** Operation name, e.g. `cbr.createCheckpoint` (see docs/emulator-contract.md). */
  op: string;
  /** Only requests to this region; any region when omitted. */
  region?: string;
  /** Answer with this status (and `body`, or a default error body for the status). */
  status?: number;
  body?: unknown;
  /**
   * With `status`: send exactly this text as the body instead of JSON (an empty body, or a
   * gateway's HTML page: a 5xx that names no error code).
   */
  rawBody?: string;
  /** Content type of `rawBody` (default `text/html`). */
  contentType?: string;
  /** Extra response headers. */
  headers?: Record<string, string>;
  /** `Retry-After` seconds; without `status` it means a 429 throttle. */
  retryAfter?: number;
  /** Wait this long (real ms) before answering. */
  delayMs?: number;
  /** Destroy the socket without answering. */
  drop?: boolean;
  /**
   * With `drop` or `status`: perform the request first, then drop or answer with the status
   * (the outcome is unknown to the client).
   */
  afterApply?: boolean;
  /**
   * The write lands late: the connection is held for `delayMs` (0 by default) and then dropped,
   * and the request is carried out this many real ms after it arrived (at most 60 000).
   */
  lateApplyMs?: number;
  /** Answer with a redirect of this status (301, 302, 303, 307, 308) to the second listener. */
  redirect?: number;
  /** Perform the request and answer with a truncated JSON body. */
  malformedJson?: boolean;
  /** Perform the request and answer with the main field of the body of the wrong type. */
  breakSchema?: boolean;
  /** Perform the request and answer 200 with a JSON body this many bytes long (at most 64 MiB). */
  oversizeBytes?: number;
  /** Perform the request and send its answer slowly, in pieces spread over this many ms (at most 60 000). */
  trickleMs?: number;
  /** Answer 401 APIGW.0301 as for an expired token (and expire the presented token). */
  expireToken?: boolean;
  /**
   * The error body's message repeats the request's credentials (X-Auth-Token, X-Security-Token,
   * Authorization, an IAM password in the body, credential query parameters), as a careless backend or proxy does,
   * each in several forms: as is, `Bearer`/`Basic`, in a query, base64, JSON-escaped, split over two lines.
   * Without `status` it answers 400 (a message a client shows). What was echoed is kept for `Admin.echoedSecrets()`.
   */
  echoSecrets?: boolean;
  /** How many matching requests the fault applies to (default 1). */
  times?: number;
}

/** Bounds that keep a typo in a test from hanging it or eating the memory. */
export const FAULT_LIMITS = { lateApplyMs: 60_000, trickleMs: 60_000, delayMs: 120_000, oversizeBytes: 64 * 1024 * 1024, times: 100_000 } as const;

export interface ActiveFault extends FaultSpec {
  id: string;
  remaining: number;
}

const FAULT_KEYS = new Set([
  'op', 'region', 'status', 'body', 'rawBody', 'contentType', 'headers', 'retryAfter', 'delayMs', 'drop', 'afterApply', 'lateApplyMs', 'redirect',
  'malformedJson', 'breakSchema', 'oversizeBytes', 'trickleMs', 'expireToken', 'echoSecrets', 'times',
]);
const REDIRECT_STATUSES = [301, 302, 303, 307, 308];

/** Validates an untrusted fault spec (admin HTTP API). Returns an error message or the spec. */
export function parseFaultSpec(input: unknown): FaultSpec | string {
  if (!isRecord(input)) {
    return 'fault must be a JSON object';
  }
  for (const key of Object.keys(input)) {
    if (!FAULT_KEYS.has(key)) {
      return `unknown fault field "${key}"`;
    }
  }
  if (typeof input.op !== 'string' || input.op === '') {
    return 'fault.op must be a non-empty string';
  }
  const optional: [string, string][] = [
    ['region', 'string'], ['status', 'number'], ['rawBody', 'string'], ['contentType', 'string'], ['retryAfter', 'number'], ['delayMs', 'number'],
    ['times', 'number'], ['lateApplyMs', 'number'], ['redirect', 'number'], ['oversizeBytes', 'number'], ['trickleMs', 'number'],
    ['drop', 'boolean'], ['afterApply', 'boolean'], ['malformedJson', 'boolean'], ['breakSchema', 'boolean'], ['expireToken', 'boolean'], ['echoSecrets', 'boolean'],
  ];
  for (const [key, type] of optional) {
    if (input[key] !== undefined && typeof input[key] !== type) {
      return `fault.${key} must be a ${type}`;
    }
  }
  if (input.status !== undefined && (!Number.isInteger(input.status) || (input.status as number) < 100 || (input.status as number) > 599)) {
    return 'fault.status must be an HTTP status code';
  }
  for (const [key, max] of Object.entries(FAULT_LIMITS)) {
    const v = input[key];
    if (v !== undefined && (!Number.isInteger(v) || (v as number) < (key === 'times' ? 1 : 0) || (v as number) > max)) {
      return `fault.${key} must be an integer from ${key === 'times' ? 1 : 0} to ${max}`;
    }
  }
  if (input.redirect !== undefined && !REDIRECT_STATUSES.includes(input.redirect as number)) {
    return `fault.redirect must be one of ${REDIRECT_STATUSES.join(', ')}`;
  }
  if (input.rawBody !== undefined && input.status === undefined) {
    return 'fault.rawBody needs a status';
  }
  if (input.headers !== undefined && (!isRecord(input.headers) || Object.values(input.headers).some((v) => typeof v !== 'string'))) {
    return 'fault.headers must map names to strings';
  }
  return input as unknown as FaultSpec;
}

export class FaultStore {
  private faults: ActiveFault[] = [];
  /** Secrets `echoSecrets` faults put into error bodies, until the next reset. */
  private readonly echoed = new Set<string>();

  recordEchoed(values: readonly string[]): void {
    for (const v of values) {
      if (v.length > 0) {
        this.echoed.add(v);
      }
    }
  }

  echoedSecrets(): string[] {
    return [...this.echoed];
  }

  forgetEchoed(): void {
    this.echoed.clear();
  }

  add(spec: FaultSpec): string {
    const id = randomUUID();
    this.faults.push({ ...spec, id, remaining: spec.times ?? 1 });
    return id;
  }

  /** Takes one use of the first fault matching the request, if any. */
  take(op: string, region: string | undefined): ActiveFault | undefined {
    const fault = this.faults.find((f) => f.op === op && (f.region === undefined || f.region === region));
    if (!fault) {
      return undefined;
    }
    fault.remaining -= 1;
    if (fault.remaining <= 0) {
      this.faults = this.faults.filter((f) => f !== fault);
    }
    return { ...fault };
  }

  remove(id: string): boolean {
    const before = this.faults.length;
    this.faults = this.faults.filter((f) => f.id !== id);
    return this.faults.length !== before;
  }

  list(): ActiveFault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  clear(): void {
    this.faults = [];
  }
}

/** Default error body for a faulted status, in the shape of the service (or the gateway). */
export function defaultFaultBody(service: Service, status: number, requestId: string): unknown {
  if (status === 429) {
    return { error_code: 'APIGW.0308', error_msg: 'The throttling threshold has been reached: policy user over ratelimit,limit:20,time:1 second', request_id: requestId };
  }
  if (status === 401) {
    return { error_code: 'APIGW.0301', error_msg: 'Incorrect IAM authentication information: injected fault', request_id: requestId };
  }
  if (status === 403) {
    return { error_code: 'APIGW.0302', error_msg: 'The IAM user is not authorized to access the API: injected fault', request_id: requestId };
  }
  if (status === 502 || status === 503 || status === 504) {
    return { error_code: 'APIGW.0203', error_msg: 'Backend unavailable: injected fault', request_id: requestId };
  }
  if (service === 'iam') {
    const titles: Record<number, string> = { 400: 'Bad Request', 404: 'Not Found', 409: 'Conflict', 500: 'Internal Server Error' };
    return { error: { code: status, message: 'injected fault', title: titles[status] ?? 'Error' } };
  }
  if (service === 'gaussdb') {
    // OTC-TDB appendix/error_codes.rst: 200002 instance does not exist (404), 200019 another operation (409), 200005 server failure (500).
    const codes: Record<number, string> = { 400: 'DBS.200001', 404: 'DBS.200002', 409: 'DBS.200019' };
    return { error_code: codes[status] ?? 'DBS.200005', error_msg: 'injected fault' };
  }
  // OTC-CBR appendix/error_codes.rst: 9900 parameter error, 6105 vault missing, 6125 task in progress, 9910 unknown error (500).
  const codes: Record<number, string> = { 400: 'BackupService.9900', 404: 'BackupService.6105', 409: 'BackupService.6125' };
  return { error_code: codes[status] ?? 'BackupService.9910', error_msg: 'injected fault' };
}

/**
 * The credentials a request carries, as they arrived: what an `echoSecrets` fault repeats.
 * AK/SK requests carry no secret key (only its signature); a security token travels in a header.
 */
export function secretsOf(headers: Record<string, string | string[] | undefined>, rawQuery: string, body: unknown): string[] {
  const one = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);
  const found: string[] = [];
  for (const name of ['x-auth-token', 'x-security-token', 'authorization']) {
    const v = one(headers[name]);
    if (v) {
      found.push(v);
    }
  }
  const password = isRecord(body) && isRecord(body.auth) && isRecord(body.auth.identity) && isRecord(body.auth.identity.password) && isRecord(body.auth.identity.password.user) ? body.auth.identity.password.user.password : undefined;
  if (typeof password === 'string') {
    found.push(password);
  }
  // Query parameters that carry credentials (presigned or misdirected requests).
  for (const [name, value] of new URLSearchParams(rawQuery)) {
    if (/token|signature|password|secret|^sk$|^ak$/i.test(name) && value) {
      found.push(value);
    }
  }
  return found;
}

/**
 * Replaces the main field of a response body with a wrong type, the way a changed or broken
 * backend would: arrays and objects become strings, an object's `id` becomes a number.
 */
export function breakBody(body: unknown): unknown {
  if (!isRecord(body)) {
    return { oops: true };
  }
  const keys = Object.keys(body);
  const main = keys.find((k) => Array.isArray(body[k])) ?? keys.find((k) => isRecord(body[k])) ?? keys[0];
  if (main === undefined) {
    return { oops: true };
  }
  const value = body[main];
  if (isRecord(value) && 'id' in value) {
    return { ...body, [main]: { ...value, id: 42 } };
  }
  return { ...body, [main]: 'oops' };
}

export interface RecordedRequest {
  at: string;
  op: string;
  region: string | undefined;
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

const SECRET_HEADERS = new Set(['authorization', 'x-auth-token', 'x-security-token', 'x-subject-token']);
const MAX_RECORDED = 50;

export function redactHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string | string[] | undefined> {
  const out: Record<string, string | string[] | undefined> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (k.toLowerCase() === 'authorization' && typeof v === 'string' && v.startsWith('SDK-HMAC-SHA256 ')) {
      // The access key and signed header names are no secret and tests check them; the signature is hidden.
      out[k] = v.replace(/Signature=[0-9a-fA-F]+/, 'Signature=***');
    } else {
      out[k] = SECRET_HEADERS.has(k.toLowerCase()) ? '***' : v;
    }
  }
  return out;
}

/** Redacts passwords in IAM token requests before they are kept. */
export function redactBody(body: unknown): unknown {
  if (Array.isArray(body)) {
    return body.map(redactBody);
  }
  if (!isRecord(body)) {
    return body;
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) {
    out[k] = k === 'password' && typeof v === 'string' ? '***' : redactBody(v);
  }
  return out;
}

export interface CounterSnapshot {
  [op: string]: number | Record<string, Record<string, number>>;
  byRegion: Record<string, Record<string, number>>;
}

/** Per-op and per-region request counters, plus the last requests per op. */
export class RequestLog {
  private applied = new Map<string, number>();
  private throttled = new Map<string, number>();
  private counts = new Map<string, number>();
  private regional = new Map<string, Map<string, number>>();
  private recent = new Map<string, RecordedRequest[]>();

  record(entry: RecordedRequest): void {
    this.counts.set(entry.op, (this.counts.get(entry.op) ?? 0) + 1);
    const regionKey = entry.region ?? 'global';
    const perRegion = this.regional.get(regionKey) ?? new Map<string, number>();
    perRegion.set(entry.op, (perRegion.get(entry.op) ?? 0) + 1);
    this.regional.set(regionKey, perRegion);
    const list = this.recent.get(entry.op) ?? [];
    list.push(entry);
    if (list.length > MAX_RECORDED) {
      list.shift();
    }
    this.recent.set(entry.op, list);
  }

  /** A request whose handler answered 2xx: for a write, the change was made. */
  recordApplied(op: string): void {
    this.applied.set(op, (this.applied.get(op) ?? 0) + 1);
  }

  appliedCount(op: string): number {
    return this.applied.get(op) ?? 0;
  }

  /** A request the gateway rate limit refused (it is counted as received too). */
  recordThrottled(op: string): void {
    this.throttled.set(op, (this.throttled.get(op) ?? 0) + 1);
  }

  throttledCount(op?: string): number {
    return op === undefined ? [...this.throttled.values()].reduce((a, b) => a + b, 0) : (this.throttled.get(op) ?? 0);
  }

  count(op: string, region?: string): number {
    if (region === undefined) {
      return this.counts.get(op) ?? 0;
    }
    return this.regional.get(region)?.get(op) ?? 0;
  }

  counters(): CounterSnapshot {
    const byRegion: Record<string, Record<string, number>> = {};
    for (const [region, ops] of this.regional) {
      byRegion[region] = Object.fromEntries(ops);
    }
    return { ...Object.fromEntries(this.counts), byRegion };
  }

  /** The last requests for `op`, oldest first; all ops when omitted. */
  requests(op?: string): RecordedRequest[] {
    if (op !== undefined) {
      return [...(this.recent.get(op) ?? [])];
    }
    return [...this.recent.values()].flat().sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  }

  reset(): void {
    this.applied.clear();
    this.throttled.clear();
    this.counts.clear();
    this.regional.clear();
    this.recent.clear();
  }
}
