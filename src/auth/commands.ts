import * as vscode from 'vscode';
import type { CommandHandler, CommandSlice } from '../common/commands';
import type { Logger } from '../common/logger';
import type { Notifier } from '../common/notifier';
import { pickRegions } from '../config/regionPicker';
import { saveRegions } from '../config/settings';
import { CommandId, Commands } from '../constants';
import { isBack, type Prompter } from '../ui/prompter';
import { runWizard } from '../ui/wizard';
import type { CloudConnection } from './connection';
import { signIn } from './signIn';

export type AuthCommandId = typeof Commands.signIn | typeof Commands.signOut | typeof Commands.addRegions;

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
    [Commands.addRegions]: () => addRegions(deps),
  };
}

/** `cbr.addRegions`: regions picked by name (or typed), added to cbr.regions. */
async function addRegions(deps: AuthDeps): Promise<string[] | undefined> {
  const { cloud, regions: configured } = deps.connection.cloudSettings;
  const state = await runWizard<{ regions?: string[] }>(deps.prompter(), {}, {
    title: vscode.l10n.t('Add regions'),
    steps: [
      {
        async prompt(s, ask) {
          const picked = await pickRegions(ask, cloud, configured);
          if (isBack(picked)) {
            return picked;
          }
          s.regions = picked;
          return undefined;
        },
      },
    ],
  });
  if (!state?.regions) {
    return undefined;
  }
  const regions = [...configured, ...state.regions.filter((r) => !configured.includes(r))];
  await saveRegions(regions);
  deps.logger.info(`cbr.regions is now ${regions.join(', ')}`);
  return regions;
}

/**
 * Commands that act in a region, wrapped to say "add a region first" (with the button) when
 * cbr.regions names none, instead of failing on a missing region.
 */
export function requireRegions<Id extends CommandId>(slice: CommandSlice<Id>, connection: Pick<CloudConnection, 'state' | 'regions'>, notifier: Notifier): CommandSlice<Id> {
  const gated = (handler: CommandHandler): CommandHandler => (...args: unknown[]) => {
    if (connection.state.kind === 'signedIn' && connection.regions.length === 0) {
      const add = vscode.l10n.t('Add Regions');
      void notifier.warn(vscode.l10n.t('Add a region first: the setting cbr.regions names none.'), add).then((pick) => {
        if (pick === add) {
          void vscode.commands.executeCommand(Commands.addRegions);
        }
      });
      return undefined;
    }
    return handler(...args);
  };
  return Object.fromEntries(Object.entries<CommandHandler>(slice).map(([id, handler]) => [id, gated(handler)])) as CommandSlice<Id>;
}
