import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { fail, InputSite } from "@slipway/core";
import { checkPrincipalArn } from "../aws-inputs";
import { principalTrustPolicy } from "../iam";
import { EcrRegistryArgs } from "./args";
import { checkCount, checkNameList, checkRepositoryName } from "./names";
import { buildEcrCaches, buildEcrReplication, EcrCachePlan, EcrReplicaPlan, planEcrCaches, planEcrReplicas } from "./ecr-sync";

/** What pulling an image needs, and nothing more. */
export const PULL_ACTIONS = ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"];
/** What pushing an image needs, beside pulling. */
export const PUSH_ACTIONS = [...PULL_ACTIONS, "ecr:CompleteLayerUpload", "ecr:InitiateLayerUpload", "ecr:PutImage", "ecr:UploadLayerPart"];

export interface EcrPlan {
  repositories: string[];
  keepLast: number;
  untaggedExpireDays: number;
  pushPrincipalArns: pulumi.Input<string>[];
  pullerRoleArns: pulumi.Input<string>[];
  mirrorPrefix: string;
  replicas: EcrReplicaPlan[];
  caches: EcrCachePlan[];
}

export function planEcr(site: InputSite, args: EcrRegistryArgs): EcrPlan {
  const repositories = checkNameList(site, "repositories", args.repositories, checkRepositoryName);
  if (repositories.length === 0) fail(site, "repositories", repositories, "must list at least one repository", 'e.g. ["shop/cart"]');
  const pullerRoleArns = (args.pullers ?? []).map((puller, i) => {
    if (puller?.nodeRoleArn === undefined) fail(site, `pullers[${i}]`, "(no nodeRoleArn)", "is not an EKS node pool", "pass NodePools of an EKS cluster");
    return puller.nodeRoleArn as pulumi.Input<string>;
  });
  return {
    repositories,
    keepLast: checkCount(site, "keepLast", args.keepLast ?? 30, 10000),
    untaggedExpireDays: checkCount(site, "untaggedExpireDays", args.untaggedExpireDays ?? 14, 3650),
    pushPrincipalArns: (args.pushPrincipalArns ?? []).map((arn, i) => checkPrincipalArn(site, `pushPrincipalArns[${i}]`, arn)),
    pullerRoleArns,
    mirrorPrefix: checkRepositoryName(site, "mirrorPrefix", args.mirrorPrefix ?? "mirror"),
    replicas: planEcrReplicas(site, args.replicateTo),
    caches: planEcrCaches(site, args.pullThroughCaches, repositories),
  };
}

/** Expire untagged images after N days, keep the last N images (the "any" rule must come last). */
export function lifecyclePolicy(plan: Pick<EcrPlan, "keepLast" | "untaggedExpireDays">): string {
  return JSON.stringify({
    rules: [
      {
        rulePriority: 1,
        description: `Expire untagged images after ${plan.untaggedExpireDays} days`,
        selection: { tagStatus: "untagged", countType: "sinceImagePushed", countUnit: "days", countNumber: plan.untaggedExpireDays },
        action: { type: "expire" },
      },
      {
        rulePriority: 2,
        description: `Keep the last ${plan.keepLast} images`,
        selection: { tagStatus: "any", countType: "imageCountMoreThan", countNumber: plan.keepLast },
        action: { type: "expire" },
      },
    ],
  });
}

export interface EcrBuilt {
  repositories: Record<string, aws.ecr.Repository>;
  pushRole?: aws.iam.Role;
  replication?: aws.ecr.ReplicationConfiguration;
  caches: aws.ecr.PullThroughCacheRule[];
}

/**
 * ECR repositories with immutable tags, scan on push, KMS encryption and a lifecycle policy (CHECKS W4);
 * pull access for the node roles given, and a push role for CI scoped to these repositories.
 */
export function buildEcr(name: string, plan: EcrPlan, kmsKeyArn: pulumi.Input<string>, account: pulumi.Input<string>, opts: pulumi.CustomResourceOptions): EcrBuilt {
  const repositories: Record<string, aws.ecr.Repository> = {};
  for (const repositoryName of plan.repositories) {
    const id = `${name}-${repositoryName.replace(/[/._]/g, "-")}`;
    const repository = new aws.ecr.Repository(
      id,
      {
        name: repositoryName,
        imageTagMutability: "IMMUTABLE",
        imageScanningConfiguration: { scanOnPush: true },
        encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: kmsKeyArn }],
      },
      opts,
    );
    new aws.ecr.LifecyclePolicy(id, { repository: repository.name, policy: lifecyclePolicy(plan) }, opts);
    if (plan.pullerRoleArns.length > 0) {
      // Pools Karpenter scales share its node role: each role is named once.
      const policy = pulumi.output(plan.pullerRoleArns).apply((arns) =>
        JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "NodesPull", Effect: "Allow", Principal: { AWS: [...new Set(arns)] }, Action: PULL_ACTIONS }] }),
      );
      new aws.ecr.RepositoryPolicy(id, { repository: repository.name, policy }, opts);
    }
    repositories[repositoryName] = repository;
  }
  const replication = buildEcrReplication(name, plan.replicas, plan.repositories, account, opts);
  const caches = buildEcrCaches(name, plan.caches, opts);
  const synced = { ...(replication ? { replication } : {}), caches };
  if (plan.pushPrincipalArns.length === 0) return { repositories, ...synced };
  const pushRole = new aws.iam.Role(`${name}-push`, { assumeRolePolicy: principalTrustPolicy(plan.pushPrincipalArns), description: "CI pushes images to the platform's repositories" }, opts);
  const arns = Object.values(repositories).map((r) => r.arn);
  const policy = pulumi.output(arns).apply((resources) =>
    JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        // GetAuthorizationToken is account-wide in ECR: it takes no resource but "*".
        { Sid: "Login", Effect: "Allow", Action: ["ecr:GetAuthorizationToken"], Resource: "*" },
        { Sid: "Push", Effect: "Allow", Action: PUSH_ACTIONS, Resource: resources },
      ],
    }),
  );
  new aws.iam.RolePolicy(`${name}-push`, { role: pushRole.name, policy }, opts);
  return { repositories, pushRole, ...synced };
}
