import { strict as assert } from 'node:assert';
import type { Vault } from '../../../src/api';
import { FetchedPage, instanceScope, ListSpec, listKey, ownersOf, Page, PagedLists, regionScope, vaultScope } from '../../../src/tree/model/pagedLists';

const vault = (id: string): Vault => ({ id, name: id, billing: {}, resources: [], tags: [], raw: {} }) as unknown as Vault;

/** A fetcher whose pages the test releases one by one, recording what was asked. */
function controlledFetcher() {
  const asked: { key: string; offset: number; limit: number }[] = [];
  const pending: { resolve: (p: Page<unknown>) => void; reject: (e: unknown) => void }[] = [];
  const fetch = (spec: ListSpec, offset: number, limit: number): Promise<Page<unknown>> => {
    asked.push({ key: listKey(spec), offset, limit });
    return new Promise((resolve, reject) => pending.push({ resolve, reject }));
  };
  const release = (items: unknown[], total: number) => pending.shift()?.resolve({ items, total });
  const fail = (err: unknown) => pending.shift()?.reject(err);
  return { asked, fetch, release, fail, pending };
}

const settle = () => new Promise((r) => setImmediate(r));
const VAULTS: ListSpec = { kind: 'vaults', region: 'r1' };

describe('unit: the paged-list model', () => {
  it('shares one request between concurrent first-page loads', async () => {
    const f = controlledFetcher();
    const lists = new PagedLists(f.fetch, () => 2);
    const a = lists.first({ kind: 'vaults', region: 'r1' });
    const b = lists.first({ kind: 'vaults', region: 'r1' });
    await settle();
    assert.equal(f.asked.length, 1);
    f.release([vault('v1'), vault('v2')], 5);
    assert.deepEqual((await a).items.map((v) => v.id), ['v1', 'v2']);
    assert.equal(await b, await a);
    assert.equal((await lists.first({ kind: 'vaults', region: 'r1' })).total, 5, 'a loaded list is served from the cache');
    assert.equal(f.asked.length, 1);
  });

  it('asks for pages of the configured size at the right offsets', async () => {
    const f = controlledFetcher();
    const lists = new PagedLists(f.fetch, () => 2);
    const first = lists.first({ kind: 'vaults', region: 'r1' });
    await settle();
    f.release([vault('v1'), vault('v2')], 3);
    await first;
    const more = lists.more(VAULTS);
    await settle();
    f.release([vault('v3')], 3);
    assert.equal(await more, true);
    assert.deepEqual(f.asked.map((a) => [a.offset, a.limit]), [[0, 2], [2, 2]]);
    assert.deepEqual(lists.peek({ kind: 'vaults', region: 'r1' })?.items.map((v) => v.id), ['v1', 'v2', 'v3']);
  });

  it('loads once on a double Load more', async () => {
    const f = controlledFetcher();
    const lists = new PagedLists(f.fetch, () => 1);
    const first = lists.first({ kind: 'vaults', region: 'r1' });
    await settle();
    f.release([vault('v1')], 3);
    await first;
    const one = lists.more(VAULTS);
    const two = lists.more(VAULTS);
    assert.equal(await two, false, 'the second click does nothing');
    await settle();
    f.release([vault('v2')], 3);
    assert.equal(await one, true);
    assert.equal(f.asked.length, 2);
  });

  it('does not keep a first page that arrives after its list was forgotten', async () => {
    const f = controlledFetcher();
    const lists = new PagedLists(f.fetch, () => 10);
    const first = lists.first({ kind: 'vaults', region: 'r1' });
    await settle();
    lists.forget(regionScope('r1'));
    f.release([vault('stale')], 1);
    assert.deepEqual((await first).items.map((v) => v.id), ['stale'], 'the caller still gets its answer');
    assert.equal(lists.peek({ kind: 'vaults', region: 'r1' }), undefined, 'but the model does not keep it');
    const again = lists.first({ kind: 'vaults', region: 'r1' });
    await settle();
    assert.equal(f.asked.length, 2, 'the next load asks the cloud again');
    f.release([vault('fresh')], 1);
    assert.deepEqual((await again).items.map((v) => v.id), ['fresh']);
  });

  it('drops a Load more page that arrives after its list was forgotten', async () => {
    const f = controlledFetcher();
    const lists = new PagedLists(f.fetch, () => 1);
    const first = lists.first({ kind: 'vaults', region: 'r1' });
    await settle();
    f.release([vault('v1')], 2);
    await first;
    const more = lists.more(VAULTS);
    await settle();
    lists.forget();
    f.release([vault('v2')], 2);
    assert.equal(await more, false);
    assert.equal(lists.peek({ kind: 'vaults', region: 'r1' }), undefined);
  });

  it('forgets a failed first page, so the next expansion tries again', async () => {
    const f = controlledFetcher();
    const lists = new PagedLists(f.fetch, () => 10);
    const first = lists.first({ kind: 'vaults', region: 'r1' });
    await settle();
    f.fail(new Error('boom'));
    await assert.rejects(first, /boom/);
    const again = lists.first({ kind: 'vaults', region: 'r1' });
    await settle();
    f.release([], 0);
    assert.deepEqual((await again).items, []);
    assert.equal(f.asked.length, 2);
  });

  it('forgets by owner: a vault scope drops that vault’s lists only', async () => {
    const lists = new PagedLists((spec) => Promise.resolve({ items: [{ id: listKey(spec) }], total: 1 }), () => 10);
    const v1 = vault('v1');
    const v2 = vault('v2');
    await lists.first({ kind: 'vaults', region: 'r1' });
    await lists.first({ kind: 'vaultBackups', region: 'r1', vault: v1 });
    await lists.first({ kind: 'vaultBackups', region: 'r1', vault: v2 });
    lists.forget(vaultScope('r1', 'v1'));
    assert.equal(lists.peek({ kind: 'vaultBackups', region: 'r1', vault: v1 }), undefined);
    assert.ok(lists.peek({ kind: 'vaultBackups', region: 'r1', vault: v2 }));
    assert.ok(lists.peek({ kind: 'vaults', region: 'r1' }));
    lists.forget(regionScope('r1'));
    assert.equal(lists.peek({ kind: 'vaults', region: 'r1' }), undefined);
  });

  it('names a list’s owners: region, vault or instance', () => {
    const instance = { id: 'i1' } as never;
    assert.deepEqual(ownersOf({ kind: 'vaultBackups', region: 'r', vault: vault('v') }), [regionScope('r'), vaultScope('r', 'v')]);
    assert.ok(ownersOf({ kind: 'instanceBackups', region: 'r', instance }).includes(instanceScope('r', 'i1')));
    assert.notEqual(listKey({ kind: 'vaults', region: 'a' }), listKey({ kind: 'vaults', region: 'b' }));
  });

  it('replaces one item in place and removes one, keeping the total right', async () => {
    const lists = new PagedLists(() => Promise.resolve({ items: [vault('v1'), vault('v2')], total: 7 }), () => 10);
    await lists.first({ kind: 'vaults', region: 'r1' });
    const fresh = { ...vault('v2'), name: 'renamed' };
    assert.equal(lists.replace({ kind: 'vaults', region: 'r1' }, fresh), true);
    assert.equal(lists.peek({ kind: 'vaults', region: 'r1' })?.items[1]?.name, 'renamed');
    assert.equal(lists.replace({ kind: 'vaults', region: 'r1' }, vault('nope')), false);
    assert.equal(lists.remove(VAULTS, 'v1'), true);
    assert.deepEqual(lists.peek({ kind: 'vaults', region: 'r1' })?.items.map((v) => v.id), ['v2']);
    assert.equal(lists.peek({ kind: 'vaults', region: 'r1' })?.total, 6);
    assert.equal(lists.remove({ kind: 'vaults', region: 'other' }, 'v2'), false);
  });

  it('fires one event per page fetched from the cloud, never for the cache', async () => {
    const lists = new PagedLists((_spec, offset) => Promise.resolve({ items: [vault(`v${offset}`)], total: 2 }), () => 1);
    const seen: FetchedPage[] = [];
    lists.onDidFetchPage((p) => seen.push(p));
    await lists.first({ kind: 'vaults', region: 'r1' });
    await lists.first({ kind: 'vaults', region: 'r1' });
    await lists.more(VAULTS);
    assert.deepEqual(seen.map((p) => (p.items as Vault[]).map((v) => v.id)), [['v0'], ['v1']]);
  });

  it('keeps firing when one page listener throws, and reports the failure', async () => {
    const failures: unknown[] = [];
    const lists = new PagedLists(() => Promise.resolve({ items: [], total: 0 }), () => 1, (err) => failures.push(err));
    let second = 0;
    lists.onDidFetchPage(() => {
      throw new Error('listener broke');
    });
    lists.onDidFetchPage(() => void second++);
    await lists.first({ kind: 'vaults', region: 'r1' });
    assert.equal(second, 1);
    assert.equal(failures.length, 1);
  });
});
