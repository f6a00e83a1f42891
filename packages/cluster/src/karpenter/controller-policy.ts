/**
 * The Karpenter controller's permissions, after Karpenter's own reference policy (v1) and narrowed
 * further: every write is scoped to resources tagged for this cluster (`kubernetes.io/cluster/<name>:
 * owned` plus a `karpenter.sh/nodepool` tag), reads to the cluster's region, the queue, node role,
 * instance profile and cluster by ARN. The platform creates the instance profile, so the controller
 * gets no instance-profile create/tag/delete rights at all.
 */

/** What the policy names; plain strings (resolved from Outputs by the caller). */
export interface ControllerPolicyTargets {
  partition: string;
  region: string;
  eksName: string;
  clusterArn: string;
  queueArn: string;
  nodeRoleArn: string;
  instanceProfileArn: string;
}

interface Statement {
  Sid: string;
  Effect: "Allow";
  Action: string[];
  Resource: string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

/** The region whose endpoint Karpenter's pricing client calls (the Price List API lives in a few regions only). */
export function pricingRegion(region: string): string {
  if (region.startsWith("ap-")) return "ap-south-1";
  if (region.startsWith("cn-")) return "cn-northwest-1";
  if (region.startsWith("eu-")) return "eu-central-1";
  return "us-east-1";
}

/** The read-only calls Karpenter 1.14 makes to discover instance types, zones, images, subnets, groups, placement groups and instance health. */
export const REGIONAL_READ_ACTIONS = [
  "ec2:DescribeAvailabilityZones",
  "ec2:DescribeCapacityReservations",
  "ec2:DescribeImages",
  "ec2:DescribeInstances",
  "ec2:DescribeInstanceStatus",
  "ec2:DescribeInstanceTypeOfferings",
  "ec2:DescribeInstanceTypes",
  "ec2:DescribeLaunchTemplates",
  "ec2:DescribePlacementGroups",
  "ec2:DescribeSecurityGroups",
  "ec2:DescribeSpotPriceHistory",
  "ec2:DescribeSubnets",
];

export function controllerPolicy(t: ControllerPolicyTargets): string {
  const ec2 = (resource: string, account = "*") => `arn:${t.partition}:ec2:${t.region}:${account}:${resource}`;
  const owned = { [`aws:ResourceTag/kubernetes.io/cluster/${t.eksName}`]: "owned" };
  const requestOwned = { [`aws:RequestTag/kubernetes.io/cluster/${t.eksName}`]: "owned", "aws:RequestTag/eks:eks-cluster-name": t.eksName };
  const tagged = ["fleet/*", "instance/*", "volume/*", "network-interface/*", "launch-template/*", "spot-instances-request/*"].map((r) => ec2(r));
  const statements: Statement[] = [
    {
      Sid: "AllowScopedEC2InstanceAccessActions",
      Effect: "Allow",
      Action: ["ec2:RunInstances", "ec2:CreateFleet"],
      // Public images and snapshots have no account in their ARNs.
      Resource: [ec2("image/*", ""), ec2("snapshot/*", ""), ec2("security-group/*"), ec2("subnet/*"), ec2("capacity-reservation/*")],
    },
    {
      Sid: "AllowScopedEC2LaunchTemplateAccessActions",
      Effect: "Allow",
      Action: ["ec2:RunInstances", "ec2:CreateFleet"],
      Resource: [ec2("launch-template/*")],
      Condition: { StringEquals: owned, StringLike: { "aws:ResourceTag/karpenter.sh/nodepool": "*" } },
    },
    {
      Sid: "AllowScopedEC2InstanceActionsWithTags",
      Effect: "Allow",
      Action: ["ec2:RunInstances", "ec2:CreateFleet", "ec2:CreateLaunchTemplate"],
      Resource: tagged,
      Condition: { StringEquals: requestOwned, StringLike: { "aws:RequestTag/karpenter.sh/nodepool": "*" } },
    },
    {
      Sid: "AllowScopedResourceCreationTagging",
      Effect: "Allow",
      Action: ["ec2:CreateTags"],
      Resource: tagged,
      Condition: { StringEquals: { ...requestOwned, "ec2:CreateAction": ["RunInstances", "CreateFleet", "CreateLaunchTemplate"] }, StringLike: { "aws:RequestTag/karpenter.sh/nodepool": "*" } },
    },
    {
      Sid: "AllowScopedResourceTagging",
      Effect: "Allow",
      Action: ["ec2:CreateTags"],
      Resource: [ec2("instance/*")],
      Condition: {
        StringEquals: owned,
        StringLike: { "aws:ResourceTag/karpenter.sh/nodepool": "*" },
        StringEqualsIfExists: { "aws:RequestTag/eks:eks-cluster-name": t.eksName },
        "ForAllValues:StringEquals": { "aws:TagKeys": ["eks:eks-cluster-name", "karpenter.sh/nodeclaim", "Name"] },
      },
    },
    {
      Sid: "AllowScopedDeletion",
      Effect: "Allow",
      Action: ["ec2:TerminateInstances", "ec2:DeleteLaunchTemplate"],
      Resource: [ec2("instance/*"), ec2("launch-template/*")],
      Condition: { StringEquals: owned, StringLike: { "aws:ResourceTag/karpenter.sh/nodepool": "*" } },
    },
    // Describe calls support no resource-level permissions: the region is the only scope AWS offers.
    { Sid: "AllowRegionalReadActions", Effect: "Allow", Action: REGIONAL_READ_ACTIONS, Resource: ["*"], Condition: { StringEquals: { "aws:RequestedRegion": t.region } } },
    // The EKS-optimized AL2023 image ids (the node class selects its AMI by alias).
    { Sid: "AllowSSMReadActions", Effect: "Allow", Action: ["ssm:GetParameter"], Resource: [`arn:${t.partition}:ssm:${t.region}::parameter/aws/service/eks/optimized-ami/*`] },
    // GetProducts has no resources; the pricing endpoint's region is its one condition.
    { Sid: "AllowPricingReadActions", Effect: "Allow", Action: ["pricing:GetProducts"], Resource: ["*"], Condition: { StringEquals: { "aws:RequestedRegion": pricingRegion(t.region) } } },
    { Sid: "AllowInterruptionQueueActions", Effect: "Allow", Action: ["sqs:DeleteMessage", "sqs:GetQueueUrl", "sqs:ReceiveMessage"], Resource: [t.queueArn] },
    { Sid: "AllowPassingInstanceRole", Effect: "Allow", Action: ["iam:PassRole"], Resource: [t.nodeRoleArn], Condition: { StringEquals: { "iam:PassedToService": "ec2.amazonaws.com" } } },
    { Sid: "AllowInstanceProfileReadActions", Effect: "Allow", Action: ["iam:GetInstanceProfile"], Resource: [t.instanceProfileArn] },
    // The instance-profile garbage collector lists every profile even when the node class names one; List has no resource scope.
    { Sid: "AllowUnscopedInstanceProfileListAction", Effect: "Allow", Action: ["iam:ListInstanceProfiles"], Resource: ["*"] },
    { Sid: "AllowAPIServerEndpointDiscovery", Effect: "Allow", Action: ["eks:DescribeCluster"], Resource: [t.clusterArn] },
  ];
  return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}
