import { strict as assert } from 'node:assert';
import { OperationLogSchema, type OperationLog } from '../../../src/api';
import { probeRestores } from '../../../src/tracking/core/probes/restores';
import type { TrackerSession } from '../../../src/tracking/core/probes';
import { englishL10n, type WorkFinished } from '../../../src/tracking/core/types';
import type { RestoreWork } from '../../../src/tracking/core/probes/context';

const log = (backupId: string, status: string, error?: { code: string; message: string }): OperationLog =>
  OperationLogSchema.parse({ id: `log-${backupId}`, operation_type: 'restore', status, created_at: new Date().toISOString(), error_info: error ?? { code: '', message: '' }, extra_info: { restore: { backup_id: backupId, target_resource_id: 't' } } });

describe('unit: the restore probe (operation logs, operation_type=restore)', () => {
  it('one list request per vault for all its restores; success, failure with the cloud code, still running', async () => {
    const calls: unknown[] = [];
    const logs = [log('b1', 'success'), log('b2', 'failed', { code: 'BackupService.7202', message: 'Failed to restore.' }), log('b3', 'running')];
    const session = { cbr: { listRestoreLogs: (q: unknown) => (calls.push(q), Promise.resolve(logs)) } } as unknown as TrackerSession;
    const works: RestoreWork[] = ['b1', 'b2', 'b3', 'b4'].map((backupId) => ({ kind: 'restore', region: 'r1', vaultId: 'v1', backupId, label: backupId, startedAt: Date.now() }));
    const finished: WorkFinished[] = [];
    await probeRestores({ l10n: englishL10n, now: () => Date.now() }, session, 'v1', works, new AbortController().signal, (f) => finished.push(f));
    assert.equal(calls.length, 1, 'one request for the vault');
    assert.deepEqual(finished.map((f) => [f.work.label, f.outcome, f.reason]), [['b1', 'success', undefined], ['b2', 'error', 'Failed to restore. (BackupService.7202)']]);
  });
});
