import { strict as assert } from 'node:assert';
import { rebaseSeedTimestamps } from '../../emulator/rebase';
import type { SeedData } from '../../emulator/types';

describe('emulator: rebasing demo timestamps', () => {
  it('moves every timestamp by the same amount, keeping each wire format', () => {
    const seed = {
      a: '2025-11-22T02:00:11.307378',
      b: { c: '2025-11-22T01:00:11.307378', d: '2025-11-23T18:00:12+0000', e: 'not-a-date' },
      f: ['2019-05-10T07:59:12.733+00:00'],
    } as unknown as SeedData;
    const now = Date.parse('2026-11-25T12:00:00Z');
    const out = rebaseSeedTimestamps(seed, now) as unknown as { a: string; b: { c: string; d: string; e: string }; f: string[] };
    // The newest (d, 2025-11-23T18:00:12Z) lands two hours before now.
    assert.equal(out.b.d, '2026-11-25T10:00:00+0000');
    // The others keep their distance to it and their format.
    assert.equal(out.a, '2026-11-23T17:59:59.307378');
    assert.equal(out.b.c, '2026-11-23T16:59:59.307378');
    assert.equal(out.f[0], '2020-05-10T23:59:00.733+00:00'); // 366 days 15:59:48 later (2020 is a leap year)
    assert.equal(out.b.e, 'not-a-date');
  });
});
