import * as vscode from 'vscode';
import { CloudApiError } from '../api';
import { describeError } from '../common/errors';
import type { Logger } from '../common/logger';
import { ExplorerNode, MessageNode, Nodes } from './nodes';

/** What the view was loading, for the log line of a failure. */
function whatLoaded(owner: ExplorerNode | undefined, region: string): string {
  return owner ? `${owner.kind} ${owner.id}` : `the vaults of ${region}`;
}

/**
 * The one row that stands for a failed load: it says what failed, carries the whole error (the
 * cloud's code, request id and what to do) for its tooltip, offers Retry, or Sign in again on an
 * auth failure, and logs the failure.
 */
export function errorNode(logger: Pick<Logger, 'warn'>, owner: ExplorerNode | undefined, region: string, err: unknown): MessageNode {
  const described = describeError(err);
  logger.warn(`Loading ${whatLoaded(owner, region)} failed: ${described}`);
  return Nodes.message(owner, region, {
    severity: 'error',
    label: vscode.l10n.t('Could not load: {0}', described),
    detail: described,
    signInAgain: err instanceof CloudApiError && err.kind === 'auth',
  });
}
