/**
 * The fault matrix (issue 8, "Tests and figures"): every write and a representative read, times
 * every fault the emulator injects, through the real API layer over HTTP. Each cell asserts what
 * reached the server, the objects that exist, the error's kind, code, request id and
 * outcomeUnknown, the attempts and a bounded elapsed time. With CBR_WRITE_RELIABILITY=1 the
 * results go to test-results/reliability/matrix.json (rendered into docs/reliability.md).
 */
import { strict as assert } from 'node:assert';
import { CloudApiError, CloudSession, type SessionOptions } from '../../../src/api';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { DEST_REGION, CREDENTIALS, OPERATIONS, PROJECT, REGION, type Operation } from './operations';
import { FAULTS, TIMEOUT_MS, type Expected, type Fault } from './faults';
import { saveResults, writingReliability, type MatrixCell } from './report';
import { holdsSecret } from './secrets';
import { DEMO_IDS } from '../../emulator/seeds/demoIds';

/** Every cell ends well within this (the longest: a timeout, then a retry, or a held write landing). */
const CELL_BOUND_MS = 8_000;
const SECRETS = [CREDENTIALS.password.password, CREDENTIALS.aksk.secretKey, CREDENTIALS.token.token];
/** An internal operation name (`cbr.createVault`) has no place in a message a user reads. */
const OPERATION_NAME = /\b(cbr|gaussdb|iam)\.[a-z][A-Za-z]+/;

