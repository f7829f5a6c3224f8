import { strict as assert } from 'node:assert';
import { BACK, VsCodePrompter, type PickItem } from '../../../src/ui/prompter';
import { inputStep, pickStep, runWizard, type WizardStep } from '../../../src/ui/wizard';
import { ScriptedPrompter, type Answer } from '../../host/scriptedPrompter';
import { recorded } from '../vscode/stub';

interface S {
  target?: string;
  kind?: 'a' | 'b';
  name?: string;
  secret?: string;
  extra?: string;
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));
const steps = (p: ScriptedPrompter): string[] => p.shown.map((s) => `${s.step}/${s.totalSteps}`);
const pickTarget: WizardStep<S> = pickStep<S, string>({ when: (s) => !s.target, placeholder: 'Target', items: () => [{ label: 'alpha', value: 'alpha' }, { label: 'beta', value: 'beta' }], keep: (s, t) => (s.target = t) });
const pickKind: WizardStep<S> = pickStep<S, 'a' | 'b'>({ placeholder: 'Kind', items: () => [{ label: 'A', value: 'a' }, { label: 'B', value: 'b' }], keep: (s, k) => (s.kind = k) });
const name = inputStep<S>({ prompt: 'Name', value: () => 'default-name', keep: (s, v) => (s.name = v) });
const secret = inputStep<S>({ prompt: 'Secret', password: true, keep: (s, v) => (s.secret = v) });
/** Only on path b (the default kind is a). */
const extra = inputStep<S>({ when: (s) => s.kind === 'b', prompt: 'Extra', keep: (s, v) => (s.extra = v) });

async function run(answers: Answer[], start: S, list: WizardStep<S>[]): Promise<{ prompter: ScriptedPrompter; state: S | undefined }> {
  const prompter = new ScriptedPrompter(answers);
  const state = await runWizard(prompter, start, { title: 'Do it', subject: (s) => s.target, steps: list });
  assert.equal(prompter.remaining, 0, 'every answer was used');
  return { prompter, state };
}

