import * as vscode from 'vscode';
import type { Notifier } from '../common/notifier';
import { Commands, ContextKeys } from '../constants';
import { DETAILS_SCHEME } from '../tree/treeCommands';
import type { CloudConnection, ConnectionState } from './connection';

/**
 * What follows a change of the sign-in state or of the settings, beyond the tree: the context key
 * for the "no regions" welcome, why a settings change signed the user out (with Sign in), and
 * the details tabs that showed account data closed once signed out.
 */
export function watchSignInState(connection: Pick<CloudConnection, 'state' | 'regions' | 'cloud' | 'onDidChange'>, notifier: Notifier): vscode.Disposable {
  let previous: ConnectionState = connection.state;
  let previousCloud = connection.cloud;
  const update = (state: ConnectionState): void => {
    void vscode.commands.executeCommand('setContext', ContextKeys.noRegions, connection.regions.length === 0);
    if (previous.kind === 'signedIn' && state.kind === 'destinationChanged') {
      tellSignedOut(notifier, previousCloud, connection.cloud);
    }
    if (state.kind !== 'signedIn') {
      void closeDetailsTabs();
    }
    previous = state;
    previousCloud = connection.cloud;
  };
  update(connection.state);
  return connection.onDidChange(update);
}

function tellSignedOut(notifier: Notifier, from: string, to: string): void {
  const signIn = vscode.l10n.t('Sign in');
  const message =
    from === to
      ? vscode.l10n.t('Signed out: the endpoint settings (cbr.endpoints) changed, and your credentials are only sent where they were checked. Sign in again to use the new endpoints.')
      : vscode.l10n.t('Signed out: cbr.cloud changed from {0} to {1}, and your credentials are only sent to the cloud they were checked with. Sign in to {1}.', from, to);
  void notifier.warn(message, signIn).then((pick) => {
    if (pick === signIn) {
      void vscode.commands.executeCommand(Commands.signIn);
    }
  });
}

/** Closes every tab showing a details document. */
export async function closeDetailsTabs(): Promise<void> {
  const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.scheme === DETAILS_SCHEME);
  if (tabs.length > 0) {
    await vscode.window.tabGroups.close(tabs, true);
  }
}
