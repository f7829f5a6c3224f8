/**
 * The API layer's errors, read structurally (the class may come from another bundle), and the
 * cloud codes tracking acts on.
 */

/** Only documented not-found codes, per kind of thing, mean gone (src/api/errors.ts GONE_CODES); a bare 404 does not. */
export { isGone } from '../../api/errors';

/** When the cloud does not say how long to wait after a 429, a region is left alone this long. */
export const DEFAULT_THROTTLE_HOLD_MS = 10_000;

interface ApiErrorShape {
  kind?: unknown;
  errorCode?: unknown;
  httpStatus?: unknown;
  requestId?: unknown;
  retryAfterMs?: unknown;
}

function shape(err: unknown): ApiErrorShape {
  return err && typeof err === 'object' ? err : {};
}

export function errorKind(err: unknown): string | undefined {
  const kind = shape(err).kind;
  return typeof kind === 'string' ? kind : undefined;
}

export function errorCode(err: unknown): string | undefined {
  const code = shape(err).errorCode;
  return typeof code === 'string' ? code : undefined;
}

/** How long the cloud asked to wait, for a throttled answer. */
export function retryAfterMs(err: unknown): number | undefined {
  const ms = shape(err).retryAfterMs;
  return typeof ms === 'number' && Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}

/** One log line for an error: message, code and request id, no secrets (the logger redacts too). */
export function describe(err: unknown): string {
  if (!(err instanceof Error)) {
    return String(err);
  }
  const e = shape(err);
  const ids = [
    typeof e.errorCode === 'string' ? e.errorCode : undefined,
    typeof e.httpStatus === 'number' ? `HTTP ${e.httpStatus}` : undefined,
    typeof e.requestId === 'string' ? `request id ${e.requestId}` : undefined,
  ].filter(Boolean);
  return ids.length > 0 ? `${err.message} (${ids.join(', ')})` : err.message;
}
