import { ChartOverrides, ClusterHandle } from "@slipway/core";

/** A storage node and the disks Ceph may take on it. */
export interface StorageNodeArgs {
  /** The Kubernetes node name. */
  name: string;
  /** Disks by name ("sdb") or stable path ("/dev/disk/by-id/..."). @default the top-level deviceFilter */
  devices?: string[];
  /** Regex over device names on this node, anchored with "^", e.g. "^sd[b-d]". @default the top-level deviceFilter */
  deviceFilter?: string;
}

/** Compute for one kind of Ceph daemon. Ceph daemons get no CPU limit: throttling them stalls I/O. */
export interface DaemonResources {
  /** CPU request. */
  cpu?: string;
  /** Memory request. */
  memory?: string;
  /** Memory limit, at least the request. */
  memoryLimit?: string;
}

export type CephDaemon = "mon" | "mgr" | "osd" | "mds" | "rgw";

export interface BlockPoolArgs {
  /** Copies of every object, one per host: 2 or more, at most the node count. @default 3 */
  replicas?: number;
  /** The StorageClass name. @default `<component>-block` */
  className?: string;
  /** Make the block class the cluster's default StorageClass. @default false */
  defaultClass?: boolean;
}

export interface FilesystemArgs {
  /** Copies of metadata and data, one per host. @default 3 */
  replicas?: number;
  /** The StorageClass name. @default `<component>-filesystem` */
  className?: string;
  /** Active metadata servers (each gets a standby). @default 1 */
  activeMds?: number;
}

export interface ObjectStoreArgs {
  /** Copies of metadata and data, one per host. @default 3 */
  replicas?: number;
  /** RADOS gateway pods. @default 2 */
  gateways?: number;
  /** The gateway Service's port. @default 80 */
  port?: number;
}

export interface CephStorageArgs {
  /** The cluster Ceph runs on. */
  cluster: ClusterHandle;
  /** Storage nodes: names (disks from deviceFilter) or `{ name, devices }`. */
  nodes: (string | StorageNodeArgs)[];
  /** Regex over device names for nodes that list no devices, anchored with "^", e.g. "^sd[b-z]". @default none */
  deviceFilter?: string;
  /** Monitors: odd, 1-9, at most one per node. @default 3 (1 on a single node) */
  mons?: number;
  /** Managers, at most one per node. @default 2 (1 on a single node) */
  mgrs?: number;
  /** Compute per daemon kind. @default mon 500m/1Gi (2Gi limit), mgr 500m/512Mi (1Gi), osd 1/4Gi (4Gi), mds 500m/1Gi (4Gi), rgw 500m/1Gi (2Gi) */
  resources?: Partial<Record<CephDaemon, DaemonResources>>;
  /** Host path for Ceph's state. @default "/var/lib/rook" */
  dataDirHostPath?: string;
  /** The Ceph dashboard, served over TLS. @default true */
  dashboard?: boolean;
  /** Rook's own ServiceMonitor and PrometheusRules. Leave off when a MonitoringStack takes `platformMetrics` (it scrapes the mgr itself; both would scrape it twice). @default false */
  monitoring?: boolean;
  /** The replicated RBD pool and its StorageClass. @default replicas 3, not the default class */
  blockPool?: BlockPoolArgs;
  /** CephFS and its ReadWriteMany StorageClass; false to leave it out. @default replicas 3, one active MDS */
  filesystem?: FilesystemArgs | false;
  /** An S3 object store; omitted unless given. @default none */
  objectStore?: ObjectStoreArgs;
  /** Reclaim policy of both StorageClasses. @default "Retain" */
  reclaimPolicy?: "Retain" | "Delete";
  /** Delete Ceph's pools and filesystems with the component. @default false (data outlives the component) */
  deleteData?: boolean;
  /** The Ceph image. @default the pinned Ceph release, from the image mirror when one is set */
  cephImage?: string;
  /** Namespace of the operator and the Ceph cluster. @default "rook-ceph" */
  namespace?: string;
  /** Chart mirror, version and image registry for air-gapped sites. @default upstream, image registry from cluster.imageMirror */
  chart?: ChartOverrides;
}
