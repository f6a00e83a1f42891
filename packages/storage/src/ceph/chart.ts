import * as pulumi from "@pulumi/pulumi";

/** The rook-ceph chart's image values, pointed at a mirror that keeps upstream repository paths. */
export function rookImageValues(registry: string): pulumi.Inputs {
  const sidecar = (image: string) => ({ repository: `${registry}/sig-storage/${image}` });
  return {
    image: { repository: `${registry}/rook/ceph` },
    csi: {
      cephcsi: { repository: `${registry}/cephcsi/cephcsi` },
      registrar: sidecar("csi-node-driver-registrar"),
      provisioner: sidecar("csi-provisioner"),
      snapshotter: sidecar("csi-snapshotter"),
      attacher: sidecar("csi-attacher"),
      resizer: sidecar("csi-resizer"),
    },
  };
}
