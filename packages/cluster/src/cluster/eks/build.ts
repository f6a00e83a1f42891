import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { EksAddonName } from "../args";
import { buildAccessEntries } from "./access";
import { buildAddons, buildOidcProvider } from "./addons";
import { buildControlPlane } from "./control-plane";
import { tagForDiscovery } from "./discovery";
import { eksKubeconfig } from "./kubeconfig";
import { buildVpc, EksNetwork, existingNetwork } from "./network";
import { EksPlan } from "./plan";

/** What node pools, workload identities and registries need from an EKS cluster. */
export interface EksClusterInfo {
  /** The cluster's name in AWS. */
  eksName: pulumi.Output<string>;
  /** Kubernetes minor version of the control plane (node groups follow it). */
  version: string;
  region: string;
  /** The cluster resource, for dependencies. */
  cluster: aws.eks.Cluster;
  network: EksNetwork;
  /** The KMS key encrypting Secrets (node volumes use it too). */
  kmsKeyArn: pulumi.Input<string>;
  /** The AWS partition ("aws", "aws-cn", ...), for managed policy ARNs. */
  partition: pulumi.Output<string>;
  oidcProvider: aws.iam.OpenIdConnectProvider;
  issuerUrl: pulumi.Output<string>;
  addons: Record<EksAddonName, aws.eks.Addon>;
  accessEntries: aws.eks.AccessEntry[];
  kubeconfig: pulumi.Output<string>;
  /** The `karpenter.sh/discovery` value on the private subnets and the cluster security group (the EKS name). */
  discoveryTag: string;
}

/** Registers every AWS resource of an EKS cluster under `opts.parent`. */
export function buildEks(name: string, plan: EksPlan, opts: pulumi.CustomResourceOptions): EksClusterInfo {
  const partition = aws.getPartitionOutput({}, { parent: opts.parent }).partition;
  const network = plan.vpc.kind === "new" ? buildVpc(name, plan.eksName, plan.vpc, opts) : existingNetwork(plan.vpc);
  const { cluster, kmsKeyArn } = buildControlPlane(name, plan, network, partition, opts);
  tagForDiscovery(name, plan, cluster, opts);
  const issuerUrl = cluster.identities.apply((ids) => ids?.[0]?.oidcs?.[0]?.issuer ?? "");
  return {
    eksName: cluster.name,
    version: plan.version,
    region: plan.region,
    cluster,
    network,
    kmsKeyArn,
    partition,
    oidcProvider: buildOidcProvider(name, issuerUrl, opts),
    issuerUrl,
    addons: buildAddons(name, plan, cluster.name, partition, opts),
    accessEntries: buildAccessEntries(name, plan, cluster.name, partition, opts),
    kubeconfig: eksKubeconfig(cluster.name, cluster.endpoint, cluster.certificateAuthority.data, plan.region),
    discoveryTag: plan.eksName,
  };
}
