import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { fail, InputSite } from "@slipway/core";
import { checkRegion } from "../aws-inputs";
import { EcrPullThroughCacheArgs, EcrReplicaArgs } from "./args";

/**
 * Upstream registries an ECR pull-through cache rule can front, and whether the upstream needs a
 * login (a Secrets Manager secret named `ecr-pullthroughcache/...`).
 */
export const ECR_UPSTREAMS: Record<string, { login: boolean }> = {
  "public.ecr.aws": { login: false },
  "registry.k8s.io": { login: false },
  "quay.io": { login: false },
  "registry-1.docker.io": { login: true },
  "ghcr.io": { login: true },
  "registry.gitlab.com": { login: true },
};

const PREFIX = /^[a-z0-9]+(?:[._-][a-z0-9]+)*$/;
const CACHE_SECRET = /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:ecr-pullthroughcache\/.+$/;
const ACCOUNT = /^\d{12}$/;

export interface EcrReplicaPlan {
  region: string;
  registryId?: pulumi.Input<string>;
}

export interface EcrCachePlan {
  prefix: string;
  upstream: string;
  credentialArn?: pulumi.Input<string>;
}

/** Validates `replicateTo`: distinct regions (per account), account ids of 12 digits. */
export function planEcrReplicas(site: InputSite, value: unknown): EcrReplicaPlan[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return fail(site, "replicateTo", value, "must be a list of { region, registryId? }");
  if (value.length > 25) fail(site, "replicateTo", value.length, "has more destinations than ECR allows (25)");
  const seen = new Set<string>();
  return value.map((replica: EcrReplicaArgs, i) => {
    const region = checkRegion(site, `replicateTo[${i}].region`, replica?.region);
    const registryId = replica.registryId;
    if (typeof registryId === "string" && !ACCOUNT.test(registryId)) fail(site, `replicateTo[${i}].registryId`, registryId, "is not an AWS account id", 'use the 12-digit account, e.g. "123456789012"');
    const key = `${region}/${typeof registryId === "string" ? registryId : "self"}`;
    if (seen.has(key)) fail(site, `replicateTo[${i}].region`, region, "is listed twice");
    seen.add(key);
    return { region, ...(registryId !== undefined ? { registryId } : {}) };
  });
}

/** Validates `pullThroughCaches`: known upstreams, distinct prefixes, a login secret where the upstream needs one. */
export function planEcrCaches(site: InputSite, value: unknown, repositories: string[]): EcrCachePlan[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return fail(site, "pullThroughCaches", value, "must be a list of { prefix, upstream, credentialArn? }");
  const prefixes = new Set<string>();
  return value.map((cache: EcrPullThroughCacheArgs, i) => {
    const path = `pullThroughCaches[${i}]`;
    const prefix = cache?.prefix;
    if (typeof prefix !== "string" || prefix.length < 2 || prefix.length > 30 || !PREFIX.test(prefix)) fail(site, `${path}.prefix`, prefix, "is not an ECR repository prefix", 'use 2-30 lowercase letters, digits, ".", "_" or "-", e.g. "docker-hub"');
    if (prefixes.has(prefix)) fail(site, `${path}.prefix`, prefix, "is listed twice");
    const clash = repositories.find((r) => r === prefix || r.startsWith(`${prefix}/`));
    if (clash) fail(site, `${path}.prefix`, prefix, `would cache into the platform's own repository "${clash}"`, "pick a prefix no repository starts with");
    prefixes.add(prefix);
    const upstream = ECR_UPSTREAMS[cache.upstream];
    if (!upstream) fail(site, `${path}.upstream`, cache.upstream, "is not a registry ECR can cache", `use one of: ${Object.keys(ECR_UPSTREAMS).join(", ")}`);
    const credentialArn = cache.credentialArn;
    if (upstream.login && credentialArn === undefined) fail(site, `${path}.credentialArn`, undefined, `is required: ${cache.upstream} needs a login`, "store it in Secrets Manager as ecr-pullthroughcache/<name> and pass the secret's ARN");
    if (!upstream.login && credentialArn !== undefined) fail(site, `${path}.credentialArn`, credentialArn, `is not used by ${cache.upstream}, which takes no login`, "drop it");
    if (typeof credentialArn === "string" && !CACHE_SECRET.test(credentialArn)) fail(site, `${path}.credentialArn`, credentialArn, "is not the ARN of a Secrets Manager secret named ecr-pullthroughcache/...", "ECR reads only secrets with that name prefix");
    return { prefix, upstream: cache.upstream, ...(credentialArn !== undefined ? { credentialArn } : {}) };
  });
}

/**
 * The registry's replication rule: every repository of the platform (by name prefix) copied to each
 * region (and account) given, so a digest promoted in one region exists where the next cluster pulls it.
 * ECR has one replication configuration per registry: one platform stack per account and region owns it.
 */
export function buildEcrReplication(name: string, replicas: EcrReplicaPlan[], repositories: string[], account: pulumi.Input<string>, opts: pulumi.CustomResourceOptions): aws.ecr.ReplicationConfiguration | undefined {
  if (!replicas.length) return undefined;
  return new aws.ecr.ReplicationConfiguration(
    `${name}-replication`,
    {
      replicationConfiguration: {
        rules: [
          {
            destinations: replicas.map((r) => ({ region: r.region, registryId: r.registryId ?? account })),
            repositoryFilters: repositories.map((r) => ({ filter: r, filterType: "PREFIX_MATCH" })),
          },
        ],
      },
    },
    opts,
  );
}

/** One pull-through cache rule per upstream: `<registry>/<prefix>/<image>` pulls the upstream's image once and keeps it. */
export function buildEcrCaches(name: string, caches: EcrCachePlan[], opts: pulumi.CustomResourceOptions): aws.ecr.PullThroughCacheRule[] {
  return caches.map(
    (c) =>
      new aws.ecr.PullThroughCacheRule(
        `${name}-cache-${c.prefix.replace(/[._]/g, "-")}`,
        { ecrRepositoryPrefix: c.prefix, upstreamRegistryUrl: c.upstream, ...(c.credentialArn !== undefined ? { credentialArn: c.credentialArn } : {}) },
        opts,
      ),
  );
}
