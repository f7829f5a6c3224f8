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

/** Where a question sits in its flow; the wizard (src/ui/wizard.ts) computes it. */
export interface StepInfo {
  title: string;
  /** 0 for a question shown without a number (a choice that decides which steps follow). */
  step: number;
  totalSteps: number;
  /** Whether a Back button is offered; by default from step 2 on. */
  canGoBack?: boolean;
}

export interface InputStep extends StepInfo {
  prompt?: string;
  placeholder?: string;
  value?: string;
  password?: boolean;
  /** Runs as the user types; a message blocks Enter. */
  validate?: (value: string) => string | undefined;
  /** Shown under the box when it opens, until the user types (why the step is asked again). */
  message?: string;
}

export interface PickItem<T> extends vscode.QuickPickItem {
  value: T;
}

/** What a pick shows once loaded: the items, and a placeholder that may say what could not be listed. */
export type PickList<T> = readonly PickItem<T>[] | { items: readonly PickItem<T>[]; placeholder?: string };

export interface PickStep<T> extends StepInfo {
  placeholder?: string;
  /**
   * The items, or a promise of them: the pick opens at once, busy with a "Loading…" placeholder,
   * and is filled when the promise resolves. A rejection closes it and rejects the pick.
   */
  items: readonly PickItem<T>[] | Promise<PickList<T>>;
}

/** The items and placeholder of a loaded pick list. */
export function pickList<T>(list: PickList<T>, placeholder: string | undefined): { items: readonly PickItem<T>[]; placeholder: string | undefined } {
  return isItemArray(list) ? { items: list, placeholder } : { items: list.items, placeholder: list.placeholder ?? placeholder };
}

/** Whether a pick's items are still to come (a promise or any thenable). */
function isPending<T>(items: PickStep<T>['items']): items is Promise<PickList<T>> {
  return typeof (items as { then?: unknown }).then === 'function';
}

function isItemArray<T>(list: PickList<T>): list is readonly PickItem<T>[] {
  return Array.isArray(list);
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

/** A step number as VS Code shows it: none for 0 (an unnumbered question). */
function numbered(n: number): number | undefined {
  return n > 0 ? n : undefined;
}

function canGoBack(step: StepInfo): boolean {
  return step.canGoBack ?? step.step > 1;
}

export class VsCodePrompter implements Prompter {
  async input(step: InputStep): Promise<string | Back> {
    const box = vscode.window.createInputBox();
    box.title = step.title;
    box.step = numbered(step.step);
    box.totalSteps = numbered(step.totalSteps);
    box.prompt = step.prompt;
    box.placeholder = step.placeholder;
    box.value = step.value ?? '';
    box.password = step.password ?? false;
    box.ignoreFocusOut = true;
    box.buttons = canGoBack(step) ? [vscode.QuickInputButtons.Back] : [];
    const validate = (value: string): string | undefined => step.validate?.(value);
    box.validationMessage = step.message ? { message: step.message, severity: vscode.InputBoxValidationSeverity.Error } : box.value ? validate(box.value) : undefined;
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
    return isBack(result) ? BACK : result[0];
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
    quickPick.step = numbered(step.step);
    quickPick.totalSteps = numbered(step.totalSteps);
    quickPick.canSelectMany = many;
    quickPick.matchOnDescription = true;
    quickPick.matchOnDetail = true;
    quickPick.ignoreFocusOut = true;
    quickPick.buttons = canGoBack(step) ? [vscode.QuickInputButtons.Back] : [];
    const fill = (items: readonly PickItem<T>[], placeholder: string | undefined): void => {
      quickPick.placeholder = placeholder;
      quickPick.items = items;
      if (many) {
        quickPick.selectedItems = items.filter((i) => i.picked);
      }
      quickPick.busy = false;
    };
    const loading = isPending(step.items) ? step.items : undefined;
    if (loading) {
      quickPick.busy = true;
      quickPick.placeholder = vscode.l10n.t('Loading…');
      quickPick.items = [];
    } else {
      fill(step.items as readonly PickItem<T>[], step.placeholder);
    }
    return this.run(quickPick, (resolve, reject) => {
      loading?.then(
        (list) => {
          const loaded = pickList(list, step.placeholder);
          fill(loaded.items, loaded.placeholder);
        },
        (err: unknown) => reject(err),
      );
      return [
        quickPick.onDidAccept(() => {
          const chosen = many ? quickPick.selectedItems : quickPick.activeItems.slice(0, 1);
          if (!quickPick.busy && chosen.length > 0) {
            resolve(chosen.map((i) => i.value));
          }
        }),
      ];
    });
  }

  /** Shows a quick input and settles on accept, Back, hide (cancel), or a failure to load. */
  private run<R>(
    input: vscode.InputBox | vscode.QuickPick<vscode.QuickPickItem>,
    wire: (resolve: (v: R) => void, reject: (err: unknown) => void) => vscode.Disposable[],
  ): Promise<R | Back> {
    return new Promise<R | Back>((resolve, reject) => {
      let settled = false;
      const disposables: vscode.Disposable[] = [];
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
      disposables.push(
        input.onDidTriggerButton((button) => {
          if (button === vscode.QuickInputButtons.Back) {
            finish(() => resolve(BACK));
          }
        }),
        input.onDidHide(() => finish(() => reject(new UserCancelledError()))),
      );
      disposables.push(...wire((v) => finish(() => resolve(v)), (err) => finish(() => reject(err instanceof Error ? err : new Error(String(err))))));
      input.show();
    });
  }
}
