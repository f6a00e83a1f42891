export { Backups } from "./backups";
export type { BackupsArgs, CephBackupStoreArgs, S3BackupStoreArgs } from "./args";
export { planBackups } from "./plan";
export type { BackupsPlan } from "./plan";
export { cephSnapshotSources, ebsSnapshotSources, VELERO_SNAPSHOT_CLASS_LABEL } from "./snapshot-classes";
export type { SnapshotSource } from "./snapshot-classes";
export { cephObjectStore } from "./ceph-store";
export { STORAGE_LOCATION } from "./locations";
export { VELERO_CHART, AWS_PLUGIN_IMAGE } from "./versions";
