import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ClusterHandle } from "@slipway/core";
import { EksClusterInfo } from "../cluster/eks/build";

/** A cluster a pool joins: any ClusterHandle; EKS clusters also carry their AWS side. */
export interface NodePoolCluster extends ClusterHandle {
  readonly eks?: EksClusterInfo;
}

/** A taint keeping pods off the pool unless they tolerate it. */
export interface TaintArgs {
  key: string;
  /** @default none */
  value?: string;
  effect: "NoSchedule" | "PreferNoSchedule" | "NoExecute";
}

/**
 * The pool's size in nodes. A managed node group starts at `desired` and stays within min..max;
 * under Karpenter `max` caps the nodes it launches and `min` must be 0 (it launches for pending pods).
 */
export interface ScalingArgs {
  /** @default 2 (Karpenter: 0) */
  min?: number;
  /** @default 4 (Karpenter: 10) */
  max?: number;
  /** @default min */
  desired?: number;
}

/** What a pool needs from a node autoscaler to hand it its nodes (the `Karpenter` component). */
export interface NodeAutoscaler {
  readonly kind: "karpenter";
  /** The role of the nodes it launches (registries grant it pull access). */
  readonly nodeRoleArn: pulumi.Output<string>;
  /** The instance profile its node classes launch nodes with. */
  readonly instanceProfileName: pulumi.Output<string>;
  /** The `karpenter.sh/discovery` tag value on the cluster's private subnets and node security group. */
  readonly discoveryTag: pulumi.Input<string>;
  /** The controller's chart: node pools and node classes need its CRDs. */
  readonly chart: pulumi.Resource;
}

/** How Karpenter may replace or remove the pool's nodes. */
export interface DisruptionArgs {
  /** Nodes (a count or a percentage) that may be disrupted at once. @default "1" */
  budget?: string;
  /** Which nodes consolidation removes: only empty ones, or underutilized ones too. @default "WhenEmptyOrUnderutilized" */
  consolidation?: "WhenEmpty" | "WhenEmptyOrUnderutilized";
  /** How long a node must be empty or underutilized before it goes. @default "5m" */
  consolidateAfter?: string;
}

export interface NodePoolArgs {
  /** The cluster the pool belongs to. */
  cluster: NodePoolCluster;
  /** Node labels (beside `slipway.dev/node-pool: <name>`, which selects the pool). @default none */
  labels?: Record<string, string>;
  /** Taints; apps placed on the pool get matching tolerations. @default none */
  taints?: TaintArgs[];
  /** EKS: instance types, all of one architecture. @default ["m6i.large"] (Karpenter: any size of instanceFamilies) */
  instanceTypes?: string[];
  /** Karpenter: instance families to choose from, of one architecture. @default ["m6i", "m6a", "m7i", "m7a"] when instanceTypes is not given */
  instanceFamilies?: string[];
  /** EKS: Karpenter launches the pool's nodes for pending pods instead of a managed node group (an existing cluster's node counts are manual). @default none (a managed node group) */
  autoscaler?: NodeAutoscaler;
  /** Karpenter: caps on the pool's total CPU and memory, beside scaling.max nodes. @default none */
  limits?: { cpu?: string; memory?: string };
  /** Karpenter: how nodes are consolidated and how many may go at once. @default one node at a time, after 5m empty or underutilized */
  disruption?: DisruptionArgs;
  /** EKS: on-demand or spot capacity. @default "on-demand" */
  capacity?: "on-demand" | "spot";
  /** EKS: node count bounds. @default { min: 2, max: 4 } (Karpenter: { min: 0, max: 10 }) */
  scaling?: ScalingArgs;
  /** EKS: root volume size in GiB (encrypted gp3). @default 50 */
  diskSizeGiB?: number;
  /** EKS: a KMS key for the root volumes (its key policy must admit the Auto Scaling service role). @default the AWS-managed EBS key */
  volumeKmsKeyArn?: pulumi.Input<string>;
  /** EKS: subnets for the nodes. @default the cluster's private subnets */
  subnetIds?: pulumi.Input<string>[];
  /** Existing clusters: the nodes (by name) that form the pool; their count is manual (no autoscaler). */
  nodes?: string[];
}

/** Where an app's pods go to run on a pool. */
export interface PoolPlacement {
  nodeSelector: Record<string, string>;
  tolerations?: k8s.types.input.core.v1.Toleration[];
}
