/**
 * Typed errors of the API layer. Every failure that reaches the UI is one of these, carrying the
 * cloud's error code, HTTP status and request id when the cloud gave them.
 */
export type ErrorKind =
  | 'auth'
  | 'forbidden'
  | 'throttled'
  | 'notFound'
  | 'validation'
  | 'conflict'
  | 'network'
  | 'timeout'
  | 'schema'
  | 'server'
  | 'client'
  | 'cancelled'
  /** The endpoint answered 3xx; redirects are never followed (they would carry credentials elsewhere). */
  | 'redirect'
  /** The answer was larger than the size cap and was not read to the end. */
  | 'tooLarge';

/**
 * The documented "does not exist" codes per kind of thing (OTC CBR api-ref appendix/error_codes.rst;
 * OTC GaussDB(for MySQL) appendix/error_codes.rst), whatever HTTP status the cloud chose: 6105 is a
 * 404 on OTC and a 400 on Huawei Cloud. See /work/shared/notes/cloud-api-reference.md section 1.10.
 */
export const GONE_CODES = {
  vault: ['BackupService.6105'],
  backup: ['BackupService.6200'],
  checkpoint: ['BackupService.6217'],
  resource: ['BackupService.6302'],
  operationLog: ['BackupService.6500', 'BackupService.6501'],
  replicationTarget: ['BackupService.6120'],
  gaussInstance: ['DBS.200002'],
  gaussBackup: ['DBS.201203', 'DBS.280214'],
  gaussJob: ['DBS.200543'],
} as const satisfies Record<string, readonly string[]>;
export type GoneWhat = keyof typeof GONE_CODES;

const NOT_FOUND_CODES: ReadonlySet<string> = new Set(Object.values(GONE_CODES).flat());

/**
 * True only when the cloud said, with a documented code, that `what` does not exist. A bare 404
 * (a gateway's, a proxy's, a wrong path's) says nothing about the thing. Reads the error by
 * shape, so an error from another bundle's copy of this module counts too.
 */
export function isGone(err: unknown, what: GoneWhat | readonly GoneWhat[]): boolean {
  const code = err && typeof err === 'object' ? (err as { errorCode?: unknown }).errorCode : undefined;
  if (typeof code !== 'string') {
    return false;
  }
  const kinds: readonly GoneWhat[] = typeof what === 'string' ? [what] : what;
  return kinds.some((k) => (GONE_CODES[k] as readonly string[]).includes(code));
}

/** Codes documented as "authentication failed", sent by CBR with HTTP 500 (OTC CBR error_codes.rst). */
const AUTH_FAILED_CODES: ReadonlySet<string> = new Set(['BackupService.9998']);

/**
 * Documented business codes: with any HTTP status, including 5xx, they are the service's answer
 * (the request was refused), not a failure in the middle of doing it. BackupService.9910 ("unknown
 * error") and the GaussDB server-failure codes are missing on purpose: after them a write's outcome
 * is unknown.
 */
const ANSWER_CODES: ReadonlySet<string> = new Set([
  ...NOT_FOUND_CODES,
  ...AUTH_FAILED_CODES,
  'BackupService.0001', 'BackupService.0002', 'BackupService.1005', 'BackupService.1011',
  'BackupService.6113', 'BackupService.6114', 'BackupService.6119', 'BackupService.6125',
  'BackupService.8600', 'BackupService.9900',
  'DBS.200001', 'DBS.200019', 'DBS.200086', 'DBS.201208', 'DBS.280127', 'DBS.280404',
]);

/** True when a (5xx) error body names a documented business code: the request was refused. */
export function isDocumentedAnswer(errorCode: string | undefined): boolean {
  return errorCode !== undefined && ANSWER_CODES.has(errorCode);
}

export interface CloudApiErrorInit {
  kind: ErrorKind;
  message: string;
  operation: string;
  errorCode?: string;
  httpStatus?: number;
  requestId?: string;
  /** A write that may or may not have been carried out (timeout, reset, 5xx). */
  outcomeUnknown?: boolean;
  /** For schema errors: the path of the field that broke the schema. */
  fieldPath?: string;
  retryAfterMs?: number;
  /** The cloud's own message, redacted and cut to a few KB: for the log, not for the user. */
  detail?: string;
  cause?: unknown;
}

