/**
 * The columns of the fault matrix: every fault the emulator injects, and for each row what issue 8
 * says must happen (the correct behaviour, whether or not the code does it yet).
 */
import type { ErrorKind } from '../../../src/api';
import type { FaultSpec } from '../../emulator/index';
import type { CredentialKind, Operation } from './operations';

/** Short timeouts keep the whole matrix bounded; the faults are sized against them. */
export const TIMEOUT_MS = 800;
export const DELAY_MS = 2_000;
export const TRICKLE_MS = 3_000;
export const RETRY_AFTER_S = 1;
/** Larger than any sane cap on a response body (issue 8 item 6). */
export const OVERSIZE_BYTES = 40 * 1024 * 1024;

/** What a cell must show. */
export interface Expected {
  /** `ok`: the call returns; `error`: it throws a CloudApiError like this. */
  result: 'ok' | 'error';
  kind?: ErrorKind | readonly ErrorKind[];
  code?: string;
  /** The error came with an HTTP answer, so it carries the 32-hex request id. */
  requestId?: boolean;
  outcomeUnknown?: boolean;
  /** Requests for the faulted operation that reached the emulator. */
  attempts: number | readonly number[];
  /** Objects made by the write (0 or 1; never 2). */
  objects: number;
  /** For the token exchange: how often the write itself was sent. */
  writeSent?: number | readonly number[];
  /** Lower bound of the elapsed time (a Retry-After that must be honoured). */
  atLeastMs?: number;
}

export interface Fault {
  id: string;
  label: string;
  /** Credentials the cell signs in with (default: AK/SK, or password for the token exchange row). */
  credentials?: CredentialKind;
  specs(op: Operation): FaultSpec[];
  /** Real ms after the call within which a held write lands (delay faults). */
  landsWithinMs?: number;
  /** undefined = the cell does not apply to this row; a list = any one of these is correct. */
  expect(op: Operation): Expected | readonly Expected[] | undefined;
}

/** A read tried again after a one-off failure, and answered. */
const readRecovered: Expected = { result: 'ok', attempts: 2, objects: 0 };

const isRead = (op: Operation): boolean => op.writeOp === undefined;
const isToken = (op: Operation): boolean => op.exchangesToken === true;
const isCbr = (op: Operation): boolean => op.faultOp.startsWith('cbr.');

/**
 * The token exchange fails before the write is sent: the write must not be reported as
 * "outcome unknown" (issue 8 item 4). The exchange may be tried again (it makes nothing that
 * matters); when it then succeeds, the write is sent once and lands once.
 */
function exchangeFailed(kind: ErrorKind | readonly ErrorKind[], opts: { requestId?: boolean; code?: string } = {}): Expected {
  return { result: 'error', kind, code: opts.code, requestId: opts.requestId, outcomeUnknown: false, attempts: 1, objects: 0, writeSent: 0 };
}

/** A transient exchange failure: tried again and the write sent once, or the write not sent and not called unknown. */
function exchangeTransient(kind: ErrorKind | readonly ErrorKind[], requestId?: boolean): Expected[] {
  return [{ result: 'ok', attempts: [2, 3], objects: 1, writeSent: 1 }, { ...exchangeFailed(kind, { requestId }), attempts: [1, 2, 3] }];
}

/** A transient failure with no answer: a read is retried and succeeds; a write is sent once and its outcome is unknown. */
function lost(op: Operation, kind: ErrorKind, applied: boolean): Expected | Expected[] {
  if (isRead(op)) {
    return { result: 'ok', attempts: 2, objects: 0 };
  }
  if (isToken(op)) {
    return exchangeTransient(kind);
  }
  return { result: 'error', kind, outcomeUnknown: true, attempts: 1, objects: applied ? 1 : 0 };
}

/** A 2xx whose body cannot be used: for a write the change was made, so the outcome is unknown (issue 8 item 2). */
function unreadable(op: Operation, kind: ErrorKind | readonly ErrorKind[]): Expected {
  if (isToken(op)) {
    return exchangeFailed(kind, { requestId: true });
  }
  return { result: 'error', kind, requestId: true, outcomeUnknown: !isRead(op), attempts: 1, objects: isRead(op) ? 0 : 1 };
}

