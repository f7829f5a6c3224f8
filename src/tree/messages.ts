import * as vscode from 'vscode';
import { CloudApiError } from '../api';
import { describeError } from '../common/errors';
import type { Logger } from '../common/logger';
import { ExplorerNode, MessageNode, Nodes } from './nodes';

/** What the view was loading, for the log line of a failure. */
function whatLoaded(owner: ExplorerNode | undefined, region: string): string {
  return owner ? `${owner.kind} ${owner.id}` : `the vaults of ${region}`;
}

/** "Could not load the restore points": what failed, in a few words that fit the sidebar. */
function shortLabel(owner: ExplorerNode | undefined, stale: boolean): string {
  // Whole sentences, not a verb and a noun glued together: word order differs between languages.
  const [load, refresh] = ((): [string, string] => {
    switch (owner?.kind) {
      case undefined:
      case 'region':
        return [vscode.l10n.t('Could not load the vaults'), vscode.l10n.t('Could not refresh the vaults')];
      case 'checkpoints':
        return [vscode.l10n.t('Could not load the restore points'), vscode.l10n.t('Could not refresh the restore points')];
      case 'resource':
      case 'instance':
        return [vscode.l10n.t('Could not load the backups'), vscode.l10n.t('Could not refresh the backups')];
      case 'instances':
        return [vscode.l10n.t('Could not load the database instances'), vscode.l10n.t('Could not refresh the database instances')];
      default:
        return [vscode.l10n.t('Could not load this item'), vscode.l10n.t('Could not refresh this item')];
    }
  })();
  return stale ? refresh : load;
}

/** The few characters beside the label: the cloud's error code, or the kind of failure. */
function shortReason(err: unknown): string | undefined {
  if (!(err instanceof CloudApiError)) {
    return undefined;
  }
  if (err.errorCode) {
    return err.errorCode;
  }
  switch (err.kind) {
    case 'timeout':
      return vscode.l10n.t('no answer');
    case 'network':
      return vscode.l10n.t('offline');
    case 'auth':
      return vscode.l10n.t('signed out');
    default:
      return err.httpStatus ? `HTTP ${err.httpStatus}` : undefined;
  }
}

export interface ErrorNodeOptions {
  /** Rows loaded before are still shown below this one, marked as not current. */
  stale?: boolean;
}

/**
 * The one row that stands for a failed load: a short label says what failed; the whole error (the
 * cloud's code, request id and what to do) is in its tooltip and aria label; it offers Retry, or
 * Sign in again on an auth failure, and logs the failure.
 */
export function errorNode(logger: Pick<Logger, 'warn'>, owner: ExplorerNode | undefined, region: string, err: unknown, options: ErrorNodeOptions = {}): MessageNode {
  const described = describeError(err);
  logger.warn(`Loading ${whatLoaded(owner, region)} failed: ${described}`);
  return Nodes.message(owner, region, {
    severity: 'error',
    label: shortLabel(owner, options.stale ?? false),
    reason: shortReason(err),
    detail: described,
    aboveStaleRows: options.stale,
    signInAgain: err instanceof CloudApiError && err.kind === 'auth',
  });
}
