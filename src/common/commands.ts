import * as vscode from 'vscode';
import { CloudApiError } from '../api';
import { CommandId, Commands } from '../constants';
import { describeError, isUserCancellation } from './errors';
import { Logger } from './logger';

export type CommandHandler = (...args: unknown[]) => unknown;

/** A feature's part of the command table; `activate` merges the slices (`satisfies Record<CommandId, CommandHandler>`). */
export type CommandSlice<Id extends CommandId> = Record<Id, CommandHandler>;

/**
 * Registers a table of commands. Each handler is wrapped so that a failure shows one message
 * (with the cloud's code and request id) and is logged, and a cancellation stays silent.
 */
export function registerCommands(table: Record<CommandId, CommandHandler>, logger: Logger): vscode.Disposable[] {
  return Object.entries(table).map(([id, handler]) =>
    vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        return await handler(...args);
      } catch (err) {
        if (isUserCancellation(err)) {
          return undefined;
        }
        const message = describeError(err);
        logger.error(`${id} failed: ${message}`);
        if (err instanceof CloudApiError && err.kind === 'auth') {
          // The next step is a button, not a sentence to act on.
          const signIn = vscode.l10n.t('Sign in again');
          void vscode.window.showErrorMessage(describeError(err, { advice: false }), signIn).then((pick) => {
            if (pick === signIn) {
              void vscode.commands.executeCommand(Commands.signIn);
            }
          });
          return undefined;
        }
        void vscode.window.showErrorMessage(message);
        return undefined;
      }
    }),
  );
}
