import { Manifest } from "../manifest";
import { BackupPolicy } from "./policy";

export interface ScheduleTarget {
  /** The Schedule's name: the tenant's name. */
  name: string;
  /** Namespaces the backups include. */
  namespaces: string[];
  labels: Record<string, string>;
}

/**
 * A Velero Schedule: every object of the namespaces, volumes as CSI snapshots (the labelled
 * VolumeSnapshotClass of each volume's driver), kept for the retention, written to the location.
 */
export function planSchedule(target: ScheduleTarget, policy: BackupPolicy, location: { namespace: string; storageLocation: string }): Manifest {
  return {
    apiVersion: "velero.io/v1",
    kind: "Schedule",
    metadata: { name: target.name, namespace: location.namespace, labels: target.labels },
    spec: {
      schedule: policy.schedule,
      // A paused or deleted Schedule must not take its backups with it.
      useOwnerReferencesInBackup: false,
      template: {
        includedNamespaces: target.namespaces,
        includeClusterResources: false,
        snapshotVolumes: true,
        snapshotMoveData: false,
        storageLocation: location.storageLocation,
        ttl: policy.retention,
      },
    },
  };
}
