import * as pulumi from "@pulumi/pulumi";
import { ChartOverrides, ClusterHandle, GatewayHandle, StorageClassHandle } from "@slipway/core";

/** Nodes that pull images: a NodePool (its role gets pull access). */
export interface PullerRef {
  readonly nodeRoleArn?: pulumi.Input<string>;
}

/** Amazon ECR repositories. */
export interface EcrRegistryArgs {
  kind: "ecr";
  /** Repository names, e.g. "shop/cart". */
  repositories: string[];
  /** Images kept per repository (older ones expire). @default 30 */
  keepLast?: number;
  /** Days before untagged images expire. @default 14 */
  untaggedExpireDays?: number;
  /** A customer-managed KMS key (e.g. the cluster's `eks.kmsKeyArn`). @default a new customer-managed key with rotation on, usable only through ECR */
  kmsKeyArn?: pulumi.Input<string>;
  /** Node pools that pull from the repositories. @default none (same-account nodes pull through their role's policy) */
  pullers?: PullerRef[];
  /** Principals (CI roles) allowed to assume the push role. @default no push role */
  pushPrincipalArns?: pulumi.Input<string>[];
  /** Repository prefix holding mirrored platform images (air-gapped sites). @default "mirror" */
  mirrorPrefix?: string;
  /** Regions (and accounts) the repositories replicate to, so a promoted digest exists where the fleet's other clusters pull. @default none */
  replicateTo?: EcrReplicaArgs[];
  /** Pull-through cache rules: public images pulled through ECR (`<registry>/<prefix>/<image>`) by sites without internet access. @default none */
  pullThroughCaches?: EcrPullThroughCacheArgs[];
}

/** A destination of ECR replication. */
export interface EcrReplicaArgs {
  /** The region, e.g. "us-east-1". @default required */
  region: string;
  /** The destination account (it must allow this one in its registry policy). @default this account */
  registryId?: pulumi.Input<string>;
}

/** An ECR pull-through cache rule for one upstream registry. */
export interface EcrPullThroughCacheArgs {
  /** Repository prefix the cached images live under, e.g. "docker-hub". @default required */
  prefix: string;
  /** The upstream registry host, e.g. "public.ecr.aws", "quay.io", "registry-1.docker.io". @default required */
  upstream: string;
  /** Secrets Manager secret (named `ecr-pullthroughcache/...`) with the upstream login; required by Docker Hub, GHCR and GitLab. @default none */
  credentialArn?: pulumi.Input<string>;
}

/** A project in Harbor. */
export interface HarborProjectArgs {
  name: string;
  /** Anyone may pull without logging in. @default false */
  public?: boolean;
}

/** A robot account for CI or a cluster. */
export interface HarborRobotArgs {
  name: string;
  /** The project it works in. */
  project: string;
  /** Pull only, or pull and push. @default "pull" */
  access?: "pull" | "push";
}

/** Harbor from its pinned chart, exposed through the platform gateway. */
export interface HarborRegistryArgs {
  kind: "harbor";
  /** The cluster Harbor runs in. */
  cluster: ClusterHandle;
  /** The public hostname, e.g. "harbor.corp.example". */
  host: string;
  /** The gateway Harbor is exposed through (HTTPS listener). */
  gateway: GatewayHandle;
  /** Where Harbor keeps images and its database. */
  storageClass: StorageClassHandle;
  /** Size of the image store. @default "100Gi" */
  storageSize?: string;
  /** Harbor's namespace. @default "harbor" */
  namespace?: string;
  /** Projects to create. @default none */
  projects?: HarborProjectArgs[];
  /** Robot accounts to create. @default none */
  robots?: HarborRobotArgs[];
  /** The project holding mirrored platform images (created for you). @default "mirror" */
  mirrorProject?: string;
  /** Chart mirror, version and image registry overrides (air-gapped sites). @default upstream */
  chart?: ChartOverrides;
  /** Harbors of other on-prem sites this one pushes its projects to, so a promoted digest exists where it runs. @default none */
  replicateTo?: HarborReplicaArgs[];
  /** Proxy-cache projects: public images pulled through Harbor (`<host>/<project>/<image>`) by sites without internet access. @default none */
  proxyCaches?: HarborProxyCacheArgs[];
}

/** A login at another registry (a robot account); the password is a secret. */
export interface RegistryLogin {
  username: pulumi.Input<string>;
  password: pulumi.Input<string>;
}

/** Another site's Harbor that receives this one's images. */
export interface HarborReplicaArgs {
  /** The site's name, e.g. "site-b" (names its endpoint and policies). @default required */
  name: string;
  /** The remote Harbor's https URL. @default required */
  url: string;
  /** A robot of the remote Harbor with push access to the replicated projects. @default required */
  login: RegistryLogin;
  /** Projects pushed there. @default every project except proxy caches */
  projects?: string[];
  /** Harbor's 6-field cron (seconds first); replication then runs on schedule, not on every push. @default on every push */
  schedule?: string;
  /** Also delete there what is deleted here. @default false */
  deletion?: boolean;
}

/** A Harbor proxy-cache project for one upstream registry. */
export interface HarborProxyCacheArgs {
  /** The project images are pulled through, e.g. "dockerhub". @default required */
  project: string;
  /** The upstream registry's https URL, e.g. "https://hub.docker.com", "https://quay.io", "https://ghcr.io". @default required */
  upstream: string;
  /** A login at the upstream (avoids anonymous rate limits). @default anonymous */
  login?: RegistryLogin;
}

export type RegistryArgs = EcrRegistryArgs | HarborRegistryArgs;
