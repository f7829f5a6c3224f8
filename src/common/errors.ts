import * as vscode from 'vscode';
import { CloudApiError, isCancellation, redact, ValidationError } from '../api';

/** The explicit marker of a prompt's outcome (Back, cancelled), checked by shape so copies of a module agree. */
export const PROMPT_OUTCOME = 'cbrPromptOutcome';

/** Thrown when the user dismisses a prompt; never shown. */
export class UserCancelledError extends Error {
  readonly [PROMPT_OUTCOME] = 'cancelled';
  constructor() {
    super('Cancelled by the user');
    this.name = 'UserCancelledError';
  }
}

export function isUserCancellation(err: unknown): boolean {
  const marked = typeof err === 'object' && err !== null && (err as Record<string, unknown>)[PROMPT_OUTCOME] === 'cancelled';
  return marked || isCancellation(err);
}

/** The service an operation belongs to, from its internal name (`gaussdb.createBackup`). */
function serviceOf(operation: string): 'cbr' | 'gaussdb' | 'iam' | undefined {
  const prefix = operation.split('.')[0];
  return prefix === 'cbr' || prefix === 'gaussdb' || prefix === 'iam' ? prefix : undefined;
}

/** What to suggest for each kind of failure (per service for a 403). */
function advice(err: CloudApiError): string | undefined {
  switch (err.kind) {
    case 'auth':
      return vscode.l10n.t('Sign in again.');
    case 'forbidden':
      switch (serviceOf(err.operation)) {
        case 'gaussdb':
          return vscode.l10n.t('Check that the IAM user has GaussDB permissions in this project.');
        case 'iam':
          return vscode.l10n.t('Check that the IAM user may read its projects in IAM, or set the project id in cbr.projectIds.');
        default:
          return vscode.l10n.t('Check that the IAM user has CBR permissions in this project.');
      }
    case 'redirect':
      return vscode.l10n.t('Check the endpoint settings.');
    case 'tooLarge':
      return err.outcomeUnknown ? undefined : vscode.l10n.t('Try a smaller page size.');
    case 'throttled':
      return vscode.l10n.t('The cloud is throttling requests; try again in a few seconds.');
    case 'notFound':
      return vscode.l10n.t('It may have been deleted; refresh the view.');
    case 'network':
    case 'timeout':
      return vscode.l10n.t('Check the network and the region and endpoint settings.');
    default:
      return undefined;
  }
}

/**
 * One message for one failure: what failed, the cloud's error code and request id, and what to do.
 * Secrets cannot appear: the text goes through `redact`.
 */
export function describeError(err: unknown, options: { advice?: boolean } = {}): string {
  if (err instanceof ValidationError) {
    return redact(err.message);
  }
  if (err instanceof CloudApiError) {
    // Words a user reads carry no internal operation name (it is in the log).
    const prefix = `${err.operation}: `;
    const parts = [err.message.startsWith(prefix) ? err.message.slice(prefix.length) : err.message];
    const ids: string[] = [];
    if (err.errorCode) {
      ids.push(vscode.l10n.t('error code {0}', err.errorCode));
    }
    if (err.httpStatus) {
      ids.push(`HTTP ${err.httpStatus}`);
    }
    if (err.requestId) {
      ids.push(vscode.l10n.t('request id {0}', err.requestId));
    }
    if (ids.length > 0) {
      parts.push(`(${ids.join(', ')})`);
    }
    // Without advice where the caller offers the next step itself (a "Sign in again" button).
    const tip = options.advice === false ? undefined : advice(err);
    if (tip) {
      parts.push(tip);
    }
    return redact(parts.join(' '));
  }
  return redact(err instanceof Error ? err.message : String(err));
}
