/**
 * Finding a secret in a text in the forms an echoing error body carries it (test/emulator's
 * `echoSecrets` fault): as is, URL-encoded, base64 (alone or as `user:secret` for Basic), or split
 * over lines (also when the text shows the line break as `\n`).
 */
export function secretForms(secret: string): { form: string; text: string }[] {
  return [
    { form: 'as is', text: secret },
    { form: 'URL-encoded', text: encodeURIComponent(secret) },
    { form: 'base64', text: Buffer.from(secret).toString('base64') },
    { form: 'Basic (base64 of user:secret)', text: Buffer.from(`user:${secret}`).toString('base64') },
  ];
}

// The scans test every text against every secret (thousands of each in the host tier): the forms
// of a secret and the collapsed copy of a text are made once, not once per pair, so a scan stays
// a fraction of a second and never blocks the extension host it runs in.
const formsOf = new Map<string, { form: string; text: string }[]>();
const collapsedOf = new Map<string, string>();
const MAX_CACHED = 20_000;

function cached<T>(cache: Map<string, T>, key: string, make: () => T): T {
  let value = cache.get(key);
  if (value === undefined) {
    if (cache.size >= MAX_CACHED) {
      cache.clear();
    }
    value = make();
    cache.set(key, value);
  }
  return value;
}

/** The form in which `text` holds `secret`, if it does. */
export function secretFormIn(text: string, secret: string): string | undefined {
  const found = cached(formsOf, secret, () => secretForms(secret)).find((f) => text.includes(f.text));
  if (found) {
    return found.form;
  }
  return cached(collapsedOf, text, () => text.replace(/\\n|\\r|\s+/g, '')).includes(secret) ? 'split over lines' : undefined;
}

export function holdsSecret(text: string, secret: string): boolean {
  return secretFormIn(text, secret) !== undefined;
}

/**
 * An AK/SK `Authorization` header: its signature is searched for as it is only. It signs one
 * request and is no credential (the secret key never travels); issue 8 asks for a bare
 * `Signature=` to be hidden, not for every encoding of it.
 */
export function isSignature(echoed: string): boolean {
  return /^SDK-HMAC-SHA256 /.test(echoed);
}
