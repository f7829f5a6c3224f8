/**
 * Where each service lives: Huawei Cloud and Open Telekom Cloud host patterns per region, and
 * per-service overrides (which may contain `{region}`). `https://` is required except for
 * loopback hosts, so credentials never cross a network in clear text.
 */
import { ValidationError } from './errors';

export type CloudKind = 'huaweicloud' | 'opentelekomcloud' | 'custom';
export type Service = 'iam' | 'cbr' | 'gaussdb';

export interface EndpointOverrides {
  iam?: string;
  cbr?: string;
  gaussdb?: string;
}

export type Endpoints = Record<Service, string>;

/** Huawei Cloud GaussDB(for MySQL) hosts differ by region (huaweicloud-sdk-go-v3 gaussdb/v3/region). */
const HW_GAUSSDB_HOST_PREFIX: Record<string, string> = {
  'ap-southeast-1': 'gaussdbformysql',
  'ap-southeast-2': 'gaussdbformysql',
  'tr-west-1': 'gaussdbformysql',
  'me-east-1': 'gaussdbformysql',
  'cn-north-11': 'gaussdbformysql',
  'af-south-1': 'gaussdb-mysql',
  'cn-east-5': 'gaussdb-mysql',
  'la-north-2': 'gaussdb-mysql',
};

export const KNOWN_REGIONS: Record<Exclude<CloudKind, 'custom'>, readonly string[]> = {
  huaweicloud: [
    'cn-north-4', 'cn-north-1', 'cn-east-3', 'cn-east-2', 'cn-south-1', 'cn-southwest-2',
    'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'ap-southeast-4', 'ap-southeast-5',
    'af-south-1', 'af-north-1', 'eu-west-0', 'eu-west-101', 'sa-brazil-1', 'la-north-2', 'la-south-2',
    'na-mexico-1', 'tr-west-1', 'me-east-1', 'ae-ad-1', 'ru-northwest-2',
  ],
  opentelekomcloud: ['eu-de', 'eu-nl', 'eu-ch2'],
};

export function knownRegions(cloud: CloudKind): readonly string[] {
  return cloud === 'custom' ? [] : KNOWN_REGIONS[cloud];
}

const REGION = /^[a-z]{2,}(-[a-z0-9]+)+$/;

export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

export function isLoopbackUrl(value: string): boolean {
  try {
    return isLoopbackHost(new URL(value).hostname);
  } catch {
    return false;
  }
}

/** Checks an endpoint URL: https, or http on a loopback host; no credentials, query or fragment. */
export function checkEndpointUrl(service: Service, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ValidationError(`endpoints.${service}`, `The ${service} endpoint "${value}" is not a valid URL.`);
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new ValidationError(`endpoints.${service}`, `The ${service} endpoint must use https:// (http:// is allowed only for 127.0.0.1, localhost and ::1): ${value}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ValidationError(`endpoints.${service}`, `The ${service} endpoint must be an https:// URL: ${value}`);
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new ValidationError(`endpoints.${service}`, `The ${service} endpoint must not contain credentials, a query or a fragment: ${value}`);
  }
  return value.replace(/\/+$/, '');
}

function defaultEndpoint(cloud: Exclude<CloudKind, 'custom'>, service: Service, region: string): string {
  if (cloud === 'huaweicloud') {
    switch (service) {
      case 'iam':
        return 'https://iam.myhuaweicloud.com';
      case 'cbr':
        return `https://cbr.${region}.myhuaweicloud.com`;
      case 'gaussdb':
        return `https://${HW_GAUSSDB_HOST_PREFIX[region] ?? 'gaussdb'}.${region}.myhuaweicloud.com`;
    }
  }
  switch (service) {
    case 'iam':
      return region === 'eu-ch2' ? 'https://iam-pub.eu-ch2.sc.otc.t-systems.com' : `https://iam.${region}.otc.t-systems.com`;
    case 'cbr':
      return region === 'eu-ch2' ? 'https://cbr.eu-ch2.sc.otc.t-systems.com' : `https://cbr.${region}.otc.t-systems.com`;
    case 'gaussdb':
      return region === 'eu-ch2' ? 'https://gaussdb-mysql.eu-ch2.sc.otc.t-systems.com' : `https://gaussdb-mysql.${region}.otc.t-systems.com`;
  }
}

/** The three base URLs for a region. Throws ValidationError for a bad region or endpoint. */
export function resolveEndpoints(cloud: CloudKind, region: string, overrides: EndpointOverrides = {}): Endpoints {
  if (!REGION.test(region)) {
    throw new ValidationError('region', `"${region}" is not a region id (for example ap-southeast-1 or eu-de).`);
  }
  const services: Service[] = ['iam', 'cbr', 'gaussdb'];
  const result = {} as Endpoints;
  for (const service of services) {
    const override = overrides[service]?.trim();
    if (override) {
      result[service] = checkEndpointUrl(service, override.split('{region}').join(region));
    } else if (cloud === 'custom') {
      throw new ValidationError(`endpoints.${service}`, `The custom cloud needs an endpoint for ${service} (setting cbr.endpoints.${service}).`);
    } else {
      result[service] = defaultEndpoint(cloud, service, region);
    }
  }
  return result;
}
