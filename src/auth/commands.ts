import * as vscode from 'vscode';
import type { CommandSlice } from '../common/commands';
import type { Logger } from '../common/logger';
import { Commands } from '../constants';
import type { Prompter } from '../ui/prompter';
import type { CloudConnection } from './connection';
import { signIn } from './signIn';

export type AuthCommandId = typeof Commands.signIn | typeof Commands.signOut;

export interface AuthDeps {
  connection: Pick<CloudConnection, 'cloudSettings' | 'signIn' | 'signOut'>;
  /** Read at call time: host tests replace the prompter. */
  prompter: () => Prompter;
  logger: Logger;
}

/** Sign-in's part of the command table. */
export function authCommands(deps: AuthDeps): CommandSlice<AuthCommandId> {
  return {
    [Commands.signIn]: () => signIn(deps.connection, deps.prompter(), deps.logger),
    [Commands.signOut]: async () => {
      await deps.connection.signOut();
      deps.logger.info('Signed out; credentials removed from SecretStorage');
      void vscode.window.showInformationMessage(vscode.l10n.t('Signed out of Cloud Backup and Recovery.'));
    },
  };
}
