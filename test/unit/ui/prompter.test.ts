import { strict as assert } from 'node:assert';
import { isUserCancellation } from '../../../src/common/errors';
import { isBack, VsCodePrompter, type PickItem, type PickList } from '../../../src/ui/prompter';
import { QuickInputButtons, recorded, type FakeQuickInput } from '../vscode/stub';

const shown = (): FakeQuickInput => {
  const q = recorded.quickInputs[recorded.quickInputs.length - 1];
  assert.ok(q, 'a quick input is on screen');
  return q;
};
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));
const items: PickItem<number>[] = [
  { label: 'one', value: 1 },
  { label: 'two', value: 2, picked: true },
];

describe('unit: VsCodePrompter', () => {
  it('validates as the user types; Enter is refused while a message shows, then accepted', async () => {
    const answer = new VsCodePrompter().input({ title: 'T', step: 2, totalSteps: 3, prompt: 'Name', validate: (v) => (v.length < 3 ? 'Too short.' : undefined) });
    const box = shown();
    assert.deepEqual([box.kind, box.title, box.step, box.totalSteps, box.prompt], ['inputBox', 'T', 2, 3, 'Name']);
    box.type('ab');
    assert.equal(box.validationMessage, 'Too short.');
    box.accept();
    await tick();
    assert.equal(box.visible, true, 'Enter did not close the box');
    box.type('abc');
    assert.equal(box.validationMessage, undefined);
    box.accept();
    assert.equal(await answer, 'abc');
  });

  it('shows the validation of a prefilled value at once, and masks a password box', async () => {
    const answer = new VsCodePrompter().input({ title: 'T', step: 1, totalSteps: 1, value: 'x', password: true, validate: () => 'No.' });
    const box = shown();
    assert.equal(box.validationMessage, 'No.');
    assert.equal(box.password, true);
    box.hide();
    await assert.rejects(answer, (err) => isUserCancellation(err));
  });

  it('offers Back from the second step on, and resolves to BACK when pressed', async () => {
    const first = new VsCodePrompter().input({ title: 'T', step: 1, totalSteps: 2 });
    assert.deepEqual(shown().buttons, [], 'no Back on the first step');
    shown().hide();
    await assert.rejects(first);
    const second = new VsCodePrompter().pick({ title: 'T', step: 2, totalSteps: 2, items });
    assert.deepEqual(shown().buttons, [QuickInputButtons.Back]);
    shown().back();
    assert.ok(isBack(await second));
  });

  it('hiding a pick cancels it (UserCancelledError)', async () => {
    const answer = new VsCodePrompter().pick({ title: 'T', step: 1, totalSteps: 1, items });
    shown().hide();
    await assert.rejects(answer, (err) => isUserCancellation(err));
  });

  it('picks one item by value; pickMany preselects the picked ones', async () => {
    const one = new VsCodePrompter().pick({ title: 'T', step: 1, totalSteps: 1, placeholder: 'Choose', items });
    assert.equal(shown().placeholder, 'Choose');
    shown().choose((i: PickItem<number>) => i.value === 2);
    assert.equal(await one, 2);
    const many = new VsCodePrompter().pickMany({ title: 'T', step: 1, totalSteps: 1, items });
    assert.deepEqual(shown().selectedItems.map((i: PickItem<number>) => i.value), [2]);
    shown().choose(() => true);
    assert.deepEqual(await many, [1, 2]);
  });

  it('opens a pick whose items load at once, busy, and fills it when they arrive', async () => {
    let arrive: (v: { items: PickItem<number>[]; placeholder: string }) => void = () => undefined;
    const answer = new VsCodePrompter().pick<number>({ title: 'T', step: 1, totalSteps: 1, placeholder: 'Choose', items: new Promise<PickList<number>>((resolve) => (arrive = resolve)) });
    const pick = shown();
    assert.equal(pick.visible, true, 'shown before anything loaded');
    assert.equal(pick.busy, true);
    assert.equal(pick.placeholder, 'Loading…');
    assert.deepEqual(pick.items, []);
    pick.accept();
    await tick();
    assert.equal(pick.visible, true, 'Enter while loading picks nothing');
    arrive({ items, placeholder: 'Choose (eu-de could not be listed; see the log)' });
    await tick();
    assert.equal(pick.busy, false);
    assert.equal(pick.placeholder, 'Choose (eu-de could not be listed; see the log)');
    assert.deepEqual(pick.items.map((i: PickItem<number>) => i.label), ['one', 'two']);
    pick.choose((i: PickItem<number>) => i.value === 1);
    assert.equal(await answer, 1);
  });

  it('closes a loading pick whose items fail, and rejects with that error (not a cancellation)', async () => {
    let fail: (err: Error) => void = () => undefined;
    const answer = new VsCodePrompter().pick<number>({ title: 'T', step: 1, totalSteps: 1, items: new Promise((_resolve, reject) => (fail = reject)) });
    const pick = shown();
    fail(new Error('There is no vault to choose from in eu-de.'));
    await assert.rejects(answer, (err: Error) => !isUserCancellation(err) && err.message === 'There is no vault to choose from in eu-de.');
    assert.equal(pick.visible, false, 'the pick is closed');
  });

  it('Back while a pick is loading goes back, and a later failure to load is ignored', async () => {
    let fail: (err: Error) => void = () => undefined;
    const answer = new VsCodePrompter().pick<number>({ title: 'T', step: 2, totalSteps: 2, items: new Promise((_resolve, reject) => (fail = reject)) });
    shown().back();
    assert.ok(isBack(await answer));
    fail(new Error('late'));
    await tick();
  });
});
