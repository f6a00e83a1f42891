import type { Manifest } from "@slipway/core";
import { groupOf, nameOf, namespaceOf, record, stringMap, text } from "./objects";
import type { PodTemplate } from "./pods";

/**
 * What an operator creates at run time from a rendered custom resource: pods its policies and
 * monitors select, Services clients and log shippers name, Secrets pods read. They are never in a
 * render, so the link and network checks learn them here, one entry per operator, from the
 * operator's documented naming rules.
 */
export interface OperatorObjects {
  /** Pods as selectors see them (labels and namespace; no spec: the operator, not the render, writes it). */
  pods: PodTemplate[];
  /** `Kind/name` of the objects the operator creates in the custom resource's namespace. */
  objects: { kind: string; name: string }[];
}

const NONE: OperatorObjects = { pods: [], objects: [] };

/** A pod as selectors and policies see it: labels, namespace and the named ports its operator documents. */
function pod(owner: Manifest, labels: Record<string, string>, ports: Record<string, number>): PodTemplate {
  const container = { name: "operator-made", ports: Object.entries(ports).map(([name, containerPort]) => ({ name, containerPort })) };
  return { owner, namespace: namespaceOf(owner), labels, annotations: {}, spec: { containers: [container] }, specPath: "spec", metadataPath: "metadata" };
}

/** CloudNativePG: instance pods labelled with the cluster, `-rw`/`-ro`/`-r` Services, `-app` credentials unless initdb names its own Secret. */
function cloudNativePg(m: Manifest): OperatorObjects {
  const name = nameOf(m);
  const spec = record(m.spec);
  const inherited = stringMap(record(record(spec.inheritedMetadata).labels));
  const ownSecret = text(record(record(record(spec.bootstrap).initdb).secret).name);
  const objects = ["rw", "ro", "r"].map((suffix) => ({ kind: "Service", name: `${name}-${suffix}` }));
  if (!ownSecret) objects.push({ kind: "Secret", name: `${name}-app` });
  return { pods: [pod(m, { ...inherited, "cnpg.io/cluster": name, "cnpg.io/podRole": "instance" }, { postgresql: 5432, status: 8000, metrics: 9187 })], objects };
}

/** OpenSearch operator 3.x: one pod set per node pool and the Dashboards pods; the cluster Service is `general.serviceName`. */
function openSearch(m: Manifest): OperatorObjects {
  const name = nameOf(m);
  const spec = record(m.spec);
  const pools = (Array.isArray(spec.nodePools) ? spec.nodePools : []).map((p) => text(record(p).component)).filter((c): c is string => c !== undefined);
  const pods = pools.map((component) => pod(m, { "opensearch.org/opensearch-cluster": name, "opensearch.org/opensearch-nodepool": component }, { http: 9200, transport: 9300 }));
  const objects = [{ kind: "Service", name: text(record(spec.general).serviceName) ?? name }];
  if (record(spec.dashboards).enable === true) {
    pods.push(pod(m, { "opensearch.cluster.dashboards": name }, { http: 5601 }));
    objects.push({ kind: "Service", name: `${name}-dashboards` });
  }
  return { pods, objects };
}

const OPERATORS: Record<string, (m: Manifest) => OperatorObjects> = {
  "postgresql.cnpg.io/Cluster": cloudNativePg,
  "opensearch.org/OpenSearchCluster": openSearch,
};

/** The objects an operator makes from `m`; nothing for kinds no operator here reconciles. */
export function operatorObjectsOf(m: Manifest): OperatorObjects {
  return OPERATORS[`${groupOf(m)}/${m.kind}`]?.(m) ?? NONE;
}
