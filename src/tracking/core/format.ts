/** Text helpers shared by the status bar, the quick pick and the notifications (no `vscode`). */
import { Localizer, TrackedWork } from './types';

/** "45 s", "2 min 10 s", "1 h 5 min". */
export function formatElapsed(ms: number, l10n: Localizer): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  if (hours > 0) {
    return l10n.t('{0} h {1} min', hours, minutes);
  }
  if (minutes > 0) {
    return l10n.t('{0} min {1} s', minutes, seconds);
  }
  return l10n.t('{0} s', seconds);
}

/** What kind of work it is, as a noun phrase. */
export function describeKind(work: TrackedWork, l10n: Localizer): string {
  switch (work.kind) {
    case 'checkpoint':
      return l10n.t('Restore point');
    case 'gaussBackup':
      return l10n.t('Database backup');
    case 'replication':
      return l10n.t('Replication to {0}', work.destinationRegion);
    case 'restore':
      return l10n.t('Restore');
    case 'delete':
      return l10n.t('Deletion');
    case 'gaussRestore':
      return l10n.t('Database restore');
  }
}

/** A codicon per kind. */
export function kindIcon(work: TrackedWork): string {
  switch (work.kind) {
    case 'checkpoint':
      return 'archive';
    case 'gaussBackup':
      return 'database';
    case 'replication':
      return 'cloud-upload';
    case 'restore':
    case 'gaussRestore':
      return 'history';
    case 'delete':
      return 'trash';
  }
}
