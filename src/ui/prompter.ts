import * as vscode from 'vscode';
import { PROMPT_OUTCOME, UserCancelledError } from '../common/errors';

/**
 * Returned by a prompt when the user pressed the Back button. Recognised by its explicit marker
 * (`isBack`), not by identity, so a prompter from another copy of this module agrees with it.
 */
export const BACK = Object.freeze({ [PROMPT_OUTCOME]: 'back' as const });
export type Back = typeof BACK;

export function isBack(value: unknown): value is Back {
  return typeof value === 'object' && value !== null && (value as Record<string, unknown>)[PROMPT_OUTCOME] === 'back';
}

interface StepInfo {
  title: string;
  step: number;
  totalSteps: number;
}

export interface InputStep extends StepInfo {
  prompt?: string;
  placeholder?: string;
  value?: string;
  password?: boolean;
  /** Runs as the user types; a message blocks Enter. */
  validate?: (value: string) => string | undefined;
}

export interface PickItem<T> extends vscode.QuickPickItem {
  value: T;
}

export interface PickStep<T> extends StepInfo {
  placeholder?: string;
  items: readonly PickItem<T>[];
  /** Shown instead of the list while `items` is a promise. */
  busy?: boolean;
}

/**
 * Every question the extension asks goes through a Prompter. The real one uses VS Code's quick
 * input; host tests install a scripted one that answers from a queue (and still runs validation).
 */
export interface Prompter {
  /** @returns the value, or BACK; throws UserCancelledError when dismissed. */
  input(step: InputStep): Promise<string | Back>;
  pick<T>(step: PickStep<T>): Promise<T | Back>;
  pickMany<T>(step: PickStep<T>): Promise<T[] | Back>;
  /** A modal confirmation; false when the user declines. */
  confirm(message: string, detail: string, confirmLabel: string): Promise<boolean>;
}

/** A step that asks one question and keeps the answer; Back goes to the previous step. */
export function askStep<S, T>(ask: (state: S) => Promise<T | Back>, keep: (state: S, answer: T) => void): (state: S) => Promise<void | Back> {
  return async (state) => {
    const answer = await ask(state);
    if (isBack(answer)) {
      return BACK;
    }
    keep(state, answer);
    return undefined;
  };
}

/** Runs steps in order; a step that returns BACK goes to the previous one. */
export async function runSteps<S>(state: S, steps: ReadonlyArray<(state: S) => Promise<void | Back>>): Promise<S> {
  let index = 0;
  while (index < steps.length) {
    const step = steps[index];
    if (!step) {
      break;
    }
    const result = await step(state);
    index = isBack(result) ? Math.max(0, index - 1) : index + 1;
  }
  return state;
}

export class VsCodePrompter implements Prompter {
  async input(step: InputStep): Promise<string | Back> {
    const box = vscode.window.createInputBox();
    box.title = step.title;
    box.step = step.step;
    box.totalSteps = step.totalSteps;
    box.prompt = step.prompt;
    box.placeholder = step.placeholder;
    box.value = step.value ?? '';
    box.password = step.password ?? false;
    box.ignoreFocusOut = true;
    box.buttons = step.step > 1 ? [vscode.QuickInputButtons.Back] : [];
    const validate = (value: string): string | undefined => step.validate?.(value);
    box.validationMessage = box.value ? validate(box.value) : undefined;
    return this.run(box, (resolve) => [
      box.onDidChangeValue((value) => (box.validationMessage = validate(value))),
      box.onDidAccept(() => {
        const message = validate(box.value);
        box.validationMessage = message;
        if (!message) {
          resolve(box.value);
        }
      }),
    ]);
  }

  async pick<T>(step: PickStep<T>): Promise<T | Back> {
    const result = await this.pickInternal(step, false);
    return isBack(result) ? BACK : (result[0]);
  }

  async pickMany<T>(step: PickStep<T>): Promise<T[] | Back> {
    return this.pickInternal(step, true);
  }

  async confirm(message: string, detail: string, confirmLabel: string): Promise<boolean> {
    const answer = await vscode.window.showWarningMessage(message, { modal: true, detail }, confirmLabel);
    return answer === confirmLabel;
  }

  private async pickInternal<T>(step: PickStep<T>, many: boolean): Promise<T[] | Back> {
    const quickPick = vscode.window.createQuickPick<PickItem<T>>();
    quickPick.title = step.title;
    quickPick.step = step.step;
    quickPick.totalSteps = step.totalSteps;
    quickPick.placeholder = step.placeholder;
    quickPick.items = step.items;
    quickPick.canSelectMany = many;
    quickPick.matchOnDescription = true;
    quickPick.matchOnDetail = true;
    quickPick.ignoreFocusOut = true;
    quickPick.buttons = step.step > 1 ? [vscode.QuickInputButtons.Back] : [];
    if (many) {
      quickPick.selectedItems = step.items.filter((i) => i.picked);
    }
    return this.run(quickPick, (resolve) => [
      quickPick.onDidAccept(() => {
        const chosen = many ? quickPick.selectedItems : quickPick.activeItems.slice(0, 1);
        if (chosen.length > 0) {
          resolve(chosen.map((i) => i.value));
        }
      }),
    ]);
  }

  /** Shows a quick input and settles on accept, Back, or hide (cancel). */
  private run<R>(input: vscode.InputBox | vscode.QuickPick<vscode.QuickPickItem>, wire: (resolve: (v: R) => void) => vscode.Disposable[]): Promise<R | Back> {
    return new Promise<R | Back>((resolve, reject) => {
      let settled = false;
      const finish = (fn: () => void): void => {
        if (!settled) {
          settled = true;
          fn();
          for (const d of disposables) {
            d.dispose();
          }
          input.dispose();
        }
      };
      const disposables: vscode.Disposable[] = [
        ...wire((v) => finish(() => resolve(v))),
        input.onDidTriggerButton((button) => {
          if (button === vscode.QuickInputButtons.Back) {
            finish(() => resolve(BACK));
          }
        }),
        input.onDidHide(() => finish(() => reject(new UserCancelledError()))),
      ];
      input.show();
    });
  }
}
