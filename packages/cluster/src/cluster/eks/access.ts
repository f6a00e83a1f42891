import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { EksPlan } from "./plan";

const TEAM_POLICY = { edit: "AmazonEKSEditPolicy", view: "AmazonEKSViewPolicy" } as const;

function accessPolicyArn(partition: pulumi.Input<string>, policy: string): pulumi.Output<string> {
  return pulumi.interpolate`arn:${partition}:eks::aws:cluster-access-policy/${policy}`;
}

/** Access entries: cluster-admin for admins, namespaced edit/view for teams. No aws-auth ConfigMap. */
export function buildAccessEntries(name: string, plan: EksPlan, clusterName: pulumi.Input<string>, partition: pulumi.Input<string>, opts: pulumi.CustomResourceOptions): aws.eks.AccessEntry[] {
  const grant = (id: string, principalArn: pulumi.Input<string>, policy: string, accessScope: aws.types.input.eks.AccessPolicyAssociationAccessScope) => {
    const entry = new aws.eks.AccessEntry(id, { clusterName, principalArn, type: "STANDARD" }, opts);
    new aws.eks.AccessPolicyAssociation(id, { clusterName, principalArn, policyArn: accessPolicyArn(partition, policy), accessScope }, { ...opts, dependsOn: [entry] });
    return entry;
  };
  return [
    ...plan.admins.map((arn, i) => grant(`${name}-admin-${i}`, arn, "AmazonEKSClusterAdminPolicy", { type: "cluster" })),
    ...plan.teams.map((team, i) => grant(`${name}-team-${i}`, team.roleArn, TEAM_POLICY[team.access], { type: "namespace", namespaces: team.namespaces })),
  ];
}
