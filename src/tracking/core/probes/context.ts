/** What a probe needs: the session to ask, the localizer for reasons, the clock. */
import type { CbrClient, GaussDbClient } from '../../../api';
import { Localizer, TrackedWork, TrackerLogger, WorkFinished } from '../types';

/** Allowed clock skew between this machine and the cloud when matching "started after" (one home: src/api). */
export { CLOCK_SKEW_MS } from '../../../api';

/** What the tracker needs of a CloudSession. */
export interface TrackerSession {
  cbr: Pick<CbrClient, 'listBackups' | 'showCheckpoint' | 'listOperationLogs' | 'listReplicationLogs' | 'listRestoreLogs' | 'showVault'>;
  gaussdb: Pick<GaussDbClient, 'listBackups' | 'showJob' | 'listInstances'>;
}

export interface ProbeContext {
  l10n: Localizer;
  logger?: TrackerLogger;
  now(): number;
}

/** Called once per item found finished. */
export type ReportFinished = (finished: WorkFinished) => void;

export type CheckpointWork = Extract<TrackedWork, { kind: 'checkpoint' }>;
export type GaussWork = Extract<TrackedWork, { kind: 'gaussBackup' }>;
export type ReplicationWork = Extract<TrackedWork, { kind: 'replication' }>;
export type RestoreWork = Extract<TrackedWork, { kind: 'restore' }>;
export type DeleteWork = Extract<TrackedWork, { kind: 'delete' }>;
export type GaussRestoreWork = Extract<TrackedWork, { kind: 'gaussRestore' }>;
