import { fail, InputSite, Manifest } from "@slipway/core";
import type { CephStorage } from "../ceph";

/** A Ceph object store buckets can be claimed from. */
export interface CephObjectStoreRef {
  /** The CephObjectStore's name. */
  storeName: string;
  /** Namespace of Rook and the store. */
  namespace: string;
  /** The in-cluster S3 endpoint (RADOS gateway Service). */
  endpoint: string;
}

/** Rook serves a store `<store>` through the Service `rook-ceph-rgw-<store>` in its namespace. */
const RGW_ENDPOINT = /^https?:\/\/rook-ceph-rgw-([a-z0-9-]+)\.([a-z0-9-]+)\.svc(?::[0-9]+)?$/;

/** The object store of a CephStorage (read from its endpoint); fails when it was built without one. */
export function cephObjectStore(site: InputSite, path: string, ceph: Pick<CephStorage, "objectStoreEndpoint"> | undefined): CephObjectStoreRef {
  const endpoint = ceph?.objectStoreEndpoint;
  const match = endpoint === undefined ? null : RGW_ENDPOINT.exec(endpoint);
  if (!match) return fail(site, path, endpoint, "is not a Ceph object store", "give CephStorage an objectStore ({} takes the defaults) so backups have a bucket to go to");
  return { storeName: match[1], namespace: match[2], endpoint: endpoint! };
}

/** What the Ceph store plan renders and what Velero's chart and location need from it. */
export interface CephBucketPlan {
  /** The bucket StorageClass (cluster-wide) and the ObjectBucketClaim in Velero's namespace. */
  objects: Manifest[];
  /** The Secret Rook writes beside the claim: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY. */
  credentialsSecret: string;
  bucket: string;
  /** BackupStorageLocation config of an S3-compatible store. */
  config: Record<string, string>;
}

/**
 * A bucket in the Ceph object store, claimed through an ObjectBucketClaim: Rook creates the bucket
 * and a user owning only it, and writes the user's keys into a Secret named like the claim. The bucket
 * class keeps the bucket when the claim goes (`reclaimPolicy: Retain`).
 */
export function planCephBucket(store: CephObjectStoreRef, meta: { name: string; namespace: string; labels: Record<string, string> }, bucket: string): CephBucketPlan {
  const className = `${meta.name}-buckets`;
  const claim = `${meta.name}-bucket`;
  return {
    objects: [
      {
        apiVersion: "storage.k8s.io/v1",
        kind: "StorageClass",
        metadata: { name: className, labels: meta.labels },
        provisioner: `${store.namespace}.ceph.rook.io/bucket`,
        reclaimPolicy: "Retain",
        parameters: { objectStoreName: store.storeName, objectStoreNamespace: store.namespace },
      },
      {
        apiVersion: "objectbucket.io/v1alpha1",
        kind: "ObjectBucketClaim",
        metadata: { name: claim, namespace: meta.namespace, labels: meta.labels },
        spec: { bucketName: bucket, storageClassName: className },
      },
    ],
    credentialsSecret: claim,
    bucket,
    // The region Rook's claim advertises (BUCKET_REGION); RGW takes the one a request is signed with.
    // Path-style addressing, because the gateway's Service has no per-bucket DNS names.
    config: { region: "us-east-1", s3ForcePathStyle: "true", s3Url: store.endpoint },
  };
}
