import { UserCancelledError } from '../../src/common/errors';
import { BACK, isBack, pickList, type Back, type InputStep, type PickStep, type Prompter } from '../../src/ui/prompter';

// This copy of the module's BACK and UserCancelledError carry the same explicit marker as the
// extension's, so the extension recognises them.
export { BACK };

export type Answer =
  | { input: string }
  | { pick: (item: { label: string; value: unknown }) => boolean }
  | { pickMany: (item: { label: string; value: unknown }) => boolean }
  | { confirm: boolean }
  | 'back'
  | 'cancel';

export interface ShownPrompt {
  type: 'input' | 'pick' | 'pickMany' | 'confirm';
  title: string;
  step?: number;
  totalSteps?: number;
  prompt?: string;
  placeholder?: string;
  /** The value an input box opened with (an earlier answer after Back). */
  value?: string;
  password?: boolean;
  /** Labels of the items offered by a pick. */
  items?: string[];
  /** The validation message the real input box would have shown for the answer typed. */
  validationMessage?: string;
  message?: string;
  /** A confirmation's detail text (the facts it asks about). */
  detail?: string;
}

/**
 * Answers the extension's prompts from a queue, as a user would type them, and records what was
 * shown. An input answer that fails the step's validation is an error, as Enter would be refused:
 * tests assert on `shown[i].validationMessage` with `invalidThen`.
 */
export class ScriptedPrompter implements Prompter {
  readonly shown: ShownPrompt[] = [];
  private readonly answers: Answer[];

  constructor(answers: Answer[]) {
    this.answers = [...answers];
  }

  get remaining(): number {
    return this.answers.length;
  }

  input(step: InputStep): Promise<string | Back> {
    const answer = this.next();
    const record: ShownPrompt = { type: 'input', title: step.title, step: step.step, totalSteps: step.totalSteps, prompt: step.prompt, value: step.value, password: step.password, message: step.message };
    this.shown.push(record);
    if (answer === 'back') {
      return Promise.resolve(BACK);
    }
    if (answer === 'cancel') {
      return Promise.reject(new UserCancelledError());
    }
    if (!('input' in answer)) {
      return Promise.reject(new Error(`expected an input answer for "${step.prompt ?? step.title}"`));
    }
    const message = step.validate?.(answer.input);
    record.validationMessage = message;
    if (message) {
      // The box stays open with the message; the script must supply the corrected value next.
      return this.input(step);
    }
    return Promise.resolve(answer.input);
  }

  pick<T>(step: PickStep<T>): Promise<T | Back> {
    return this.pickMany(step, 'pick').then((r) => (isBack(r) ? BACK : (r[0])));
  }

  async pickMany<T>(step: PickStep<T>, type: 'pick' | 'pickMany' = 'pickMany'): Promise<T[] | Back> {
    // Shown at once; items that load arrive before the user can answer (a failure closes it unanswered).
    const record: ShownPrompt = { type, title: step.title, step: step.step, totalSteps: step.totalSteps, items: [] };
    this.shown.push(record);
    const { items, placeholder } = pickList(await step.items, step.placeholder);
    record.items = items.map((i) => i.label);
    record.placeholder = placeholder;
    const answer = this.next();
    if (answer === 'back') {
      return BACK;
    }
    if (answer === 'cancel') {
      throw new UserCancelledError();
    }
    const matcher = 'pick' in answer ? answer.pick : 'pickMany' in answer ? answer.pickMany : undefined;
    if (!matcher) {
      throw new Error(`expected a pick answer for "${step.title}"`);
    }
    const chosen = items.filter((i) => matcher({ label: i.label, value: i.value }));
    if (chosen.length === 0) {
      throw new Error(`no item matched in "${step.title}": ${items.map((i) => i.label).join(', ')}`);
    }
    return type === 'pick' ? [chosen[0].value] : chosen.map((i) => i.value);
  }

  confirm(message: string, detail?: string): Promise<boolean> {
    const answer = this.next();
    this.shown.push({ type: 'confirm', title: message, message, detail });
    if (answer === 'cancel') {
      return Promise.resolve(false);
    }
    if (typeof answer !== 'object' || !('confirm' in answer)) {
      return Promise.reject(new Error(`expected a confirm answer for "${message}"`));
    }
    return Promise.resolve(answer.confirm);
  }

  private next(): Answer {
    const answer = this.answers.shift();
    if (answer === undefined) {
      throw new Error('the extension asked more questions than the test scripted');
    }
    return answer;
  }
}
