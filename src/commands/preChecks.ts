/**
 * Checks made before an action asks its first question: what the extension already knows about
 * the target that makes the request bound to fail. A refusal says why in words and offers the
 * next step as a button, instead of a raw API error after every question.
 *
 * What the tree showed may be out of date, so a target that looks blocked is read again (one
 * request) before it is refused; if that read fails, the action goes on and the cloud decides.
 */
import * as vscode from 'vscode';
import { BACKUP_BEING_MADE_STATUSES, type GaussInstance, type Vault } from '../api';
import { describeError, UserCancelledError } from '../common/errors';
import { Commands } from '../constants';
import type { ActionDeps } from './deps';

/** Why an action cannot go ahead, and what to do instead. */
export interface Blocker {
  message: string;
  next?: { label: string; run: () => unknown };
}

type CheckDeps = Pick<ActionDeps, 'connection' | 'logger' | 'messages' | 'refreshVault' | 'refreshInstance'>;

/** Tells the user why, with the next step as a button (not awaited: the notification may stay open). */
export function tellBlocked(deps: Pick<ActionDeps, 'messages' | 'logger'>, blocker: Blocker): void {
  deps.logger.info(`Action refused before any question: ${blocker.message}`);
  const label = blocker.next?.label;
  void deps.messages.warn(blocker.message, ...(label ? [label] : [])).then((picked) => {
    if (label && picked === label) {
      void blocker.next?.run();
    }
  });
}

/** Refuses (silently ends the wizard) after telling why; used inside a step after a palette pick. */
export function refuse(deps: Pick<ActionDeps, 'messages' | 'logger'>, blocker: Blocker): never {
  tellBlocked(deps, blocker);
  throw new UserCancelledError();
}

const beingMade = (status: string | undefined): boolean => (BACKUP_BEING_MADE_STATUSES as readonly string[]).includes(status ?? '');

/** What is wrong with a restore point of `vault` (of `resourceIds` only, when given), from the vault's record. */
export function checkpointBlockerOf(deps: CheckDeps, region: string, vault: Vault, resourceIds?: readonly string[]): Blocker | undefined {
  if (vault.resources.length === 0) {
    return {
      message: vscode.l10n.t('{0} protects no servers or disks yet, so a restore point would hold nothing. Associate resources with it first.', vault.name),
      next: { label: vscode.l10n.t('Associate Resources…'), run: () => vscode.commands.executeCommand(Commands.addResources, { kind: 'vault', region, vault }) },
    };
  }
  const chosen = resourceIds ? vault.resources.filter((r) => resourceIds.includes(r.id)) : vault.resources;
  if (chosen.length === 0 || !chosen.every((r) => beingMade(r.protectStatus))) {
    return undefined; // some are free: the cloud backs those up and lists the others as skipped
  }
  const refresh = { label: vscode.l10n.t('Refresh'), run: () => deps.refreshVault(region, vault.id) };
  if (chosen.length === 1 && resourceIds) {
    return { message: vscode.l10n.t('{0} is already being backed up. Start a new restore point once that backup has finished.', chosen[0]?.name ?? ''), next: refresh };
  }
  return { message: vscode.l10n.t('Every resource of {0} is already being backed up. Start a new restore point once those backups have finished.', vault.name), next: refresh };
}

/**
 * The restore point check on fresh data: blocked by what the tree showed, then confirmed by
 * reading the vault again. Returns the blocker, or undefined to go ahead.
 */
export async function checkCheckpoint(deps: CheckDeps, target: { region: string; vault: Vault }, resourceIds?: readonly string[]): Promise<Blocker | undefined> {
  if (!checkpointBlockerOf(deps, target.region, target.vault, resourceIds)) {
    return undefined;
  }
  let fresh: Vault;
  try {
    fresh = await deps.connection.session(target.region).cbr.showVault(target.vault.id);
  } catch (err) {
    deps.logger.warn(`Re-reading vault ${target.vault.id} before a restore point failed: ${describeError(err)}`);
    return undefined;
  }
  const blocker = checkpointBlockerOf(deps, target.region, fresh, resourceIds);
  if (!blocker) {
    deps.refreshVault(target.region, target.vault.id); // the tree was behind
  }
  return blocker;
}

/**
 * GaussDB(for MySQL) instance statuses in which the service refuses a manual backup with
 * DBS.200086 ("not allowed by the DB instance status"): every documented v3 status but ACTIVE
 * (OTC-TDB managing_db_instances/querying_details_of_a_db_instance.rst), and the unified ones
 * other than normal (HW-Go model_mysql_instance_list_info_unify_status.go); the emulator accepts
 * only ACTIVE and normal (test/emulator/gaussdb.ts).
 */
const GAUSS_NOT_READY = new Set(['build', 'failed', 'frozen', 'modifying', 'rebooting', 'restoring', 'modifying instance type', 'switchover', 'migrating', 'modifying database port', 'storage full', 'creating', 'abnormal', 'createfail']);

export function instanceBackupBlockerOf(deps: CheckDeps, region: string, instance: GaussInstance): Blocker | undefined {
  const status = (instance.status ?? '').toLowerCase();
  const refresh = { label: vscode.l10n.t('Refresh'), run: () => deps.refreshInstance(region, instance.id) };
  if (status === 'backing up') {
    return { message: vscode.l10n.t('{0} is already being backed up. Start another backup once this one has finished.', instance.name), next: refresh };
  }
  if (GAUSS_NOT_READY.has(status)) {
    return { message: vscode.l10n.t('{0} cannot be backed up while it is {1}; a backup can start once it is available again.', instance.name, instance.status ?? ''), next: refresh };
  }
  return undefined;
}

/** The instance backup check: what the tree showed, confirmed by reading the instance again. */
export async function checkInstanceBackup(deps: CheckDeps, target: { region: string; instance: GaussInstance }): Promise<Blocker | undefined> {
  if (!instanceBackupBlockerOf(deps, target.region, target.instance)) {
    return undefined;
  }
  let fresh: GaussInstance | undefined;
  try {
    fresh = (await deps.connection.session(target.region).gaussdb.listInstances({ id: target.instance.id, limit: 1 })).instances.find((i) => i.id === target.instance.id);
  } catch (err) {
    deps.logger.warn(`Re-reading instance ${target.instance.id} before a backup failed: ${describeError(err)}`);
    return undefined;
  }
  const blocker = fresh ? instanceBackupBlockerOf(deps, target.region, fresh) : undefined;
  if (!blocker) {
    deps.refreshInstance(target.region, target.instance.id);
  }
  return blocker;
}
