/**
 * Cloud profiles: where Huawei Cloud and Open Telekom Cloud document different behaviour for the
 * same CBR and GaussDB calls, the emulator answers as the chosen cloud does. Every rule names its
 * source; where the documents are silent the emulator's assumption is said so (and listed in
 * docs/emulator-contract.md).
 *
 * HW-Go = huaweicloud/huaweicloud-sdk-go-v3 @ 1cd70eb; OTC-CBR = opentelekomcloud-docs/cloud-backup-recovery
 * @ 3cca460; OTC-TDB = opentelekomcloud-docs/taurusdb @ 04861d2.
 */

export type CloudProfile = 'huaweicloud' | 'opentelekomcloud';
export const CLOUD_PROFILES: readonly CloudProfile[] = ['huaweicloud', 'opentelekomcloud'];

export interface ProfileRules {
  /**
   * `replicate.enable_acceleration` is a documented field. HW-Go model_checkpoint_replicate_param.go
   * has it; OTC-CBR restore_points/replicating_a_restore_point.rst Table 4 does not. The emulator
   * refuses it on OTC (400 BackupService.9900) instead of ignoring it: acceleration is billed,
   * and a client that offers it where it is not documented should fail its tests, not pass silently.
   */
  replicateAcceleration: boolean;
  /**
   * `extra_info.replication` in operation logs: HW-Go model_op_extra_info.go has it; OTC-CBR
   * tasks/querying_the_task_list.rst Table 7 (OpExtraInfo) does not.
   */
  opLogReplicationInfo: boolean;
  /**
   * `operation_type=replication` as a query value: HW-Go model_list_op_logs_request.go lists it.
   * OTC-CBR querying_the_task_list.rst gives the query parameter no values at HEAD and listed only
   * backup, delete, restore, vault_delete, remove_resource, sync in 2023 (commit 7607f62); the
   * response enum gained `replication` in 2024 (b68e706). The emulator refuses the query value
   * on OTC (the strict reading) and still reports replication logs with that type.
   */
  opLogReplicationFilter: boolean;
  /**
   * `image_type`: HW-Go model_backup_resp.go tags "backup and replication" for hws and "backup"
   * only for dt (OTC); OTC-CBR querying_all_backups.rst: "Backup type, which is backup". On OTC
   * the emulator refuses `image_type=replication` and lists replicas as `backup` (assumption:
   * the documents say no more).
   */
  imageTypes: readonly string[];
  /**
   * `replication_records` on backups. HW-Go model_list_backups_request.go: `show_replication`
   * "whether to return replication records" (list only; ShowBackup takes no such parameter, so
   * the emulator always includes them there: assumption). OTC-CBR BackupResp documents no
   * replication_records and no show_replication: never sent on OTC.
   */
  replicationRecords: 'withShowReplication' | 'never';
  /**
   * GaussDB backup list `name` filter: HW-Go model_show_gauss_my_sql_backup_list_request.go has
   * `name` and `instance_name`; OTC-TDB backup_management/querying_backups.rst documents neither.
   * On OTC the emulator ignores them (assumption: unknown query parameters are ignored), so a
   * client that relies on them gets every backup back.
   */
  gaussBackupNameFilter: boolean;
  /**
   * GaussDB(for MySQL) restore onto an existing instance (ShowRestoreTime, RestoreOldInstance):
   * HW-Go services/gaussdb/v3/model/model_restore_request.go and model_restore_time_info.go;
   * OTC-TDB api-ref documents no restore call. On OTC both answer 404 APIGW.0101, as an unknown API.
   */
  gaussInstanceRestore: boolean;
  /**
   * HTTP statuses that differ for the same code. BackupService.6105 (vault not found): 400 on
   * the Huawei Cloud ErrorCode page, 404 in OTC-CBR appendix/error_codes.rst. BackupService.1005
   * (destination region cannot replicate): 400 on the Huawei page
   * (support.huaweicloud.com/intl/en-us/api-cbr/ErrorCode.html), 500 in the OTC table.
   */
  statusOf: Readonly<Record<string, number>>;
}

export const PROFILE_RULES: Record<CloudProfile, ProfileRules> = {
  huaweicloud: {
    replicateAcceleration: true,
    opLogReplicationInfo: true,
    opLogReplicationFilter: true,
    imageTypes: ['backup', 'replication'],
    replicationRecords: 'withShowReplication',
    gaussBackupNameFilter: true,
    gaussInstanceRestore: true,
    statusOf: { 'BackupService.6105': 400, 'BackupService.1005': 400 },
  },
  opentelekomcloud: {
    replicateAcceleration: false,
    opLogReplicationInfo: false,
    opLogReplicationFilter: false,
    imageTypes: ['backup'],
    replicationRecords: 'never',
    gaussBackupNameFilter: false,
    gaussInstanceRestore: false,
    statusOf: { 'BackupService.6105': 404, 'BackupService.1005': 500 },
  },
};

export function isCloudProfile(value: unknown): value is CloudProfile {
  return typeof value === 'string' && (CLOUD_PROFILES as readonly string[]).includes(value);
}
