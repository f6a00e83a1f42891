import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { ClusterHandle, fail, InputSite } from "@slipway/core";

/** An IAM policy document as plain data (serialised with JSON.stringify). */
export interface PolicyDocument {
  Version: "2012-10-17";
  Statement: Record<string, unknown>[];
}

/** The OIDC provider's URL as IAM condition keys use it: the part of the provider ARN after `oidc-provider/`. */
export function oidcProviderUrl(providerArn: string): string {
  const [, url] = providerArn.split(":oidc-provider/");
  return url ?? providerArn.replace(/^https:\/\//, "");
}

/**
 * The IRSA trust policy of exactly one ServiceAccount (CHECKS W1): only the cluster's OIDC provider,
 * with exact `sub` and `aud` conditions and no wildcards.
 */
export function serviceAccountTrustPolicy(providerArn: string, namespace: string, serviceAccount: string): PolicyDocument {
  const url = oidcProviderUrl(providerArn);
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Federated: providerArn },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: {
          StringEquals: {
            [`${url}:sub`]: `system:serviceaccount:${namespace}:${serviceAccount}`,
            [`${url}:aud`]: "sts.amazonaws.com",
          },
        },
      },
    ],
  };
}

/** The ARN of a hosted zone, the only resource record changes are allowed on. */
export function hostedZoneArn(zoneId: string): string {
  return `arn:aws:route53:::hostedzone/${zoneId}`;
}

/**
 * external-dns: change and read records of one zone only; listing zones (which has no resource-level
 * permission in IAM) is read-only.
 */
export function externalDnsPolicy(zoneId: string): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      { Sid: "ChangeRecordsOfThisZoneOnly", Effect: "Allow", Action: ["route53:ChangeResourceRecordSets"], Resource: [hostedZoneArn(zoneId)] },
      { Sid: "ReadThisZone", Effect: "Allow", Action: ["route53:ListResourceRecordSets", "route53:ListTagsForResource"], Resource: [hostedZoneArn(zoneId)] },
      { Sid: "FindZones", Effect: "Allow", Action: ["route53:ListHostedZones"], Resource: ["*"] },
    ],
  };
}

/** cert-manager DNS-01: write challenge records in one zone and watch its own changes propagate. */
export function certManagerDns01Policy(zoneId: string): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      { Sid: "ChallengeRecordsOfThisZoneOnly", Effect: "Allow", Action: ["route53:ChangeResourceRecordSets", "route53:ListResourceRecordSets"], Resource: [hostedZoneArn(zoneId)] },
      { Sid: "WatchChanges", Effect: "Allow", Action: ["route53:GetChange"], Resource: ["arn:aws:route53:::change/*"] },
    ],
  };
}

/** The cluster's OIDC provider, required for workload identity (EKS). */
export function requireOidc(site: InputSite, cluster: ClusterHandle, why: string): NonNullable<ClusterHandle["oidc"]> {
  if (!cluster.oidc) return fail(site, "cluster.oidc", undefined, `is required: ${why} uses workload identity (IRSA)`, "pass an EKS cluster handle with an OIDC provider");
  return cluster.oidc;
}

/**
 * One IAM role for one ServiceAccount (CHECKS W1) with one inline policy (CHECKS W2), both children
 * of `parent`. Returns the role, whose ARN goes into the ServiceAccount's annotation.
 */
export function workloadRole(
  name: string,
  args: { oidc: NonNullable<ClusterHandle["oidc"]>; namespace: string; serviceAccount: string; description: string; policy: pulumi.Input<PolicyDocument> },
  opts: pulumi.CustomResourceOptions,
): aws.iam.Role {
  const trust = pulumi.output(args.oidc.providerArn).apply((arn) => JSON.stringify(serviceAccountTrustPolicy(arn, args.namespace, args.serviceAccount)));
  const role = new aws.iam.Role(name, { assumeRolePolicy: trust, description: args.description }, opts);
  new aws.iam.RolePolicy(name, { role: role.name, policy: pulumi.output(args.policy).apply((doc) => JSON.stringify(doc)) }, opts);
  return role;
}
