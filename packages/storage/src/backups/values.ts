import * as pulumi from "@pulumi/pulumi";
import { SINGLE_REPLICA_ANNOTATION } from "@slipway/core";
import { AWS_PLUGIN_IMAGE, VELERO_UID } from "./versions";

/** The ServiceAccount Velero's server runs as (the workload identity names it). */
export const VELERO_SERVICE_ACCOUNT = "velero-server";

/** What a container needs at Pod Security "restricted", with a read-only root. */
const RESTRICTED_CONTAINER = {
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  capabilities: { drop: ["ALL"] },
  seccompProfile: { type: "RuntimeDefault" },
};

const RESOURCES = {
  requests: { cpu: "100m", memory: "256Mi", "ephemeral-storage": "256Mi" },
  limits: { cpu: "1", memory: "1Gi", "ephemeral-storage": "1Gi" },
};

/** The AWS plugin: an init container that copies its binary into Velero's plugin directory. */
function pluginContainer(image: string): Record<string, unknown> {
  return {
    name: "velero-plugin-for-aws",
    image,
    imagePullPolicy: "IfNotPresent",
    volumeMounts: [{ mountPath: "/target", name: "plugins" }],
    securityContext: RESTRICTED_CONTAINER,
    resources: RESOURCES,
  };
}

/** How Velero reaches the bucket: the keys of a Secret (Ceph's claim) or a workload identity's ServiceAccount annotations (S3). */
export type StoreAccess = { credentialsSecret: string } | { serviceAccountAnnotations: Record<string, pulumi.Input<string>> };

/**
 * The Velero chart values: CSI snapshots (the `EnableCSI` feature, no node agent, no file-system
 * backup), the AWS plugin as an init container, locations and credentials rendered by the component
 * rather than the chart, restricted pods with read-only roots, and no CRD-upgrade hook Job (Pulumi's
 * Chart installs the chart's CRDs).
 */
export function veleroValues(access: StoreAccess): pulumi.Inputs {
  const identity = "serviceAccountAnnotations" in access ? access.serviceAccountAnnotations : undefined;
  return {
    upgradeCRDs: false,
    cleanUpCRDs: false,
    deployNodeAgent: false,
    backupsEnabled: true,
    snapshotsEnabled: true,
    configuration: {
      features: "EnableCSI",
      defaultSnapshotMoveData: false,
      backupStorageLocation: [],
      volumeSnapshotLocation: [],
    },
    credentials: { useSecret: false, ...("credentialsSecret" in access ? { extraSecretRef: access.credentialsSecret } : {}) },
    serviceAccount: { server: { create: true, name: VELERO_SERVICE_ACCOUNT, ...(identity ? { annotations: identity } : {}) } },
    initContainers: [pluginContainer(AWS_PLUGIN_IMAGE)],
    podSecurityContext: { runAsNonRoot: true, runAsUser: VELERO_UID, runAsGroup: VELERO_UID, fsGroup: VELERO_UID, seccompProfile: { type: "RuntimeDefault" } },
    containerSecurityContext: RESTRICTED_CONTAINER,
    resources: RESOURCES,
    // Liveness restarts a wedged server; readiness only gates the metrics endpoint, so it may fail sooner.
    livenessProbe: { httpGet: { path: "/metrics", port: "http-monitoring" }, initialDelaySeconds: 10, periodSeconds: 30, timeoutSeconds: 5, failureThreshold: 5 },
    readinessProbe: { httpGet: { path: "/metrics", port: "http-monitoring" }, initialDelaySeconds: 5, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3 },
    // One server at a time: Velero has no leader election, which is also why the chart pins a Recreate strategy.
    annotations: { [SINGLE_REPLICA_ANNOTATION]: "Velero's server has no leader election; two would run every backup twice" },
    lifecycle: { preStop: { sleep: { seconds: 5 } } },
    podLabels: { "app.kubernetes.io/component": "backups", "app.kubernetes.io/part-of": "slipway" },
  };
}

/** Image values that point Velero and its plugin at a mirror that keeps upstream repository paths. */
export function veleroImageValues(registry: string): pulumi.Inputs {
  return { image: { repository: `${registry}/velero/velero` }, initContainers: [pluginContainer(`${registry}/${AWS_PLUGIN_IMAGE}`)] };
}
