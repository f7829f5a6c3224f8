import * as vscode from 'vscode';
import { CloudKind, EndpointOverrides } from '../api';
import { CONFIG_SECTION } from '../constants';

/** Where requests go. Every field is application-scoped, so no workspace can redirect credentials. */
export interface CloudSettings {
  cloud: CloudKind;
  regions: string[];
  projectIds: Record<string, string>;
  endpoints: EndpointOverrides;
  requestTimeoutMs: number;
}

const CLOUDS: readonly CloudKind[] = ['huaweicloud', 'opentelekomcloud', 'custom'];

export function readSettings(): CloudSettings {
  const config = vscode.workspace.getConfiguration(CONFIG_SECTION);
  const cloud = config.get<string>('cloud', 'huaweicloud');
  const regions = config
    .get<unknown[]>('regions', [])
    .filter((r): r is string => typeof r === 'string' && r.trim().length > 0)
    .map((r) => r.trim());
  const endpoints = config.get<Record<string, unknown>>('endpoints', {});
  const projectIds = config.get<Record<string, unknown>>('projectIds', {});
  return {
    cloud: CLOUDS.includes(cloud as CloudKind) ? (cloud as CloudKind) : 'huaweicloud',
    regions: [...new Set(regions)],
    projectIds: Object.fromEntries(Object.entries(projectIds).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1].length > 0)),
    endpoints: {
      iam: stringOrUndefined(endpoints.iam),
      cbr: stringOrUndefined(endpoints.cbr),
      gaussdb: stringOrUndefined(endpoints.gaussdb),
    },
    requestTimeoutMs: bounded(config, 'requestTimeoutSeconds', REQUEST_TIMEOUT) * 1000,
  };
}

interface Bounds {
  fallback: number;
  min: number;
  max: number;
  /** Whole numbers only (a page size). */
  integer?: boolean;
}

/** The same bounds as package.json declares (the Settings UI enforces them; settings.json does not). */
const REQUEST_TIMEOUT: Bounds = { fallback: 30, min: 1, max: 300 };
const PAGE_SIZE: Bounds = { fallback: 100, min: 1, max: 1000, integer: true };
const CONFIRM_WINDOW: Bounds = { fallback: 120, min: 1, max: 900 };

/** The values already warned about, so a bad setting is named once, not on every read. */
const warned = new Set<string>();

/**
 * A numeric setting within its bounds. A non-number or a value out of range (a timeout of
 * 3,000,000 s would overflow the timer to 1 ms; "abc" would become `limit=NaN`) gives the
 * default and one warning that names the setting.
 */
function bounded(config: vscode.WorkspaceConfiguration, key: string, b: Bounds): number {
  const value = config.get<unknown>(key, b.fallback);
  if (typeof value === 'number' && Number.isFinite(value) && value >= b.min && value <= b.max && (!b.integer || Number.isInteger(value))) {
    return value;
  }
  const seen = `${key}=${JSON.stringify(value)}`;
  if (!warned.has(seen)) {
    warned.add(seen);
    const name = `${CONFIG_SECTION}.${key}`;
    void vscode.window.showWarningMessage(
      b.integer
        ? vscode.l10n.t('The setting {0} must be a whole number from {1} to {2}; using {3}.', name, b.min, b.max, b.fallback)
        : vscode.l10n.t('The setting {0} must be a number from {1} to {2}; using {3}.', name, b.min, b.max, b.fallback),
    );
  }
  return b.fallback;
}

/** `cbr.pageSize`: how many rows a list loads at a time. */
export function readPageSize(): number {
  return bounded(vscode.workspace.getConfiguration(CONFIG_SECTION), 'pageSize', PAGE_SIZE);
}

/**
 * `cbr.unconfirmedWriteWindowSeconds`: after a create whose answer was lost, how long to keep
 * looking for it (and refuse to send it again). Checked every 10 s, or six times in a shorter window.
 */
export function readConfirmWindow(): { windowMs: number; intervalMs: number } {
  const windowMs = bounded(vscode.workspace.getConfiguration(CONFIG_SECTION), 'unconfirmedWriteWindowSeconds', CONFIRM_WINDOW) * 1000;
  return { windowMs, intervalMs: Math.min(10_000, Math.round(windowMs / 6)) };
}

/** For tests: forget which bad values were already named. */
export function resetSettingWarnings(): void {
  warned.clear();
}

function stringOrUndefined(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim().length > 0 ? v.trim() : undefined;
}

/**
 * A fingerprint of everything that decides where credentials are sent. Credentials are stored
 * with the fingerprint they were verified against; if the settings later point elsewhere, the
 * stored credentials are not used until the user signs in again.
 */
export function destinationFingerprint(settings: CloudSettings): string {
  return JSON.stringify({ cloud: settings.cloud, endpoints: settings.endpoints });
}

/** Writes `cbr.regions` in the user settings (never the workspace's: see CloudSettings). */
export async function saveRegions(regions: readonly string[]): Promise<void> {
  await vscode.workspace.getConfiguration(CONFIG_SECTION).update('regions', [...regions], vscode.ConfigurationTarget.Global);
}
