import * as vscode from 'vscode';
import type { Backup, GaussBackup } from './api';
import { CloudConnection } from './auth/connection';
import { CredentialStore } from './auth/credentialStore';
import { demoCredentials, demoSignInDecision } from './auth/demoSignIn';
import { authCommands, requireRegions } from './auth/commands';
import { watchSignInState } from './auth/signInState';
import { WhoAmI } from './auth/whoAmI';
import type { ActionDeps } from './commands';
import { lazyCommands } from './commands/lazy';
import { WriteGuard } from './commands/writeOnce';
import { PendingRestores } from './commands/restorePending';
import { CommandHandler, registerCommands } from './common/commands';
import { describeError } from './common/errors';
import { Logger } from './common/logger';
import { Notifier, NotificationRecord } from './common/notifier';
import { searchCommands } from './search/searchCommand';
import { CommandId, Commands, ContextKeys, Views } from './constants';
import { readConfirmWindow } from './config/settings';

import { createTracking, SeenPage, Tracking } from './tracking/createTracking';
import { ExplorerProvider } from './tree/explorerProvider';
import type { FetchedPage } from './tree/model/pagedLists';
import { ExplorerNode } from './tree/nodes';
import { filterCommands, ViewFilters } from './tree/filters';
import { revealTargetOfWork } from './tree/reveal';
import { DETAILS_SCHEME, DetailsProvider, treeCommands } from './tree/treeCommands';
import { Prompter, VsCodePrompter } from './ui/prompter';

/** What the extension hands to its own host tests (only when VS Code runs it under test). */
export interface CbrExplorerTestApi {
  setPrompter(prompter: Prompter): void;
  logLines(): readonly string[];
  connection: CloudConnection;
  credentialStore: CredentialStore;
  explorer: ExplorerProvider;
  treeView: vscode.TreeView<ExplorerNode>;
  logUri: vscode.Uri;
  tracking: Tracking;
  /** What the actions told the user, oldest first. */
  actionMessages(): readonly NotificationRecord[];
  /** What the extension keeps across reloads (the secrets scan reads it all). */
  globalState: vscode.Memento;
  whoAmI: WhoAmI;
  /** Asks about restores left waiting for their safety restore point (as on start). */
  resumePendingRestores(): Promise<void>;
}

export async function activate(context: vscode.ExtensionContext): Promise<CbrExplorerTestApi | undefined> {
  const logger = new Logger('CBR Explorer');
  // Only the host tests read the log back; a window in use keeps no copy of it.
  const testLog = context.extensionMode === vscode.ExtensionMode.Test ? keepLines(logger) : undefined;
  const store = new CredentialStore(context.secrets);
  const connection = new CloudConnection(store, (entry) => logger.request(entry));
  const notifier = new Notifier();
  const explorer = new ExplorerProvider(connection, logger, (err) => {
    const signIn = vscode.l10n.t('Sign in again');
    void notifier.warn(vscode.l10n.t('The cloud no longer accepts your sign-in: {0}', describeError(err, { advice: false })), signIn).then((pick) => {
      if (pick === signIn) {
        void vscode.commands.executeCommand(Commands.signIn);
      }
    });
  });
  const treeView = vscode.window.createTreeView<ExplorerNode>(Views.explorer, { treeDataProvider: explorer, showCollapseAll: true, canSelectMany: true });
  explorer.attach(treeView);
  const filters = new ViewFilters({ view: treeView, redraw: () => explorer.redraw() });
  explorer.filterOf = () => filters.filter;
  const details = new DetailsProvider();
  const tree = treeCommands(explorer, details, connection);
  let prompter: Prompter = new VsCodePrompter();

  context.subscriptions.push(logger, store, connection, explorer, treeView, vscode.workspace.registerTextDocumentContentProvider(DETAILS_SCHEME, details));
  const whoAmI = new WhoAmI(connection, store, treeView, notifier, logger);
  context.subscriptions.push(watchSignInState(connection, notifier), whoAmI);
  // Follows stored work as soon as the stored credentials (read below, not awaited) sign in.
  const tracking = createTracking({
    connection,
    globalState: context.globalState,
    logger,
    prompter: () => prompter,
    reveal: (t) => explorer.revealTarget(revealTargetOfWork(t)),
    refreshVault: (region, vaultId) => void explorer.refreshVault(region, vaultId),
    refreshInstance: (region, instanceId) => void explorer.refreshInstance(region, instanceId),
    notifier,
    seenPages: (listener) => explorer.lists.onDidFetchPage((page) => {
      const seen = seenPageOf(page);
      if (seen) {
        listener(seen);
      }
    }),
  });
  context.subscriptions.push(...tracking.disposables);

  const writes = new WriteGuard(readConfirmWindow);
  context.subscriptions.push(writes);
  const pendingRestores = new PendingRestores(context.globalState);
  const actions: ActionDeps = {
    connection,
    prompter: () => prompter,
    logger,
    writes,
    messages: notifier,
    track: (work) => tracking.tracker.track(work),
    refreshVault: (region, vaultId) => void explorer.refreshVault(region, vaultId),
    refreshInstance: (region, instanceId) => void explorer.refreshInstance(region, instanceId),
    refreshAll: () => explorer.refresh(),
    pendingRestores,
  };

  const commands = {
    // The actions, pickers and wizards are loaded on the first action run, not at activation.
    ...requireRegions(lazyCommands(async () => (await import('./commands')).actionCommands(actions)), connection, notifier),
    ...authCommands({ connection, prompter: () => prompter, logger }),
    ...tree,
    ...filterCommands(filters),
    [Commands.openSettings]: () => vscode.commands.executeCommand('workbench.action.openSettings', '@ext:cbr-explorer.cbr-explorer'),
    [Commands.showLog]: () => logger.show(),
    [Commands.whoAmI]: () => whoAmI.show(),
    ...tracking.commands,
    ...requireRegions(searchCommands({ connection, prompter: () => prompter, reveal: (t) => explorer.revealTarget(t), logger, messages: notifier }), connection, notifier),
  } satisfies Record<CommandId, CommandHandler>;
  context.subscriptions.push(...registerCommands(commands, logger));
  // Not awaited: the view shows its loading state until the stored credentials are read (no
  // signed-out welcome before `cbr.ready`), and activation costs VS Code no round trip.
  const started = startUp(connection, store, notifier, logger).catch((err: unknown) => logger.error(`Start-up failed: ${describeError(err)}`));
  // A restore left waiting for its safety restore point by a reload is asked about once the
  // sign-in is known, never sent unasked; the actions are loaded only when there is one.
  void started.then(() => (pendingRestores.list().length > 0 ? import('./commands').then((m) => m.resumePendingRestores(actions)) : undefined));

  if (context.extensionMode !== vscode.ExtensionMode.Test) {
    return undefined;
  }
  // The host tests read the sign-in state as soon as they hold the API.
  await started;
  return {
    setPrompter: (p) => (prompter = p),
    logLines: () => testLog ?? [],
    connection,
    credentialStore: store,
    explorer,
    treeView,
    logUri: context.logUri,
    tracking,
    actionMessages: () => actions.messages.recent(),
    globalState: context.globalState,
    whoAmI,
    resumePendingRestores: () => import('./commands').then((m) => m.resumePendingRestores(actions)),
  };
}

