import * as pulumi from "@pulumi/pulumi";
import { buildResources, checkDnsLabel, checkNumber, checkOneOf, DEFAULT_PROFILE, fail, InputSite, OperatorPlan, planOperator, standardLabels } from "@slipway/core";
import { EksClusterInfo } from "../cluster/eks/build";
import { KARPENTER_CHART } from "../versions";
import { KarpenterArgs } from "./args";

/** The controller's ServiceAccount: its workload identity trusts exactly this name. */
export const KARPENTER_SERVICE_ACCOUNT = "karpenter";

export interface KarpenterPlan {
  eks: EksClusterInfo;
  namespace: string;
  identity: "irsa" | "pod-identity";
  /** The operator plan; its chart values are completed once the queue and the role exist. */
  operator: OperatorPlan;
  replicas: number;
  resources: ReturnType<typeof buildResources>;
}

/** Chart values pointing the controller image at a mirror registry. */
export function karpenterImageValues(registry: string): pulumi.Inputs {
  return { controller: { image: { repository: `${registry}/karpenter/controller` } } };
}

/**
 * The chart's values: the cluster and its interruption queue, HA replicas spread over nodes and
 * zones with a PDB, requests and limits, and the ServiceAccount the workload identity trusts.
 */
export function karpenterValues(plan: KarpenterPlan, eksName: pulumi.Input<string>, queueName: pulumi.Input<string>, serviceAccountAnnotations: Record<string, pulumi.Input<string>>): pulumi.Inputs {
  return {
    fullnameOverride: "karpenter",
    settings: { clusterName: eksName, interruptionQueue: queueName },
    replicas: plan.replicas,
    podDisruptionBudget: { name: "karpenter", maxUnavailable: 1 },
    serviceAccount: { create: true, name: KARPENTER_SERVICE_ACCOUNT, annotations: serviceAccountAnnotations },
    controller: { resources: plan.resources },
    additionalLabels: { "app.kubernetes.io/part-of": "karpenter" },
  };
}

/** Validates Karpenter's arguments: an EKS cluster, the namespace, replicas, resources, identity mode and chart overrides. */
export function planKarpenter(site: InputSite, args: KarpenterArgs): KarpenterPlan {
  if (!args || typeof args !== "object") return fail(site, "args", args, "must be an object");
  if (!args.cluster || typeof args.cluster !== "object") fail(site, "cluster", args.cluster, "is required", "pass the EKS Cluster");
  if (args.cluster.kind !== "eks" || !args.cluster.eks) {
    fail(site, "cluster", args.cluster.clusterName, "is not an EKS cluster: Karpenter launches EC2 instances, and an existing cluster's node counts are manual", "drop the autoscaler on an existing cluster; add nodes with its installer (e.g. KubeKey) and list them in the NodePool's nodes");
  }
  const namespace = checkDnsLabel(site, "namespace", args.namespace ?? "karpenter");
  const replicas = checkNumber(site, "replicas", args.replicas ?? 2, { min: 1, max: 5 });
  const identity = checkOneOf(site, "identity", args.identity ?? "irsa", ["irsa", "pod-identity"] as const);
  const resources = buildResources(site, "resources", { ...DEFAULT_PROFILE, size: "medium" }, args.resources);
  const operator = planOperator(site, {
    namespace: { name: namespace, level: "restricted", labels: standardLabels({ name: "karpenter", instance: site.name, component: "autoscaler", partOf: "slipway" }) },
    chart: { source: KARPENTER_CHART, release: "karpenter", values: {}, imageValues: karpenterImageValues },
    overrides: args.chart,
    clusterMirror: args.cluster.imageMirror,
  });
  return { eks: args.cluster.eks!, namespace, identity, operator, replicas, resources };
}
