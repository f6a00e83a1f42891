import { Manifest, standardLabels } from "@slipway/core";
import { POD_SECURITY_VERSION } from "../versions";

/**
 * A system namespace with its Pod Security level pinned for enforce, warn and audit (CHECKS S12).
 * `privileged` only where a host agent must read the node (fluent-bit, node-exporter): the one
 * exemption the checks allow, and never a tenant namespace.
 */
export function systemNamespace(name: string, app: string, level: "restricted" | "privileged"): Manifest {
  const labels: Record<string, string> = { ...standardLabels({ name: app, component: "operator", partOf: "slipway" }) };
  for (const mode of ["enforce", "warn", "audit"]) {
    labels[`pod-security.kubernetes.io/${mode}`] = level;
    labels[`pod-security.kubernetes.io/${mode}-version`] = POD_SECURITY_VERSION;
  }
  return { apiVersion: "v1", kind: "Namespace", metadata: { name, labels } };
}
