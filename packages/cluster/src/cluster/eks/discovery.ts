import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { EksPlan } from "./plan";

/** The tag Karpenter's node classes find the cluster's private subnets and node security group by. */
export const DISCOVERY_TAG = "karpenter.sh/discovery";

/**
 * Tags what Slipway does not create itself with the discovery tag: the security group EKS makes for
 * the cluster (managed nodes use it too), and an existing VPC's private subnets. The subnets of a
 * VPC Slipway builds carry the tag inline.
 */
export function tagForDiscovery(name: string, plan: EksPlan, cluster: aws.eks.Cluster, opts: pulumi.CustomResourceOptions): aws.ec2.Tag[] {
  const securityGroup = new aws.ec2.Tag(`${name}-discovery-sg`, { resourceId: cluster.vpcConfig.clusterSecurityGroupId, key: DISCOVERY_TAG, value: plan.eksName }, opts);
  const subnets = plan.vpc.kind === "existing" ? plan.vpc.privateSubnetIds.map((resourceId, i) => new aws.ec2.Tag(`${name}-discovery-subnet-${i}`, { resourceId, key: DISCOVERY_TAG, value: plan.eksName }, opts)) : [];
  return [securityGroup, ...subnets];
}
