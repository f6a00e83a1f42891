import * as pulumi from "@pulumi/pulumi";
import { Manifest, standardLabels } from "@slipway/core";
import { DISCOVERY_TAG } from "../cluster/eks/discovery";
import { TaintArgs } from "../node-pool/args";
import { KarpenterPoolPlan } from "../node-pool/karpenter-plan";


/** What a pool's node class needs from the Karpenter install. */
export interface NodeClassContext {
  instanceProfileName: pulumi.Input<string>;
  discoveryTag: pulumi.Input<string>;
  volumeKmsKeyArn?: pulumi.Input<string>;
}

/**
 * A pool's EC2NodeClass and Karpenter NodePool, both named after the pool. Nodes get what managed
 * groups get: AL2023, IMDSv2 only with a hop limit of 1 (pods cannot reach node credentials),
 * encrypted gp3 root volumes, the pool's labels and taints (CHECKS W3).
 */
export function karpenterPoolManifests(poolName: string, plan: KarpenterPoolPlan, labels: Record<string, string>, taints: TaintArgs[], context: NodeClassContext): Manifest[] {
  const metadata = { name: poolName, labels: standardLabels({ name: poolName, component: "nodes", partOf: "karpenter" }) };
  const subnetSelectorTerms = plan.subnetIds ? plan.subnetIds.map((id) => ({ id })) : [{ tags: { [DISCOVERY_TAG]: context.discoveryTag } }];
  const nodeClass: Manifest = {
    apiVersion: "karpenter.k8s.aws/v1",
    kind: "EC2NodeClass",
    metadata,
    spec: {
      amiSelectorTerms: [{ alias: "al2023@latest" }],
      instanceProfile: context.instanceProfileName,
      subnetSelectorTerms,
      securityGroupSelectorTerms: [{ tags: { [DISCOVERY_TAG]: context.discoveryTag } }],
      metadataOptions: { httpEndpoint: "enabled", httpProtocolIPv6: "disabled", httpPutResponseHopLimit: 1, httpTokens: "required" },
      blockDeviceMappings: [
        {
          deviceName: "/dev/xvda",
          rootVolume: true,
          ebs: { volumeSize: `${plan.diskSizeGiB}Gi`, volumeType: "gp3", encrypted: true, deleteOnTermination: true, ...(context.volumeKmsKeyArn ? { kmsKeyID: context.volumeKmsKeyArn } : {}) },
        },
      ],
      tags: { Name: poolName, "slipway.dev/node-pool": poolName },
    },
  };
  const nodePool: Manifest = {
    apiVersion: "karpenter.sh/v1",
    kind: "NodePool",
    metadata,
    spec: {
      template: {
        metadata: { labels },
        spec: {
          nodeClassRef: { group: "karpenter.k8s.aws", kind: "EC2NodeClass", name: poolName },
          requirements: plan.requirements,
          ...(taints.length > 0 ? { taints } : {}),
        },
      },
      limits: plan.limits,
      disruption: plan.disruption,
    },
  };
  return [nodeClass, nodePool];
}
