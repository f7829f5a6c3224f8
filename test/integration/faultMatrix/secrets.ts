/**
 * Finding a secret in a text in the forms an echoing error body carries it (test/emulator's
 * `echoSecrets` fault): as is, URL-encoded, base64 (alone or as `user:secret` for Basic), or split
 * over lines (also when the text shows the line break as `\n`).
 */
export function secretForms(secret: string): string[] {
  return [secret, encodeURIComponent(secret), Buffer.from(secret).toString('base64'), Buffer.from(`user:${secret}`).toString('base64')];
}

/** Whether `text` holds `secret` in any of those forms. */
export function holdsSecret(text: string, secret: string): boolean {
  if (secretForms(secret).some((form) => text.includes(form))) {
    return true;
  }
  const joined = text.replace(/\\n|\\r|\s+/g, '');
  return joined.includes(secret);
}
