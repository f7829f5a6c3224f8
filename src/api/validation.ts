/**
 * Input rules from the API documents, shared by the UI (validation as the user types) and the
 * clients (nothing invalid is sent). Each returns undefined when the value is fine, or a message.
 */

/**
 * CBR names: the English references (OTC-CBR restore_points/creating_a_restore_point.rst and
 * vaults/creating_a_vault.rst; support.huaweicloud.com/intl/en-us/api-cbr CreateCheckpoint,
 * CreateVault) allow digits, letters, `_` and `-`; only the Chinese Huawei reference
 * (support.huaweicloud.com/api-cbr) adds Chinese characters, so they are allowed on Huawei Cloud only.
 */
const SHORT_NAME = /^[A-Za-z0-9_-]+$/;
const SHORT_NAME_HUAWEI = /^[A-Za-z0-9_\-\u4e00-\u9fa5]+$/;
/** C0/C1 controls (NUL, line breaks, tabs) and the bidirectional overrides and isolates, which disguise text. */
const CONTROL_OR_BIDI = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
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

/** Which cloud's rules apply; without one, the strictest (what every cloud accepts). */
export type RulesCloud = 'huaweicloud' | 'opentelekomcloud' | 'custom' | undefined;

/** Characters as a user counts them (code points, so a Chinese character is one). */
const length = (s: string): number => [...s].length;

/**
 * Description length as the clouds count it: UTF-16 units (the emulator and the Java services
 * behind both APIs measure `String.length`), so an emoji counts two and nothing is sent that the
 * cloud would refuse for its length.
 */
const cloudLength = (s: string): number => s.length;

/** Restore point (checkpoint) name: 1–64 letters, digits, `_` and `-` (and Chinese characters on Huawei Cloud). */
export function validateCheckpointName(name: string, t: Translate = english, cloud?: RulesCloud): string | undefined {
  return validateShortName(name, t, cloud);
}

/** The naming rule CBR uses for restore points and vaults. */
function validateShortName(name: string, t: Translate, cloud: RulesCloud): string | undefined {
  if (length(name) === 0) {
    return t('Enter a name.');
  }
  if (length(name) > 64) {
    return t('The name is {0} characters long; at most {1} are allowed.', length(name), 64);
  }
  if (cloud === 'huaweicloud') {
    return SHORT_NAME_HUAWEI.test(name) ? undefined : t('The name may contain only letters, digits, Chinese characters, _ and -.');
  }
  return SHORT_NAME.test(name) ? undefined : t('The name may contain only letters, digits, _ and -.');
}

