import * as pulumi from "@pulumi/pulumi";
import { ChartOverrides, ClusterHandle, ResourcesSpec, StorageClassHandle } from "@slipway/core";

/** How long log indices live: one default, and per tenant (each tenant's logs are the `<namespace>-*` indices Logging writes). */
export interface LogRetentionArgs {
  /** Age after which an index is deleted, in days or hours, e.g. "14d". @default "14d" */
  default?: string;
  /** Per tenant namespace, e.g. { shop: "30d" }. @default every tenant keeps the default */
  tenants?: Record<string, string>;
}

export interface LogStoreArgs {
  /** The cluster OpenSearch runs in. */
  cluster: ClusterHandle;
  /** Claims of the data nodes come from this class. @default required */
  storageClass: StorageClassHandle;
  /** The namespace of the operator and the cluster (restricted Pod Security: OpenSearch runs as its own user, no root init container). @default "log-store" */
  namespace?: string;
  /** OpenSearch nodes (each cluster-manager eligible and data); 3 keeps a quorum through one loss. @default 3 */
  nodes?: number;
  /** Each node's volume. @default "50Gi" */
  diskSize?: string;
  /** Requests and limits of each OpenSearch node (the JVM heap is half the memory request). @default requests 500m/2Gi, limits 2 CPU/2Gi */
  resources?: ResourcesSpec;
  /** Index retention through index state management policies. @default 14 days for every index */
  retention?: LogRetentionArgs;
  /** Tenant namespaces, each getting its own ISM policy over `<namespace>-*` (its retention or the default). @default the keys of retention.tenants */
  tenants?: string[];
  /** OpenSearch Dashboards replicas; 0 turns Dashboards off. @default 1 */
  dashboards?: number;
  /** The user fluent-bit writes as: its password (a Pulumi secret) goes only into a Secret the operator reads. @default required */
  writer: { username?: string; password: pulumi.Input<string> };
  /** Chart mirror, version and image registry for air-gapped sites. @default upstream, image registry from cluster.imageMirror */
  chart?: ChartOverrides;
}