interface Observed {
  error?: unknown;
  elapsedMs: number;
  attempts: number;
  objects: number;
  writeSent: number;
  elsewhere: number;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('fault matrix: every write and a read × every injected fault', function () {
  this.timeout(CELL_BOUND_MS + 10_000);
  let emu: RunningEmulator;
  const cells: MatrixCell[] = [];
  const suiteStart = Date.now();

  before(async () => {
    emu = await startEmulator({ port: 0, timing: { checkpointProtectingMs: 1_000, gaussBackupBuildingMs: 1_000, replicationMs: 1_000 } });
  });
  after(async () => {
    await emu.close();
    if (writingReliability()) {
      saveResults('matrix', {
        rows: OPERATIONS.map((o) => ({ id: o.id, label: o.label })),
        columns: FAULTS.map((f) => ({ id: f.id, label: f.label })),
        cells,
        runMs: Date.now() - suiteStart,
      });
    }
  });

  const session = (op: Operation, fault: Fault): CloudSession => {
    const kind = fault.credentials ?? (op.exchangesToken ? 'password' : 'aksk');
    const options: SessionOptions = {
      cloud: 'custom',
      region: REGION,
      endpointOverrides: emu.endpoints,
      credentials: CREDENTIALS[kind],
      projectIds: { [DEST_REGION]: DEMO_IDS.secondProject },
      timeoutMs: TIMEOUT_MS,
      retry: { baseDelayMs: 10, maxDelayMs: 50 },
    };
    // With the project id known, the password exchange happens inside the write's own call.
    return CloudSession.create(op.exchangesToken ? { ...options, projectId: PROJECT } : options);
  };

  async function observe(op: Operation, fault: Fault, name: string): Promise<Observed> {
    emu.admin.reset();
    const s = session(op, fault);
    if (!op.exchangesToken) {
      await s.getProjectId(); // the project lookup (and a password's token) before the fault
    }
    const before = op.objects(emu, name);
    emu.admin.resetCounters();
    for (const spec of fault.specs(op)) {
      emu.admin.addFault(spec);
    }
    const started = Date.now();
    let error: unknown;
    try {
      await op.run(s, name);
    } catch (err) {
      error = err;
    }
    const elapsedMs = Date.now() - started;
    if (fault.landsWithinMs !== undefined) {
      await sleep(Math.max(0, started + fault.landsWithinMs - Date.now())); // a held write lands, or does not
    }
    const elsewhere = emu.admin.elsewhere().count;
    return {
      error,
      elapsedMs,
      attempts: emu.admin.count(op.faultOp),
      objects: op.objects(emu, name) - before,
      writeSent: op.writeOp ? emu.admin.count(op.writeOp) : 0,
      elsewhere,
    };
  }

  const oneOf = <T>(value: T, allowed: T | readonly T[] | undefined): boolean =>
    allowed === undefined || (Array.isArray(allowed) ? (allowed as readonly T[]).includes(value) : value === allowed);

  /** Why `seen` is not `want`, or undefined when it is. */
  function mismatch(want: Expected, seen: Observed): string | undefined {
    const problems: string[] = [];
    const err = seen.error;
    if (want.result === 'ok' && err !== undefined) {
      problems.push(`expected success, got ${summarize(err)}`);
    }
    if (want.result === 'error') {
      if (!(err instanceof CloudApiError)) {
        problems.push(`expected a CloudApiError, got ${err === undefined ? 'success' : summarize(err)}`);
      } else {
        if (!oneOf(err.kind, want.kind)) {
          problems.push(`kind ${err.kind}, expected ${String(want.kind)}`);
        }
        if (want.code !== undefined && err.errorCode !== want.code) {
          problems.push(`code ${err.errorCode ?? 'none'}, expected ${want.code}`);
        }
        if (want.requestId === true && !/^[0-9a-f]{32}$/.test(err.requestId ?? '')) {
          problems.push(`request id ${err.requestId ?? 'none'}, expected the answer's X-Request-Id`);
        }
        if (want.outcomeUnknown !== undefined && err.outcomeUnknown !== want.outcomeUnknown) {
          problems.push(`outcomeUnknown ${String(err.outcomeUnknown)}, expected ${String(want.outcomeUnknown)}`);
        }
        if (OPERATION_NAME.test(err.message)) {
          problems.push(`the message names an operation: "${err.message.slice(0, 120)}"`);
        }
        const leaked = SECRETS.filter((secret) => holdsSecret(`${err.message} ${String(err.stack)}`, secret));
        if (leaked.length > 0) {
          problems.push(`the error carries ${leaked.length} secret(s)`);
        }
      }
    }
    if (!oneOf(seen.attempts, want.attempts)) {
      problems.push(`${seen.attempts} request(s) reached the server, expected ${String(want.attempts)}`);
    }
    if (seen.objects !== want.objects) {
      problems.push(`${seen.objects} object(s) on the server, expected ${want.objects}`);
    }
    if (want.writeSent !== undefined && !oneOf(seen.writeSent, want.writeSent)) {
      problems.push(`the write was sent ${seen.writeSent} time(s), expected ${String(want.writeSent)}`);
    }
    if (seen.elsewhere > 0) {
      problems.push(`${seen.elsewhere} request(s) followed the redirect to another host`);
    }
    if (want.atLeastMs !== undefined && seen.elapsedMs < want.atLeastMs) {
      problems.push(`answered after ${seen.elapsedMs} ms: Retry-After (${want.atLeastMs} ms) not honoured`);
    }
    if (seen.elapsedMs > CELL_BOUND_MS) {
      problems.push(`took ${seen.elapsedMs} ms (bound ${CELL_BOUND_MS} ms)`);
    }
    return problems.length > 0 ? problems.join('; ') : undefined;
  }

  function summarize(err: unknown): string {
    if (err instanceof CloudApiError) {
      return `${err.kind}${err.errorCode ? ` ${err.errorCode}` : ''}${err.outcomeUnknown ? ', unknown' : ''}`;
    }
    return err instanceof Error ? `${err.name}: ${err.message.slice(0, 80)}` : String(err);
  }

  /** Said the write was done or refused, but the server shows otherwise. */
  function falseOutcome(op: Operation, seen: Observed): boolean {
    if (op.writeOp === undefined) {
      return false;
    }
    if (seen.error === undefined) {
      return seen.objects !== 1;
    }
    const unknown = seen.error instanceof CloudApiError && seen.error.outcomeUnknown;
    return !unknown && seen.objects !== 0;
  }

  for (const op of OPERATIONS) {
    describe(op.label, () => {
      for (const fault of FAULTS) {
        const expected = fault.expect(op);
        if (expected === undefined) {
          continue;
        }
        const wants = Array.isArray(expected) ? (expected as readonly Expected[]) : [expected as Expected];
        it(`${fault.label}`, async () => {
          const name = `mx-${op.id}-${fault.id}`.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 60);
          const seen = await observe(op, fault, name);
          const problems = wants.map((w) => mismatch(w, seen));
          const problem = problems.every((p) => p !== undefined) ? problems.join(' | or | ') : undefined;
          const errorText = seen.error instanceof CloudApiError ? `${seen.error.message} ${String(seen.error.stack)}` : '';
          cells.push({
            row: op.id,
            column: fault.id,
            outcome: seen.error === undefined ? 'ok' : summarize(seen.error),
            attempts: seen.attempts,
            objects: seen.objects,
            elapsedMs: seen.elapsedMs,
            pass: problem === undefined,
            problem,
            duplicated: seen.objects > 1 || seen.writeSent > 1 && op.exchangesToken === true,
            falseOutcome: falseOutcome(op, seen),
            redirectsFollowed: seen.elsewhere,
            secretsFound: SECRETS.filter((secret) => holdsSecret(errorText, secret)).length,
          });
          assert.equal(problem, undefined, problem);
        });
      }
    });
  }
});
