import { strict as assert } from 'node:assert';
import { CloudApiError } from '../../../src/api';
import { describeError } from '../../../src/common/errors';

const forbidden = (operation: string): CloudApiError =>
  new CloudApiError({ kind: 'forbidden', operation, errorCode: 'APIGW.0302', httpStatus: 403, requestId: 'req-403', message: 'The IAM user is not authorized to access the API.' });

describe('describeError: one short message with code, status, request id and advice', () => {
  it('adds the code, the HTTP status and the request id, and names no operation', () => {
    const text = describeError(forbidden('cbr.listVaults'));
    assert.match(text, /APIGW\.0302/);
    assert.match(text, /HTTP 403/);
    assert.match(text, /req-403/);
    assert.doesNotMatch(text, /cbr\.listVaults/);
  });

  it('advises per service on a 403 (issue 10, item 18)', () => {
    assert.match(describeError(forbidden('cbr.listVaults')), /CBR permissions/);
    const gauss = describeError(forbidden('gaussdb.createBackup'));
    assert.match(gauss, /GaussDB/);
    assert.doesNotMatch(gauss, /CBR/);
    const iam = describeError(forbidden('iam.listProjects'));
    assert.match(iam, /IAM/);
    assert.doesNotMatch(iam, /CBR permissions/);
  });

  it('advises on a redirect and an oversized answer', () => {
    assert.match(describeError(new CloudApiError({ kind: 'redirect', operation: 'cbr.listVaults', httpStatus: 302, message: 'The cloud endpoint answered with a redirect, which is not followed.' })), /endpoint settings/);
    assert.match(describeError(new CloudApiError({ kind: 'tooLarge', operation: 'cbr.listVaults', httpStatus: 200, message: 'Too large.' })), /page size/);
  });

  it('strips an operation prefix an older message may still carry', () => {
    const text = describeError(new CloudApiError({ kind: 'server', operation: 'cbr.showVault', message: 'cbr.showVault: The cloud had an internal error.' }));
    assert.doesNotMatch(text, /cbr\.showVault/);
  });
});
