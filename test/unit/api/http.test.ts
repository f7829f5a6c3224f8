/** The transport's own bounds, with a fake fetch (no network): timeouts and log listeners. */
import { strict as assert } from 'node:assert';
import * as z from 'zod/mini';
import { HttpClient, type FetchLike } from '../../../src/api';

const okFetch: FetchLike = () => Promise.resolve({ status: 200, headers: { get: () => null }, text: () => Promise.resolve('{"ok":true}') });
const slowOkFetch =
  (ms: number): FetchLike =>
  (_url, init) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => resolve({ status: 200, headers: { get: () => null }, text: () => Promise.resolve('{"ok":true}') }), ms);
      init.signal?.addEventListener('abort', () => {
        clearTimeout(timer);
        reject(new Error('aborted'));
      });
    });
const spec = { operation: 'cbr.listVaults', method: 'GET' as const, baseUrl: 'https://cbr.example.test', path: '/v3/p/vaults', schema: z.object({ ok: z.boolean() }), auth: null };

describe('api: HttpClient bounds (issue 8, hardened item 9)', () => {
  for (const bad of [Number.NaN, 'abc' as unknown as number, 0, -5, 3_000_000_000]) {
    it(`a timeout of ${String(bad)} does not become a 1 ms timer`, async () => {
      const http = new HttpClient({ fetch: slowOkFetch(50), timeoutMs: bad, retry: { maxAttempts: 1 } });
      const { data } = await http.call(spec);
      assert.equal(data.ok, true);
    });
  }

  it('a log listener that throws breaks neither the call nor reaches the console', async () => {
    const original = console.error;
    const printed: unknown[] = [];
    console.error = (...args: unknown[]) => printed.push(args);
    try {
      const http = new HttpClient({
        fetch: okFetch,
        onRequest: () => {
          throw new Error('listener failed with X-Auth-Token: secret-token-value');
        },
      });
      const { data } = await http.call(spec);
      assert.equal(data.ok, true);
      assert.ok(!JSON.stringify(printed).includes('secret-token-value'));
    } finally {
      console.error = original;
    }
  });

  it('sends redirect: manual on every request', async () => {
    let seen: string | undefined;
    const http = new HttpClient({
      fetch: (url, init) => {
        seen = init.redirect;
        return okFetch(url, init);
      },
    });
    await http.call(spec);
    assert.equal(seen, 'manual');
  });
});
