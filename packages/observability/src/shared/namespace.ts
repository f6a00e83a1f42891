import { Manifest, PodSecurityLevel, podSecurityLabels, standardLabels } from "@slipway/core";

/**
 * A system namespace with its Pod Security level pinned for enforce, warn and audit (CHECKS S12).
 * `privileged` only where a host agent must read the node (fluent-bit, node-exporter): the one
 * exemption the checks allow, and never a tenant namespace.
 */
export function systemNamespace(name: string, app: string, level: PodSecurityLevel): Manifest {
  const labels = { ...standardLabels({ name: app, component: "operator", partOf: "slipway" }), ...podSecurityLabels(level) };
  return { apiVersion: "v1", kind: "Namespace", metadata: { name, labels } };
}
