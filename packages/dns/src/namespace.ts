import { Manifest, podSecurityLabels, standardLabels } from "@slipway/core";

/** An operator namespace that enforces, warns and audits Pod Security "restricted" (no host agents run here). */
export function restrictedNamespace(name: string, app: string): Manifest {
  const labels = { ...standardLabels({ name: app, component: "operator", partOf: "slipway" }), ...podSecurityLabels("restricted") };
  return { apiVersion: "v1", kind: "Namespace", metadata: { name, labels } };
}
