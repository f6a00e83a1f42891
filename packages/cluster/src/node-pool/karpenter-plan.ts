import * as pulumi from "@pulumi/pulumi";
import { checkNumber, checkOneOf, checkQuantity, fail, InputSite } from "@slipway/core";
import { checkSubnetIds } from "../aws-inputs";
import { NodePoolArgs } from "./args";
import { checkInstanceChoice } from "./instance-types";

/** One Karpenter scheduling requirement (a node selector term). */
export interface Requirement {
  key: string;
  operator: "In";
  values: string[];
}

/** A pool whose nodes Karpenter launches: what its NodePool and EC2NodeClass say. */
export interface KarpenterPoolPlan {
  requirements: Requirement[];
  /** Nodes, and optionally CPU and memory, the pool may add up to. */
  limits: Record<string, string | number>;
  disruption: { consolidationPolicy: "WhenEmpty" | "WhenEmptyOrUnderutilized"; consolidateAfter: string; budgets: { nodes: string }[] };
  diskSizeGiB: number;
  subnetIds?: pulumi.Input<string>[];
}

const DEFAULT_FAMILIES = ["m6i", "m6a", "m7i", "m7a"];
/** Karpenter's budget and duration formats (its CRD's patterns). */
const BUDGET = /^((100|[0-9]{1,2})%|[0-9]+)$/;
const KARPENTER_DURATION = /^([0-9]+(s|m|h))+$/;

function planDisruption(site: InputSite, disruption: NodePoolArgs["disruption"]): KarpenterPoolPlan["disruption"] {
  if (disruption !== undefined && (typeof disruption !== "object" || disruption === null)) return fail(site, "disruption", disruption, "must be { budget?, consolidation?, consolidateAfter? }");
  const budget = disruption?.budget ?? "1";
  if (typeof budget !== "string" || !BUDGET.test(budget)) fail(site, "disruption.budget", budget, "is not a node count or percentage", 'e.g. "1" or "10%"');
  const consolidateAfter = disruption?.consolidateAfter ?? "5m";
  if (typeof consolidateAfter !== "string" || !KARPENTER_DURATION.test(consolidateAfter)) fail(site, "disruption.consolidateAfter", consolidateAfter, "is not a duration in s, m or h", 'e.g. "5m" or "1h30m"');
  return {
    consolidationPolicy: checkOneOf(site, "disruption.consolidation", disruption?.consolidation ?? "WhenEmptyOrUnderutilized", ["WhenEmpty", "WhenEmptyOrUnderutilized"] as const),
    consolidateAfter,
    budgets: [{ nodes: budget }],
  };
}

function planLimits(site: InputSite, args: NodePoolArgs): KarpenterPoolPlan["limits"] {
  const scaling = args.scaling ?? {};
  if (typeof scaling !== "object" || scaling === null) return fail(site, "scaling", scaling, "must be { max }");
  // Karpenter launches nodes for pending pods and removes empty ones: it keeps no floor.
  if (scaling.min !== undefined && scaling.min !== 0) fail(site, "scaling.min", scaling.min, "is above 0, but Karpenter keeps no minimum: it launches nodes for pending pods", "drop scaling.min (or put the floor in a managed node group without autoscaler)");
  if (scaling.desired !== undefined) fail(site, "scaling.desired", scaling.desired, "is a managed node group's starting size; Karpenter sizes the pool from pending pods", "drop scaling.desired");
  const limits: KarpenterPoolPlan["limits"] = { nodes: checkNumber(site, "scaling.max", scaling.max ?? 10, { min: 1, max: 1000 }) };
  const given = args.limits ?? {};
  if (typeof given !== "object" || given === null) return fail(site, "limits", given, "must be { cpu?, memory? }");
  if (given.cpu !== undefined) {
    checkQuantity(site, "limits.cpu", given.cpu, "cpu");
    limits.cpu = given.cpu;
  }
  if (given.memory !== undefined) {
    checkQuantity(site, "limits.memory", given.memory, "memory");
    limits.memory = given.memory;
  }
  return limits;
}

/** Validates a pool's arguments for Karpenter: instance choice, capacity type, node cap, limits and disruption. */
export function planKarpenterPool(site: InputSite, args: NodePoolArgs): KarpenterPoolPlan {
  const types = args.instanceTypes;
  const families = args.instanceFamilies ?? (types === undefined ? DEFAULT_FAMILIES : undefined);
  const choice = checkInstanceChoice(site, types, families);
  const capacity = checkOneOf(site, "capacity", args.capacity ?? "on-demand", ["on-demand", "spot"] as const);
  const requirements: Requirement[] = [
    { key: "kubernetes.io/arch", operator: "In", values: [choice.arm ? "arm64" : "amd64"] },
    { key: "kubernetes.io/os", operator: "In", values: ["linux"] },
    { key: "karpenter.sh/capacity-type", operator: "In", values: [capacity] },
    ...(choice.instanceTypes ? [{ key: "node.kubernetes.io/instance-type", operator: "In" as const, values: choice.instanceTypes }] : []),
    ...(choice.instanceFamilies ? [{ key: "karpenter.k8s.aws/instance-family", operator: "In" as const, values: choice.instanceFamilies }] : []),
  ];
  return {
    requirements,
    limits: planLimits(site, args),
    disruption: planDisruption(site, args.disruption),
    diskSizeGiB: checkNumber(site, "diskSizeGiB", args.diskSizeGiB ?? 50, { min: 20, max: 16384 }),
    subnetIds: args.subnetIds === undefined ? undefined : checkSubnetIds(site, "subnetIds", args.subnetIds, 1),
  };
}

/** Fields only Karpenter reads: a managed node group refuses them rather than ignore them. */
export const KARPENTER_ONLY_FIELDS = ["instanceFamilies", "limits", "disruption"] as const;
