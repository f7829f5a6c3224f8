import type { OperationLog } from '../../../api';

/** The cloud's message and code of a failed operation log, for a notification. */
export function failureText(log: OperationLog): string | undefined {
  const message = log.errorInfo?.message;
  const code = log.errorInfo?.code;
  if (message && code) {
    return `${message} (${code})`;
  }
  return message ?? code;
}

export function isTerminal(status: string): boolean {
  return status === 'success' || status === 'failed' || status === 'timeout' || status === 'skipped';
}
