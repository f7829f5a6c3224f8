/**
 * The actions' part of the command table without loading the actions at activation. The table
 * itself stays in ./index.ts: every command id gets a stand-in that loads that table on the first
 * run and calls its handler. Spread it FIRST into the command table: the slices spread after it
 * replace the stand-ins of their own ids, so only the actions' ids keep one, and a new entry in
 * ./index.ts needs nothing here.
 */
import type { CommandHandler, CommandSlice } from '../common/commands';
import { CommandId, Commands } from '../constants';
import type { ActionCommandId } from './index';

export function lazyCommands(load: () => Promise<CommandSlice<ActionCommandId>>): CommandSlice<ActionCommandId> {
  let table: Promise<Partial<Record<CommandId, CommandHandler>>> | undefined;
  const standIn =
    (id: CommandId): CommandHandler =>
    async (...args: unknown[]) => {
      table ??= load().catch((err: unknown) => {
        table = undefined; // the next run tries again
        throw err;
      });
      const handler = (await table)[id];
      if (!handler) {
        throw new Error(`No handler for ${id}`);
      }
      return handler(...args);
    };
  const slice: Partial<Record<CommandId, CommandHandler>> = {};
  for (const id of Object.values(Commands)) {
    slice[id] = standIn(id);
  }
  return slice as CommandSlice<ActionCommandId>;
}
