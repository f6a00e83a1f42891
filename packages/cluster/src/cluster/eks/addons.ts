import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { managedPolicyArn, serviceTrustPolicy } from "../../iam";
import { EksAddonName } from "../args";
import { EksPlan } from "./plan";

/** The service principal EKS Pod Identity assumes roles with. */
export const POD_IDENTITY_SERVICE = "pods.eks.amazonaws.com";
/** EKS Pod Identity needs `sts:TagSession` beside `sts:AssumeRole` (it tags sessions with the pod's identity). */
export const POD_IDENTITY_ACTIONS = ["sts:AssumeRole", "sts:TagSession"];

/** The OIDC provider that lets ServiceAccounts assume IAM roles (IRSA), trusting only STS as audience. */
export function buildOidcProvider(name: string, issuerUrl: pulumi.Input<string>, opts: pulumi.CustomResourceOptions): aws.iam.OpenIdConnectProvider {
  return new aws.iam.OpenIdConnectProvider(`${name}-oidc`, { url: issuerUrl, clientIdLists: ["sts.amazonaws.com"] }, opts);
}

/**
 * The managed add-ons: networking (vpc-cni, kube-proxy), DNS (coredns), the Pod Identity agent, and
 * the EBS CSI driver with its own role through Pod Identity (never on the node role).
 */
export function buildAddons(name: string, plan: EksPlan, clusterName: pulumi.Input<string>, partition: pulumi.Input<string>, opts: pulumi.CustomResourceOptions): Record<EksAddonName, aws.eks.Addon> {
  const addon = (addonName: EksAddonName, extra: Partial<aws.eks.AddonArgs> = {}, dependsOn: pulumi.Resource[] = []) =>
    new aws.eks.Addon(
      `${name}-${addonName}`,
      {
        clusterName,
        addonName,
        ...(plan.addonVersions[addonName] ? { addonVersion: plan.addonVersions[addonName] } : {}),
        resolveConflictsOnCreate: "OVERWRITE",
        resolveConflictsOnUpdate: "PRESERVE",
        ...extra,
      },
      { ...opts, dependsOn },
    );
  const podIdentityAgent = addon("eks-pod-identity-agent");
  const ebsRole = new aws.iam.Role(`${name}-ebs-csi`, { assumeRolePolicy: serviceTrustPolicy(POD_IDENTITY_SERVICE, POD_IDENTITY_ACTIONS) }, opts);
  const ebsPolicy = new aws.iam.RolePolicyAttachment(`${name}-ebs-csi`, { role: ebsRole.name, policyArn: managedPolicyArn(partition, "service-role/AmazonEBSCSIDriverPolicy") }, opts);
  return {
    "eks-pod-identity-agent": podIdentityAgent,
    "vpc-cni": addon("vpc-cni"),
    "kube-proxy": addon("kube-proxy"),
    coredns: addon("coredns"),
    "aws-ebs-csi-driver": addon("aws-ebs-csi-driver", { podIdentityAssociations: [{ roleArn: ebsRole.arn, serviceAccount: "ebs-csi-controller-sa" }] }, [podIdentityAgent, ebsPolicy]),
  };
}
