import { strict as assert } from 'node:assert';
import { CloudApiError } from '../../../src/api';
import { Logger } from '../../../src/common/logger';
import { Notifier } from '../../../src/common/notifier';
import { WriteGuard, writeOnce, type WriteOnce } from '../../../src/commands/writeOnce';

const lost = () => new CloudApiError({ kind: 'timeout', operation: 'cbr.createCheckpoint', message: 'No answer within 30 s', outcomeUnknown: true });

function setup() {
  const deps = { writes: new WriteGuard(), logger: new Logger('test'), messages: new Notifier() };
  const seen: string[] = [];
  const o = (over: Partial<WriteOnce<{ id: string }, { id: string }>>): WriteOnce<{ id: string }, { id: string }> => ({
    key: 'k',
    busyMessage: 'busy',
    progressTitle: 'Writing…',
    action: 'test',
    where: 'vault-a',
    write: () => Promise.resolve({ id: 'new-1' }),
    idsOf: (r) => [r.id],
    reconcile: () => Promise.resolve(undefined),
    foundIds: (f) => [f.id],
    created: (r) => void seen.push(`created ${r.id}`),
    foundAfterUnknown: (f) => void seen.push(`found ${f.id}`),
    missingAfterUnknown: () => void seen.push('missing'),
    ...over,
  });
  return { deps, seen, o, told: () => deps.messages.recent().map((m) => [m.severity, m.message]) };
}

describe('unit: writeOnce', () => {
  it('ok: writes once and reports what was created', async () => {
    const { deps, seen, o } = setup();
    let sent = 0;
    await writeOnce(deps, o({ write: () => Promise.resolve({ id: `new-${++sent}` }) }));
    assert.deepEqual(seen, ['created new-1']);
    assert.equal(sent, 1);
    assert.ok(deps.writes.createdBefore('k', 'new-1'), 'remembered as created here');
  });

  it('unknown outcome, then found: not sent again, followed', async () => {
    const { deps, seen, o } = setup();
    let sent = 0;
    await writeOnce(deps, o({ write: () => (sent++, Promise.reject(lost())), reconcile: () => Promise.resolve({ id: 'cp-9' }) }));
    assert.equal(sent, 1);
    assert.deepEqual(seen, ['found cp-9']);
    assert.ok(deps.writes.createdBefore('k', 'cp-9'));
  });

  it('unknown outcome, then missing: the user may try again', async () => {
    const { deps, seen, o } = setup();
    await writeOnce(deps, o({ write: () => Promise.reject(lost()) }));
    assert.deepEqual(seen, ['missing']);
  });

  it('unknown outcome and the reconciliation fails too: one error naming where to look', async () => {
    const { deps, seen, o, told } = setup();
    await writeOnce(deps, o({ write: () => Promise.reject(lost()), reconcile: () => Promise.reject(new Error('list failed')) }));
    assert.deepEqual(seen, []);
    const [[severity, message] = []] = told();
    assert.equal(severity, 'error');
    assert.match(String(message), /^The cloud did not confirm the request, and checking whether it was carried out failed too \(list failed\)\. Look in vault-a before trying again; nothing was sent twice\./);
  });

  it('what reconciliation finds that this window created earlier is not a match', async () => {
    const { deps, seen, o } = setup();
    await writeOnce(deps, o({ write: () => Promise.resolve({ id: 'old-1' }) }));
    await writeOnce(deps, o({ write: () => Promise.reject(lost()), reconcile: () => Promise.resolve({ id: 'old-1' }) }));
    assert.deepEqual(seen, ['created old-1', 'missing']);
  });

  it('refuses a second write for the same key while one is in flight, and tells the user', async () => {
    const { deps, seen, o, told } = setup();
    let finish: (v: { id: string }) => void = () => undefined;
    let sent = 0;
    const first = writeOnce(deps, o({ write: () => (sent++, new Promise((resolve) => (finish = resolve))) }));
    await writeOnce(deps, o({ write: () => (sent++, Promise.resolve({ id: 'second' })) }));
    assert.deepEqual(told(), [['warning', 'busy']]);
    finish({ id: 'first' });
    await first;
    assert.equal(sent, 1);
    assert.deepEqual(seen, ['created first']);
    await writeOnce(deps, o({ write: () => Promise.resolve({ id: 'third' }) }));
    assert.deepEqual(seen, ['created first', 'created third'], 'free again once the first ended');
  });

  it('passes any other failure on, untouched, to the command wrapper', async () => {
    const { deps, seen, o } = setup();
    const refused = new CloudApiError({ kind: 'client', operation: 'gaussdb.createBackup', message: 'Operation not allowed', errorCode: 'DBS.200086' });
    await assert.rejects(writeOnce(deps, o({ write: () => Promise.reject(refused) })), (err) => err === refused);
    assert.deepEqual(seen, []);
    await writeOnce(deps, o({}));
    assert.deepEqual(seen, ['created new-1'], 'and the key is free again');
  });
});
