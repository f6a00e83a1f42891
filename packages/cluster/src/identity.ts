import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { checkDnsLabel, checkDnsSubdomain, checkOneOf, ClusterHandle, fail, InputSite, siteOf, SlipwayComponent } from "@slipway/core";
import { checkPolicyArn } from "./aws-inputs";
import { POD_IDENTITY_ACTIONS, POD_IDENTITY_SERVICE } from "./cluster/eks/addons";
import { checkStatements, permissionPolicy, PolicyStatement, serviceTrustPolicy, webIdentityTrustPolicy } from "./iam";

/** The annotation IRSA's webhook reads to give a ServiceAccount's pods an IAM role. */
export const IRSA_ROLE_ANNOTATION = "eks.amazonaws.com/role-arn";

/** What workload identity needs from a cluster: the OIDC provider (IRSA) or the EKS cluster name (Pod Identity). */
export interface WorkloadIdentityCluster extends Pick<ClusterHandle, "clusterName" | "kind" | "oidc"> {
  readonly eks?: { readonly eksName: pulumi.Input<string> };
}

export interface WorkloadIdentityArgs {
  /** The EKS cluster the ServiceAccount lives in. */
  cluster: WorkloadIdentityCluster;
  /** The ServiceAccount's namespace (an app's tenant namespace). */
  namespace: string;
  /** The ServiceAccount's name (an AppService's is the app's name). */
  serviceAccount: string;
  /** Permissions as statements, attached as the role's inline policy. @default none */
  policies?: PolicyStatement[];
  /** Customer- or AWS-managed policies to attach. @default none */
  policyArns?: pulumi.Input<string>[];
  /** IRSA (OIDC trust and a ServiceAccount annotation) or an EKS Pod Identity association. @default "irsa" */
  mode?: "irsa" | "pod-identity";
}

interface IdentityPlan {
  mode: "irsa" | "pod-identity";
  namespace: string;
  serviceAccount: string;
  policies: PolicyStatement[];
  policyArns: pulumi.Input<string>[];
}

function planIdentity(site: InputSite, args: WorkloadIdentityArgs): IdentityPlan {
  if (!args || typeof args !== "object") return fail(site, "args", args, "must be an object");
  const mode = checkOneOf(site, "mode", args.mode ?? "irsa", ["irsa", "pod-identity"] as const);
  if (args.cluster?.kind !== "eks") fail(site, "cluster", args.cluster?.clusterName, "is not an EKS cluster", "workload identity needs EKS (IRSA or Pod Identity)");
  if (mode === "irsa" && !args.cluster.oidc) fail(site, "cluster", args.cluster.clusterName, "has no OIDC provider for IRSA", "pass the EKS Cluster component, or use mode: \"pod-identity\"");
  if (mode === "pod-identity" && !args.cluster.eks) fail(site, "cluster", args.cluster.clusterName, "has no EKS cluster name for Pod Identity", "pass the EKS Cluster component");
  const namespace = checkDnsLabel(site, "namespace", args.namespace);
  const serviceAccount = checkDnsSubdomain(site, "serviceAccount", args.serviceAccount);
  if (serviceAccount === "default") fail(site, "serviceAccount", serviceAccount, "is the namespace's shared ServiceAccount", "give the workload its own ServiceAccount (CHECKS S13)");
  const policies = args.policies === undefined ? [] : checkStatements(site, "policies", args.policies);
  const policyArns = (args.policyArns ?? []).map((arn, i) => checkPolicyArn(site, `policyArns[${i}]`, arn));
  if (policies.length === 0 && policyArns.length === 0) fail(site, "policies", args.policies, "is empty and so is policyArns", "give the role the permissions the workload needs");
  return { mode, namespace, serviceAccount, policies, policyArns };
}

/**
 * One IAM role for one ServiceAccount (CHECKS W1): with IRSA, trusted only by the cluster's OIDC
 * provider for exactly `system:serviceaccount:<ns>:<sa>` and audience STS; with Pod Identity, by the
 * Pod Identity service through an association naming the same ServiceAccount.
 *
 * Apps keep `automountServiceAccountToken: false`: both EKS webhooks inject their own projected,
 * audience-bound token volume, so the Kubernetes API token is not needed for AWS access.
 */
export class WorkloadIdentity extends SlipwayComponent {
  readonly role: aws.iam.Role;
  readonly roleArn: pulumi.Output<string>;
  /** Annotations for the ServiceAccount: give them to AppService/StatefulApp `serviceAccountAnnotations`. */
  readonly serviceAccountAnnotations: Record<string, pulumi.Input<string>>;
  readonly namespace: string;
  readonly serviceAccount: string;
  readonly mode: "irsa" | "pod-identity";
  /** Pod Identity: the association. */
  readonly association?: aws.eks.PodIdentityAssociation;

  constructor(name: string, args: WorkloadIdentityArgs, opts?: pulumi.ComponentResourceOptions) {
    const plan = planIdentity(siteOf("WorkloadIdentity", name), args);
    super("cluster", "WorkloadIdentity", name, opts);
    const { oidc, eks } = args.cluster;
    const assumeRolePolicy =
      plan.mode === "irsa" && oidc
        ? webIdentityTrustPolicy(oidc.providerArn, oidc.issuerUrl, plan.namespace, plan.serviceAccount)
        : serviceTrustPolicy(POD_IDENTITY_SERVICE, POD_IDENTITY_ACTIONS);
    const subject = `${plan.namespace}/${plan.serviceAccount}`;
    this.role = new aws.iam.Role(name, { assumeRolePolicy, description: `Workload identity of ServiceAccount ${subject}`, tags: { "slipway.dev/service-account": subject.replace("/", ".") } }, this.childOptions());
    if (plan.policies.length > 0) new aws.iam.RolePolicy(name, { role: this.role.name, policy: permissionPolicy(plan.policies) }, this.childOptions());
    plan.policyArns.forEach((policyArn, i) => new aws.iam.RolePolicyAttachment(`${name}-${i}`, { role: this.role.name, policyArn }, this.childOptions()));
    this.roleArn = this.role.arn;
    this.namespace = plan.namespace;
    this.serviceAccount = plan.serviceAccount;
    this.mode = plan.mode;
    if (plan.mode === "pod-identity" && eks) {
      this.association = new aws.eks.PodIdentityAssociation(
        name,
        { clusterName: eks.eksName, namespace: plan.namespace, serviceAccount: plan.serviceAccount, roleArn: this.role.arn },
        this.childOptions(),
      );
    }
    this.serviceAccountAnnotations = plan.mode === "irsa" ? { [IRSA_ROLE_ANNOTATION]: this.roleArn } : {};
    this.done({ roleArn: this.roleArn, namespace: this.namespace, serviceAccount: this.serviceAccount });
  }
}
