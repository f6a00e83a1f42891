import type { Manifest } from "@slipway/core";
import { groupOf, list, namespaceOf, record, stringMap } from "./objects";

/** Where each pod-bearing kind keeps its pod template, by API group and kind. */
const TEMPLATE_PATHS: Record<string, string[]> = {
  "/Pod": [],
  "/ReplicationController": ["spec", "template"],
  "apps/Deployment": ["spec", "template"],
  "apps/StatefulSet": ["spec", "template"],
  "apps/DaemonSet": ["spec", "template"],
  "apps/ReplicaSet": ["spec", "template"],
  "batch/Job": ["spec", "template"],
  "batch/CronJob": ["spec", "jobTemplate", "spec", "template"],
};

/** A pod as a workload renders it: the template's metadata and spec, and where they live. */
export interface PodTemplate {
  owner: Manifest;
  namespace: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  spec: Record<string, unknown>;
  /** Path of the pod spec inside the owner, e.g. `spec.template.spec`. */
  specPath: string;
  /** Path of the pod metadata inside the owner, e.g. `spec.template.metadata`. */
  metadataPath: string;
}

export type ContainerList = "initContainers" | "containers" | "ephemeralContainers";
export const ALL_CONTAINER_LISTS: ContainerList[] = ["initContainers", "containers", "ephemeralContainers"];
/** Ephemeral containers may not set resources, ports or probes. */
export const RUNNING_CONTAINER_LISTS: ContainerList[] = ["initContainers", "containers"];

export interface ContainerRef {
  container: Record<string, unknown>;
  list: ContainerList;
  /** Path of the container inside the owner, e.g. `spec.template.spec.containers[0]`. */
  path: string;
}

/** How deep inside `spec` a pod template of another kind is looked for. */
const MAX_TEMPLATE_DEPTH = 5;

function at(m: Manifest, path: string[]): Record<string, unknown> {
  let node: Record<string, unknown> = m as Record<string, unknown>;
  for (const key of path) node = record(node[key]);
  return node;
}

/** True when a node is a pod template: its `spec.containers` lists at least one container with an image. */
function isTemplate(node: Record<string, unknown>): boolean {
  return list(record(node.spec).containers).some((c) => typeof record(c).image === "string");
}

/**
 * The template path of a kind: the built-in table, else the shallowest pod template anywhere under
 * `spec` (`spec.template` of an Argo Rollout or OpenKruise CloneSet, `spec.jobTemplate.spec.template`,
 * `spec.workload.template`...). A workload is what carries a template, whatever its kind (CHECKS
 * hardening notes): a kind list alone lets a privileged pod ride in through a CRD. A kind whose own
 * `spec` lists containers (a Prometheus custom resource's container patches) is not a pod: only
 * Pod itself is.
 */
function templatePath(m: Manifest): string[] | undefined {
  const known = TEMPLATE_PATHS[`${groupOf(m)}/${m.kind}`];
  if (known) return known;
  let frontier: string[][] = [["spec"]];
  for (let depth = 0; depth < MAX_TEMPLATE_DEPTH && frontier.length > 0; depth++) {
    const next: string[][] = [];
    for (const path of frontier) {
      for (const [key, child] of Object.entries(at(m, path))) {
        if (child === null || typeof child !== "object" || Array.isArray(child)) continue;
        const childPath = [...path, key];
        if (isTemplate(child as Record<string, unknown>)) return childPath;
        next.push(childPath);
      }
    }
    frontier = next;
  }
  return undefined;
}

/** True for every object that carries a pod spec: the built-in workload kinds and any kind with a pod template. */
export function isPodBearing(m: Manifest): boolean {
  return templatePath(m) !== undefined;
}

/** The pod template of a pod-bearing object; undefined for other kinds. */
export function podTemplateOf(m: Manifest): PodTemplate | undefined {
  const path = templatePath(m);
  if (!path) return undefined;
  const node = at(m, path);
  const metadata = path.length === 0 ? m.metadata : record(node.metadata);
  const prefix = path.length === 0 ? "" : `${path.join(".")}.`;
  return {
    owner: m,
    namespace: namespaceOf(m),
    labels: stringMap(metadata.labels),
    annotations: stringMap(metadata.annotations),
    spec: record(node.spec),
    specPath: `${prefix}spec`,
    metadataPath: `${prefix}metadata`,
  };
}

/** Every container of a pod, from the given lists (all three by default), with its path. */
export function containersOf(pod: PodTemplate, lists: ContainerList[] = ALL_CONTAINER_LISTS): ContainerRef[] {
  const refs: ContainerRef[] = [];
  for (const name of lists) {
    list(pod.spec[name]).forEach((container, index) => {
      refs.push({ container: record(container), list: name, path: `${pod.specPath}.${name}[${index}]` });
    });
  }
  return refs;
}

/**
 * Port names that only answer a scraper or the kubelet (`metrics`, `http-metrics`, `telemetry`,
 * `healthz`): a missed scrape or probe is no failed request.
 */
const METRICS_PORT = /^((https?|tcp)-)?(metrics|telemetry|healthz?)$|-(metrics|healthz)$/;

/**
 * Containers that serve traffic: regular containers declaring a port that is not only a metrics
 * or health port, in workloads that are not batch jobs. An exporter or controller whose every port is a
 * metrics or health port is scraped, not served: it needs no readiness gate, preStop pause or second replica.
 */
export function servingContainersOf(pod: PodTemplate): ContainerRef[] {
  if (groupOf(pod.owner) === "batch") return [];
  return containersOf(pod, ["containers"]).filter((ref) => list(ref.container.ports).some((port) => !METRICS_PORT.test(String(record(port).name ?? ""))));
}

/** Kinds that keep a set of long-running replicas behind a Service. */
export function isReplicatedServer(m: Manifest): boolean {
  return groupOf(m) === "apps" && (m.kind === "Deployment" || m.kind === "StatefulSet");
}
