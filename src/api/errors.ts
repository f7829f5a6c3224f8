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
  | 'cancelled';

/** CBR codes that mean "that thing does not exist", whatever HTTP status the cloud chose. */
const NOT_FOUND_CODES = new Set([
  'BackupService.6105',
  'BackupService.6200',
  'BackupService.6217',
  'BackupService.6302',
  'BackupService.6500',
  'BackupService.6501',
  'BackupService.6120',
  'DBS.200543',
  'DBS.201203',
  'DBS.280214',
]);

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
  cause?: unknown;
}

export class CloudApiError extends Error {
  readonly kind: ErrorKind;
  readonly operation: string;
  readonly errorCode?: string;
  readonly httpStatus?: number;
  readonly requestId?: string;
  readonly outcomeUnknown: boolean;
  readonly fieldPath?: string;
  readonly retryAfterMs?: number;

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
  if (errorCode === 'APIGW.0301' || errorCode === 'APIG.0301' || errorCode === 'APIGW.0303' || errorCode === 'APIG.0303' || status === 401) {
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
