import { strict as assert } from 'node:assert';
import { Notifier } from '../../../src/common/notifier';
import { answerNotifications, recorded } from '../vscode/stub';

describe('unit: the notifier', () => {
  it('shows each message with its severity and buttons, and resolves to the button picked', async () => {
    answerNotifications((n) => (n.message === 'Restore point ready.' ? 'Reveal' : undefined));
    const notifier = new Notifier(() => 1_000);
    assert.equal(await notifier.info('Restore point ready.', 'Reveal'), 'Reveal');
    assert.equal(await notifier.error('It failed.'), undefined);
    assert.deepEqual(
      recorded.notifications.map((n) => [n.severity, n.message, n.actions]),
      [
        ['info', 'Restore point ready.', ['Reveal']],
        ['error', 'It failed.', []],
      ],
    );
    assert.deepEqual(notifier.recent().map((r) => [r.severity, r.message, r.at]), [
      ['info', 'Restore point ready.', 1_000],
      ['error', 'It failed.', 1_000],
    ]);
  });

  it('keeps a bounded history, oldest dropped first', async () => {
    const notifier = new Notifier();
    for (let i = 0; i < 130; i++) {
      await notifier.warn(`message ${i}`);
    }
    assert.equal(notifier.recent().length, 100);
    assert.equal(notifier.recent()[0]?.message, 'message 30');
    assert.equal(notifier.recent()[99]?.message, 'message 129');
    assert.equal(recorded.notifications.length, 130, 'every one was shown');
  });
});
