import { strict as assert } from 'node:assert';
import { TrackedWork, WorkTarget } from '../../../src/tracking/core/types';
import { inFlightItems, showInFlight } from '../../../src/tracking/ui/inFlightPick';
import type { PickItem, PickStep, Prompter } from '../../../src/ui/prompter';
import { checkpointWork } from '../../support/trackingFakes';
import { recorded } from '../vscode/stub';

const NOW = 1_700_000_000_000;

/** A prompter that records the pick it was shown and answers with the first item whose label matches. */
function pickingPrompter(label: RegExp): Prompter & { shown: PickStep<unknown>[] } {
  const shown: PickStep<unknown>[] = [];
  return {
    shown,
    pick: async <T>(step: PickStep<T>) => {
      shown.push(step);
      const loaded = await step.items;
      const items: readonly PickItem<T>[] = Array.isArray(loaded) ? (loaded as readonly PickItem<T>[]) : (loaded as { items: readonly PickItem<T>[] }).items;
      return items.find((i) => label.test(i.label))?.value as T;
    },
  } as unknown as Prompter & { shown: PickStep<unknown>[] };
}

describe('tracking: the in-flight pick', () => {
  it('lists oldest first with the elapsed time and what kind each is', () => {
    const items = inFlightItems([checkpointWork('eu-de', 'v1', 'new', NOW - 5_000), checkpointWork('eu-de', 'v1', 'old', NOW - 130_000)], NOW);
    assert.deepEqual(items.map((i) => [i.label, i.description, i.detail]), [
      ['$(archive) cp-old', '2 min 10 s', 'Restore point · eu-de'],
      ['$(archive) cp-new', '5 s', 'Restore point · eu-de'],
    ]);
  });

  it('reveals the picked work', async () => {
    const revealed: WorkTarget[] = [];
    const work = checkpointWork('eu-de', 'v1', 'a', NOW);
    const prompter = pickingPrompter(/cp-a/);
    await showInFlight({ tracker: { items: [work], state: { kind: 'polling' } }, prompter, reveal: (t) => revealed.push(t), now: () => NOW });
    assert.equal(prompter.shown[0]?.title, 'In-flight work');
    assert.equal(prompter.shown[0]?.placeholder, 'Pick one to show it in the view');
    assert.deepEqual(revealed, [work]);
  });

  it('says it is paused while waiting for a sign-in, and that nothing is in flight when empty', async () => {
    const prompter = pickingPrompter(/nothing matches/);
    const items: TrackedWork[] = [checkpointWork('eu-de', 'v1', 'a', NOW)];
    await showInFlight({ tracker: { items, state: { kind: 'signedOut' } }, prompter, reveal: () => assert.fail('nothing picked'), now: () => NOW }).catch(() => undefined);
    assert.equal(prompter.shown[0]?.placeholder, 'Paused until you sign in again. Pick one to show it in the view');
    await showInFlight({ tracker: { items: [], state: { kind: 'idle' } }, prompter, reveal: () => undefined, now: () => NOW });
    assert.deepEqual(recorded.notifications.map((n) => n.message), ['Nothing is in flight.']);
  });
});
