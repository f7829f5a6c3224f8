import * as vscode from 'vscode';
import { describeError, isUserCancellation } from '../common/errors';
import { Logger } from '../common/logger';
import { CommandId } from '../constants';

export type CommandHandler = (...args: unknown[]) => unknown;

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
