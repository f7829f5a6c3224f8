/** Cloud Backup and Recovery (CBR) v3 handlers, one file per resource; see docs/emulator-contract.md. */
export { listBackups, showBackup } from './backups';
export { createCheckpoint, showCheckpoint } from './checkpoints';
export { PROVIDER_IDS } from './common';
export { deleteBackup, deleteVault } from './deletion';
export { listOperationLogs, showOperationLog } from './operationLogs';
export { listProtectables } from './protectables';
export { renderBackup } from './render';
export { replicate, replicationCapabilities } from './replication';
export { addResources, createVault, listVaults, removeResources, showVault } from './vaults';
export { restoreBackup } from './restore';
export { associatePolicy, createPolicy, deletePolicy, dissociatePolicy, listPolicies, showPolicy, updatePolicy } from './policies';
