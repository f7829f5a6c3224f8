/**
 * AK/SK request signing, `SDK-HMAC-SHA256`, as Huawei Cloud's SDKs and API Gateway define it
 * (huaweicloud-sdk-go-v3 core/auth/signer/signer.go). Pure: the date is an argument.
 */
import { createHash, createHmac } from 'node:crypto';

export const SIGNING_ALGORITHM = 'SDK-HMAC-SHA256';

export interface SignableRequest {
  method: string;
  url: string;
  /** Headers that will be sent; `host` is taken from the URL when absent. */
  headers: Record<string, string>;
  /** The exact bytes that will be sent (empty for no body). */
  body?: string | Buffer;
}

export interface SigningKey {
  accessKey: string;
  secretKey: string;
  securityToken?: string;
}

/** RFC 3986 percent-encoding: only A-Z a-z 0-9 - _ . ~ stay as they are; hex is upper case. */
export function encodeRfc3986(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function canonicalUri(pathname: string): string {
  const segments = pathname.split('/').map((s) => encodeRfc3986(decodeURIComponent(s)));
  const joined = segments.join('/');
  return joined.endsWith('/') ? joined : `${joined}/`;
}

export function canonicalQuery(params: URLSearchParams): string {
  const byKey = new Map<string, string[]>();
  for (const [k, v] of params) {
    byKey.set(k, [...(byKey.get(k) ?? []), v]);
  }
  return [...byKey.keys()]
    .sort()
    .flatMap((k) => (byKey.get(k) ?? []).sort().map((v) => `${encodeRfc3986(k)}=${encodeRfc3986(v)}`))
    .join('&');
}

export function formatSdkDate(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Host header value: the URL's host, with the port only when it is not the scheme's default. */
export function hostHeader(url: URL): string {
  return url.host;
}

export interface SignedHeaders {
  /** The headers to send: the input headers plus X-Sdk-Date, Host, X-Security-Token, Authorization. */
  headers: Record<string, string>;
  canonicalRequest: string;
  stringToSign: string;
}

/** Signs a request; the returned headers replace the input headers. */
export function signRequest(request: SignableRequest, key: SigningKey, date: Date): SignedHeaders {
  const url = new URL(request.url);
  const headers: Record<string, string> = { ...request.headers };
  const lower = new Map(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  if (!lower.has('x-sdk-date')) {
    headers['X-Sdk-Date'] = formatSdkDate(date);
    lower.set('x-sdk-date', headers['X-Sdk-Date']);
  }
  if (!lower.has('host')) {
    lower.set('host', hostHeader(url));
  }
  if (key.securityToken && !lower.has('x-security-token')) {
    headers['X-Security-Token'] = key.securityToken;
    lower.set('x-security-token', key.securityToken);
  }
  // Header names with '_' are dropped by gateways; they are never signed.
  const signedNames = [...lower.keys()].filter((n) => !n.includes('_') && n !== 'authorization').sort();
  const canonicalHeaders = signedNames.map((n) => `${n}:${(lower.get(n) ?? '').trim()}\n`).join('');
  const signedHeaders = signedNames.join(';');
  const bodyHash = lower.get('x-sdk-content-sha256') ?? sha256Hex(request.body ?? '');
  const canonicalRequest = [request.method.toUpperCase(), canonicalUri(url.pathname), canonicalQuery(url.searchParams), canonicalHeaders, signedHeaders, bodyHash].join('\n');
  const sdkDate = lower.get('x-sdk-date') ?? '';
  const stringToSign = `${SIGNING_ALGORITHM}\n${sdkDate}\n${sha256Hex(canonicalRequest)}`;
  const signature = createHmac('sha256', key.secretKey).update(stringToSign).digest('hex');
  headers.Authorization = `${SIGNING_ALGORITHM} Access=${key.accessKey}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return { headers, canonicalRequest, stringToSign };
}
