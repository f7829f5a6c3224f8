/** The shapes the transport works with: requests, responses, log entries, retry policy, call specs. */
import type * as z from 'zod/mini';

export interface FetchInit {
  method: string;
  headers: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
  /** Always 'manual': a redirect is an answer, never followed (credentials would go along). */
  redirect: 'manual';
}
/** A response body as node-fetch gives it: a stream read chunk by chunk, so a cap can stop it. */
export type BodyStream = AsyncIterable<Uint8Array | string> & { destroy?(): void };
export interface FetchResponse {
  status: number;
  headers: { get(name: string): string | null };
  /** When it is a BodyStream, the body is read from it with the size cap; otherwise `text()` is used. */
  body?: unknown;
  text(): Promise<string>;
}
export type FetchLike = (url: string, init: FetchInit) => Promise<FetchResponse>;


export interface RequestLogEntry {
  /** The internal operation name (`cbr.listVaults`): for the log only, never for a user. */
  operation?: string;
  method: string;
  /** Path and query, redacted. */
  path: string;
  status?: number;
  requestId?: string;
  durationMs: number;
  attempt: number;
  outcome: 'ok' | 'error';
  errorCode?: string;
  /** The cloud's error message or the failure's cause, redacted and at most a few KB. */
  detail?: string;
}

export interface OutgoingRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

/** Adds credentials to a request; may be asked to renew them once after a 401. */
export interface Authenticator {
  authorize(request: OutgoingRequest, signal?: AbortSignal): Promise<Record<string, string>>;
  /** Called after a 401; true when new credentials were obtained and one more try makes sense. */
  renewAfterUnauthorized?(signal?: AbortSignal): Promise<boolean>;
}

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Longest Retry-After that is honoured; a longer one fails at once. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 3, baseDelayMs: 300, maxDelayMs: 5000, maxRetryAfterMs: 30_000 };

export interface HttpOptions {
  fetch?: FetchLike;
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  onRequest?: (entry: RequestLogEntry) => void;
  /** Largest response body read, in bytes (default 16 MiB); a larger one is a `tooLarge` error. */
  maxBodyBytes?: number;
}

export type QueryValue = string | number | boolean | undefined | null | readonly string[];

export interface CallSpec<S extends z.core.$ZodType> {
  /** Operation name for errors and logs, e.g. `cbr.createCheckpoint`. */
  operation: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  baseUrl: string;
  path: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
  schema: S;
  /**
   * A POST that may safely be sent again and never changes anything (the IAM token exchange):
   * retried like a read, and its outcome is never "unknown".
   */
  idempotent?: boolean;
  headers?: Record<string, string>;
  /** null = send without credentials (the IAM password exchange). */
  auth: Authenticator | null;
  signal?: AbortSignal;
}

export interface CallResult<T> {
  data: T;
  status: number;
  requestId?: string;
  headers: { get(name: string): string | null };
}
