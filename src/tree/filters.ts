/**
 * View filters: "failed only" and "in progress only". They narrow the rows that have a status
 * of their own (restore points, backups, database backups, operations); the rows that hold
 * them (regions, vaults, groups, resources, instances, Activity) stay, so the way to a match is
 * always there. The view says a filter is on (its description and message) and how to clear it.
 */
import * as vscode from 'vscode';
import type { CommandSlice } from '../common/commands';
import { Commands, ContextKeys } from '../constants';
import { toneOf } from './format';
import { ExplorerNode, Nodes } from './nodes';
import { checkpointStatus } from './render';

export type ViewFilter = 'failed' | 'inProgress';

/** The status a filter looks at, or undefined for a row that is always shown. */
function statusOf(node: ExplorerNode): string | undefined {
  switch (node.kind) {
    case 'checkpoint':
      return checkpointStatus(node);
    case 'backup':
    case 'gaussBackup':
      return node.backup.status;
    case 'operation':
      return node.operation.status;
    default:
      return undefined;
  }
}

/** Whether a row stays under the filter. */
export function matchesFilter(node: ExplorerNode, filter: ViewFilter | undefined): boolean {
  if (!filter) {
    return true;
  }
  const status = statusOf(node);
  if (status === undefined) {
    return true;
  }
  const tone = toneOf(status);
  return filter === 'failed' ? tone === 'bad' : tone === 'busy';
}

/**
 * A list's rows under the filter; when it hides every row of a list, one row says so (an empty
 * list under a filter would look like an empty vault).
 */
export function applyFilter(parent: ExplorerNode | undefined, region: string, rows: ExplorerNode[], filter: ViewFilter | undefined): ExplorerNode[] {
  if (!filter) {
    return rows;
  }
  const kept = rows.filter((n) => matchesFilter(n, filter));
  if (kept.length === 0 && rows.length > 0 && parent) {
    return [Nodes.message(parent, region, { severity: 'info', label: filter === 'failed' ? vscode.l10n.t('Nothing failed here (filter: failed only)') : vscode.l10n.t('Nothing in progress here (filter: in progress only)') })];
  }
  return kept;
}

/** What the view needs to redraw its rows without loading them again. */
export interface FilteredView {
  readonly view: Pick<vscode.TreeView<ExplorerNode>, 'description' | 'message'>;
  redraw(): void;
}

/** The filter in force, its context key (`cbr.filter`), and what the view says about it. */
export class ViewFilters {
  private current: ViewFilter | undefined;

  constructor(private readonly target: FilteredView) {}

  get filter(): ViewFilter | undefined {
    return this.current;
  }

  async set(filter: ViewFilter | undefined): Promise<void> {
    this.current = filter;
    const { view } = this.target;
    view.description = filter === 'failed' ? vscode.l10n.t('failed only') : filter === 'inProgress' ? vscode.l10n.t('in progress only') : undefined;
    view.message =
      filter === 'failed'
        ? vscode.l10n.t('Showing failed restore points, backups and operations only. Clear the filter with the filter button on the view’s title.')
        : filter === 'inProgress'
          ? vscode.l10n.t('Showing restore points, backups and operations in progress only. Clear the filter with the filter button on the view’s title.')
          : undefined;
    await vscode.commands.executeCommand('setContext', ContextKeys.filter, filter ?? '');
    this.target.redraw();
  }

  /** A filter command: on, or off when it is already on. */
  toggle(filter: ViewFilter): Promise<void> {
    return this.set(this.current === filter ? undefined : filter);
  }
}

export type FilterCommandId = typeof Commands.filterFailed | typeof Commands.filterInProgress | typeof Commands.clearFilter;

export function filterCommands(filters: ViewFilters): CommandSlice<FilterCommandId> {
  return {
    [Commands.filterFailed]: () => filters.toggle('failed'),
    [Commands.filterInProgress]: () => filters.toggle('inProgress'),
    [Commands.clearFilter]: () => filters.set(undefined),
  };
}
