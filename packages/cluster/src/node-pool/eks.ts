import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { EksClusterInfo } from "../cluster/eks/build";
import { managedPolicyArn, serviceTrustPolicy } from "../iam";
import { EksPoolPlan } from "./plan";

/** What a node needs and nothing app-specific (CHECKS W2): join the cluster, run the VPC CNI, pull from ECR. */
export const NODE_POLICIES = ["AmazonEKSWorkerNodePolicy", "AmazonEKS_CNI_Policy", "AmazonEC2ContainerRegistryReadOnly"];

/** A node role: trusted by EC2, holding exactly the node policies (never app permissions, CHECKS W2). */
export function buildNodeRole(name: string, partition: pulumi.Input<string>, tags: Record<string, pulumi.Input<string>>, opts: pulumi.CustomResourceOptions): { role: aws.iam.Role; attachments: aws.iam.RolePolicyAttachment[] } {
  const role = new aws.iam.Role(`${name}-node`, { assumeRolePolicy: serviceTrustPolicy("ec2.amazonaws.com"), tags }, opts);
  const attachments = NODE_POLICIES.map((policy) => new aws.iam.RolePolicyAttachment(`${name}-${policy}`, { role: role.name, policyArn: managedPolicyArn(partition, policy) }, opts));
  return { role, attachments };
}

export interface EksNodeGroup {
  role: aws.iam.Role;
  launchTemplate: aws.ec2.LaunchTemplate;
  nodeGroup: aws.eks.NodeGroup;
}

/**
 * A managed node group with its own role and a launch template that requires IMDSv2 with a hop limit
 * of 1 (pods cannot reach the node's credentials) and encrypted root volumes (CHECKS W3).
 */
export function buildEksNodeGroup(
  name: string,
  eks: EksClusterInfo,
  plan: EksPoolPlan,
  labels: Record<string, string>,
  volumeKmsKeyArn: pulumi.Input<string> | undefined,
  opts: pulumi.CustomResourceOptions,
): EksNodeGroup {
  const { role, attachments } = buildNodeRole(name, eks.partition, { "slipway.dev/node-pool": name }, opts);
  const launchTemplate = new aws.ec2.LaunchTemplate(
    `${name}-nodes`,
    {
      description: `Nodes of pool ${name}: IMDSv2 only, encrypted volumes`,
      metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1, instanceMetadataTags: "disabled" },
      blockDeviceMappings: [
        {
          deviceName: "/dev/xvda",
          ebs: { volumeSize: plan.diskSizeGiB, volumeType: "gp3", encrypted: "true", deleteOnTermination: "true", ...(volumeKmsKeyArn ? { kmsKeyId: volumeKmsKeyArn } : {}) },
        },
      ],
      tagSpecifications: [{ resourceType: "instance", tags: { Name: name, "slipway.dev/node-pool": name } }],
      updateDefaultVersion: true,
    },
    opts,
  );
  const nodeGroup = new aws.eks.NodeGroup(
    name,
    {
      clusterName: eks.eksName,
      version: eks.version,
      nodeRoleArn: role.arn,
      subnetIds: plan.subnetIds ?? eks.network.privateSubnetIds,
      instanceTypes: plan.instanceTypes,
      amiType: plan.amiType,
      capacityType: plan.capacityType,
      scalingConfig: plan.scaling,
      updateConfig: { maxUnavailable: 1 },
      labels,
      taints: plan.eksTaints,
      launchTemplate: { id: launchTemplate.id, version: launchTemplate.latestVersion.apply(String) },
      tags: { "slipway.dev/node-pool": name },
    },
    // An autoscaler owns the node count once the pool exists; `desired` is only where it starts.
    { ...opts, dependsOn: [...attachments, eks.addons["vpc-cni"]], ignoreChanges: ["scalingConfig.desiredSize"] },
  );
  return { role, launchTemplate, nodeGroup };
}
