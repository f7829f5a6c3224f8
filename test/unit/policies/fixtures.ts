import type { Policy } from '../../../src/api';

/** A backup policy as the list parses it: every day 02:00 at UTC+08:00, 30 days, on vault-1. */
export function aPolicy(over: Partial<Policy> = {}): Policy {
  return {
    id: 'policy-1',
    name: 'daily-prod',
    enabled: true,
    operationType: 'backup',
    definition: { retentionDurationDays: 30, timezone: 'UTC+08:00' },
    patterns: ['FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA,SU;BYHOUR=18;BYMINUTE=00'],
    startTime: '2026-01-05T10:00:00.000+00:00',
    associatedVaults: [{ vaultId: 'vault-1', destinationVaultId: undefined }],
    raw: {},
    ...over,
  };
}
