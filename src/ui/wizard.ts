import { isUserCancellation } from '../common/errors';
import { Back, BACK, InputStep, isBack, PickItem, PickList, PickStep, Prompter, StepInfo } from './prompter';

/** A question without its place in the flow: the wizard adds title, step and totalSteps. */
export type InputQuestion = Omit<InputStep, keyof StepInfo>;
export type PickQuestion<T> = Omit<PickStep<T>, keyof StepInfo>;

/** What a step asks through: the prompter, with this step's title and number filled in. */
export interface Ask {
  readonly title: string;
  readonly step: number;
  readonly totalSteps: number;
  /** A box; on a return to this step it shows the earlier answer (unless masked). */
  input(q: InputQuestion): Promise<string | Back>;
  pick<T>(q: PickQuestion<T>): Promise<T | Back>;
  pickMany<T>(q: PickQuestion<T>): Promise<T[] | Back>;
}

export interface WizardStep<S> {
  /**
   * Whether the step applies to the answers so far; one that does not is skipped and not
   * counted. A condition on a later answer should hold for that answer's default, so that the
   * count shown before it is the likely one.
   */
  when?: (state: S) => boolean;
  /**
   * A choice that decides which steps follow (how to sign in): shown without a number, and the
   * steps after it count from 1, so that no total is shown before it can be known.
   */
  unnumbered?: boolean;
  /** Asks, keeps the answer in `state`, or returns BACK. */
  prompt: (state: S, ask: Ask) => Promise<void | Back>;
}

export interface Wizard<S> {
  title: string;
  /** Named in the title once known: `Create restore point: vault-prod`. */
  subject?: (state: S) => string | undefined;
  steps: readonly WizardStep<S>[];
}

/**
 * Runs the applicable steps in order and numbers them: the steps answered so far, this one, and
 * those after it that apply to the answers so far (so a pick whose answer makes its own `when`
 * false still counts). Back returns to the step shown before; Back on the first step
 * asks it again. Resolves to the state, or undefined when the user cancelled. A failure to load
 * a step (a pick whose items reject) propagates.
 */
export async function runWizard<S>(prompter: Prompter, state: S, wizard: Wizard<S>): Promise<S | undefined> {
  const applies = (step: WizardStep<S>): boolean => step.when?.(state) ?? true;
  /** Earlier answers per step and prompt, shown again after Back. */
  const typed = new Map<string, string>();
  const shown: number[] = [];
  let index = wizard.steps.findIndex(applies);
  while (index >= 0 && index < wizard.steps.length) {
    const step = wizard.steps[index];
    if (!step) {
      break;
    }
    // Steps already answered on the way here count as they were; the rest as they now apply.
    const numbered = (s: WizardStep<S> | undefined): boolean => !!s && !s.unnumbered;
    const before = shown.filter((i) => numbered(wizard.steps[i])).length;
    const later = wizard.steps.slice(index + 1).filter((s) => applies(s) && numbered(s)).length;
    const info: StepInfo = step.unnumbered
      ? { title: titleOf(wizard, state), step: 0, totalSteps: 0, canGoBack: shown.length > 0 }
      : { title: titleOf(wizard, state), step: before + 1, totalSteps: before + 1 + later, ...(shown.length > before ? { canGoBack: true } : {}) };
    let result: void | Back;
    try {
      result = await step.prompt(state, askFor(prompter, info, index, typed));
    } catch (err) {
      if (isUserCancellation(err)) {
        return undefined;
      }
      throw err;
    }
    if (isBack(result)) {
      index = shown.pop() ?? index;
      continue;
    }
    shown.push(index);
    index = nextApplicable(wizard.steps, index, applies);
  }
  return state;
}

function nextApplicable<S>(steps: readonly WizardStep<S>[], from: number, applies: (s: WizardStep<S>) => boolean): number {
  for (let i = from + 1; i < steps.length; i++) {
    const step = steps[i];
    if (step && applies(step)) {
      return i;
    }
  }
  return steps.length;
}

function titleOf<S>(wizard: Wizard<S>, state: S): string {
  const subject = wizard.subject?.(state);
  return subject ? `${wizard.title}: ${subject}` : wizard.title;
}

function askFor(prompter: Prompter, info: StepInfo, index: number, typed: Map<string, string>): Ask {
  return {
    ...info,
    async input(q) {
      const key = `${index}\n${q.prompt ?? ''}`;
      const answer = await prompter.input({ ...info, ...q, value: typed.get(key) ?? q.value });
      if (!isBack(answer) && !q.password) {
        typed.set(key, answer);
      }
      return answer;
    },
    pick: (q) => prompter.pick({ ...info, ...q }),
    pickMany: (q) => prompter.pickMany({ ...info, ...q }),
  };
}

/** A step that asks one input and keeps the answer. */
export function inputStep<S>(o: {
  when?: (state: S) => boolean;
  prompt: string;
  placeholder?: string;
  password?: boolean;
  /** The box's value on the first visit. */
  value?: (state: S) => string | undefined;
  validate?: (value: string) => string | undefined;
  keep: (state: S, value: string) => void;
}): WizardStep<S> {
  return {
    when: o.when,
    async prompt(state, ask) {
      const answer = await ask.input({ prompt: o.prompt, placeholder: o.placeholder, password: o.password, value: o.value?.(state), validate: o.validate });
      if (isBack(answer)) {
        return BACK;
      }
      o.keep(state, answer);
      return undefined;
    },
  };
}

/** A step that picks one item and keeps it; `items` may load (the pick opens at once, busy). */
export function pickStep<S, T>(o: {
  when?: (state: S) => boolean;
  placeholder: string;
  items: (state: S) => readonly PickItem<T>[] | Promise<PickList<T>>;
  keep: (state: S, value: T) => void;
}): WizardStep<S> {
  return {
    when: o.when,
    async prompt(state, ask) {
      const answer = await ask.pick<T>({ placeholder: o.placeholder, items: o.items(state) });
      if (isBack(answer)) {
        return BACK;
      }
      o.keep(state, answer);
      return undefined;
    },
  };
}
