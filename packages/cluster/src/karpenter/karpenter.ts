import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { installOperator, siteOf, SlipwayComponent } from "@slipway/core";
import { WorkloadIdentity } from "../identity";
import { NodeAutoscaler } from "../node-pool/args";
import { buildNodeRole } from "../node-pool/eks";
import { KarpenterArgs } from "./args";
import { controllerPolicy } from "./controller-policy";
import { buildInterruptionQueue } from "./interruption";
import { KARPENTER_SERVICE_ACCOUNT, karpenterValues, planKarpenter } from "./plan";

/**
 * Karpenter on EKS: launches nodes for pending pods and removes empty or underutilized ones, for
 * every NodePool given it as `autoscaler`. Made of a node role with its instance profile and EC2_LINUX
 * access entry, the interruption queue fed by EventBridge, the controller's tag-scoped IAM policy on
 * its own workload identity, and the pinned chart in a restricted namespace. The controller runs on
 * the managed node groups (never on nodes it launches), so keep a small fixed system pool.
 */
export class Karpenter extends SlipwayComponent implements NodeAutoscaler {
  readonly kind = "karpenter" as const;
  /** The role of every node Karpenter launches. */
  readonly nodeRole: aws.iam.Role;
  readonly nodeRoleArn: pulumi.Output<string>;
  readonly instanceProfileName: pulumi.Output<string>;
  readonly discoveryTag: string;
  /** The interruption queue (spot warnings, rebalance, state changes, scheduled maintenance). */
  readonly queue: aws.sqs.Queue;
  /** The controller's workload identity. */
  readonly identity: WorkloadIdentity;
  readonly namespace: string;
  readonly chart: k8s.helm.v4.Chart;

  constructor(name: string, args: KarpenterArgs, opts?: pulumi.ComponentResourceOptions) {
    const site = siteOf("Karpenter", name);
    const plan = planKarpenter(site, args);
    super("cluster", "Karpenter", name, opts);
    const eks = plan.eks;
    const tags = { "slipway.dev/cluster": eks.discoveryTag };
    const { role } = buildNodeRole(name, eks.partition, tags, this.childOptions());
    const profile = new aws.iam.InstanceProfile(`${name}-node`, { role: role.name, tags }, this.childOptions());
    // Nodes join through an access entry (the cluster has no aws-auth ConfigMap).
    const access = new aws.eks.AccessEntry(`${name}-node`, { clusterName: eks.eksName, principalArn: role.arn, type: "EC2_LINUX" }, this.childOptions());
    const { queue } = buildInterruptionQueue(name, eks.eksName, this.childOptions());
    const document = pulumi
      .all([eks.partition, eks.eksName, eks.cluster.arn, queue.arn, role.arn, profile.arn])
      .apply(([partition, eksName, clusterArn, queueArn, nodeRoleArn, instanceProfileArn]) => controllerPolicy({ partition, region: eks.region, eksName, clusterArn, queueArn, nodeRoleArn, instanceProfileArn }));
    const policy = new aws.iam.Policy(`${name}-controller`, { description: `Karpenter controller of EKS cluster ${eks.discoveryTag}: nodes tagged for this cluster only`, policy: document, tags }, this.childOptions());
    this.identity = new WorkloadIdentity(
      `${name}-controller`,
      { cluster: args.cluster, namespace: plan.namespace, serviceAccount: KARPENTER_SERVICE_ACCOUNT, policyArns: [policy.arn], mode: plan.identity },
      { parent: this },
    );
    const values = karpenterValues(plan, eks.eksName, queue.name, this.identity.serviceAccountAnnotations);
    const installed = installOperator(name, { ...plan.operator, chart: { ...plan.operator.chart, values } }, {
      parent: this,
      provider: args.cluster.provider,
      dependsOn: [access, ...(this.identity.association ? [this.identity.association] : [])],
    });
    this.chart = installed.chart;
    this.nodeRole = role;
    this.nodeRoleArn = role.arn;
    this.instanceProfileName = profile.name;
    this.discoveryTag = eks.discoveryTag;
    this.queue = queue;
    this.namespace = plan.namespace;
    this.done({ nodeRoleArn: this.nodeRoleArn, instanceProfileName: this.instanceProfileName, queueName: queue.name, namespace: this.namespace });
  }
}