/**
 * The one error type of the API layer. Fields (stable; the fault-matrix suite checks them):
 * - `kind`: what went wrong (see ErrorKind); `operation`: the internal name, for logs only;
 * - `errorCode`, `httpStatus`, `requestId`: as the cloud sent them;
 * - `outcomeUnknown`: a write that may or may not have been carried out (reconcile before retrying);
 * - `message`: one short sentence a user may read: no operation name, no URL, at most ~300
 *   characters of the cloud's own text; `detail`: the cloud's text for the log (redacted, <= 4 KB).
 */
export class CloudApiError extends Error {
  readonly kind: ErrorKind;
  readonly operation: string;
  readonly errorCode?: string;
  readonly httpStatus?: number;
  readonly requestId?: string;
  readonly outcomeUnknown: boolean;
  readonly fieldPath?: string;
  readonly retryAfterMs?: number;
  readonly detail?: string;

  constructor(init: CloudApiErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'CloudApiError';
    this.kind = init.kind;
    this.operation = init.operation;
    this.errorCode = init.errorCode;
    this.httpStatus = init.httpStatus;
    this.requestId = init.requestId;
    this.outcomeUnknown = init.outcomeUnknown ?? false;
    this.fieldPath = init.fieldPath;
    this.retryAfterMs = init.retryAfterMs;
    this.detail = init.detail;
  }
}

/** A bad input caught before any request was sent. */
export class ValidationError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'ValidationError';
  }
}

export function isCancellation(err: unknown): boolean {
  return err instanceof CloudApiError && err.kind === 'cancelled';
}

/** The kind for an HTTP error response, deciding by error code first (clouds disagree on status). */
export function kindFor(status: number, errorCode: string | undefined): ErrorKind {
  if (errorCode && NOT_FOUND_CODES.has(errorCode)) {
    return 'notFound';
  }
  if (errorCode === 'APIGW.0301' || errorCode === 'APIG.0301' || errorCode === 'APIGW.0303' || errorCode === 'APIG.0303' || (errorCode !== undefined && AUTH_FAILED_CODES.has(errorCode)) || status === 401) {
    return 'auth';
  }
  if (errorCode === 'APIGW.0308' || errorCode === 'APIG.0308' || status === 429) {
    return 'throttled';
  }
  if (errorCode === 'BackupService.9900' || errorCode === 'DBS.200001' || errorCode === 'DBS.280127') {
    return 'validation';
  }
  if (status === 403 || errorCode === 'BackupService.8600') {
    return 'forbidden';
  }
  if (status === 404) {
    return 'notFound';
  }
  if (status === 408) {
    return 'timeout';
  }
  if (status === 409) {
    return 'conflict';
  }
  if (status >= 500) {
    return 'server';
  }
  if (status === 400 || status === 422) {
    return 'validation';
  }
  return 'client';
}

export interface ParsedErrorBody {
  errorCode?: string;
  message?: string;
}

/** Reads both error body shapes: `{error_code, error_msg}` and `{error: {code, message}}` (and `{code, message}`). */
export function parseErrorBody(text: string): ParsedErrorBody {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return {};
  }
  if (!body || typeof body !== 'object') {
    return {};
  }
  const b = body as Record<string, unknown>;
  const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : typeof v === 'number' ? String(v) : undefined);
  if (b.error_code !== undefined || b.error_msg !== undefined) {
    return { errorCode: str(b.error_code), message: str(b.error_msg) };
  }
  if (b.error && typeof b.error === 'object') {
    const e = b.error as Record<string, unknown>;
    return { errorCode: str(e.code) ?? str(e.error_code), message: str(e.message) ?? str(e.error_msg) ?? str(e.title) };
  }
  if (b.code !== undefined || b.message !== undefined) {
    return { errorCode: str(b.code), message: str(b.message) };
  }
  return {};
}
