import * as vscode from 'vscode';
import { CommandId } from '../constants';
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
        void vscode.window.showErrorMessage(message);
        return undefined;
      }
    }),
  );
}
