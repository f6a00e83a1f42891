import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { CA_MOUNT, CREDENTIAL_ENV } from "./fluent-bit-config";

/** The DaemonSet's name; the checks' host-agent exemption names exactly this workload in `logging`. */
export const FLUENT_BIT_NAME = "fluent-bit";

export interface FluentBitValuesInput {
  config: { service: string; inputs: string; filters: string; outputs: string };
  resources: k8s.types.input.core.v1.ResourceRequirements;
  /** Secret with the backend credentials (keys `username`, `password`). */
  credentialsSecret?: string;
  /** ConfigMap with the backend CA (key `ca.crt`). */
  caConfigMap?: string;
}

const secretEnv = (name: string, secret: string, key: string) => ({ name, valueFrom: { secretKeyRef: { name: secret, key } } });

/**
 * fluent-bit chart values. It runs as root (container log files are root-owned) with a read-only
 * root filesystem, no privilege escalation and no capabilities; it tolerates every taint so every
 * node's logs are shipped.
 */
export function fluentBitValues(input: FluentBitValuesInput): pulumi.Inputs {
  const values: pulumi.Inputs = {
    kind: "DaemonSet",
    fullnameOverride: FLUENT_BIT_NAME,
    testFramework: { enabled: false },
    priorityClassName: "system-node-critical",
    tolerations: [{ operator: "Exists" }],
    resources: input.resources,
    podSecurityContext: { seccompProfile: { type: "RuntimeDefault" } },
    securityContext: {
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      privileged: false,
      capabilities: { drop: ["ALL"] },
    },
    // Slipway renders the ServiceMonitor itself (see monitoring.ts), so it is visible to tests and checks.
    serviceMonitor: { enabled: false },
    config: input.config,
    env: input.credentialsSecret
      ? [secretEnv(CREDENTIAL_ENV.user, input.credentialsSecret, "username"), secretEnv(CREDENTIAL_ENV.password, input.credentialsSecret, "password")]
      : [],
  };
  if (input.caConfigMap) {
    values.extraVolumes = [{ name: "backend-ca", configMap: { name: input.caConfigMap } }];
    values.extraVolumeMounts = [{ name: "backend-ca", mountPath: CA_MOUNT, readOnly: true }];
  }
  return values;
}

/** The chart's images under a mirror that keeps upstream paths. */
export function fluentBitImageValues(registry: string): pulumi.Inputs {
  return {
    image: { repository: `${registry}/fluent/fluent-bit` },
    testFramework: { image: { repository: `${registry}/library/busybox` } },
    hotReload: { image: { repository: `${registry}/jimmidyson/configmap-reload` } },
  };
}
