import * as pulumi from "@pulumi/pulumi";
import { checkDnsLabel, checkDnsSubdomain, checkLabelValue, checkNumber, checkOneOf, fail, InputSite, isDns1123Subdomain, Manifest } from "@slipway/core";
import { checkSubnetIds } from "../aws-inputs";
import { NodePoolArgs, PoolPlacement, TaintArgs } from "./args";
import { checkInstanceChoice } from "./instance-types";
import { KARPENTER_ONLY_FIELDS, KarpenterPoolPlan, planKarpenterPool } from "./karpenter-plan";

/** The label every node of a pool carries; apps select the pool with it. */
export const POOL_LABEL = "slipway.dev/node-pool";

const QUALIFIED_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
/** Label domains reserved for Kubernetes, EKS and Karpenter: kubelets may not set them on themselves, Karpenter refuses its own. */
const RESERVED_DOMAINS = ["kubernetes.io", "k8s.io", "eks.amazonaws.com", "karpenter.sh", "karpenter.k8s.aws"];
const EKS_TAINT_EFFECT = { NoSchedule: "NO_SCHEDULE", PreferNoSchedule: "PREFER_NO_SCHEDULE", NoExecute: "NO_EXECUTE" } as const;

export interface EksPoolPlan {
  instanceTypes: string[];
  amiType: "AL2023_x86_64_STANDARD" | "AL2023_ARM_64_STANDARD";
  capacityType: "ON_DEMAND" | "SPOT";
  scaling: { minSize: number; maxSize: number; desiredSize: number };
  diskSizeGiB: number;
  subnetIds?: pulumi.Input<string>[];
  eksTaints: { key: string; value?: string; effect: string }[];
}

export interface NodePoolPlan {
  labels: Record<string, string>;
  taints: TaintArgs[];
  placement: PoolPlacement;
  eks?: EksPoolPlan;
  /** EKS under Karpenter: the NodePool and EC2NodeClass it gets instead of a managed node group. */
  karpenter?: KarpenterPoolPlan;
  /** Existing clusters: server-side-apply patches of the named nodes. */
  nodePatches?: Manifest[];
}

/** Fails unless `key` is a label or taint key: an optional DNS-subdomain prefix and a name, outside reserved domains. */
function checkKey(site: InputSite, path: string, key: unknown): string {
  const [prefix, name, extra] = typeof key === "string" ? (key.includes("/") ? key.split("/") : [undefined, key]) : [];
  const ok = typeof name === "string" && extra === undefined && QUALIFIED_NAME.test(name) && (prefix === undefined || isDns1123Subdomain(prefix));
  if (!ok) return fail(site, path, key, "is not a valid key", 'use an optional DNS prefix and a name, e.g. "example.com/gpu" or "workload"');
  if (prefix && RESERVED_DOMAINS.some((d) => prefix === d || prefix.endsWith(`.${d}`))) {
    fail(site, path, key, `uses a reserved domain (${RESERVED_DOMAINS.join(", ")})`, "use your own domain, e.g. slipway.dev/ or example.com/");
  }
  return key as string;
}

function planLabels(site: InputSite, poolName: string, labels: unknown): Record<string, string> {
  if (labels === undefined) return { [POOL_LABEL]: poolName };
  if (typeof labels !== "object" || labels === null) return fail(site, "labels", labels, "must map label keys to values");
  for (const [key, value] of Object.entries(labels)) {
    checkKey(site, `labels.${key}`, key);
    if (key === POOL_LABEL) fail(site, `labels.${key}`, key, "is set by the pool itself", "drop it; the pool labels its nodes with its name");
    checkLabelValue(site, `labels.${key}`, value);
  }
  return { ...(labels as Record<string, string>), [POOL_LABEL]: poolName };
}

function planTaints(site: InputSite, taints: unknown): TaintArgs[] {
  if (taints === undefined) return [];
  if (!Array.isArray(taints)) return fail(site, "taints", taints, "must be a list of { key, value, effect }");
  const seen = new Set<string>();
  return taints.map((taint: TaintArgs, i) => {
    checkKey(site, `taints[${i}].key`, taint?.key);
    if (taint.value !== undefined) checkLabelValue(site, `taints[${i}].value`, taint.value);
    checkOneOf(site, `taints[${i}].effect`, taint.effect, Object.keys(EKS_TAINT_EFFECT) as (keyof typeof EKS_TAINT_EFFECT)[]);
    const id = `${taint.key}:${taint.effect}`;
    if (seen.has(id)) fail(site, `taints[${i}]`, id, "repeats a taint key and effect", "give each key one taint per effect");
    seen.add(id);
    return taint.value === undefined ? { key: taint.key, effect: taint.effect } : { key: taint.key, value: taint.value, effect: taint.effect };
  });
}

function planScaling(site: InputSite, scaling: NodePoolArgs["scaling"]): EksPoolPlan["scaling"] {
  const given = scaling ?? {};
  if (typeof given !== "object" || given === null) return fail(site, "scaling", given, "must be { min, max, desired? }");
  const minSize = checkNumber(site, "scaling.min", given.min ?? 2, { min: 0, max: 1000 });
  const maxSize = checkNumber(site, "scaling.max", given.max ?? Math.max(4, minSize), { min: 1, max: 1000 });
  if (maxSize < minSize) fail(site, "scaling.max", maxSize, `is less than scaling.min (${minSize})`, "raise scaling.max or lower scaling.min");
  const desiredSize = checkNumber(site, "scaling.desired", given.desired ?? minSize, { min: 0, max: 1000 });
  if (desiredSize < minSize || desiredSize > maxSize) fail(site, "scaling.desired", desiredSize, `is outside scaling.min..scaling.max (${minSize}..${maxSize})`);
  return { minSize, maxSize, desiredSize };
}

