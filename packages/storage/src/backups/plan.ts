import { BackupPolicy, checkBackupPolicy, checkDnsLabel, checkNumber, DEFAULT_BACKUP_POLICY, fail, InputSite, Manifest, OperatorPlan, planOperator, shortHash, standardLabels } from "@slipway/core";
import { BackupsArgs } from "./args";
import { cephObjectStore, planCephBucket } from "./ceph-store";
import { planStorageLocation } from "./locations";
import { planSnapshotClasses } from "./snapshot-classes";
import { StoreAccess, veleroImageValues, veleroValues } from "./values";
import { VELERO_CHART } from "./versions";

/** The S3 side of an EKS store, built by the component (AWS resources are not manifests). */
export interface S3StorePlan {
  bucket: string;
  region: string;
  noncurrentVersionDays: number;
}

/** Everything a Backups component renders, and the facts its handle is made of. */
export interface BackupsPlan {
  /** Velero's namespace (restricted), chart, then the locations and claims that need its CRDs. */
  operator: OperatorPlan;
  /** Cluster-wide objects that need no operator: VolumeSnapshotClasses and the bucket StorageClass. */
  clusterObjects: Manifest[];
  namespace: string;
  defaults: BackupPolicy;
  retain: boolean;
  /** The bucket backups are written to. */
  bucket: string;
  s3?: S3StorePlan;
}

const BUCKET = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;

function checkBucket(site: InputSite, value: unknown): string {
  if (typeof value !== "string" || !BUCKET.test(value) || value.includes("--")) {
    return fail(site, "store.bucketName", value, "is not a bucket name", "use 3-63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit");
  }
  return value;
}

/** Velero wants the store's plan before the chart: the claim's Secret (Ceph) or the identity (S3) decides the chart's credentials. */
function planStore(site: InputSite, args: BackupsArgs, meta: { name: string; namespace: string; labels: Record<string, string> }, defaults: BackupPolicy, stack: string) {
  const store = args.store;
  if (!store || typeof store !== "object") return fail(site, "store", store, "is required", '{ kind: "ceph", ceph } on-prem or { kind: "s3" } on EKS');
  if (store.kind === "ceph") {
    const ref = cephObjectStore(site, "store.ceph", store.ceph);
    const bucket = planCephBucket(ref, meta, checkBucket(site, store.bucketName ?? `${meta.name}-velero`));
    const location = planStorageLocation(meta, bucket.bucket, bucket.config);
    return { access: { credentialsSecret: bucket.credentialsSecret } as StoreAccess, bucketClass: bucket.objects[0], claims: [bucket.objects[1]], location, bucket: bucket.bucket };
  }
  if (store.kind === "s3") {
    if (args.cluster.kind !== "eks" || !args.cluster.region) fail(site, "store.kind", store.kind, "needs an EKS cluster (its region and OIDC provider)", 'use { kind: "ceph", ceph } on an existing cluster');
    if (!args.cluster.oidc) fail(site, "cluster.oidc", undefined, "is required: Velero reaches S3 through workload identity (IRSA)", "pass the EKS Cluster component");
    const bucket = checkBucket(site, store.bucketName ?? `slipway-${stack}-${meta.name}-${shortHash(`${stack}/${args.cluster.clusterName}/${meta.name}`)}`.toLowerCase());
    const retentionDays = Math.ceil(Number(defaults.retention.split("h")[0]) / 24);
    const noncurrentVersionDays = checkNumber(site, "store.noncurrentVersionDays", store.noncurrentVersionDays ?? Math.max(1, retentionDays), { min: 1, max: 3650 });
    const location = planStorageLocation(meta, bucket, { region: args.cluster.region! });
    return { access: { serviceAccountAnnotations: {} } as StoreAccess, bucketClass: undefined, claims: [], location, bucket, s3: { bucket, region: args.cluster.region!, noncurrentVersionDays } };
  }
  return fail(site, "store.kind", (store as { kind: unknown }).kind, 'is not "ceph" or "s3"');
}

/** The pure plan of a Backups component: validated arguments in, manifests and chart values out. */
export function planBackups(site: InputSite, args: BackupsArgs, context: { stack: string }): BackupsPlan {
  if (!args || typeof args !== "object") return fail(site, "args", args, "must be an object");
  const name = checkDnsLabel(site, "name", site.name, 40);
  if (!args.cluster || typeof args.cluster !== "object") return fail(site, "cluster", args.cluster, "is required", "pass the Cluster Velero runs in");
  const namespace = checkDnsLabel(site, "namespace", args.namespace ?? "velero");
  const labels = standardLabels({ name: "velero", instance: name, component: "backups", partOf: "slipway" });
  const defaults = checkBackupPolicy(site, "defaults", args.defaults, DEFAULT_BACKUP_POLICY);
  const retain = args.retainOnDelete ?? true;
  if (typeof retain !== "boolean") fail(site, "retainOnDelete", retain, "must be true or false");
  const snapshotClasses = planSnapshotClasses(site, args.snapshotClasses, labels);
  const store = planStore(site, args, { name, namespace, labels }, defaults, context.stack);

  const operator = planOperator(site, {
    // Only the server runs: no node agent, so no host paths and nothing above "restricted".
    namespace: { name: namespace, level: "restricted", labels },
    chart: { source: VELERO_CHART, release: "velero", values: veleroValues(store.access), imageValues: veleroImageValues },
    overrides: args.chart,
    clusterMirror: args.cluster.imageMirror,
    customResources: [store.location, ...store.claims],
  });
  return {
    operator,
    clusterObjects: [...snapshotClasses, ...(store.bucketClass ? [store.bucketClass] : [])],
    namespace,
    defaults,
    retain,
    bucket: store.bucket,
    s3: store.s3,
  };
}
