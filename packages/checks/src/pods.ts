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

/** True for every kind that carries a pod spec (Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, ReplicationController). */
export function isPodBearing(m: Manifest): boolean {
  return `${groupOf(m)}/${m.kind}` in TEMPLATE_PATHS;
}

/** The pod template of a pod-bearing object; undefined for other kinds. */
export function podTemplateOf(m: Manifest): PodTemplate | undefined {
  const path = TEMPLATE_PATHS[`${groupOf(m)}/${m.kind}`];
  if (!path) return undefined;
  let node: Record<string, unknown> = m as Record<string, unknown>;
  for (const key of path) node = record(node[key]);
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

/** Containers that serve traffic: regular containers declaring at least one port, in workloads that are not batch jobs. */
export function servingContainersOf(pod: PodTemplate): ContainerRef[] {
  if (groupOf(pod.owner) === "batch") return [];
  return containersOf(pod, ["containers"]).filter((ref) => list(ref.container.ports).length > 0);
}

/** Kinds that keep a set of long-running replicas behind a Service. */
export function isReplicatedServer(m: Manifest): boolean {
  return groupOf(m) === "apps" && (m.kind === "Deployment" || m.kind === "StatefulSet");
}
