import { Commands } from '../constants';
import { addResources } from './addResources';
import { createCheckpoint } from './createCheckpoint';
import { createInstanceBackup } from './createInstanceBackup';
import { createVault } from './createVault';
import { deleteBackups } from './deleteBackups';
import { deleteInstanceBackup } from './deleteInstanceBackup';
import { removeResources } from './deleteResources';
import { deleteVault } from './deleteVault';
import { ActionDeps, asNode } from './deps';
import type { CommandSlice } from '../common/commands';
import { replicate } from './replicate';
import { PolicyCommandId, policyCommands } from './policies';
import { restoreBackup } from './restoreBackup';
import { restoreInstance } from './restoreInstance';

export type { ActionConnection, ActionDeps, NodeArg } from './deps';
export { WriteGuard } from './writeOnce';
export { PendingRestores } from './restorePending';
export { resumePendingRestores } from './restoreBackup';

export type ActionCommandId =
  | typeof Commands.createCheckpoint
  | typeof Commands.createInstanceBackup
  | typeof Commands.replicate
  | typeof Commands.createVault
  | typeof Commands.addResources
  | typeof Commands.restoreBackup
  | typeof Commands.deleteBackups
  | typeof Commands.removeResources
  | typeof Commands.deleteVault
  | typeof Commands.deleteInstanceBackup

  | typeof Commands.restoreInstance
  | PolicyCommandId;

/**
 * The actions' part of the command table. Each handler takes the tree node it was invoked on, or
 * nothing (the palette), in which case it asks for its target first.
 */
export function actionCommands(deps: ActionDeps): CommandSlice<ActionCommandId> {
  return {
    [Commands.createCheckpoint]: (node?: unknown) => createCheckpoint(deps, asNode(node)),
    [Commands.createInstanceBackup]: (node?: unknown) => createInstanceBackup(deps, asNode(node)),
    [Commands.replicate]: (node?: unknown) => replicate(deps, asNode(node)),
    [Commands.createVault]: () => createVault(deps),
    [Commands.addResources]: (node?: unknown) => addResources(deps, asNode(node)),
    [Commands.restoreBackup]: (node?: unknown) => restoreBackup(deps, asNode(node)),
    // A tree of many selectable rows calls these with the row clicked and the whole selection.
    [Commands.deleteBackups]: (node?: unknown, nodes?: unknown) => deleteBackups(deps, node, nodes),
    [Commands.removeResources]: (node?: unknown) => removeResources(deps, node),
    [Commands.deleteVault]: (node?: unknown) => deleteVault(deps, node),
    [Commands.deleteInstanceBackup]: (node?: unknown) => deleteInstanceBackup(deps, node),
    [Commands.restoreInstance]: (node?: unknown) => restoreInstance(deps, asNode(node)),
    ...policyCommands(deps),
  };
}
