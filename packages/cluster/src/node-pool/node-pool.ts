import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { NodePoolHandle, registerManifests, siteOf, SlipwayComponent } from "@slipway/core";
import { karpenterPoolManifests } from "../karpenter/node-class";
import { NodePoolArgs, PoolPlacement } from "./args";
import { buildEksNodeGroup } from "./eks";
import { NodePoolPlan, planNodePool } from "./plan";

/**
 * A pool of nodes apps can be placed on: an EKS managed node group, nodes Karpenter launches on
 * demand (`autoscaler`: a Karpenter NodePool and EC2NodeClass), or named nodes of an existing cluster
 * labelled and tainted with server-side-apply patches (their count is manual). `pool.placement` goes to an app.
 */
export class NodePool extends SlipwayComponent implements NodePoolHandle {
  readonly poolName: string;
  /** nodeSelector and tolerations for apps that run on this pool. */
  readonly placement: PoolPlacement;
  /** The labels every node of the pool carries. */
  readonly labels: Record<string, string>;
  /** EKS: the nodes' IAM role (registries grant it pull access); Karpenter's node role for an autoscaled pool. */
  readonly nodeRole?: aws.iam.Role;
  /** EKS: the nodes' role ARN. */
  readonly nodeRoleArn?: pulumi.Output<string>;
  /** EKS: the managed node group. */
  readonly nodeGroup?: aws.eks.NodeGroup;
  /** Karpenter: the pool's NodePool and EC2NodeClass. */
  readonly karpenterObjects?: Map<string, pulumi.CustomResource>;
  /** Existing clusters: the node patches. */
  readonly nodePatches?: k8s.core.v1.NodePatch[];
  readonly plan: NodePoolPlan;

  constructor(name: string, args: NodePoolArgs, opts?: pulumi.ComponentResourceOptions) {
    const plan = planNodePool(siteOf("NodePool", name), args);
    super("cluster", "NodePool", name, opts);
    this.plan = plan;
    this.poolName = name;
    this.placement = plan.placement;
    this.labels = plan.labels;
    if (plan.karpenter && args.autoscaler) {
      const autoscaler = args.autoscaler;
      const manifests = karpenterPoolManifests(name, plan.karpenter, plan.labels, plan.taints, {
        instanceProfileName: autoscaler.instanceProfileName,
        discoveryTag: autoscaler.discoveryTag,
        volumeKmsKeyArn: args.volumeKmsKeyArn,
      });
      // The NodePool and EC2NodeClass CRDs come with Karpenter's chart.
      this.karpenterObjects = registerManifests(name, manifests, this.childOptions({ provider: args.cluster.provider, dependsOn: [autoscaler.chart] }));
      this.nodeRoleArn = autoscaler.nodeRoleArn;
    } else if (plan.eks && args.cluster.eks) {
      const built = buildEksNodeGroup(name, args.cluster.eks, plan.eks, plan.labels, args.volumeKmsKeyArn, this.childOptions());
      this.nodeRole = built.role;
      this.nodeRoleArn = built.role.arn;
      this.nodeGroup = built.nodeGroup;
    } else {
      const options = this.childOptions({ provider: args.cluster.provider });
      this.nodePatches = (plan.nodePatches ?? []).map((patch) => new k8s.core.v1.NodePatch(`${name}/${String(patch.metadata.name)}`, patch as k8s.core.v1.NodePatchArgs, options));
    }
    this.done({ poolName: name, nodeRoleArn: this.nodeRoleArn, nodeGroupName: this.nodeGroup?.nodeGroupName });
  }
}
