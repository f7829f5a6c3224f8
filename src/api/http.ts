/**
 * The transport every call goes through: auth headers, per-request timeout and cancellation,
 * JSON parsing through a zod schema, typed errors, safe retries, and one log entry per attempt.
 */
import nodeFetch from 'node-fetch';
import * as z from 'zod';
import { CloudApiError, ErrorKind, kindFor, parseErrorBody } from './errors';
import { redact } from './redact';
import { formatIssuePath } from './schemas';
import { FetchResponse, FetchLike, RequestLogEntry, OutgoingRequest, RetryPolicy, DEFAULT_RETRY, HttpOptions, QueryValue, CallSpec, CallResult } from './httpTypes';

export * from './httpTypes';

/** node-fetch with no custom agent, so VS Code's proxy support applies inside the editor. */
export const defaultFetch: FetchLike = (url, init) => nodeFetch(url, init);

const RETRYABLE_STATUS = (s: number): boolean => s === 408 || s === 429 || (s >= 500 && s !== 501 && s !== 505);

export function buildUrl(baseUrl: string, path: string, query?: Record<string, QueryValue>): string {
  const url = new URL(baseUrl.replace(/\/+$/, '') + path);
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') {
      continue;
    }
    if (Array.isArray(value)) {
      for (const v of value as readonly string[]) {
        url.searchParams.append(key, v);
      }
    } else {
      url.searchParams.append(key, String(value));
    }
  }
  return url.toString();
}

