import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { EksPlan } from "./plan";

function accessPolicyArn(partition: pulumi.Input<string>, policy: string): pulumi.Output<string> {
  return pulumi.interpolate`arn:${partition}:eks::aws:cluster-access-policy/${policy}`;
}

/**
 * Access entries (no aws-auth ConfigMap): admins get cluster-admin explicitly; teams only become
 * members of Kubernetes groups, which their Tenant's Roles and RoleBindings bind (CHECKS A1).
 * Teams get no access policy at all: a cloud-side edit or view policy would grant rights that no
 * rendered RBAC object shows and that the tenant's groups could not narrow.
 */
export function buildAccessEntries(name: string, plan: EksPlan, clusterName: pulumi.Input<string>, partition: pulumi.Input<string>, opts: pulumi.CustomResourceOptions): aws.eks.AccessEntry[] {
  const admins = plan.admins.map((principalArn, i) => {
    const id = `${name}-admin-${i}`;
    const entry = new aws.eks.AccessEntry(id, { clusterName, principalArn, type: "STANDARD" }, opts);
    new aws.eks.AccessPolicyAssociation(id, { clusterName, principalArn, policyArn: accessPolicyArn(partition, "AmazonEKSClusterAdminPolicy"), accessScope: { type: "cluster" } }, { ...opts, dependsOn: [entry] });
    return entry;
  });
  const teams = plan.teams.map((team, i) => new aws.eks.AccessEntry(`${name}-team-${i}`, { clusterName, principalArn: team.roleArn, type: "STANDARD", kubernetesGroups: team.groups }, opts));
  return [...admins, ...teams];
}
