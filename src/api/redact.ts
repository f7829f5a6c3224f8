/**
 * The one redaction function every log line and error message goes through. Tokens,
 * `Authorization` values, passwords, secret keys and security tokens never come out.
 */
const SECRET_FIELD = /("(?:password|secret|secret_key|secretKey|sk|token|access_token|security_token|securityToken|securitytoken|x-auth-token|x-subject-token|x-security-token|authorization)"\s*:\s*")((?:\\.|[^"\\])*)(")/gi;
const HEADER_LINE = /\b(x-auth-token|x-subject-token|x-security-token|authorization)(\s*[:=]\s*)([^\s,;"']+(?:[ ,][A-Za-z]+=[^\s,;"']+)*)/gi;
const SIGNATURE = /(SDK-HMAC-SHA256\s+)[^\r\n"]*/gi;
const QUERY_SECRET = /([?&](?:password|token|secret|sk|signature|x-auth-token)=)[^&\s]+/gi;
/** Huawei IAM tokens are long base64url strings starting with MII. */
const IAM_TOKEN = /\bMII[A-Za-z0-9+/=_-]{40,}/g;

const SECRET_HEADERS = new Set(['authorization', 'x-auth-token', 'x-subject-token', 'x-security-token', 'cookie', 'set-cookie']);

const registered = new Set<string>();

/**
 * Registers a secret value (a password, SK or token in use) so that it is redacted wherever it
 * appears, even outside a recognizable field. Values shorter than 6 characters are ignored.
 */
export function registerSecret(value: string | undefined): void {
  if (value && value.length >= 6) {
    registered.add(value);
  }
}

export function redact(text: string): string {
  let out = text
    .replace(SECRET_FIELD, '$1***$3')
    .replace(SIGNATURE, '$1***')
    .replace(HEADER_LINE, '$1$2***')
    .replace(QUERY_SECRET, '$1***')
    .replace(IAM_TOKEN, '***');
  for (const secret of registered) {
    if (out.includes(secret)) {
      out = out.split(secret).join('***');
    }
  }
  return out;
}

export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, SECRET_HEADERS.has(k.toLowerCase()) ? '***' : redact(v)]));
}
