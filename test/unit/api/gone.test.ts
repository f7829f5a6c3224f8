import { strict as assert } from 'node:assert';
import { CloudApiError, isGone } from '../../../src/api';

const notFound = (errorCode?: string): CloudApiError => new CloudApiError({ kind: 'notFound', operation: 'cbr.showVault', httpStatus: 404, errorCode, message: 'Not found.' });

describe('api: isGone (issue 8, hardened item 5)', () => {
  it('a documented not-found code of that kind of thing means gone, whatever the status', () => {
    assert.equal(isGone(notFound('BackupService.6105'), 'vault'), true);
    assert.equal(isGone(new CloudApiError({ kind: 'validation', operation: 'x', httpStatus: 400, errorCode: 'BackupService.6105', message: 'm' }), 'vault'), true, 'Huawei Cloud sends 6105 with 400');
    assert.equal(isGone(notFound('BackupService.6217'), 'checkpoint'), true);
    assert.equal(isGone(notFound('DBS.200002'), 'gaussInstance'), true);
    assert.equal(isGone(notFound('DBS.200543'), ['gaussInstance', 'gaussJob']), true);
  });

  it('a bare or gateway 404 is not gone', () => {
    assert.equal(isGone(notFound(), 'vault'), false);
    assert.equal(isGone(notFound('APIGW.0101'), 'vault'), false);
  });

  it("another kind's code is not gone", () => {
    assert.equal(isGone(notFound('BackupService.6217'), 'vault'), false, 'a missing restore point does not mean the vault is gone');
    assert.equal(isGone(notFound('BackupService.6105'), 'checkpoint'), false);
  });

  it('reads the error by shape (another bundle copy) and ignores what is not an error', () => {
    assert.equal(isGone({ kind: 'notFound', errorCode: 'BackupService.6105' }, 'vault'), true);
    assert.equal(isGone(undefined, 'vault'), false);
    assert.equal(isGone(new Error('BackupService.6105'), 'vault'), false);
  });
});
