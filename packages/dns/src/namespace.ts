import { Manifest, standardLabels } from "@slipway/core";

/** Pod Security version operator namespaces pin (CHECKS S12). */
export const POD_SECURITY_VERSION = "v1.33";

/** An operator namespace that enforces, warns and audits Pod Security "restricted" (no host agents run here). */
export function restrictedNamespace(name: string, app: string): Manifest {
  const labels: Record<string, string> = { ...standardLabels({ name: app, component: "operator", partOf: "slipway" }) };
  for (const mode of ["enforce", "warn", "audit"]) {
    labels[`pod-security.kubernetes.io/${mode}`] = "restricted";
    labels[`pod-security.kubernetes.io/${mode}-version`] = POD_SECURITY_VERSION;
  }
  return { apiVersion: "v1", kind: "Namespace", metadata: { name, labels } };
}
