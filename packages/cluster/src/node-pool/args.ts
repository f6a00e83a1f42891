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

/** The pool's size; `desired` is only the starting size (an autoscaler owns it afterwards). */
export interface ScalingArgs {
  min: number;
  max: number;
  /** @default min */
  desired?: number;
}

export interface NodePoolArgs {
  /** The cluster the pool belongs to. */
  cluster: NodePoolCluster;
  /** Node labels (beside `slipway.dev/node-pool: <name>`, which selects the pool). @default none */
  labels?: Record<string, string>;
  /** Taints; apps placed on the pool get matching tolerations. @default none */
  taints?: TaintArgs[];
  /** EKS: instance types, all of one architecture. @default ["m6i.large"] */
  instanceTypes?: string[];
  /** EKS: on-demand or spot capacity. @default "on-demand" */
  capacity?: "on-demand" | "spot";
  /** EKS: node count bounds. @default { min: 2, max: 4 } */
  scaling?: ScalingArgs;
  /** EKS: root volume size in GiB (encrypted gp3). @default 50 */
  diskSizeGiB?: number;
  /** EKS: a KMS key for the root volumes (its key policy must admit the Auto Scaling service role). @default the AWS-managed EBS key */
  volumeKmsKeyArn?: pulumi.Input<string>;
  /** EKS: subnets for the nodes. @default the cluster's private subnets */
  subnetIds?: pulumi.Input<string>[];
  /** Existing clusters: the nodes (by name) that form the pool. */
  nodes?: string[];
}

/** Where an app's pods go to run on a pool. */
export interface PoolPlacement {
  nodeSelector: Record<string, string>;
  tolerations?: k8s.types.input.core.v1.Toleration[];
}
