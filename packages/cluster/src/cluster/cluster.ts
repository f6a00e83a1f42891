import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ClusterDns, ClusterHandle, fail, KUBE_DNS, registerManifests, siteOf, SlipwayComponent, StorageClassHandle } from "@slipway/core";
import { checkImageMirror } from "../mirror";
import { ClusterArgs } from "./args";
import { buildEks, EksClusterInfo } from "./eks/build";
import { EksPlan, planEksCluster } from "./eks/plan";
import { planGp3StorageClass } from "./eks/storage-class";
import { planClusterDns } from "./dns";
import { ExistingClusterPlan, planExistingCluster } from "./existing";

type ClusterPlan = { kind: "eks"; eks: EksPlan; imageMirror?: string } | { kind: "existing"; existing: ExistingClusterPlan; imageMirror?: string; dns: ClusterDns };

/** The name of the default StorageClass on EKS. */
export const GP3_STORAGE_CLASS = "gp3";

function planCluster(name: string, args: ClusterArgs): ClusterPlan {
  const site = siteOf("Cluster", name);
  if (!args || typeof args !== "object") return fail(site, "args", args, "must be an object");
  const imageMirror = args.imageMirror === undefined ? undefined : checkImageMirror(site, "imageMirror", args.imageMirror);
  if (args.kind === "eks") {
    return { kind: "eks", imageMirror, eks: planEksCluster(site, args, { region: new pulumi.Config("aws").get("region"), stack: pulumi.getStack() }) };
  }
  if (args.kind === "existing") return { kind: "existing", imageMirror, existing: planExistingCluster(site, args), dns: planClusterDns(site, args.dns) };
  return fail(site, "kind", (args as { kind?: unknown }).kind, 'must be "eks" or "existing"');
}

/**
 * A Kubernetes cluster the platform is built on: EKS made from AWS primitives (VPC, control plane,
 * IAM, OIDC, add-ons, gp3 StorageClass), or an existing cluster from its kubeconfig. Either way it
 * gives a server-side-apply Kubernetes provider and the networks the platform plans with.
 */
export class Cluster extends SlipwayComponent implements ClusterHandle {
  readonly clusterName: string;
  readonly kind: "eks" | "existing";
  /** Every Kubernetes object of the platform is created with this provider (server-side apply). */
  readonly provider: k8s.Provider;
  readonly podCidr: string;
  readonly serviceCidr: string;
  readonly nodeCidrs?: string[];
  readonly oidc?: { providerArn: pulumi.Output<string>; issuerUrl: pulumi.Output<string> };
  readonly region?: string;
  readonly imageMirror?: string;
  /** The kubeconfig (a Pulumi secret); absent for an existing cluster reached through the ambient kubeconfig. */
  readonly kubeconfig?: pulumi.Output<string>;
  /** The AWS side of an EKS cluster, for node pools, workload identity and registries. */
  readonly eks?: EksClusterInfo;
  /** The default encrypted gp3 StorageClass (EKS). */
  readonly storageClass?: StorageClassHandle;
  /** The cluster's DNS resolver (EKS: CoreDNS as kube-dns; existing clusters as configured). */
  readonly dns: ClusterDns;

  constructor(name: string, args: ClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    const plan = planCluster(name, args);
    super("cluster", "Cluster", name, opts);
    this.clusterName = name;
    this.kind = plan.kind;
    this.imageMirror = plan.imageMirror;
    this.dns = plan.kind === "existing" ? plan.dns : KUBE_DNS;
    if (plan.kind === "eks") {
      const eks = buildEks(name, plan.eks, this.childOptions());
      this.eks = eks;
      this.region = eks.region;
      this.podCidr = plan.eks.vpc.cidr; // the VPC CNI gives pods VPC addresses
      this.serviceCidr = plan.eks.serviceCidr;
      this.nodeCidrs = [plan.eks.vpc.cidr];
      this.oidc = { providerArn: eks.oidcProvider.arn, issuerUrl: eks.issuerUrl };
      this.kubeconfig = eks.kubeconfig;
      // The provider waits for the admins' access entries, so a fresh cluster is usable when objects are created.
      this.provider = new k8s.Provider(`${name}-k8s`, { kubeconfig: eks.kubeconfig, enableServerSideApply: true }, { parent: this, dependsOn: eks.accessEntries });
      registerManifests(name, [planGp3StorageClass(GP3_STORAGE_CLASS, name)], this.childOptions({ provider: this.provider }));
      this.storageClass = { storageClassName: GP3_STORAGE_CLASS, accessModes: ["ReadWriteOnce", "ReadWriteOncePod"] };
    } else {
      const existing = plan.existing;
      this.podCidr = existing.podCidr;
      this.serviceCidr = existing.serviceCidr;
      this.nodeCidrs = existing.nodeCidrs;
      if (existing.kubeconfig !== undefined) this.kubeconfig = pulumi.secret(existing.kubeconfig);
      this.provider = new k8s.Provider(
        `${name}-k8s`,
        { ...(this.kubeconfig ? { kubeconfig: this.kubeconfig } : {}), ...(existing.context ? { context: existing.context } : {}), enableServerSideApply: true },
        { parent: this },
      );
    }
    // The kubeconfig stays a property, not a registered output: a deploy-time kubeconfig error then fails the provider, once.
    this.done({ kind: this.kind, podCidr: this.podCidr, serviceCidr: this.serviceCidr, eksName: this.eks?.eksName });
  }
}
