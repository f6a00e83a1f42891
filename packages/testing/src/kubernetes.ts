import { Manifest } from "@slipway/core";
import { RenderedResource } from "./resource";

/** Types under `kubernetes:` that are not objects in the cluster: charts, YAML groups, kustomize. */
const NOT_OBJECTS = /^kubernetes:(helm\.sh|yaml|kustomize)\//;

/** `kubernetes:apps/v1:Deployment` -> { apiVersion: "apps/v1", kind: "Deployment" }; core group has no prefix. */
export function parseKubernetesType(type: string): { apiVersion: string; kind: string } | undefined {
  if (!type.startsWith("kubernetes:") || NOT_OBJECTS.test(type)) return undefined;
  const match = /^kubernetes:([^:]+):([^:]+)$/.exec(type);
  if (!match) return undefined;
  const [, groupVersion, kind] = match;
  // Patches are partial objects applied server-side; lists are wrappers: neither is a manifest.
  if (kind.endsWith("Patch") || kind.endsWith("List")) return undefined;
  return { apiVersion: groupVersion.replace(/^core\//, ""), kind };
}

/**
 * The Kubernetes object a resource registers, as a plain manifest. A missing `metadata.name` is
 * filled with the logical name (the provider would add a random suffix on deploy).
 */
export function toManifest(resource: RenderedResource): Manifest | undefined {
  const parsed = parseKubernetesType(resource.type);
  if (!parsed || !resource.custom) return undefined;
  const { apiVersion, kind, metadata, ...rest } = resource.inputs;
  const { name, namespace, ...restOfMeta } = (metadata ?? {}) as Record<string, unknown>;
  // name and namespace first: dumps read like hand-written manifests.
  const meta: Record<string, unknown> = { name: name ?? resource.name };
  if (namespace !== undefined) meta.namespace = namespace;
  Object.assign(meta, restOfMeta);
  return { apiVersion: typeof apiVersion === "string" ? apiVersion : parsed.apiVersion, kind: typeof kind === "string" ? kind : parsed.kind, metadata: meta, ...rest };
}

/** `ns/name`, or just `name` for cluster-scoped objects. */
export function objectRef(m: Manifest): string {
  const ns = m.metadata.namespace;
  return typeof ns === "string" && ns ? `${ns}/${String(m.metadata.name)}` : String(m.metadata.name);
}

/** Namespaces and CRDs first (what `kubectl apply` needs first), then by kind, namespace and name. */
function applyRank(m: Manifest): number {
  if (m.kind === "CustomResourceDefinition") return 0;
  if (m.kind === "Namespace") return 1;
  return 2;
}

/** A stable order for dumps: independent of registration timing. */
export function compareManifests(a: Manifest, b: Manifest): number {
  return (
    applyRank(a) - applyRank(b) ||
    `${a.apiVersion}/${a.kind}`.localeCompare(`${b.apiVersion}/${b.kind}`) ||
    String(a.metadata.namespace ?? "").localeCompare(String(b.metadata.namespace ?? "")) ||
    String(a.metadata.name).localeCompare(String(b.metadata.name))
  );
}