/** No control characters and no bidirectional overrides, in any description. */
function validateDescriptionCharacters(description: string, t: Translate): string | undefined {
  const bad = CONTROL_OR_BIDI.exec(description);
  return bad ? t('The description must not contain control or text-direction characters (U+{0}).', bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')) : undefined;
}

function validateDescriptionLength(description: string, max: number, t: Translate): string | undefined {
  return cloudLength(description) > max ? t('The description is {0} characters long; at most {1} are allowed.', cloudLength(description), max) : undefined;
}

/** Restore point description: at most 255 characters (OTC-CBR creating_a_restore_point.rst; HW CreateCheckpoint), no control characters. */
export function validateCheckpointDescription(description: string, t: Translate = english): string | undefined {
  return validateDescriptionCharacters(description, t) ?? validateDescriptionLength(description, 255, t);
}

/**
 * Vault description. OTC: at most 64 (OTC-CBR vaults/creating_a_vault.rst, and the OTC Ansible
 * collection's cbr_vault "Minimum 0, maximum 64"). Huawei Cloud: at most 255 without `<` or `>`
 * (support.huaweicloud.com/intl/en-us/api-cbr/CreateVault.html; test/emulator/cbr/vaults.ts).
 * Without a known cloud, the stricter of both.
 */
export function validateVaultDescription(description: string, t: Translate = english, cloud?: RulesCloud): string | undefined {
  const chars = validateDescriptionCharacters(description, t);
  if (chars) {
    return chars;
  }
  if (cloud !== 'opentelekomcloud' && /[<>]/.test(description)) {
    return t('The description must not contain < or >.');
  }
  return validateDescriptionLength(description, cloud === 'huaweicloud' ? 255 : 64, t);
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
  const chars = validateDescriptionCharacters(description, t);
  if (chars) {
    return chars;
  }
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
export function validateVaultName(name: string, t: Translate = english, cloud?: RulesCloud): string | undefined {
  return validateShortName(name, t, cloud);
}

/**
 * Vault capacity in GB: a whole number from 10 to 10,485,760 ("The capacity ranges from 10 GB to
 * 10,485,760 GB", OTC-CBR umn creating_a_server_backup_vault.rst and creating_a_disk_backup_vault.rst;
 * the same range on both clouds' consoles, though the HW SDK model only says 1 to 10485760).
 */
export const VAULT_SIZE_MIN_GB = 10;
export const VAULT_SIZE_MAX_GB = 10_485_760;
export function validateVaultSize(value: string, t: Translate = english): string | undefined {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isInteger(n) || n < VAULT_SIZE_MIN_GB || n > VAULT_SIZE_MAX_GB) {
    return t('Enter a whole number of GB from {0} to {1}.', VAULT_SIZE_MIN_GB, VAULT_SIZE_MAX_GB);
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

/** A resource tag as CBR takes it (`vault.tags[]`, `bind_rules.tags[]`). */
export interface VaultTag {
  key: string;
  value: string;
}

/** At most 10 tags per vault, keys unique (OTC-CBR vaults/creating_a_vault.rst Table 4; HW-Go model_vault_create.go). */
export const VAULT_TAGS_MAX = 10;
const TAG_KEY = /^[A-Za-z0-9_-]+$/;
const TAG_KEY_HUAWEI = /^[A-Za-z0-9_\-\u4e00-\u9fa5]+$/;
const TAG_VALUE = /^[A-Za-z0-9_-]*$/;
const TAG_VALUE_HUAWEI = /^[A-Za-z0-9_.\-\u4e00-\u9fa5]*$/;

/**
 * Tags typed as `key=value, key2=value2` (a key alone has the empty value). Key: 1 to 36
 * characters, value: at most 43, spaces around them dropped; letters, digits, `-` and `_` (OTC-CBR
 * creating_a_vault.rst Table 9), plus Chinese characters and, in values, `.` on Huawei Cloud
 * (HW-Go services/cbr/v1/model/model_tag.go). Returns the tags, or a message.
 */
export function parseVaultTags(text: string, t: Translate = english, cloud?: RulesCloud): { tags: VaultTag[] } | { error: string } {
  const entries = text.split(',').map((e) => e.trim()).filter((e) => e !== '');
  const tags: VaultTag[] = [];
  const huawei = cloud === 'huaweicloud';
  for (const entry of entries) {
    const eq = entry.indexOf('=');
    const key = (eq < 0 ? entry : entry.slice(0, eq)).trim();
    const value = eq < 0 ? '' : entry.slice(eq + 1).trim();
    if (key === '') {
      return { error: t('A tag needs a key before "=".') };
    }
    if (length(key) > 36) {
      return { error: t('The tag key {0} is longer than {1} characters.', key, 36) };
    }
    if (!(huawei ? TAG_KEY_HUAWEI : TAG_KEY).test(key)) {
      return { error: huawei ? t('The tag key {0} may contain only letters, digits, Chinese characters, _ and -.', key) : t('The tag key {0} may contain only letters, digits, _ and -.', key) };
    }
    if (length(value) > 43) {
      return { error: t('The value of tag {0} is longer than {1} characters.', key, 43) };
    }
    if (!(huawei ? TAG_VALUE_HUAWEI : TAG_VALUE).test(value)) {
      return { error: huawei ? t('The value of tag {0} may contain only letters, digits, Chinese characters, _, - and .', key) : t('The value of tag {0} may contain only letters, digits, _ and -.', key) };
    }
    if (tags.some((tag) => tag.key === key)) {
      return { error: t('The tag key {0} is given twice.', key) };
    }
    tags.push({ key, value });
  }
  if (tags.length > VAULT_TAGS_MAX) {
    return { error: t('At most {0} tags are allowed ({1} given).', VAULT_TAGS_MAX, tags.length) };
  }
  return { tags };
}
