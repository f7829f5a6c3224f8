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
    // CBR says "error" where GaussDB says "failed": one word for both.
    error: vscode.l10n.t('failed'),
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
  // A vault's billing.object_type.
  server: { icon: 'vm', label: () => vscode.l10n.t('server') },
  disk: { icon: 'save', label: () => vscode.l10n.t('disk') },
  turbo: { icon: 'file-submodule', label: () => vscode.l10n.t('file system') },
};

export function resourceType(type: string | undefined): { icon: string; label: string } {
  const known = type ? RESOURCE_TYPES[type] : undefined;
  return known ? { icon: known.icon, label: known.label() } : { icon: 'circle-outline', label: type ?? '' };
}

/** Used against total capacity in one unit: "1.9/100 GB" (the cloud gives used in MB, size in GB). */
export function capacity(usedMb: number | undefined, sizeGb: number | undefined): string {
  const used = usedMb === undefined ? '—' : (usedMb / 1024).toLocaleString(vscode.env.language, { maximumFractionDigits: usedMb < 10 * 1024 ? 1 : 0 });
  return `${used}/${sizeGb === undefined ? '—' : sizeGb.toLocaleString(vscode.env.language)} GB`;
}

/** Percentage of a vault in use, or undefined when the cloud did not say. */
export function usedPercent(usedMb: number | undefined, sizeGb: number | undefined): number | undefined {
  return usedMb === undefined || !sizeGb ? undefined : Math.round((usedMb / 1024 / sizeGb) * 100);
}

/**
 * Whether a policy (auto) or a person (manual) made a backup: `extend_info.auto_trigger`
 * (SDK model BackupExtendInfo). extend_info stays untyped in the schema because its fields
 * differ by resource type, so it is read here with care.
 */
export function backupTrigger(raw: Record<string, unknown> | undefined): 'auto' | 'manual' | undefined {
  const info = raw?.extend_info;
  const auto = info && typeof info === 'object' ? (info as Record<string, unknown>).auto_trigger : undefined;
  return auto === true ? 'auto' : auto === false ? 'manual' : undefined;
}

/** A field list for a Markdown tooltip: a bold title, then "Label: value" lines; empty values are left out. */
export function fieldsTooltip(title: string, fields: readonly (readonly [string, string | undefined])[], note?: string): vscode.MarkdownString {
  const lines = [`**${escapeMarkdown(title)}**`, ''];
  for (const [label, value] of fields) {
    if (value !== undefined && value !== '') {
      lines.push(`${escapeMarkdown(label)}: ${escapeMarkdown(value)}`);
    }
  }
  if (note) {
    lines.push('', `_${escapeMarkdown(note)}_`);
  }
  return new vscode.MarkdownString(lines.join('  \n'));
}

/**
 * Markdown's special characters escaped, so cloud text is shown as text. "-" and "." matter only
 * at the start of a line, where these values never are, so ids stay readable.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+!|<>]/g, '\\$&');
}
