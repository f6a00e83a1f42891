import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { managedPolicyArn, serviceTrustPolicy } from "../../iam";
import { customerManagedKey } from "../../kms";
import { EksNetwork } from "./network";
import { EksPlan } from "./plan";

/** Every control-plane log type: api, audit and authenticator are required by CHECKS W3, the rest help debugging. */
export const CONTROL_PLANE_LOG_TYPES = ["api", "audit", "authenticator", "controllerManager", "scheduler"];

export interface ControlPlane {
  cluster: aws.eks.Cluster;
  role: aws.iam.Role;
  kmsKeyArn: pulumi.Input<string>;
}

/**
 * The EKS control plane: its own IAM role, Secrets encrypted with a KMS key, every log type into a
 * log group with a retention, access through access entries only (authentication mode API), and a
 * private endpoint (public only for the CIDRs asked for).
 */
export function buildControlPlane(name: string, plan: EksPlan, network: EksNetwork, partition: pulumi.Input<string>, opts: pulumi.CustomResourceOptions): ControlPlane {
  const role = new aws.iam.Role(`${name}-cluster`, { assumeRolePolicy: serviceTrustPolicy("eks.amazonaws.com", ["sts:AssumeRole", "sts:TagSession"]), tags: { "slipway.dev/cluster": plan.eksName } }, opts);
  const policy = new aws.iam.RolePolicyAttachment(`${name}-cluster-policy`, { role: role.name, policyArn: managedPolicyArn(partition, "AmazonEKSClusterPolicy") }, opts);
  const logGroupName = `/aws/eks/${plan.eksName}/cluster`;
  // One customer-managed key for the platform's data at rest: Secrets, control-plane logs and (passed on) ECR images.
  const kmsKeyArn =
    plan.kmsKeyArn ??
    customerManagedKey(`${name}-secrets`, `Secrets, control-plane logs and images of EKS cluster ${plan.eksName}`, plan.region, { eksClusterRoleArn: role.arn, logGroups: [logGroupName], ecr: true }, opts).arn;
  // EKS would create this group itself with no retention and no key; owning it sets both and deletes it with the cluster.
  const logs = new aws.cloudwatch.LogGroup(`${name}-logs`, { name: logGroupName, retentionInDays: plan.logRetentionDays, kmsKeyId: kmsKeyArn }, opts);
  const publicEndpoint = plan.publicAccessCidrs.length > 0;
  const cluster = new aws.eks.Cluster(
    name,
    {
      name: plan.eksName,
      version: plan.version,
      roleArn: role.arn,
      vpcConfig: {
        subnetIds: network.privateSubnetIds,
        endpointPrivateAccess: true,
        endpointPublicAccess: publicEndpoint,
        ...(publicEndpoint ? { publicAccessCidrs: plan.publicAccessCidrs } : {}),
      },
      accessConfig: { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: plan.creatorAdmin },
      encryptionConfig: { resources: ["secrets"], provider: { keyArn: kmsKeyArn } },
      enabledClusterLogTypes: CONTROL_PLANE_LOG_TYPES,
      kubernetesNetworkConfig: { ipFamily: "ipv4", serviceIpv4Cidr: plan.serviceCidr },
      // The add-ons are installed as managed add-ons below, so EKS must not install unmanaged copies first.
      bootstrapSelfManagedAddons: false,
      tags: { "slipway.dev/cluster": plan.eksName },
    },
    { ...opts, dependsOn: [policy, logs] },
  );
  return { cluster, role, kmsKeyArn };
}
