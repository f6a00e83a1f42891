import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { BackupPolicy, BackupsHandle, installOperator, registerManifests, siteOf, SlipwayComponent } from "@slipway/core";
import { BackupsArgs } from "./args";
import { planBackups } from "./plan";
import { STORAGE_LOCATION } from "./locations";
import { createBackupBucket } from "./s3-bucket";
import { VELERO_SERVICE_ACCOUNT, veleroValues } from "./values";

/**
 * Velero with CSI snapshots: its chart in a restricted namespace, a labelled VolumeSnapshotClass per
 * storage class (deletionPolicy Retain), and a BackupStorageLocation in a bucket of Ceph's object
 * store (on-prem) or a new S3 bucket reached through workload identity (EKS). Tenants schedule their
 * own backups with it (`new Tenant(name, { backups, backup: { schedule, retention } })`). The bucket
 * outlives the component unless `retainOnDelete: false`.
 */
export class Backups extends SlipwayComponent implements BackupsHandle {
  readonly backupNamespace: string;
  readonly storageLocation = STORAGE_LOCATION;
  readonly defaults: BackupPolicy;
  /** The Velero chart: Schedules wait for it (its CRDs). */
  readonly ready: k8s.helm.v4.Chart;
  /** The bucket backups are written to. */
  readonly bucketName: string;
  /** Velero's IAM role (S3 store). */
  readonly roleArn?: pulumi.Output<string>;

  constructor(name: string, args: BackupsArgs, opts?: pulumi.ComponentResourceOptions) {
    const plan = planBackups(siteOf("Backups", name), args, { stack: pulumi.getStack() });
    super("storage", "Backups", name, opts);
    const provider = args.cluster.provider;
    let operator = plan.operator;
    if (plan.s3) {
      const store = args.store.kind === "s3" ? args.store : undefined;
      const access = { cluster: args.cluster, namespace: plan.namespace, serviceAccount: VELERO_SERVICE_ACCOUNT, kmsKeyArn: store?.kmsKeyArn };
      const { identity } = createBackupBucket(name, plan.s3, access, { parent: this, retain: plan.retain });
      operator = { ...operator, chart: { ...operator.chart, values: veleroValues({ serviceAccountAnnotations: identity.serviceAccountAnnotations }) } };
      this.roleArn = identity.roleArn;
    }
    registerManifests(name, plan.clusterObjects, this.childOptions({ provider, retainOnDelete: plan.retain }));
    // The location and the bucket claim wait for Velero's and Rook's CRDs; the claim keeps its bucket when deleted.
    const installed = installOperator(name, operator, { parent: this, provider }, { retainOnDelete: plan.retain });
    this.ready = installed.chart;
    this.backupNamespace = plan.namespace;
    this.defaults = plan.defaults;
    this.bucketName = plan.bucket;
    this.done({ namespace: this.backupNamespace, bucket: this.bucketName, roleArn: this.roleArn });
  }
}
