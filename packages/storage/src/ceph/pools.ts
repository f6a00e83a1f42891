import { Manifest } from "@slipway/core";

type Meta = { namespace: string; labels: Record<string, string> };

/** Replication across hosts; Ceph refuses sizes it cannot keep safe (e.g. a size of 1). */
function replicated(size: number): Record<string, unknown> {
  return { failureDomain: "host", replicated: { size, requireSafeReplicaSize: true } };
}

/** The replicated RBD pool behind the block StorageClass. */
export function planBlockPool(name: string, meta: Meta, replicas: number): Manifest {
  return { apiVersion: "ceph.rook.io/v1", kind: "CephBlockPool", metadata: { name, ...meta }, spec: { ...replicated(replicas), enableRBDStats: true } };
}

/** The data pool's name inside the filesystem; Rook names the Ceph pool `<filesystem>-<this>`. */
export const FILESYSTEM_DATA_POOL = "replicated";

/** CephFS for ReadWriteMany volumes; kept in Ceph when the object is deleted unless `preserve` is false. */
export function planFilesystem(name: string, meta: Meta, spec: { replicas: number; activeMds: number; preserve: boolean; resources: unknown }): Manifest {
  return {
    apiVersion: "ceph.rook.io/v1",
    kind: "CephFilesystem",
    metadata: { name, ...meta },
    spec: {
      metadataPool: replicated(spec.replicas),
      dataPools: [{ name: FILESYSTEM_DATA_POOL, ...replicated(spec.replicas) }],
      // Both flags: the first keeps the filesystem, the second its pools (D1 and older Rook releases read it).
      preserveFilesystemOnDelete: spec.preserve,
      preservePoolsOnDelete: spec.preserve,
      metadataServer: { activeCount: spec.activeMds, activeStandby: true, resources: spec.resources, priorityClassName: "system-cluster-critical" },
    },
  };
}

/** An S3 object store; its pools are kept when the object is deleted unless `preserve` is false. */
export function planObjectStore(name: string, meta: Meta, spec: { replicas: number; gateways: number; port: number; preserve: boolean; resources: unknown }): Manifest {
  return {
    apiVersion: "ceph.rook.io/v1",
    kind: "CephObjectStore",
    metadata: { name, ...meta },
    spec: {
      metadataPool: replicated(spec.replicas),
      dataPool: replicated(spec.replicas),
      preservePoolsOnDelete: spec.preserve,
      gateway: { port: spec.port, instances: spec.gateways, resources: spec.resources, priorityClassName: "system-cluster-critical" },
    },
  };
}
