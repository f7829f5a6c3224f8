import { strict as assert } from 'node:assert';
import { CloudApiError } from '../../../src/api';
import { probeGaussRestores } from '../../../src/tracking/core/probes/gaussRestores';
import type { TrackerSession } from '../../../src/tracking/core/probes';
import type { GaussRestoreWork } from '../../../src/tracking/core/probes/context';
import { englishL10n, type WorkFinished } from '../../../src/tracking/core/types';

const ctx = { l10n: englishL10n, now: () => Date.now() };
const work = (instanceId: string, jobId?: string): GaussRestoreWork => ({ kind: 'gaussRestore', region: 'r1', instanceId, jobId, label: `db-${instanceId}`, startedAt: Date.now() });

function fakeSession(jobs: Record<string, { status: string; fail_reason?: string } | 'gone'>, statuses: Record<string, string>) {
  const calls: string[] = [];
  const session = {
    gaussdb: {
      showJob: (id: string) => {
        calls.push(`job ${id}`);
        const j = jobs[id];
        if (j === 'gone' || j === undefined) {
          return Promise.reject(new CloudApiError({ kind: 'notFound', operation: 't', message: 'The job does not exist.', errorCode: 'DBS.200543', httpStatus: 400 }));
        }
        return Promise.resolve({ id, status: j.status, failReason: j.fail_reason });
      },
      listInstances: (q: { id?: string }) => {
        calls.push(`instance ${q.id ?? ''}`);
        const status = q.id === undefined ? undefined : statuses[q.id];
        return Promise.resolve({ instances: status === undefined ? [] : [{ id: q.id, name: q.id, status }], totalCount: status === undefined ? 0 : 1 });
      },
    },
  } as unknown as TrackerSession;
  return { session, calls };
}

async function probe(session: TrackerSession, instanceId: string, works: GaussRestoreWork[]): Promise<WorkFinished[]> {
  const finished: WorkFinished[] = [];
  await probeGaussRestores(ctx, session, instanceId, works, new AbortController().signal, (f) => finished.push(f));
  return finished;
}

describe('unit: the GaussDB restore probe (jobs, then the instance status)', () => {
  it('follows the job when its id is known: Running waits, Completed succeeds, Failed carries the cloud reason; the instance is not listed', async () => {
    const { session, calls } = fakeSession({ j1: { status: 'Running' } }, {});
    assert.deepEqual(await probe(session, 'i1', [work('i1', 'j1')]), []);
    const done = fakeSession({ j1: { status: 'Completed' } }, {});
    assert.deepEqual((await probe(done.session, 'i1', [work('i1', 'j1')])).map((f) => f.outcome), ['success']);
    const failed = fakeSession({ j1: { status: 'Failed', fail_reason: 'Restoration failed: disk full.' } }, {});
    assert.deepEqual((await probe(failed.session, 'i1', [work('i1', 'j1')])).map((f) => [f.outcome, f.reason]), [['error', 'Restoration failed: disk full.']]);
    assert.deepEqual(calls, ['job j1'], 'one job request, no instance list');
  });

  it('a job the cloud no longer knows ends the restore as failed, in words', async () => {
    const { session } = fakeSession({ j1: 'gone' }, {});
    const [f] = await probe(session, 'i1', [work('i1', 'j1')]);
    assert.equal(f?.outcome, 'error');
    assert.equal(f?.reason, 'The cloud no longer knows the restore job.');
  });

  it('without a job id: RESTORING waits, ACTIVE succeeds, FAILED or a vanished instance fails', async () => {
    const cases: [Record<string, string>, string | undefined][] = [
      [{ i1: 'RESTORING' }, undefined],
      [{ i1: 'ACTIVE' }, 'success'],
      [{ i1: 'FAILED' }, 'error'],
      [{}, 'error'],
    ];
    for (const [statuses, expected] of cases) {
      const { session, calls } = fakeSession({}, statuses);
      const finished = await probe(session, 'i1', [work('i1')]);
      assert.equal(finished[0]?.outcome, expected, JSON.stringify(statuses));
      assert.deepEqual(calls, ['instance i1'], 'one list request for the instance');
    }
  });
});
