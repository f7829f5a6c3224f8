/**
 * A policy in words, in the user's language: its schedule ("every day at 02:00 (UTC+08:00)",
 * "Mon, Wed, Fri at 22:30 (UTC)"), its retention ("keep 30 days", "keep the last 7", "kept
 * until deleted") and its next run times. Day and date names come from Intl in VS Code's
 * display language; the sentences from vscode.l10n. Times are shown in the policy's time zone
 * (`operation_definition.timezone`), UTC when it has none.
 */
import * as vscode from 'vscode';
import { formatUtcOffset, nextRuns, parseCloudTimestamp, parseUtcOffset, scheduleGroups, type Policy, type PolicyOperationDefinition, type ScheduleGroup, type Weekday } from '../api';

/** The zone a policy's times are shown in: its own, else UTC. */
export function policyOffset(policy: Pick<Policy, 'definition'>): number {
  return parseUtcOffset(policy.definition.timezone) ?? 0;
}

function zoneLabel(offsetMinutes: number): string {
  return offsetMinutes === 0 ? 'UTC' : formatUtcOffset(offsetMinutes);
}

/** "Mon" in `language` (2024-01-01 was a Monday). */
export function dayName(day: Weekday, language: string = vscode.env.language): string {
  return new Intl.DateTimeFormat(language, { weekday: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, 1 + day)));
}

function groupInWords(group: ScheduleGroup, language: string): string {
  const times = new Intl.ListFormat(language, { style: 'long', type: 'conjunction' }).format(group.times);
  if (group.interval > 1) {
    return vscode.l10n.t('every {0} days at {1}', group.interval, times);
  }
  if (group.days.length === 7) {
    return vscode.l10n.t('every day at {0}', times);
  }
  const days = new Intl.ListFormat(language, { style: 'short', type: 'unit' }).format(group.days.map((d) => dayName(d, language)));
  return vscode.l10n.t('{0} at {1}', days, times);
}

/** The whole schedule in one line, with the zone its times are in. */
export function scheduleInWords(policy: Pick<Policy, 'patterns' | 'definition'>, language: string = vscode.env.language): string {
  const offset = policyOffset(policy);
  const groups = scheduleGroups(policy.patterns, offset);
  if (groups.length === 0) {
    return vscode.l10n.t('no schedule the extension can read');
  }
  return vscode.l10n.t('{0} ({1})', groups.map((g) => groupInWords(g, language)).join('; '), zoneLabel(offset));
}

/** How long backups are kept; long-term counts (daily, weekly, …) are added after it. */
export function retentionInWords(def: Partial<PolicyOperationDefinition>): string {
  const days = def.retentionDurationDays ?? -1;
  const count = def.maxBackups ?? -1;
  const main =
    days > 0
      ? days === 1
        ? vscode.l10n.t('keep 1 day')
        : vscode.l10n.t('keep {0} days', days)
      : count > 0
        ? vscode.l10n.t('keep the last {0}', count)
        : vscode.l10n.t('kept until deleted');
  const extra = [
    def.dayBackups ? vscode.l10n.t('{0} daily', def.dayBackups) : undefined,
    def.weekBackups ? vscode.l10n.t('{0} weekly', def.weekBackups) : undefined,
    def.monthBackups ? vscode.l10n.t('{0} monthly', def.monthBackups) : undefined,
    def.yearBackups ? vscode.l10n.t('{0} yearly', def.yearBackups) : undefined,
  ].filter((x): x is string => x !== undefined && !x.startsWith('-'));
  return extra.length === 0 ? main : vscode.l10n.t('{0}, and also {1}', main, extra.join(', '));
}

/** "Wed 2 Dec, 02:00" in the policy's zone. */
export function runTimeInWords(at: Date, offsetMinutes: number, language: string = vscode.env.language): string {
  const shifted = new Date(at.getTime() + offsetMinutes * 60_000);
  const text = new Intl.DateTimeFormat(language, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'UTC' }).format(shifted);
  return `${text} (${zoneLabel(offsetMinutes)})`;
}

/** The next three runs after `now`, in words (none for a disabled policy: it does not run). */
export function nextRunsInWords(policy: Pick<Policy, 'patterns' | 'definition' | 'startTime' | 'enabled'>, now: Date, language: string = vscode.env.language): string[] {
  if (!policy.enabled) {
    return [];
  }
  // `2019-05-08T06:57:05.000+00:00` or `2020-01-08 09:59:49` (UTC).
  const start = policy.startTime ? parseCloudTimestamp(policy.startTime) : undefined;
  const offset = policyOffset(policy);
  return nextRuns(policy.patterns, now, 3, start).map((d) => runTimeInWords(d, offset, language));
}
