import * as pulumi from "@pulumi/pulumi";
import { BackupPolicyArgs, ChartOverrides, ClusterHandle } from "@slipway/core";
import type { CephStorage } from "../ceph";
import { SnapshotSource } from "./snapshot-classes";

/** Backups in a bucket of the Ceph object store (on-prem). */
export interface CephBackupStoreArgs {
  kind: "ceph";
  /** The CephStorage whose object store holds the bucket (it must have an `objectStore`). */
  ceph: Pick<CephStorage, "objectStoreEndpoint">;
  /** The bucket's name. @default "<component>-velero" */
  bucketName?: string;
}

/** Backups in a new S3 bucket (EKS): versioned, encrypted, private, reached through workload identity. */
export interface S3BackupStoreArgs {
  kind: "s3";
  /** The bucket's name, unique across AWS. @default "slipway-<stack>-<component>-<hash>" */
  bucketName?: string;
  /** A customer-managed KMS key for the bucket (Velero's role may use it; its key policy must let the account grant that). @default the account's AWS-managed S3 key (SSE-KMS) */
  kmsKeyArn?: pulumi.Input<string>;
  /** Days an overwritten or deleted object version stays recoverable. @default the default retention, in days */
  noncurrentVersionDays?: number;
}

export interface BackupsArgs {
  /** The cluster Velero runs in (EKS needs its OIDC provider for the S3 store). */
  cluster: ClusterHandle;
  /** Where backups are written: Ceph's object store or an S3 bucket. */
  store: CephBackupStoreArgs | S3BackupStoreArgs;
  /** Storage classes whose volumes are snapshotted: `cephSnapshotSources(ceph)`, `ebsSnapshotSources(cluster)`. */
  snapshotClasses: SnapshotSource[];
  /** The schedule and retention of tenants that set none. @default { schedule: "0 2 * * *", retention: "720h" } */
  defaults?: BackupPolicyArgs;
  /** Velero's namespace. @default "velero" */
  namespace?: string;
  /** Keep the bucket (and its claim) when the component is deleted. @default true */
  retainOnDelete?: boolean;
  /** Chart mirror, version and image registry for air-gapped sites. @default upstream, image registry from cluster.imageMirror */
  chart?: ChartOverrides;
}