/** A redirect is never followed: a typed error, not retried, nothing sent elsewhere (issue 8 item 1). */
function redirected(op: Operation): Expected {
  if (isToken(op)) {
    return exchangeFailed('redirect', { requestId: true });
  }
  return { result: 'error', kind: 'redirect', requestId: true, outcomeUnknown: false, attempts: 1, objects: 0 };
}

/** A documented business error code with a 5xx (OTC error table): refused, not unknown (issue 8). */
function businessCode(op: Operation): string | undefined {
  if (op.faultOp === 'cbr.replicate') {
    return 'BackupService.1005';
  }
  if (isCbr(op) || isToken(op)) {
    return 'BackupService.0002';
  }
  if (op.faultOp === 'gaussdb.createBackup') {
    return 'DBS.200086';
  }
  return undefined;
}

export const FAULTS: Fault[] = [
  {
    id: 'dropBefore',
    label: 'drop before applying',
    specs: (op) => [{ op: op.faultOp, drop: true }],
    expect: (op) => lost(op, 'network', false),
  },
  {
    id: 'dropAfter',
    label: 'drop after applying',
    specs: (op) => [{ op: op.faultOp, drop: true, afterApply: true }],
    expect: (op) => lost(op, 'network', true),
  },
  {
    id: 'delay',
    label: `delay past the timeout (${DELAY_MS} ms > ${TIMEOUT_MS} ms)`,
    specs: (op) => [{ op: op.faultOp, delayMs: DELAY_MS }],
    landsWithinMs: DELAY_MS + 300,
    expect: (op) => lost(op, 'timeout', true),
  },
  {
    id: 'retryAfter',
    label: `429 with Retry-After: ${RETRY_AFTER_S}`,
    specs: (op) => [{ op: op.faultOp, status: 429, retryAfter: RETRY_AFTER_S }],
    // The gateway refused it before doing anything: resent after the pause, even a write.
    expect: (op) => ({ result: 'ok', attempts: 2, objects: isRead(op) ? 0 : 1, writeSent: isToken(op) ? 1 : undefined, atLeastMs: RETRY_AFTER_S * 1000 - 50 }),
  },
  {
    id: 'throttled',
    label: '429 without Retry-After',
    specs: (op) => [{ op: op.faultOp, status: 429 }],
    expect: (op) => ({ result: 'ok', attempts: 2, objects: isRead(op) ? 0 : 1, writeSent: isToken(op) ? 1 : undefined }),
  },
  {
    id: '5xxCode',
    label: '500 with a documented business code',
    specs: (op) => {
      const code = businessCode(op);
      return code === undefined ? [] : [{ op: op.faultOp, status: 500, body: { error_code: code, error_msg: 'Resources are being backed up' } }];
    },
    expect: (op) => {
      const code = businessCode(op);
      if (code === undefined || isToken(op)) {
        return undefined; // IAM's error body has no business code
      }
      // An answer: the write was refused. A read changes nothing: it may be tried again.
      const refused: Expected = { result: 'error', kind: ['server', 'conflict', 'validation', 'client'], code, requestId: true, outcomeUnknown: false, attempts: isRead(op) ? [1, 2, 3] : 1, objects: 0 };
      return isRead(op) ? [refused, readRecovered] : refused;
    },
  },
  {
    id: '5xxAuthCode',
    label: '500 BackupService.9998 (authentication failed)',
    specs: (op) => [{ op: op.faultOp, status: 500, body: { error_code: 'BackupService.9998', error_msg: 'Authentication failed.' } }],
    expect: (op) => {
      if (!isCbr(op)) {
        return undefined;
      }
      const refused: Expected = { result: 'error', kind: 'auth', code: 'BackupService.9998', requestId: true, outcomeUnknown: false, attempts: isRead(op) ? [1, 2, 3] : 1, objects: 0 };
      return isRead(op) ? [refused, readRecovered] : refused;
    },
  },
  {
    id: '5xxNoCode',
    label: '500 with no error code (HTML page)',
    specs: (op) => [{ op: op.faultOp, status: 500, rawBody: '<html><body>500 Internal Server Error</body></html>' }],
    expect: (op) => {
      if (isRead(op)) {
        return { result: 'ok', attempts: 2, objects: 0 };
      }
      if (isToken(op)) {
        return exchangeTransient('server', true);
      }
      return { result: 'error', kind: 'server', requestId: true, outcomeUnknown: true, attempts: 1, objects: 0 };
    },
  },
  {
    id: '502AfterApply',
    label: '502 gateway error after applying',
    specs: (op) => [{ op: op.faultOp, status: 502, afterApply: true }],
    expect: (op) => {
      if (isRead(op)) {
        return { result: 'ok', attempts: 2, objects: 0 };
      }
      if (isToken(op)) {
        return exchangeTransient('server', true);
      }
      return { result: 'error', kind: 'server', code: 'APIGW.0203', requestId: true, outcomeUnknown: true, attempts: 1, objects: 1 };
    },
  },
  {
    id: '501',
    label: '501 Not Implemented',
    specs: (op) => [{ op: op.faultOp, status: 501, rawBody: 'Not Implemented', contentType: 'text/plain' }],
    // Nothing was carried out: not unknown, not retried (issue 8 item 9).
    expect: (op) => (isToken(op) ? exchangeFailed(['server', 'client'], { requestId: true }) : { result: 'error', kind: ['server', 'client'], requestId: true, outcomeUnknown: false, attempts: 1, objects: 0 }),
  },
  {
    id: '401token',
    label: '401 (IAM token)',
    credentials: 'token',
    specs: (op) => [{ op: op.faultOp, status: 401 }],
    expect: (op) => (isToken(op) ? undefined : { result: 'error', kind: 'auth', code: 'APIGW.0301', requestId: true, outcomeUnknown: false, attempts: 1, objects: 0 }),
  },
  {
    id: '401password',
    label: '401 (password: renewed once)',
    credentials: 'password',
    specs: (op) => [{ op: op.faultOp, status: 401 }],
    expect: (op) =>
      isToken(op)
        ? exchangeFailed('auth', { requestId: true })
        : // One new token and one resend: the gateway did nothing the first time, so the write lands once.
          { result: 'ok', attempts: 2, objects: isRead(op) ? 0 : 1 },
  },
  {
    id: '401aksk',
    label: '401 (AK/SK)',
    credentials: 'aksk',
    specs: (op) => [{ op: op.faultOp, status: 401 }],
    expect: (op) => (isToken(op) ? undefined : { result: 'error', kind: 'auth', code: 'APIGW.0301', requestId: true, outcomeUnknown: false, attempts: 1, objects: 0 }),
  },
  {
    id: 'malformed',
    label: 'malformed JSON (applied)',
    specs: (op) => [{ op: op.faultOp, malformedJson: true }],
    expect: (op) => unreadable(op, 'schema'),
  },
  {
    id: 'breakSchema',
    label: 'schema-breaking body (applied)',
    specs: (op) => [{ op: op.faultOp, breakSchema: true }],
    expect: (op) => unreadable(op, 'schema'),
  },
  {
    id: 'oversize',
    label: `oversized body (${OVERSIZE_BYTES / 1024 / 1024} MiB, applied)`,
    specs: (op) => [{ op: op.faultOp, oversizeBytes: OVERSIZE_BYTES }],
    expect: (op) => unreadable(op, 'tooLarge'),
  },
  {
    id: 'trickle',
    label: `trickled body (${TRICKLE_MS} ms, applied)`,
    specs: (op) => [{ op: op.faultOp, trickleMs: TRICKLE_MS }],
    // Past the timeout it is lost like a delay; a client that keeps reading a body that keeps coming may also finish it.
    expect: (op) => [...[lost(op, 'timeout', true)].flat(), { result: 'ok', attempts: 1, objects: isRead(op) ? 0 : 1, writeSent: isToken(op) ? 1 : undefined }],
  },
  {
    id: 'redirect302',
    label: '302 to another host',
    specs: (op) => [{ op: op.faultOp, redirect: 302 }],
    expect: redirected,
  },
  {
    id: 'redirect307',
    label: '307 to another host',
    specs: (op) => [{ op: op.faultOp, redirect: 307 }],
    expect: redirected,
  },
];
