import * as pulumi from "@pulumi/pulumi";

/** A VPC Slipway builds: private and public subnets in each zone, NAT for the private ones. */
export interface NewVpcArgs {
  /** The VPC's network, a /16 to /20. @default "10.0.0.0/16" */
  cidr?: string;
  /** Zones to spread over (two to four, distinct, in the region). @default the region's first `zoneCount` zones */
  availabilityZones?: string[];
  /** How many zones when `availabilityZones` is not given (2-4). @default 3 */
  zoneCount?: number;
  /** One NAT gateway per zone (survives a zone outage) or a single one (cheaper). @default "perZone" */
  natGateways?: "perZone" | "single";
}

/** An existing VPC and its subnets. */
export interface ExistingVpcArgs {
  /** The VPC's id. */
  vpcId: pulumi.Input<string>;
  /** The VPC's network (pods get VPC addresses on EKS, so the platform plans with it). */
  cidr: string;
  /** Private subnets for the control plane's interfaces and the nodes, in at least two zones. */
  privateSubnetIds: pulumi.Input<string>[];
  /** Public subnets for internet-facing load balancers. @default none */
  publicSubnetIds?: pulumi.Input<string>[];
}

/**
 * A team's access to the cluster: an EKS access entry that maps the team's IAM role to Kubernetes
 * groups, and nothing else. What the groups may do is the Tenant's RoleBindings (`TenantArgs.groups`),
 * so Kubernetes RBAC is the one authority and CHECKS A1 sees all of it: no cloud-side access policy.
 */
export interface TeamAccessArgs {
  /** The team's IAM role ARN. */
  roleArn: pulumi.Input<string>;
  /** The Kubernetes groups the role acts as: groups a Tenant binds (e.g. "shop-developers"), never `system:` groups. */
  groups: string[];
}

/** Who may use the Kubernetes API (authentication mode API: access entries only, no aws-auth ConfigMap). */
export interface ClusterAccessArgs {
  /** IAM role or user ARNs with cluster-admin (explicit access entries); include the role that deploys the platform. Required unless creatorAdmin. */
  admins?: pulumi.Input<string>[];
  /** Team roles mapped to their tenants' Kubernetes groups. @default none */
  teams?: TeamAccessArgs[];
  /** Also give cluster-admin to whichever identity creates the cluster (an implicit, unlisted admin). @default false */
  creatorAdmin?: boolean;
}

/** An EKS cluster built from AWS primitives. */
export interface EksClusterArgs {
  kind: "eks";
  /** Kubernetes minor version, e.g. "1.33". @default EKS_DEFAULT_VERSION */
  version?: string;
  /** AWS region. @default the `aws:region` config */
  region?: string;
  /** The cluster's name in AWS. @default "<name>-<stack>" */
  eksName?: string;
  /** The VPC to build, or an existing one. @default a new VPC with the defaults of NewVpcArgs */
  network?: NewVpcArgs | ExistingVpcArgs;
  /** The Service network (must not overlap the VPC). @default "172.20.0.0/16" */
  serviceCidr?: string;
  /** Who may use the Kubernetes API; at least one admin. */
  access?: ClusterAccessArgs;
  /** CIDRs allowed to reach the public API endpoint; without them the endpoint is private only. @default none (private) */
  publicAccessCidrs?: string[];
  /** A KMS key for Secrets and control-plane logs (its policy must let logs.<region>.amazonaws.com use it for the cluster's log group). @default a new customer-managed key with rotation on and a scoped policy */
  kmsKeyArn?: pulumi.Input<string>;
  /** Days to keep control-plane logs. @default 90 */
  logRetentionDays?: number;
  /** Pinned add-on versions by add-on name. @default the version EKS picks for the cluster version */
  addonVersions?: Partial<Record<EksAddonName, string>>;
  /** A registry mirroring every image the platform deploys (air-gapped sites). @default none */
  imageMirror?: string;
}

/** An existing cluster (e.g. built by KubeKey) reached through a kubeconfig. */
export interface ExistingClusterArgs {
  kind: "existing";
  /** The kubeconfig YAML, normally `config.requireSecret("kubeconfig")`. @default the ambient kubeconfig (then `context` is required) */
  kubeconfig?: pulumi.Input<string>;
  /** The kubeconfig context to use. @default the kubeconfig's current-context */
  context?: string;
  /** The pod network the platform plans with. @default "10.233.64.0/18" (KubeKey) */
  podCidr?: string;
  /** The Service network. @default "10.233.0.0/18" (KubeKey) */
  serviceCidr?: string;
  /** The node networks (must not overlap pods or Services). @default none */
  nodeCidrs?: string[];
  /** A registry mirroring every image the platform deploys (air-gapped sites). @default none */
  imageMirror?: string;
}

export type ClusterArgs = EksClusterArgs | ExistingClusterArgs;

export const EKS_ADDONS = ["vpc-cni", "coredns", "kube-proxy", "aws-ebs-csi-driver", "eks-pod-identity-agent"] as const;
export type EksAddonName = (typeof EKS_ADDONS)[number];
