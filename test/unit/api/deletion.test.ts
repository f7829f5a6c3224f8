import { strict as assert } from 'node:assert';
import { countsAsDeleted, whyNotDeletable } from '../../../src/api/schemas';

describe('API: which backups may be deleted', () => {
  it('allows available and error backups, as the OTC guide documents', () => {
    assert.equal(whyNotDeletable('available'), undefined);
    assert.equal(whyNotDeletable('error'), undefined);
  });

  it('refuses before sending a backup being made, restored or already deleted, with the reason', () => {
    assert.equal(whyNotDeletable('protecting'), 'beingMade');
    assert.equal(whyNotDeletable('waiting_protect'), 'beingMade');
    assert.equal(whyNotDeletable('restoring'), 'beingRestored');
    assert.equal(whyNotDeletable('waiting_restore'), 'beingRestored');
    assert.equal(whyNotDeletable('deleting'), 'beingDeleted');
  });

  it('counts a 404 as deleted only for a backup whose DELETE was sent', () => {
    assert.equal(countsAsDeleted({ kind: 'notFound' }, true), true);
    assert.equal(countsAsDeleted({ kind: 'notFound' }, false), false, 'a backup gone before we asked is not our delete');
    assert.equal(countsAsDeleted({ kind: 'server' }, true), false);
  });
});
