import * as vscode from 'vscode';

/** "3 minutes ago" in the user's language. */
export function relativeTime(date: Date | undefined, now = Date.now()): string {
  if (!date) {
    return '';
  }
  const seconds = Math.round((date.getTime() - now) / 1000);
  const format = new Intl.RelativeTimeFormat(vscode.env.language, { numeric: 'auto' });
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ['year', 365 * 24 * 3600],
    ['month', 30 * 24 * 3600],
    ['day', 24 * 3600],
    ['hour', 3600],
    ['minute', 60],
  ];
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) {
      return format.format(Math.round(seconds / size), unit);
    }
  }
  return format.format(seconds, 'second');
}

export function absoluteTime(date: Date | undefined): string {
  return date ? date.toLocaleString(vscode.env.language, { timeZoneName: 'short' }) : '—';
}

export function gb(value: number | undefined): string {
  return value === undefined ? '—' : `${value.toLocaleString(vscode.env.language)} GB`;
}

export function mb(value: number | undefined): string {
  if (value === undefined) {
    return '—';
  }
  return value >= 1024 ? `${(value / 1024).toLocaleString(vscode.env.language, { maximumFractionDigits: 1 })} GB` : `${value.toLocaleString(vscode.env.language, { maximumFractionDigits: 1 })} MB`;
}

type Tone = 'ok' | 'busy' | 'bad' | 'warn' | 'neutral';

/** Every CBR and GaussDB status the cloud documents, by how it should look. */
const TONES: Record<string, Tone> = {
  available: 'ok',
  completed: 'ok',
  normal: 'ok',
  success: 'ok',
  protecting: 'busy',
  waiting_protect: 'busy',
  restoring: 'busy',
  waiting_restore: 'busy',
  deleting: 'busy',
  waiting_delete: 'busy',
  removing: 'busy',
  building: 'busy',
  running: 'busy',
  replicating: 'busy',
  'backing up': 'busy',
  creating: 'busy',
  error: 'bad',
  failed: 'bad',
  abnormal: 'bad',
  'error-deleting': 'bad',
  lock: 'warn',
  frozen: 'warn',
};

export function toneOf(status: string | undefined): Tone {
  return TONES[(status ?? '').toLowerCase()] ?? 'neutral';
}

export function isInProgress(status: string | undefined): boolean {
  return toneOf(status) === 'busy';
}

/** An icon for a status: in progress spins, error is red, done is green. */
export function statusIcon(status: string | undefined, idle: string): vscode.ThemeIcon {
  switch (toneOf(status)) {
    case 'busy':
      return new vscode.ThemeIcon('sync~spin', new vscode.ThemeColor('charts.blue'));
    case 'bad':
      return new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
    case 'warn':
      return new vscode.ThemeIcon('lock', new vscode.ThemeColor('editorWarning.foreground'));
    case 'ok':
      return new vscode.ThemeIcon(idle, new vscode.ThemeColor('testing.iconPassed'));
    default:
      return new vscode.ThemeIcon(idle);
  }
}

/** A short, localized word for a status. */
export function statusLabel(status: string | undefined): string {
  const labels: Record<string, string> = {
    available: vscode.l10n.t('available'),
    protecting: vscode.l10n.t('protecting'),
    waiting_protect: vscode.l10n.t('waiting to protect'),
    error: vscode.l10n.t('error'),
    deleting: vscode.l10n.t('deleting'),
    restoring: vscode.l10n.t('restoring'),
    building: vscode.l10n.t('building'),
    completed: vscode.l10n.t('completed'),
    failed: vscode.l10n.t('failed'),
    normal: vscode.l10n.t('normal'),
    waiting_restore: vscode.l10n.t('waiting to restore'),
    waiting_delete: vscode.l10n.t('waiting to delete'),
    removing: vscode.l10n.t('removing'),
    'error-deleting': vscode.l10n.t('deletion failed'),
    creating: vscode.l10n.t('creating'),
    'backing up': vscode.l10n.t('backing up'),
    running: vscode.l10n.t('running'),
    replicating: vscode.l10n.t('replicating'),
    success: vscode.l10n.t('succeeded'),
    abnormal: vscode.l10n.t('abnormal'),
    lock: vscode.l10n.t('locked'),
    frozen: vscode.l10n.t('frozen'),
  };
  return labels[(status ?? '').toLowerCase()] ?? status ?? '';
}

const RESOURCE_TYPES: Record<string, { icon: string; label: () => string }> = {
  'OS::Nova::Server': { icon: 'vm', label: () => vscode.l10n.t('server') },
  'OS::Ironic::BareMetalServer': { icon: 'server', label: () => vscode.l10n.t('bare-metal server') },
  'OS::Native::Server': { icon: 'vm', label: () => vscode.l10n.t('server') },
  'OS::Cinder::Volume': { icon: 'save', label: () => vscode.l10n.t('disk') },
  'OS::Sfs::Turbo': { icon: 'file-submodule', label: () => vscode.l10n.t('file system') },
  'OS::Workspace::DesktopV2': { icon: 'device-desktop', label: () => vscode.l10n.t('desktop') },
};

export function resourceType(type: string | undefined): { icon: string; label: string } {
  const known = type ? RESOURCE_TYPES[type] : undefined;
  return known ? { icon: known.icon, label: known.label() } : { icon: 'circle-outline', label: type ?? '' };
}
