import { Cluster } from "@slipway/cluster";
import { fail } from "@slipway/core";
import { Backups, BackupsArgs, cephSnapshotSources, CephStorage, ebsSnapshotSources, S3BackupStoreArgs } from "@slipway/storage";
import { configSite, fromSection, NAMESPACE } from "./config";

/** `platform:backups`: Velero's settings; the store follows the cluster (Ceph's object store on-prem, an S3 bucket on EKS). */
export type BackupsSection = Omit<BackupsArgs, "cluster" | "store" | "snapshotClasses"> & {
  /** The bucket: its name, and on EKS its KMS key and version expiry. @default a bucket named after the stack */
  store?: Omit<S3BackupStoreArgs, "kind">;
};

/** Velero for the stack: on Ceph (which then needs an objectStore) or on S3, snapshotting the platform's storage classes. */
export function platformBackups(config: BackupsSection, cluster: Cluster, ceph: CephStorage | undefined): Backups {
  const { store, ...rest } = config;
  if (cluster.kind === "eks") {
    return fromSection("backups", () => new Backups("backups", { ...rest, cluster, store: { ...store, kind: "s3" }, snapshotClasses: ebsSnapshotSources(cluster) }));
  }
  // Checked outside fromSection: these errors already name their config key.
  if (!ceph) return fail(configSite(), `${NAMESPACE}:backups`, "backups", "needs Ceph storage on an existing cluster", `add ${NAMESPACE}:storage with an objectStore, or remove ${NAMESPACE}:backups`);
  if (store?.kmsKeyArn !== undefined) fail(configSite(), `${NAMESPACE}:backups.store.kmsKeyArn`, store.kmsKeyArn, "applies to S3 only; Ceph's object store encrypts nothing with KMS", "remove it");
  return fromSection("backups", () => new Backups("backups", { ...rest, cluster, store: { kind: "ceph", ceph, bucketName: store?.bucketName }, snapshotClasses: cephSnapshotSources(ceph) }));
}
