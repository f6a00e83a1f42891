import * as pulumi from "@pulumi/pulumi";
import { fail, InputSite } from "@slipway/core";

/** IAM policy documents as JSON built in code, so tests parse exactly what AWS receives. */

/** One permission: actions on resources, with optional conditions (`{ StringEquals: { key: [values] } }`). */
export interface PolicyStatement {
  /** Actions such as "s3:GetObject"; no "*" and no "service:*". */
  actions: string[];
  /** Resource ARNs (Outputs allowed); no "*". */
  resources: pulumi.Input<string>[];
  /** Conditions, keyed by operator then by context key. @default none */
  conditions?: Record<string, Record<string, pulumi.Input<string>[]>>;
}

const ACTION = /^[a-z0-9-]+:[A-Za-z0-9]+$/;

/** Fails unless every statement is least-privilege: named actions (no wildcards) on named resource ARNs. */
export function checkStatements(site: InputSite, path: string, statements: unknown): PolicyStatement[] {
  if (!Array.isArray(statements) || statements.length === 0) return fail(site, path, statements, "must list at least one statement");
  statements.forEach((statement: PolicyStatement, i) => {
    const at = `${path}[${i}]`;
    if (!statement || !Array.isArray(statement.actions) || statement.actions.length === 0) fail(site, `${at}.actions`, statement?.actions, "must list at least one action");
    statement.actions.forEach((action, j) => {
      if (typeof action !== "string" || !ACTION.test(action)) {
        fail(site, `${at}.actions[${j}]`, action, "is not a named action (no wildcards)", 'list the actions the workload needs, e.g. "s3:GetObject"');
      }
    });
    if (!Array.isArray(statement.resources) || statement.resources.length === 0) fail(site, `${at}.resources`, statement.resources, "must list at least one resource ARN");
    statement.resources.forEach((resource, j) => {
      if (typeof resource === "string" && (resource === "*" || !resource.startsWith("arn:"))) {
        fail(site, `${at}.resources[${j}]`, resource, "is not a resource ARN", 'name the resources, e.g. "arn:aws:s3:::cart-assets/*"');
      }
    });
  });
  return statements as PolicyStatement[];
}

/** A permission policy document (JSON) from statements, resolving any Outputs. */
export function permissionPolicy(statements: PolicyStatement[]): pulumi.Output<string> {
  return pulumi.output(statements).apply((resolved) =>
    JSON.stringify({
      Version: "2012-10-17",
      Statement: resolved.map((s) => ({
        Effect: "Allow",
        Action: s.actions,
        Resource: s.resources,
        ...(s.conditions && Object.keys(s.conditions).length > 0 ? { Condition: s.conditions } : {}),
      })),
    }),
  );
}

/** A trust policy letting an AWS service assume the role (`sts:TagSession` where the service needs it). */
export function serviceTrustPolicy(service: string, actions: string[] = ["sts:AssumeRole"]): string {
  return JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: actions }] });
}

/** A trust policy letting exactly these IAM principals assume the role. */
export function principalTrustPolicy(principalArns: pulumi.Input<string>[]): pulumi.Output<string> {
  return pulumi.output(principalArns).apply((arns) =>
    JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: arns }, Action: "sts:AssumeRole" }] }),
  );
}

/**
 * The IRSA trust policy: only the cluster's OIDC provider, only for one ServiceAccount (exact `sub`),
 * only for STS (exact `aud`). StringEquals, never StringLike, so no wildcard can slip in (CHECKS W1).
 */
export function webIdentityTrustPolicy(providerArn: pulumi.Input<string>, issuerUrl: pulumi.Input<string>, namespace: string, serviceAccount: string): pulumi.Output<string> {
  return pulumi.all([providerArn, issuerUrl]).apply(([arn, url]) => {
    const issuer = url.replace(/^https:\/\//, "");
    return JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { Federated: arn },
          Action: "sts:AssumeRoleWithWebIdentity",
          Condition: {
            StringEquals: {
              [`${issuer}:sub`]: `system:serviceaccount:${namespace}:${serviceAccount}`,
              [`${issuer}:aud`]: "sts.amazonaws.com",
            },
          },
        },
      ],
    });
  });
}

/** An AWS-managed policy's ARN in the given partition. */
export function managedPolicyArn(partition: pulumi.Input<string>, policy: string): pulumi.Output<string> {
  return pulumi.interpolate`arn:${partition}:iam::aws:policy/${policy}`;
}
