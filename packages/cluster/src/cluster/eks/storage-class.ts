import { Manifest, standardLabels } from "@slipway/core";

/** The default StorageClass of an EKS cluster: encrypted gp3 volumes, bound where the pod lands, expandable. */
export function planGp3StorageClass(storageClassName: string, partOf: string): Manifest {
  return {
    apiVersion: "storage.k8s.io/v1",
    kind: "StorageClass",
    metadata: {
      name: storageClassName,
      labels: standardLabels({ name: storageClassName, component: "storage", partOf }),
      annotations: { "storageclass.kubernetes.io/is-default-class": "true" },
    },
    provisioner: "ebs.csi.aws.com",
    parameters: { type: "gp3", encrypted: "true", "csi.storage.k8s.io/fstype": "ext4" },
    reclaimPolicy: "Delete",
    allowVolumeExpansion: true,
    // Waiting for the pod keeps a volume in the pod's zone (EBS volumes are zonal).
    volumeBindingMode: "WaitForFirstConsumer",
  };
}