function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (!value) {
    return undefined;
  }
  const seconds = Number(value);
  if (Number.isFinite(seconds)) {
    return Math.max(0, seconds * 1000);
  }
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new Error('aborted'));
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new Error('aborted'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export class HttpClient {
  private readonly fetch: FetchLike;
  private readonly timeoutMs: number;
  private readonly retry: RetryPolicy;
  private readonly onRequest?: (entry: RequestLogEntry) => void;

  constructor(options: HttpOptions = {}) {
    this.fetch = options.fetch ?? defaultFetch;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.onRequest = options.onRequest;
  }

  /**
   * Sends a request and parses its body with `spec.schema`.
   * Reads retry network errors, 408, 429 and 5xx (not 501/505). Writes are sent once, except a
   * 429 (the gateway refused it before doing anything) and one renewal after a 401.
   * @throws CloudApiError
   */
  async call<S extends z.ZodType>(spec: CallSpec<S>): Promise<CallResult<z.output<S>>> {
    const isRead = spec.method === 'GET';
    const url = buildUrl(spec.baseUrl, spec.path, spec.query);
    const body = spec.body === undefined ? undefined : JSON.stringify(spec.body);
    const logPath = redact(new URL(url).pathname + new URL(url).search);
    let renewed = false;
    for (let attempt = 1; ; attempt++) {
      if (spec.signal?.aborted) {
        throw this.cancelled(spec);
      }
      const started = Date.now();
      let response: FetchResponse;
      let text: string;
      const timeout = new AbortController();
      const timer = setTimeout(() => timeout.abort(), this.timeoutMs);
      const onCallerAbort = (): void => timeout.abort();
      spec.signal?.addEventListener('abort', onCallerAbort, { once: true });
      try {
        const headers: Record<string, string> = { Accept: 'application/json', ...(body !== undefined ? { 'Content-Type': 'application/json;charset=UTF-8' } : {}), ...spec.headers };
        const request: OutgoingRequest = { method: spec.method, url, headers, body };
        const sent = spec.auth ? await spec.auth.authorize(request, spec.signal) : headers;
        response = await this.fetch(url, { method: spec.method, headers: sent, body, signal: timeout.signal });
        text = await response.text();
      } catch (err) {
        clearTimeout(timer);
        spec.signal?.removeEventListener('abort', onCallerAbort);
        if (err instanceof CloudApiError) {
          throw err; // from the authenticator (e.g. the token exchange failed)
        }
        if (spec.signal?.aborted) {
          this.log(spec.method, logPath, attempt, started, undefined, undefined, 'cancelled');
          throw this.cancelled(spec);
        }
        const timedOut = timeout.signal.aborted;
        this.log(spec.method, logPath, attempt, started, undefined, undefined, timedOut ? 'timeout' : 'network');
        const kind: ErrorKind = timedOut ? 'timeout' : 'network';
        if (isRead && attempt < this.retry.maxAttempts) {
          await this.backoff(attempt, undefined, spec);
          continue;
        }
        throw this.transportError(spec, kind, err, !isRead);
      }
      clearTimeout(timer);
      spec.signal?.removeEventListener('abort', onCallerAbort);
      const requestId = response.headers.get('x-request-id') ?? undefined;

      if (response.status >= 200 && response.status < 300) {
        this.log(spec.method, logPath, attempt, started, response.status, requestId);
        return { data: this.parse(spec, text, response.status, requestId), status: response.status, requestId, headers: response.headers };
      }

      const { errorCode, message } = parseErrorBody(text);
      this.log(spec.method, logPath, attempt, started, response.status, requestId, errorCode);
      const kind = kindFor(response.status, errorCode);
      if (kind === 'auth' && spec.auth?.renewAfterUnauthorized && !renewed) {
        renewed = true;
        if (await spec.auth.renewAfterUnauthorized(spec.signal)) {
          continue; // a 401 means the gateway did nothing: resending, even a write, is safe
        }
      }
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), Date.now());
      const gatewayRefused = kind === 'throttled';
      const mayRetry = (isRead && RETRYABLE_STATUS(response.status)) || gatewayRefused;
      if (mayRetry && attempt < this.retry.maxAttempts && (retryAfterMs === undefined || retryAfterMs <= this.retry.maxRetryAfterMs)) {
        await this.backoff(attempt, retryAfterMs, spec);
        continue;
      }
      const unknown = !isRead && (response.status >= 500 || response.status === 408) && !gatewayRefused;
      throw new CloudApiError({
        kind,
        operation: spec.operation,
        errorCode,
        httpStatus: response.status,
        requestId,
        retryAfterMs,
        outcomeUnknown: unknown,
        message: this.errorMessage(spec, kind, message, unknown),
      });
    }
  }

  private parse<S extends z.ZodType>(spec: CallSpec<S>, text: string, status: number, requestId: string | undefined): z.output<S> {
    let json: unknown;
    try {
      json = text.length === 0 ? {} : JSON.parse(text);
    } catch {
      throw new CloudApiError({ kind: 'schema', operation: spec.operation, httpStatus: status, requestId, message: `The cloud's answer to ${spec.operation} is not valid JSON.` });
    }
    const parsed = spec.schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const fieldPath = issue ? formatIssuePath(issue.path) : '';
      throw new CloudApiError({
        kind: 'schema',
        operation: spec.operation,
        httpStatus: status,
        requestId,
        fieldPath,
        message: `The cloud's answer to ${spec.operation} has an unexpected shape at "${fieldPath || '(root)'}": ${issue?.message ?? 'invalid'}.`,
      });
    }
    return parsed.data;
  }

  private errorMessage(spec: CallSpec<z.ZodType>, kind: ErrorKind, cloudMessage: string | undefined, unknown: boolean): string {
    const detail = cloudMessage ? redact(cloudMessage) : undefined;
    if (unknown) {
      return `The cloud failed while handling ${spec.operation}; it may or may not have been carried out. Check before trying again.${detail ? ` (${detail})` : ''}`;
    }
    const fallback: Record<ErrorKind, string> = {
      auth: 'The cloud rejected the credentials.',
      forbidden: 'The credentials are not allowed to do this.',
      throttled: 'The cloud is throttling requests.',
      notFound: 'Not found.',
      validation: 'The cloud rejected the request as invalid.',
      conflict: 'The request conflicts with the current state.',
      network: 'The cloud could not be reached.',
      timeout: 'The cloud did not answer in time.',
      schema: 'The cloud sent an unexpected answer.',
      server: 'The cloud had an internal error.',
      client: 'The cloud rejected the request.',
      cancelled: 'Cancelled.',
    };
    return `${spec.operation}: ${detail ?? fallback[kind]}`;
  }

  private transportError(spec: CallSpec<z.ZodType>, kind: 'timeout' | 'network', cause: unknown, isWrite: boolean): CloudApiError {
    const what = kind === 'timeout' ? `no answer within ${Math.round(this.timeoutMs / 1000)} s` : `connection failed (${redact(cause instanceof Error ? cause.message : String(cause))})`;
    const message = isWrite
      ? `${spec.operation}: ${what}. The request may or may not have been carried out; check before trying again.`
      : `${spec.operation}: ${what}.`;
    return new CloudApiError({ kind, operation: spec.operation, outcomeUnknown: isWrite, message, cause });
  }

  private cancelled(spec: CallSpec<z.ZodType>): CloudApiError {
    return new CloudApiError({ kind: 'cancelled', operation: spec.operation, message: `${spec.operation}: cancelled.` });
  }

  private async backoff(attempt: number, retryAfterMs: number | undefined, spec: CallSpec<z.ZodType>): Promise<void> {
    const exponential = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** (attempt - 1));
    const delay = retryAfterMs ?? Math.random() * exponential; // full jitter
    try {
      await sleep(delay, spec.signal);
    } catch {
      throw this.cancelled(spec);
    }
  }

  private log(method: string, path: string, attempt: number, started: number, status?: number, requestId?: string, errorCode?: string): void {
    this.onRequest?.({
      method,
      path,
      status,
      requestId,
      durationMs: Date.now() - started,
      attempt,
      outcome: status !== undefined && status < 400 ? 'ok' : 'error',
      errorCode,
    });
  }
}