/** Reads the stored credentials (and signs the demo in), then lets the view show what it has. */
async function startUp(connection: CloudConnection, store: CredentialStore, notifier: Notifier, logger: Logger): Promise<void> {
  try {
    await connection.reload();
    await signInDemoIfOffered(connection, store, notifier, logger);
  } catch (err) {
    // The view still comes up, signed out, and offers to sign in again.
    logger.error(`Could not read the stored credentials: ${describeError(err)}`);
    void vscode.window.showErrorMessage(vscode.l10n.t('CBR Explorer could not read its stored credentials: {0}', describeError(err)));
  }
  await vscode.commands.executeCommand('setContext', ContextKeys.ready, true);
  if (connection.state.kind === 'destinationChanged') {
    void vscode.window.showWarningMessage(vscode.l10n.t('The cloud settings changed since you signed in; sign in again to send your credentials to the new endpoints.'), vscode.l10n.t('Sign in')).then((pick) => {
      if (pick) {
        void vscode.commands.executeCommand(Commands.signIn);
      }
    });
  }
}

/** `npm start` signs the demo in against the local emulator; see demoSignIn.ts. */
async function signInDemoIfOffered(connection: CloudConnection, store: CredentialStore, notifier: Notifier, logger: Logger): Promise<void> {
  if (connection.state.kind === 'signedIn') {
    return;
  }
  const credentials = demoCredentials(process.env, connection.cloudSettings);
  if (!credentials) {
    return;
  }
  if (demoSignInDecision(await store.read(), credentials) === 'keepStored') {
    logger.info('Demo sign-in skipped: a stored credential for another destination would be replaced');
    void notifier.warn(vscode.l10n.t('The emulator demo account was not signed in, because that would replace your saved sign-in for another cloud. Sign in to choose which to use.'));
    return;
  }
  try {
    await connection.signIn(credentials);
    logger.info('Signed in with the emulator demo credential');
  } catch (err) {
    logger.warn(`Demo sign-in failed: ${describeError(err)}`);
  }
}

/** What tracking reads of a fetched page: the backups of a vault or an instance (it adopts those being made). */
function seenPageOf({ spec, items }: FetchedPage): SeenPage | undefined {
  if (spec.kind === 'vaultBackups') {
    return { kind: 'backups', region: spec.region, vaultId: spec.vault.id, backups: items as Backup[] };
  }
  if (spec.kind === 'instanceBackups') {
    return { kind: 'gaussBackups', region: spec.region, instanceId: spec.instance.id, backups: items as GaussBackup[] };
  }
  return undefined;
}

/** The most recent log lines, bounded, for the host tests. */
function keepLines(logger: Logger): string[] {
  const lines: string[] = [];
  logger.onDidLog((line) => {
    lines.push(line);
    if (lines.length > 2000) {
      lines.splice(0, lines.length - 2000);
    }
  });
  return lines;
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
