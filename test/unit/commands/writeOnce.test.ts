import { strict as assert } from 'node:assert';
import { CloudApiError } from '../../../src/api';
import { Logger } from '../../../src/common/logger';
import { Notifier } from '../../../src/common/notifier';
import { WriteGuard, writeOnce, type WriteOnce } from '../../../src/commands/writeOnce';

const lost = () => new CloudApiError({ kind: 'timeout', operation: 'cbr.createCheckpoint', message: 'No answer within 30 s', outcomeUnknown: true });

function setup(window = { windowMs: 60, intervalMs: 10 }) {
  const deps = { writes: new WriteGuard(() => window), logger: new Logger('test'), messages: new Notifier() };
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
    unconfirmedMessage: (until) => `not confirmed yet; looking until ${until}`,
    waitMessage: (until) => `wait until ${until}`,
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

  it('unknown outcome, then missing at once: not concluded from one check; "not confirmed yet", then missing after the window', async () => {
    const { deps, seen, o, told } = setup();
    let checks = 0;
    await writeOnce(deps, o({ write: () => Promise.reject(lost()), reconcile: () => (checks++, Promise.resolve(undefined)) }));
    assert.deepEqual(seen, [], 'nothing concluded from the first check');
    assert.deepEqual(told().map(([s]) => s), ['warning']);
    assert.match(String(told()[0]?.[1]), /^not confirmed yet; looking until /);
    await deps.writes.settled();
    assert.deepEqual(seen, ['missing']);
    assert.ok(checks > 2, `looked more than once (${checks})`);
  });

  it('stops looking, silently, once the guard is disposed (the window closes)', async () => {
    const { deps, seen, o, told } = setup({ windowMs: 10_000, intervalMs: 10 });
    await writeOnce(deps, o({ write: () => Promise.reject(lost()) }));
    deps.writes.dispose();
    const started = Date.now();
    await deps.writes.settled();
    assert.ok(Date.now() - started < 1_000, 'did not wait out the window');
    assert.deepEqual(seen, []);
    assert.deepEqual(told().map(([s]) => s), ['warning'], 'only the "not confirmed yet" notice');
  });

  it('a write that lands late, within the window, is found, followed and announced (once)', async () => {
    const { deps, seen, o } = setup({ windowMs: 200, intervalMs: 10 });
    let checks = 0;
    await writeOnce(deps, o({ write: () => Promise.reject(lost()), reconcile: () => Promise.resolve(++checks >= 3 ? { id: 'late-1' } : undefined) }));
    await deps.writes.settled();
    assert.deepEqual(seen, ['found late-1']);
    assert.equal(checks, 3, 'stops looking once found');
    assert.ok(deps.writes.createdBefore('k', 'late-1'));
  });

  it('refuses a second identical write while the window is open, says until when, and allows it after', async () => {
    const { deps, seen, o, told } = setup({ windowMs: 80, intervalMs: 10 });
    let sent = 0;
    await writeOnce(deps, o({ write: () => (sent++, Promise.reject(lost())) }));
    await writeOnce(deps, o({ write: () => (sent++, Promise.resolve({ id: 'second' })) }));
    assert.equal(sent, 1, 'not sent while the first may still land');
    assert.match(String(told()[1]?.[1]), /^wait until /);
    await deps.writes.settled();
    await writeOnce(deps, o({ write: () => (sent++, Promise.resolve({ id: 'third' })) }));
    assert.equal(sent, 2);
    assert.deepEqual(seen, ['missing', 'created third']);
  });

  it('unknown outcome and the reconciliation fails too: one error naming where to look', async () => {
    const { deps, seen, o, told } = setup();
    await writeOnce(deps, o({ write: () => Promise.reject(lost()), reconcile: () => Promise.reject(new Error('list failed')) }));
    assert.deepEqual(seen, []);
    const [[severity, message] = []] = told();
    assert.equal(severity, 'error');
    assert.equal(message, 'The cloud did not answer, and checking whether the request was carried out failed too (list failed). Look in vault-a before trying again.');
  });

  it('what reconciliation finds that this window created earlier is not a match', async () => {
    const { deps, seen, o } = setup();
    await writeOnce(deps, o({ write: () => Promise.resolve({ id: 'old-1' }) }));
    await writeOnce(deps, o({ write: () => Promise.reject(lost()), reconcile: () => Promise.resolve({ id: 'old-1' }) }));
    await deps.writes.settled();
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
