/** `cbr.showInFlight` (the status bar click): a quick pick of the work in flight with elapsed time; picking one reveals it. */
import * as vscode from 'vscode';
import type { PickItem, Prompter } from '../../ui/prompter';
import { isBack } from '../../ui/prompter';
import { describeKind, formatElapsed, kindIcon } from '../core/format';
import { TrackedWork, TrackerState, WorkTarget } from '../core/types';
import { isWaitingForSignIn } from './statusBarView';

export interface InFlightPickDeps {
  tracker: { readonly items: readonly TrackedWork[]; readonly state: TrackerState };
  prompter: Prompter;
  reveal: (target: WorkTarget) => unknown;
  now: () => number;
}

export function inFlightItems(items: readonly TrackedWork[], now: number): PickItem<TrackedWork>[] {
  return [...items]
    .sort((a, b) => a.startedAt - b.startedAt)
    .map((w) => ({
      label: `$(${kindIcon(w)}) ${w.label}`,
      description: formatElapsed(now - w.startedAt, vscode.l10n),
      detail: `${describeKind(w, vscode.l10n)} · ${w.region}`,
      value: w,
    }));
}

export async function showInFlight(deps: InFlightPickDeps): Promise<void> {
  const items = deps.tracker.items;
  if (items.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Nothing is in flight.'));
    return;
  }
  const picked = await deps.prompter.pick<TrackedWork>({
    title: vscode.l10n.t('In-flight work'),
    // A single question: step 0 keeps VS Code from showing a "1/1" counter.
    step: 0,
    totalSteps: 0,
    placeholder: isWaitingForSignIn(deps.tracker.state) ? vscode.l10n.t('Paused until you sign in again. Pick one to show it in the view') : vscode.l10n.t('Pick one to show it in the view'),
    items: inFlightItems(items, deps.now()),
  });
  if (isBack(picked)) {
    return;
  }
  await deps.reveal(picked);
}