describe('unit: the wizard', () => {
  it('asks the steps in order, numbers them and keeps the answers', async () => {
    const { prompter, state } = await run([{ pick: (i) => i.label === 'beta' }, { pick: (i) => i.value === 'a' }, { input: 'n1' }], {}, [pickTarget, pickKind, name]);
    assert.deepEqual(steps(prompter), ['1/3', '2/3', '3/3']);
    assert.deepEqual(state, { target: 'beta', kind: 'a', name: 'n1' });
  });

  it('names the subject in the title once it is known, and keeps the title otherwise', async () => {
    const { prompter } = await run([{ pick: (i) => i.label === 'beta' }, { input: 'n1' }], {}, [pickTarget, name]);
    assert.deepEqual(prompter.shown.map((s) => s.title), ['Do it', 'Do it: beta']);
  });

  it('skips a step whose when is false and does not count it (a target from a node skips the pick)', async () => {
    const { prompter, state } = await run([{ pick: (i) => i.value === 'a' }, { input: 'n1' }], { target: 'given' }, [pickTarget, pickKind, name]);
    assert.deepEqual(steps(prompter), ['1/2', '2/2']);
    assert.deepEqual(prompter.shown.map((s) => s.type), ['pick', 'input']);
    assert.equal(prompter.shown[0]?.title, 'Do it: given');
    assert.equal(state?.target, 'given');
  });

  it('counts a step whose own answer makes its when false (the palette pick stays step 1)', async () => {
    const { prompter } = await run([{ pick: (i) => i.label === 'alpha' }, 'back', { pick: (i) => i.label === 'beta' }, { input: 'n2' }], {}, [pickTarget, name]);
    assert.deepEqual(steps(prompter), ['1/2', '2/2', '1/2', '2/2']);
  });

  it('Back returns to the previous applicable step, showing the earlier answer as the value', async () => {
    const { prompter, state } = await run(
      [{ pick: (i) => i.value === 'a' }, { input: 'first' }, 'back', 'back', { pick: (i) => i.value === 'a' }, { input: 'second' }, { input: 'pw2' }],
      { target: 'given' },
      [pickTarget, pickKind, extra, name, secret],
    );
    assert.deepEqual(prompter.shown.map((s) => s.prompt ?? s.type), ['pick', 'Name', 'Secret', 'Name', 'pick', 'Name', 'Secret']);
    const names = prompter.shown.filter((s) => s.prompt === 'Name').map((s) => s.value);
    assert.deepEqual(names, ['default-name', 'first', 'first'], 'the name typed before is the box value after Back');
    assert.deepEqual(steps(prompter), ['1/3', '2/3', '3/3', '2/3', '1/3', '2/3', '3/3']);
    assert.deepEqual(state, { target: 'given', kind: 'a', name: 'second', secret: 'pw2' });
  });

  it('does not show a masked answer again after Back', async () => {
    const { prompter } = await run([{ input: 'n' }, { input: 'hunter2' }, 'back', 'back', { input: 'n' }, { input: 'hunter3' }, { input: 'y' }], { kind: 'b' }, [name, secret, extra]);
    assert.deepEqual(prompter.shown.filter((s) => s.prompt === 'Secret').map((s) => s.value), [undefined, undefined, undefined]);
  });

  it('Back on the first step asks it again', async () => {
    const { prompter } = await run(['back', { input: 'n' }], {}, [name]);
    assert.deepEqual(steps(prompter), ['1/1', '1/1']);
  });

  it('numbers each path: the count follows the answer that chooses it', async () => {
    const onA = await run([{ pick: (i) => i.value === 'a' }, { input: 'n' }], { target: 't' }, [pickKind, extra, name]);
    assert.deepEqual(steps(onA.prompter), ['1/2', '2/2']);
    const onB = await run([{ pick: (i) => i.value === 'b' }, { input: 'e' }, { input: 'n' }], { target: 't' }, [pickKind, extra, name]);
    assert.deepEqual(steps(onB.prompter), ['1/2', '2/3', '3/3']);
    assert.equal(onB.state?.extra, 'e');
    const switched = await run([{ pick: (i) => i.value === 'b' }, 'back', { pick: (i) => i.value === 'a' }, { input: 'n' }], { target: 't' }, [pickKind, extra, name]);
    // Back to the kind: the count still follows the answer given (b) until another is picked.
    assert.deepEqual(steps(switched.prompter), ['1/2', '2/3', '1/3', '2/2']);
  });

  it('resolves to undefined when the user cancels, asking nothing more', async () => {
    const kept: string[] = [];
    const after: WizardStep<S> = { prompt: () => Promise.resolve(void kept.push('asked')) };
    const { prompter, state } = await run([{ pick: (i) => i.value === 'a' }, 'cancel'], { target: 't' }, [pickKind, name, after]);
    assert.equal(state, undefined);
    assert.equal(prompter.shown.length, 2);
    assert.deepEqual(kept, []);
  });

  it('a custom step may ask twice under one number and go back itself', async () => {
    const custom: WizardStep<S> = {
      prompt: async (s, ask) => {
        const first = await ask.input({ prompt: 'One' });
        if (typeof first !== 'string') {
          return BACK;
        }
        const second = await ask.input({ prompt: 'Two' });
        s.name = `${first}+${typeof second === 'string' ? second : ''}`;
        return undefined;
      },
    };
    const { prompter, state } = await run([{ pick: (i) => i.value === 'a' }, { input: '1' }, { input: '2' }], { target: 't' }, [pickKind, custom]);
    assert.deepEqual(steps(prompter), ['1/2', '2/2', '2/2']);
    assert.equal(state?.name, '1+2');
  });

  it('shows a step whose items load at once, busy, then filled (real prompter, stub quick pick)', async () => {
    let arrive: (items: PickItem<string>[]) => void = () => undefined;
    const loading = pickStep<S, string>({ placeholder: 'Target', items: () => new Promise((resolve) => (arrive = resolve)), keep: (s, t) => (s.target = t) });
    const done = runWizard(new VsCodePrompter(), {}, { title: 'Do it', steps: [loading, name] });
    await tick();
    const pick = recorded.quickInputs[0];
    assert.ok(pick?.visible && pick.busy, 'the pick is on screen and busy before its items came');
    assert.deepEqual([pick.step, pick.totalSteps, pick.title], [1, 2, 'Do it']);
    arrive([{ label: 'alpha', value: 'alpha' }]);
    await tick();
    assert.equal(pick.busy, false);
    pick.choose(() => true);
    await tick();
    const box = recorded.quickInputs[1];
    assert.equal(box?.kind, 'inputBox');
    assert.equal(box.value, 'default-name');
    box.accept();
    assert.deepEqual(await done, { target: 'alpha', name: 'default-name' });
  });

  it('a step whose items reject ends the wizard with that error', async () => {
    const failing = pickStep<S, string>({ placeholder: 'Target', items: () => Promise.reject(new Error('No region accepts replicas from eu-de.')), keep: () => undefined });
    await assert.rejects(runWizard(new VsCodePrompter(), {}, { title: 'Do it', steps: [failing, name] }), /No region accepts replicas from eu-de\./);
    assert.equal(recorded.quickInputs.length, 1, 'nothing was asked after it');
    assert.equal(recorded.quickInputs[0]?.visible, false, 'and the pick closed');
  });

  it('a wizard with no applicable step resolves to the state at once', async () => {
    const { prompter, state } = await run([], { target: 't' }, [pickTarget]);
    assert.equal(prompter.shown.length, 0);
    assert.deepEqual(state, { target: 't' });
  });
});
