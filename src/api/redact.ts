/**
 * The one redaction function every log line and error message goes through. Tokens,
 * `Authorization` values, passwords, secret keys and security tokens never come out: in JSON
 * (also JSON inside a JSON string), headers, queries, plain `name=value`, URL-encoded, and
 * registered secrets in any of the forms a serializer, a log wrapper or base64 gives them.
 */

/** Field names whose value is a secret (JSON keys, header-like and query names). */
const NAMES =
  '[a-z_-]*(?:password|passwd)|pwd|[a-z_-]*secret(?:[_-]?(?:access[_-]?)?key)?|sk|[a-z_-]*token|securitytoken|x-auth-token|x-subject-token|x-security-token|(?:proxy-)?authorization|cookie|set-cookie|signature|x-amz-signature';
/** `"name": "value"` and `'name': 'value'` (JSON, Python reprs). */
const FIELD = new RegExp(`(["'])(${NAMES})\\1(\\s*:\\s*)(["'])((?:\\\\.|(?!\\4)[^\\\\])*)\\4`, 'gi');
/** `\"name\":\"value\"`: JSON inside a JSON string. */
const ESCAPED_FIELD = new RegExp(`(\\\\["'])(${NAMES})\\1(\\s*:\\s*)(\\\\["'])(.*?)\\4`, 'gi');
/** Header lines: `Authorization: Bearer x`, `X-Auth-Token:x`, `Cookie: a=b; c=d`. */
const HEADER_LINE =
  /\b(x-auth-token|x-subject-token|x-security-token|(?:proxy-)?authorization|cookie|set-cookie)(\s*[:=]\s*)((?:Bearer|Basic|Digest|Token|SDK-HMAC-SHA256)\s+)?([^\s,;"']+(?:(?:[ ,]+|;\s*)[A-Za-z][\w-]*=[^\s,;"']+)*)/gi;
const SIGNATURE = /(SDK-HMAC-SHA256\s+)[^\r\n"]*/gi;
/** `name=value` anywhere (queries, forms, plain text), also URL-encoded (`name%3Dvalue`). */
const NAME_VALUE = new RegExp(`(?:(?<![A-Za-z0-9_])|(?<=%[0-9A-Fa-f]{2}))(${NAMES})(=|%3D)((?:(?!%26)[^&\\s"',;<>])+)`, 'gi');
/** Huawei IAM tokens are long base64url strings starting with MII. */
const IAM_TOKEN = /\bMII[A-Za-z0-9+/=_-]{40,}/g;

const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'x-auth-token', 'x-subject-token', 'x-security-token', 'cookie', 'set-cookie']);

/** Each registered secret with the patterns that find it in its other forms. */
const registered = new Map<string, RegExp[]>();

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * The base64 (or base64url) characters that depend only on the secret's bytes, for each of the
 * three alignments it can have inside a longer blob.
 */
function base64Cores(secret: Buffer, encoding: 'base64' | 'base64url'): string[] {
  const cores: string[] = [];
  for (let offset = 0; offset < 3; offset++) {
    const encoded = Buffer.concat([Buffer.alloc(offset), secret]).toString(encoding);
    const core = encoded.slice(Math.ceil((8 * offset) / 6), Math.floor((8 * (offset + secret.length)) / 6));
    if (core.length >= 8) {
      cores.push(core);
    }
  }
  return cores;
}

function patternsFor(secret: string): RegExp[] {
  const forms = new Set<string>([
    secret,
    JSON.stringify(secret).slice(1, -1),
    JSON.stringify(secret).slice(1, -1).replace(/\//g, '\\/'),
    encodeURIComponent(secret),
    new URLSearchParams({ s: secret }).toString().slice(2),
    ...base64Cores(Buffer.from(secret), 'base64'),
    ...base64Cores(Buffer.from(secret), 'base64url'),
  ]);
  // Wrapped over lines: a real or an escaped line break (and indentation) between any two characters.
  const wrap = '(?:\\r?\\n[ \\t]*|\\\\(?:r\\\\)?n)?';
  return [...forms].filter((f) => f.length > 0).map((form) => new RegExp([...form].map(escapeRegExp).join(wrap), 'g'));
}

/**
 * Registers a secret value (a password, SK or token in use) so that it is redacted wherever it
 * appears, even outside a recognizable field. Values shorter than 6 characters are ignored.
 */
export function registerSecret(value: string | undefined): void {
  if (value && value.length >= 6 && !registered.has(value)) {
    registered.set(value, patternsFor(value));
  }
}

export function redact(text: string): string {
  let out = text
    .replace(FIELD, '$1$2$1$3$4***$4')
    .replace(ESCAPED_FIELD, '$1$2$1$3$4***$4')
    .replace(SIGNATURE, '$1***')
    .replace(HEADER_LINE, (_m, name: string, sep: string, scheme: string | undefined) => `${name}${sep}${scheme ?? ''}***`)
    .replace(NAME_VALUE, '$1$2***')
    .replace(IAM_TOKEN, '***');
  for (const patterns of registered.values()) {
    for (const pattern of patterns) {
      out = out.replace(pattern, '***');
    }
  }
  return out;
}

export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, SECRET_HEADERS.has(k.toLowerCase()) ? '***' : redact(v)]));
}
