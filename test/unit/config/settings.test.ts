import { strict as assert } from 'node:assert';
import { readConfirmWindow, readPageSize, readSettings, resetSettingWarnings } from '../../../src/config/settings';
import { recorded, resetVsCode, setConfiguration } from '../vscode/stub';

const warnings = (): string[] => recorded.notifications.filter((n) => n.severity === 'warning').map((n) => n.message);

describe('unit: settings are bounded and validated', () => {
  beforeEach(() => {
    resetVsCode();
    resetSettingWarnings();
  });

  it('a request timeout in range is used as it is', () => {
    setConfiguration({ 'cbr.requestTimeoutSeconds': 45 });
    assert.equal(readSettings().requestTimeoutMs, 45_000);
    assert.deepEqual(warnings(), []);
  });

  for (const bad of [0, -5, 301, 3_000_000, Number.NaN, 'abc', '30', null, 2.5e9]) {
    it(`a request timeout of ${JSON.stringify(bad)} falls back to 30 s with one warning naming the setting`, () => {
      setConfiguration({ 'cbr.requestTimeoutSeconds': bad });
      assert.equal(readSettings().requestTimeoutMs, 30_000);
      assert.equal(readSettings().requestTimeoutMs, 30_000, 'read twice');
      assert.equal(warnings().length, 1, `warnings: ${warnings().join(' | ')}`);
      assert.match(warnings()[0] ?? '', /^The setting cbr\.requestTimeoutSeconds must be a number from 1 to 300; using 30\.$/);
    });
  }

  it('a page size of "abc" or 0 becomes the default (no limit=NaN), with a warning', () => {
    setConfiguration({ 'cbr.pageSize': 'abc' });
    assert.equal(readPageSize(), 100);
    setConfiguration({ 'cbr.pageSize': 0 });
    assert.equal(readPageSize(), 100);
    setConfiguration({ 'cbr.pageSize': 2.5 });
    assert.equal(readPageSize(), 100, 'a page size is a whole number');
    assert.deepEqual(warnings().map((w) => /cbr\.pageSize must be a whole number from 1 to 1000; using 100\./.test(w)), [true, true, true]);
    setConfiguration({ 'cbr.pageSize': 250 });
    assert.equal(readPageSize(), 250);
  });

  it('the confirmation window for a lost answer is configurable and bounded', () => {
    assert.deepEqual(readConfirmWindow(), { windowMs: 120_000, intervalMs: 10_000 });
    setConfiguration({ 'cbr.unconfirmedWriteWindowSeconds': 3 });
    assert.deepEqual(readConfirmWindow(), { windowMs: 3_000, intervalMs: 500 });
    setConfiguration({ 'cbr.unconfirmedWriteWindowSeconds': 'x' });
    assert.equal(readConfirmWindow().windowMs, 120_000);
  });
});
