/**
 * The transport every call goes through: auth headers, per-request timeout and cancellation,
 * JSON parsing through a zod schema, typed errors, safe retries, and one log entry per attempt.
 * Redirects are never followed, bodies are read with a size cap, and the token exchange is timed
 * on its own, before the request's own timer starts.
 */
import nodeFetch from 'node-fetch';
import * as z from 'zod/mini';
import { CloudApiError, ErrorKind, isCancellation, isDocumentedAnswer, kindFor, parseErrorBody } from './errors';
import { redact } from './redact';
import { formatIssuePath } from './schemas';
import { BodyStream, FetchResponse, FetchLike, RequestLogEntry, OutgoingRequest, RetryPolicy, DEFAULT_RETRY, HttpOptions, QueryValue, CallSpec, CallResult } from './httpTypes';

export * from './httpTypes';

/** node-fetch with no custom agent, so VS Code's proxy support applies inside the editor. */
export const defaultFetch: FetchLike = async (url, init) => {
  const response = await nodeFetch(url, init);
  return { status: response.status, headers: response.headers, body: response.body, text: () => response.text() };
};

/** Response bodies larger than this are not read (a 700 MB answer must not fill the extension host). */
export const DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;
/** At most this much of a cloud's own message is shown to a user... */
export const USER_DETAIL_CHARS = 300;
/** ...and at most this much goes to the log. */
export const LOG_DETAIL_CHARS = 4096;
/** Only this much of an error text is even looked at (redaction then cutting). */
const SCANNED_CHARS = 64 * 1024;

/** One line, redacted, at most `max` characters (an ellipsis marks the cut). */
export function boundedText(text: string, max: number): string {
  const line = redact(text.slice(0, SCANNED_CHARS)).replace(/\s+/g, ' ').trim();
  return line.length <= max ? line : `${line.slice(0, max - 1)}…`;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
/** Longest request timeout; Node turns a timer above 2^31-1 ms (about 24 days) into 1 ms. */
export const MAX_TIMEOUT_MS = 10 * 60_000;

/** A usable timeout: the default for a non-number or a value below 1 ms, at most MAX_TIMEOUT_MS. */
function boundedTimeout(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 1) {
    return DEFAULT_TIMEOUT_MS;
  }
  return Math.min(value, MAX_TIMEOUT_MS);
}

class BodyTooLarge extends Error {}

function asStream(body: unknown): BodyStream | undefined {
  const candidate = body as Partial<BodyStream> | null | undefined;
  return candidate && typeof candidate[Symbol.asyncIterator] === 'function' ? (candidate as BodyStream) : undefined;
}

