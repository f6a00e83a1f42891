import { Manifest } from "@slipway/core";

/** Built-in kinds that live outside namespaces (the ones charts render). */
const CLUSTER_SCOPED = new Set([
  "Namespace", "Node", "PersistentVolume", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition", "StorageClass",
  "CSIDriver", "CSINode", "VolumeAttachment", "PriorityClass", "RuntimeClass", "IngressClass", "APIService",
  "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration", "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding",
  "MutatingAdmissionPolicy", "MutatingAdmissionPolicyBinding", "CertificateSigningRequest", "FlowSchema", "PriorityLevelConfiguration",
  "GatewayClass",
]);

/** `group/Kind` of every cluster-scoped custom kind the CRDs among `manifests` define. */
export function clusterScopedCustomKinds(manifests: readonly Manifest[]): Set<string> {
  const kinds = new Set<string>();
  for (const m of manifests) {
    if (m.kind !== "CustomResourceDefinition") continue;
    const spec = (m.spec ?? {}) as { scope?: string; group?: string; names?: { kind?: string } };
    if (spec.scope === "Cluster") kinds.add(`${spec.group}/${spec.names?.kind}`);
  }
  return kinds;
}

/**
 * Puts a namespaced object without a namespace into the release's, as helm install and Pulumi's
 * Chart do (`helm template` leaves it out).
 */
export function withReleaseNamespace(m: Manifest, namespace: string, clusterScoped: Set<string>): Manifest {
  const group = m.apiVersion.includes("/") ? m.apiVersion.split("/")[0] : "";
  if (m.metadata.namespace || CLUSTER_SCOPED.has(m.kind) || clusterScoped.has(`${group}/${m.kind}`)) return m;
  const { name, namespace: _unset, ...rest } = m.metadata;
  return { ...m, metadata: { name, namespace, ...rest } };
}