function planEksPool(site: InputSite, args: NodePoolArgs, taints: TaintArgs[]): EksPoolPlan {
  for (const field of KARPENTER_ONLY_FIELDS) {
    if (args[field] !== undefined) fail(site, field, args[field], "only applies to pools Karpenter scales", "give the pool an autoscaler (the Karpenter component) or drop it");
  }
  const capacity = checkOneOf(site, "capacity", args.capacity ?? "on-demand", ["on-demand", "spot"] as const);
  const { arm, instanceTypes } = checkInstanceChoice(site, args.instanceTypes ?? ["m6i.large"], undefined);
  return {
    instanceTypes: instanceTypes!,
    amiType: arm ? "AL2023_ARM_64_STANDARD" : "AL2023_x86_64_STANDARD",
    capacityType: capacity === "spot" ? "SPOT" : "ON_DEMAND",
    scaling: planScaling(site, args.scaling),
    diskSizeGiB: checkNumber(site, "diskSizeGiB", args.diskSizeGiB ?? 50, { min: 20, max: 16384 }),
    subnetIds: args.subnetIds === undefined ? undefined : checkSubnetIds(site, "subnetIds", args.subnetIds, 1),
    eksTaints: taints.map((t) => ({ ...t, effect: EKS_TAINT_EFFECT[t.effect] })),
  };
}

/** The autoscaler's kind, or the value itself when it is not a component (e.g. a string from config). */
function autoscalerKind(autoscaler: unknown): unknown {
  return typeof autoscaler === "object" && autoscaler !== null ? (autoscaler as { kind?: unknown }).kind : autoscaler;
}

/** Existing clusters: one server-side-apply patch per node, adding the pool's labels and taints. */
function planNodePatches(site: InputSite, args: NodePoolArgs, labels: Record<string, string>, taints: TaintArgs[]): Manifest[] {
  if (args.autoscaler !== undefined) {
    fail(site, "autoscaler", autoscalerKind(args.autoscaler), "needs an EKS cluster: an existing cluster's node counts are manual", "add or remove nodes with the cluster's installer (e.g. KubeKey) and list them in nodes");
  }
  for (const field of ["instanceTypes", "capacity", "scaling", "diskSizeGiB", "volumeKmsKeyArn", "subnetIds", ...KARPENTER_ONLY_FIELDS] as const) {
    if (args[field] !== undefined) fail(site, field, args[field], "only applies to EKS node groups", "drop it for an existing cluster");
  }
  const nodes = args.nodes;
  if (!Array.isArray(nodes) || nodes.length === 0) return fail(site, "nodes", nodes, "must name at least one node of the existing cluster", 'e.g. ["node1", "node2"]');
  nodes.forEach((node, i) => {
    checkDnsSubdomain(site, `nodes[${i}]`, node);
    if (nodes.indexOf(node) !== i) fail(site, `nodes[${i}]`, node, "is listed twice");
  });
  return nodes.map((node) => ({
    apiVersion: "v1",
    kind: "Node",
    // patchForce: the kubelet or an installer may own these fields; the pool's values win.
    metadata: { name: node, labels, annotations: { "pulumi.com/patchForce": "true" } },
    ...(taints.length > 0 ? { spec: { taints } } : {}),
  }));
}

/** Validates a node pool's arguments and plans its nodes' labels, taints and the placement apps use. */
export function planNodePool(site: InputSite, args: NodePoolArgs): NodePoolPlan {
  if (!args || typeof args !== "object") return fail(site, "args", args, "must be an object");
  const poolName = checkDnsLabel(site, "name", site.name);
  if (!args.cluster || typeof args.cluster !== "object") fail(site, "cluster", args.cluster, "is required", "pass the Cluster the pool belongs to");
  const labels = planLabels(site, poolName, args.labels);
  const taints = planTaints(site, args.taints);
  const tolerations = taints.map((t) => ({ key: t.key, operator: t.value === undefined ? "Exists" : "Equal", ...(t.value === undefined ? {} : { value: t.value }), effect: t.effect }));
  const placement: PoolPlacement = { nodeSelector: { [POOL_LABEL]: poolName }, ...(tolerations.length > 0 ? { tolerations } : {}) };
  if (args.cluster.kind === "eks") {
    if (!args.cluster.eks) fail(site, "cluster", args.cluster.clusterName, "is an EKS cluster without its AWS side", "pass the Cluster component itself");
    if (args.nodes !== undefined) fail(site, "nodes", args.nodes, "names nodes, which only an existing cluster has", "on EKS the pool's node group makes its nodes; drop nodes");
    if (args.autoscaler !== undefined) {
      if (typeof args.autoscaler !== "object" || args.autoscaler === null || args.autoscaler.kind !== "karpenter") {
        fail(site, "autoscaler", autoscalerKind(args.autoscaler), "is not an autoscaler component", "pass the Karpenter component (a stack file says autoscaler: karpenter, and the program passes it)");
      }
      return { labels, taints, placement, karpenter: planKarpenterPool(site, args) };
    }
    return { labels, taints, placement, eks: planEksPool(site, args, taints) };
  }
  return { labels, taints, placement, nodePatches: planNodePatches(site, args, labels, taints) };
}