/** Reads a body as text, stopping (and closing the stream) as soon as it exceeds `cap` bytes. */
async function readCapped(response: FetchResponse, cap: number): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > cap) {
    asStream(response.body)?.destroy?.();
    throw new BodyTooLarge();
  }
  const stream = asStream(response.body);
  if (!stream) {
    const text = await response.text();
    if (Buffer.byteLength(text) > cap) {
      throw new BodyTooLarge();
    }
    return text;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    size += bytes.length;
    if (size > cap) {
      stream.destroy?.();
      throw new BodyTooLarge();
    }
    chunks.push(bytes);
  }
  return Buffer.concat(chunks).toString('utf8');
}

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
  private readonly maxBodyBytes: number;
  private readonly onRequest?: (entry: RequestLogEntry) => void;

  constructor(options: HttpOptions = {}) {
    this.fetch = options.fetch ?? defaultFetch;
    this.timeoutMs = boundedTimeout(options.timeoutMs);
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    this.onRequest = options.onRequest;
  }

  /**
   * Sends a request and parses its body with `spec.schema`.
   * Reads retry network errors, 408, 429 and 5xx (not 501/505). Writes are sent once, except a
   * 429 (the gateway refused it before doing anything) and one renewal after a 401.
   * A write's `outcomeUnknown` is true only when it may have been carried out: no answer, a 2xx
   * that cannot be read, or a 5xx/408 that names no documented business code.
   * @throws CloudApiError
   */
  async call<S extends z.core.$ZodType>(spec: CallSpec<S>): Promise<CallResult<z.output<S>>> {
    const isRead = spec.method === 'GET' || spec.idempotent === true;
    const url = buildUrl(spec.baseUrl, spec.path, spec.query);
    const body = spec.body === undefined ? undefined : JSON.stringify(spec.body);
    const logPath = redact(new URL(url).pathname + new URL(url).search);
    const log = (attempt: number, started: number, status?: number, requestId?: string, errorCode?: string, detail?: string): void => {
      try {
        this.onRequest?.({ operation: spec.operation, method: spec.method, path: logPath, status, requestId, durationMs: Date.now() - started, attempt, outcome: status !== undefined && status < 300 ? 'ok' : 'error', errorCode, detail });
      } catch {
        // A failing log listener must neither break the call nor print (unredacted) anywhere.
      }
    };
    let renewed = false;
    for (let attempt = 1; ; attempt++) {
      if (spec.signal?.aborted) {
        throw this.cancelled(spec);
      }
      const headers: Record<string, string> = { Accept: 'application/json', ...(body !== undefined ? { 'Content-Type': 'application/json;charset=UTF-8' } : {}), ...spec.headers };
      // Credentials first, timed on their own (the token exchange has its own timer): a slow IAM
      // must not turn a write that was never sent into an unknown outcome.
      const sent = spec.auth ? await this.authorize(spec, { method: spec.method, url, headers, body }) : headers;

      const started = Date.now();
      let response: FetchResponse | undefined;
      let text: string;
      const timeout = new AbortController();
      const timer = setTimeout(() => timeout.abort(), this.timeoutMs);
      const onCallerAbort = (): void => timeout.abort();
      spec.signal?.addEventListener('abort', onCallerAbort, { once: true });
      try {
        response = await this.fetch(url, { method: spec.method, headers: sent, body, signal: timeout.signal, redirect: 'manual' });
        text = response.status >= 300 && response.status < 400 ? '' : await readCapped(response, this.maxBodyBytes);
      } catch (err) {
        if (err instanceof BodyTooLarge && response) {
          log(attempt, started, response.status, response.headers.get('x-request-id') ?? undefined, 'tooLarge');
          throw this.tooLarge(spec, response, isRead);
        }
        if (spec.signal?.aborted) {
          log(attempt, started, undefined, undefined, 'cancelled');
          throw this.cancelled(spec);
        }
        const timedOut = timeout.signal.aborted;
        const cause = boundedText(err instanceof Error ? err.message : String(err), LOG_DETAIL_CHARS);
        log(attempt, started, undefined, undefined, timedOut ? 'timeout' : 'network', cause);
        if (isRead && attempt < this.retry.maxAttempts) {
          await this.backoff(attempt, undefined, spec);
          continue;
        }
        throw this.transportError(spec, timedOut ? 'timeout' : 'network', err, cause, !isRead);
      } finally {
        clearTimeout(timer);
        spec.signal?.removeEventListener('abort', onCallerAbort);
      }
      const requestId = response.headers.get('x-request-id') ?? undefined;

      if (response.status >= 300 && response.status < 400) {
        const location = boundedText(response.headers.get('location') ?? '(none)', LOG_DETAIL_CHARS);
        log(attempt, started, response.status, requestId, 'redirect', `Location: ${location}`);
        throw new CloudApiError({
          kind: 'redirect',
          operation: spec.operation,
          httpStatus: response.status,
          requestId,
          detail: `Location: ${location}`,
          message: 'The cloud endpoint answered with a redirect, which is not followed.',
        });
      }

      if (response.status >= 200 && response.status < 300) {
        log(attempt, started, response.status, requestId);
        return { data: this.parse(spec, text, response.status, requestId, !isRead), status: response.status, requestId, headers: response.headers };
      }

      const { errorCode, message } = parseErrorBody(text);
      const detail = message ? boundedText(message, LOG_DETAIL_CHARS) : undefined;
      log(attempt, started, response.status, requestId, errorCode, detail);
      const kind = kindFor(response.status, errorCode);
      if (kind === 'auth' && spec.auth?.renewAfterUnauthorized && !renewed) {
        renewed = true;
        if (await this.renew(spec)) {
          continue; // a 401 means the gateway did nothing: resending, even a write, is safe
        }
      }
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), Date.now());
      const gatewayRefused = kind === 'throttled';
      const answered = isDocumentedAnswer(errorCode);
      const mayRetry = (isRead && RETRYABLE_STATUS(response.status) && kind !== 'auth') || gatewayRefused;
      if (mayRetry && attempt < this.retry.maxAttempts && (retryAfterMs === undefined || retryAfterMs <= this.retry.maxRetryAfterMs)) {
        await this.backoff(attempt, retryAfterMs, spec);
        continue;
      }
      const unknown = !isRead && !gatewayRefused && !answered && (response.status === 408 || RETRYABLE_STATUS(response.status));
      throw new CloudApiError({
        kind,
        operation: spec.operation,
        errorCode,
        httpStatus: response.status,
        requestId,
        retryAfterMs,
        outcomeUnknown: unknown,
        detail,
        message: this.errorMessage(kind, message, unknown),
      });
    }
  }

  /**
   * The request's credentials. A failure here means nothing was sent: never an unknown outcome.
   * The token exchange retried like a read already, so it is not retried again here.
   */
  private async authorize(spec: CallSpec<z.core.$ZodType>, request: OutgoingRequest): Promise<Record<string, string>> {
    try {
      return await spec.auth!.authorize(request, spec.signal);
    } catch (err) {
      throw this.notSent(spec, err);
    }
  }

  private async renew(spec: CallSpec<z.core.$ZodType>): Promise<boolean> {
    try {
      return await spec.auth!.renewAfterUnauthorized!(spec.signal);
    } catch (err) {
      throw this.notSent(spec, err);
    }
  }

  private notSent(spec: CallSpec<z.core.$ZodType>, err: unknown): unknown {
    if (spec.signal?.aborted || isCancellation(err)) {
      return this.cancelled(spec);
    }
    if (!(err instanceof CloudApiError)) {
      return err; // e.g. a ValidationError from the signer: already clear
    }
    const isWrite = spec.method !== 'GET' && spec.idempotent !== true;
    return new CloudApiError({
      kind: err.kind,
      operation: err.operation,
      errorCode: err.errorCode,
      httpStatus: err.httpStatus,
      requestId: err.requestId,
      retryAfterMs: err.retryAfterMs,
      fieldPath: err.fieldPath,
      detail: err.detail,
      outcomeUnknown: false,
      message: isWrite ? `Signing in failed, so the request was not sent: ${lowerFirst(err.message)}` : `Signing in failed: ${lowerFirst(err.message)}`,
      cause: err,
    });
  }

  private parse<S extends z.core.$ZodType>(spec: CallSpec<S>, text: string, status: number, requestId: string | undefined, isWrite: boolean): z.output<S> {
    // A write that got a 2xx was (most likely) carried out, whatever the body says.
    const suffix = isWrite ? ' The request may have been carried out; check before trying again.' : '';
    let json: unknown;
    try {
      json = text.length === 0 ? {} : JSON.parse(text);
    } catch {
      throw new CloudApiError({ kind: 'schema', operation: spec.operation, httpStatus: status, requestId, outcomeUnknown: isWrite, message: `The cloud's answer is not valid JSON.${suffix}` });
    }
    const parsed = z.safeParse(spec.schema, json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const fieldPath = issue ? formatIssuePath(issue.path) : '';
      throw new CloudApiError({
        kind: 'schema',
        operation: spec.operation,
        httpStatus: status,
        requestId,
        fieldPath,
        outcomeUnknown: isWrite,
        detail: issue?.message,
        message: `The cloud's answer has an unexpected shape at "${boundedText(fieldPath || '(root)', 100)}".${suffix}`,
      });
    }
    return parsed.data;
  }

  private errorMessage(kind: ErrorKind, cloudMessage: string | undefined, unknown: boolean): string {
    if (unknown) {
      return 'The cloud failed while handling the request; it may or may not have been carried out. Check before trying again.';
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
      redirect: 'The cloud endpoint answered with a redirect, which is not followed.',
      tooLarge: 'The cloud sent an answer too large to read.',
    };
    const shown = cloudMessage ? boundedText(cloudMessage, USER_DETAIL_CHARS) : '';
    return shown || fallback[kind];
  }

  private tooLarge(spec: CallSpec<z.core.$ZodType>, response: FetchResponse, isRead: boolean): CloudApiError {
    const status = response.status;
    // A 2xx (or a 5xx we could not read) to a write: it may have been carried out.
    const unknown = !isRead && ((status >= 200 && status < 300) || status === 408 || RETRYABLE_STATUS(status)) && status !== 429;
    const mib = Math.round(this.maxBodyBytes / (1024 * 1024));
    return new CloudApiError({
      kind: 'tooLarge',
      operation: spec.operation,
      httpStatus: status,
      requestId: response.headers.get('x-request-id') ?? undefined,
      outcomeUnknown: unknown,
      message: unknown
        ? `The cloud's answer is larger than ${mib} MiB and was not read; the request may have been carried out. Check before trying again.`
        : `The cloud's answer is larger than ${mib} MiB and was not read.`,
    });
  }

  private transportError(spec: CallSpec<z.core.$ZodType>, kind: 'timeout' | 'network', cause: unknown, detail: string, isWrite: boolean): CloudApiError {
    const what = kind === 'timeout' ? `The cloud did not answer within ${Math.round(this.timeoutMs / 1000)} s` : 'The connection to the cloud failed';
    const message = isWrite ? `${what}; the request may or may not have been carried out. Check before trying again.` : `${what}.`;
    return new CloudApiError({ kind, operation: spec.operation, outcomeUnknown: isWrite, detail, message, cause });
  }

  private cancelled(spec: CallSpec<z.core.$ZodType>): CloudApiError {
    return new CloudApiError({ kind: 'cancelled', operation: spec.operation, message: 'Cancelled.' });
  }

  private async backoff(attempt: number, retryAfterMs: number | undefined, spec: CallSpec<z.core.$ZodType>): Promise<void> {
    const exponential = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** (attempt - 1));
    const delay = retryAfterMs ?? Math.random() * exponential; // full jitter
    try {
      await sleep(delay, spec.signal);
    } catch {
      throw this.cancelled(spec);
    }
  }
}

function lowerFirst(text: string): string {
  return text.length > 1 && /^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}
