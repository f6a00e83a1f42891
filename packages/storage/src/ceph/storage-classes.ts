import { Manifest } from "@slipway/core";

export interface ClassPlan {
  className: string;
  /** Namespace of the Rook operator: CSI driver names and secrets are prefixed with it. */
  operatorNamespace: string;
  /** Namespace of the CephCluster (the CSI `clusterID`). */
  clusterNamespace: string;
  reclaimPolicy: "Retain" | "Delete";
  labels: Record<string, string>;
}

/** The CSI secret parameters Rook documents for its StorageClasses (secrets created by the operator). */
function csiSecrets(driver: "rbd" | "cephfs", namespace: string): Record<string, string> {
  const provisioner = `rook-csi-${driver}-provisioner`;
  return {
    "csi.storage.k8s.io/provisioner-secret-name": provisioner,
    "csi.storage.k8s.io/provisioner-secret-namespace": namespace,
    "csi.storage.k8s.io/controller-expand-secret-name": provisioner,
    "csi.storage.k8s.io/controller-expand-secret-namespace": namespace,
    "csi.storage.k8s.io/node-stage-secret-name": `rook-csi-${driver}-node`,
    "csi.storage.k8s.io/node-stage-secret-namespace": namespace,
  };
}

function storageClass(plan: ClassPlan, provisioner: string, parameters: Record<string, string>, isDefault: boolean): Manifest {
  const annotations = isDefault ? { "storageclass.kubernetes.io/is-default-class": "true" } : undefined;
  return {
    apiVersion: "storage.k8s.io/v1",
    kind: "StorageClass",
    metadata: { name: plan.className, labels: plan.labels, ...(annotations ? { annotations } : {}) },
    provisioner,
    parameters,
    reclaimPolicy: plan.reclaimPolicy,
    allowVolumeExpansion: true,
    volumeBindingMode: "Immediate",
  };
}

/** RBD volumes (ReadWriteOnce) formatted ext4, from the replicated block pool. */
export function planBlockClass(plan: ClassPlan, pool: string, isDefault: boolean): Manifest {
  const parameters = {
    clusterID: plan.clusterNamespace,
    pool,
    imageFormat: "2",
    // "layering" alone works with every kernel RBD client.
    imageFeatures: "layering",
    "csi.storage.k8s.io/fstype": "ext4",
    ...csiSecrets("rbd", plan.operatorNamespace),
  };
  return storageClass(plan, `${plan.operatorNamespace}.rbd.csi.ceph.com`, parameters, isDefault);
}

/** CephFS volumes (ReadWriteMany) from the filesystem's replicated data pool. */
export function planFilesystemClass(plan: ClassPlan, filesystem: string, dataPool: string): Manifest {
  const parameters = { clusterID: plan.clusterNamespace, fsName: filesystem, pool: dataPool, ...csiSecrets("cephfs", plan.operatorNamespace) };
  return storageClass(plan, `${plan.operatorNamespace}.cephfs.csi.ceph.com`, parameters, false);
}
