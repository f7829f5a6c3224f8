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
    requestTimeoutMs: Math.max(1, config.get<number>('requestTimeoutSeconds', 30)) * 1000,
  };
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
