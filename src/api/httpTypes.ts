/** The shapes the transport works with: requests, responses, log entries, retry policy, call specs. */
import type { z } from 'zod';

export interface FetchInit {
  method: string;
  headers: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
}
export interface FetchResponse {
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}
export type FetchLike = (url: string, init: FetchInit) => Promise<FetchResponse>;


export interface RequestLogEntry {
  method: string;
  /** Path and query, redacted. */
  path: string;
  status?: number;
  requestId?: string;
  durationMs: number;
  attempt: number;
  outcome: 'ok' | 'error';
  errorCode?: string;
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
}

export type QueryValue = string | number | boolean | undefined | null | readonly string[];

export interface CallSpec<S extends z.ZodType> {
  /** Operation name for errors and logs, e.g. `cbr.createCheckpoint`. */
  operation: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  baseUrl: string;
  path: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
  schema: S;
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
