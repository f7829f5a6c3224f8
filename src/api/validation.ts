/**
 * Input rules from the API documents, shared by the UI (validation as the user types) and the
 * clients (nothing invalid is sent). Each returns undefined when the value is fine, or a message.
 */

const SHORT_NAME = /^[A-Za-z0-9_\-\u4e00-\u9fa5]+$/;
const GAUSS_BACKUP_NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;
const GAUSS_FORBIDDEN = /[>!<"&'=]/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PROJECT_ID = /^[0-9a-f]{32}$/i;
const GAUSS_INSTANCE_ID = /^[0-9a-f]{32}in\d{2}$/i;

/**
 * Formats a message template with `{0}`-style placeholders. The UI passes `vscode.l10n.t`, so
 * the rules speak the user's language; the clients use this English default.
 */
export type Translate = (template: string, ...args: (string | number)[]) => string;
const english: Translate = (template, ...args) => template.replace(/\{(\d+)\}/g, (whole, i: string) => String(args[Number(i)] ?? whole));

/** Characters as a user counts them (code points, so a Chinese character is one). */
const length = (s: string): number => [...s].length;

/** Restore point (checkpoint) name: 1–64 letters, digits, Chinese characters, `_` and `-`. */
export function validateCheckpointName(name: string, t: Translate = english): string | undefined {
  return validateShortName(name, t);
}

/** The naming rule CBR uses for restore points and vaults. */
function validateShortName(name: string, t: Translate): string | undefined {
  if (length(name) === 0) {
    return t('Enter a name.');
  }
  if (length(name) > 64) {
    return t('The name is {0} characters long; at most {1} are allowed.', length(name), 64);
  }
  if (!SHORT_NAME.test(name)) {
    return t('The name may contain only letters, digits, Chinese characters, _ and -.');
  }
  return undefined;
}

/** Restore point description: at most 255 characters. */
export function validateCheckpointDescription(description: string, t: Translate = english): string | undefined {
  return length(description) > 255 ? t('The description is {0} characters long; at most {1} are allowed.', length(description), 255) : undefined;
}

/** GaussDB manual backup name: 4–64 characters, starts with a letter; letters, digits, `_` and `-`. */
export function validateGaussBackupName(name: string, t: Translate = english): string | undefined {
  if (length(name) < 4 || length(name) > 64) {
    return t('The name must be {0} to {1} characters long (it is {2}).', 4, 64, length(name));
  }
  if (!/^[A-Za-z]/.test(name)) {
    return t('The name must start with a letter.');
  }
  if (!GAUSS_BACKUP_NAME.test(name)) {
    return t('The name may contain only letters, digits, _ and -.');
  }
  return undefined;
}

/** GaussDB backup description: at most 256 characters, none of `>!<"&'=`. */
export function validateGaussBackupDescription(description: string, t: Translate = english): string | undefined {
  if (length(description) > 256) {
    return t('The description is {0} characters long; at most {1} are allowed.', length(description), 256);
  }
  const bad = GAUSS_FORBIDDEN.exec(description);
  if (bad) {
    return t('The description must not contain {0} (none of {1} are allowed).', bad[0], '> ! < " & \' =');
  }
  return undefined;
}

/** Vault name: the same rule as restore points. */
export function validateVaultName(name: string, t: Translate = english): string | undefined {
  return validateShortName(name, t);
}

/** Vault capacity in GB: a whole number from 1 to 10485760. */
export function validateVaultSize(value: string, t: Translate = english): string | undefined {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isInteger(n) || n < 1 || n > 10_485_760) {
    return t('Enter a whole number of GB from {0} to {1}.', 1, 10_485_760);
  }
  return undefined;
}

/** CBR ids (vaults, resources, backups, checkpoints) are UUIDs. */
export function validateUuid(value: string, what = 'id'): string | undefined {
  return UUID.test(value) ? undefined : `The ${what} "${value}" is not a UUID.`;
}

export function validateProjectId(value: string): string | undefined {
  return PROJECT_ID.test(value) ? undefined : `The project id "${value}" is not 32 hexadecimal characters.`;
}

/** GaussDB instance ids: 32 hex characters and a suffix such as `in07`. */
export function validateGaussInstanceId(value: string): string | undefined {
  return GAUSS_INSTANCE_ID.test(value) ? undefined : `The instance id "${value}" is not a GaussDB instance id.`;
}
