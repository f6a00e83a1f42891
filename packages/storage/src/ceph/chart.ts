import * as pulumi from "@pulumi/pulumi";
import { chartResources, RESTRICTED_CONTAINER } from "@slipway/core";

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

/**
 * Requests and limits (R1-R3), a read-only root (S7: the operator writes only to its /var/lib/rook
 * and /etc/ceph emptyDirs) and standard pod labels (R15) for the rook operator and the Ceph CSI
 * operator. Both keep their chart's rollout (Recreate, one leader): a named exemption says so.
 */
export function rookOperatorValues(release: string): pulumi.Inputs {
  // The same standard labels the chart puts on the Deployment (its release is the component's `<name>-operator`).
  const labels = { "app.kubernetes.io/name": "rook-ceph", "app.kubernetes.io/instance": release, "app.kubernetes.io/part-of": "rook-ceph-operator" };
  return {
    resources: chartResources("small"),
    operatorPodLabels: labels,
    // The operators run restricted; only the OSDs and CSI node plugins they start touch the host.
    containerSecurityContext: { ...RESTRICTED_CONTAINER, runAsUser: 2016, runAsGroup: 2016 },
    "ceph-csi-operator": {
      controllerManager: {
        manager: { resources: chartResources("micro") },
        podSecurityContext: { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } },
      },
    },
  };
}
