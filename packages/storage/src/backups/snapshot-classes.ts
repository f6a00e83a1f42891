import { ClusterHandle, fail, InputSite, Manifest, StorageClassHandle } from "@slipway/core";
import type { CephStorage } from "../ceph";

/** Velero snapshots a CSI volume with the VolumeSnapshotClass of its driver that carries this label. */
export const VELERO_SNAPSHOT_CLASS_LABEL = "velero.io/csi-volumesnapshot-class";

/** A StorageClass whose volumes can be snapshotted, and the CSI driver that provisions them. */
export interface SnapshotSource {
  /** The StorageClass (a handle from CephStorage or Cluster). */
  storageClass: StorageClassHandle;
  /** The CSI driver (the StorageClass's provisioner), e.g. "ebs.csi.aws.com". */
  driver: string;
  /** The driver's snapshot parameters (Ceph: cluster id and snapshotter secret). @default none */
  parameters?: Record<string, string>;
}

/** The Ceph CSI snapshotter secrets Rook creates, as its example VolumeSnapshotClasses name them. */
function cephSnapshotParameters(driver: "rbd" | "cephfs", namespace: string): Record<string, string> {
  return {
    clusterID: namespace,
    "csi.storage.k8s.io/snapshotter-secret-name": `rook-csi-${driver}-provisioner`,
    "csi.storage.k8s.io/snapshotter-secret-namespace": namespace,
  };
}

/** CephStorage's RBD class, and its CephFS class when it has one (Rook's drivers are `<namespace>.rbd|cephfs.csi.ceph.com`). */
export function cephSnapshotSources(ceph: Pick<CephStorage, "namespace" | "blockClass" | "filesystemClass">): SnapshotSource[] {
  const sources: SnapshotSource[] = [{ storageClass: ceph.blockClass, driver: `${ceph.namespace}.rbd.csi.ceph.com`, parameters: cephSnapshotParameters("rbd", ceph.namespace) }];
  if (ceph.filesystemClass) sources.push({ storageClass: ceph.filesystemClass, driver: `${ceph.namespace}.cephfs.csi.ceph.com`, parameters: cephSnapshotParameters("cephfs", ceph.namespace) });
  return sources;
}

/** The EKS cluster's gp3 class, provisioned by the EBS CSI driver. */
export function ebsSnapshotSources(cluster: Pick<ClusterHandle, "kind"> & { storageClass?: StorageClassHandle }): SnapshotSource[] {
  return cluster.kind === "eks" && cluster.storageClass ? [{ storageClass: cluster.storageClass, driver: "ebs.csi.aws.com" }] : [];
}

const DRIVER = /^[a-z0-9]([a-z0-9.-]{0,61}[a-z0-9])?$/;

/**
 * One VolumeSnapshotClass per source, labelled for Velero, `deletionPolicy: Retain` so deleting the
 * class or a VolumeSnapshot never deletes the snapshot (Velero deletes it when the backup expires).
 * Velero picks the labelled class by driver, so two sources may not share a driver.
 */
export function planSnapshotClasses(site: InputSite, sources: unknown, labels: Record<string, string>): Manifest[] {
  if (!Array.isArray(sources) || sources.length === 0) return fail(site, "snapshotClasses", sources, "names no storage class to snapshot", "pass cephSnapshotSources(ceph) or ebsSnapshotSources(cluster)");
  const drivers = new Map<string, string>();
  return sources.map((source: SnapshotSource, i) => {
    const path = `snapshotClasses[${i}]`;
    const className = source?.storageClass?.storageClassName;
    if (typeof className !== "string" || className === "") fail(site, `${path}.storageClass`, source?.storageClass, "is not a StorageClass handle", "pass a class handle such as ceph.blockClass");
    if (typeof source.driver !== "string" || !DRIVER.test(source.driver)) fail(site, `${path}.driver`, source.driver, "is not a CSI driver name", 'e.g. "ebs.csi.aws.com"');
    const other = drivers.get(source.driver);
    if (other !== undefined) fail(site, `${path}.driver`, source.driver, `is also the driver of class ${other}; Velero would not know which snapshot class to use`, "list one storage class per driver");
    drivers.set(source.driver, className);
    return {
      apiVersion: "snapshot.storage.k8s.io/v1",
      kind: "VolumeSnapshotClass",
      metadata: { name: `${className}-snapshots`, labels: { ...labels, [VELERO_SNAPSHOT_CLASS_LABEL]: "true" } },
      driver: source.driver,
      deletionPolicy: "Retain",
      ...(source.parameters && Object.keys(source.parameters).length > 0 ? { parameters: source.parameters } : {}),
    };
  });
}
