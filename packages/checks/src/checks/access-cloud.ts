import type { Report } from "../define";
import { list, record, text } from "../objects";
import type { StackIndex } from "../stack-index";

const ASSOCIATION = "aws:eks/accessPolicyAssociation:AccessPolicyAssociation";
const ACCESS_ENTRY = "aws:eks/accessEntry:AccessEntry";
const ACCESS_POLICY = /cluster-access-policy\/([A-Za-z0-9]+)$/;
/** EKS access policies that carry exec, attach, every Secret and any ServiceAccount: Kubernetes' admin and edit. */
const TEAM_FORBIDDEN_POLICIES = ["AmazonEKSAdminPolicy", "AmazonEKSEditPolicy"];
const CLUSTER_ADMIN_POLICY = "AmazonEKSClusterAdminPolicy";

/**
 * A1 on the cloud side: EKS access entries grant Kubernetes rights outside RBAC. Admin and Edit
 * policies are what a team would hold (platform admins hold ClusterAdmin at cluster scope), so
 * they are refused for anyone; ClusterAdmin is refused when scoped to namespaces (a team grant);
 * an entry mapping a principal into `system:masters` is refused outright.
 */
export function checkAccessPolicies(index: StackIndex, report: Report): void {
  for (const assoc of index.cloudOfType(ASSOCIATION)) {
    const policy = ACCESS_POLICY.exec(text(assoc.inputs.policyArn) ?? "")?.[1];
    if (!policy) continue;
    const scope = record(assoc.inputs.accessScope);
    if (TEAM_FORBIDDEN_POLICIES.includes(policy)) {
      report(assoc, "policyArn", `grants ${policy} (Kubernetes ${policy === "AmazonEKSEditPolicy" ? "edit" : "admin"}: exec, every Secret, any ServiceAccount)`, "give the principal kubernetesGroups on its access entry and bind them to the tenant's Roles");
    } else if (policy === CLUSTER_ADMIN_POLICY && scope.type === "namespace") {
      report(assoc, "policyArn", `grants ${policy} in namespaces ${list(scope.namespaces).join(", ")}`, "give the team kubernetesGroups bound to the tenant's Roles; keep cluster admin for platform admins");
    }
  }
  for (const entry of index.cloudOfType(ACCESS_ENTRY)) {
    list(entry.inputs.kubernetesGroups).forEach((group, i) => {
      if (group === "system:masters") report(entry, `kubernetesGroups[${i}]`, "maps the principal into system:masters, which no RBAC rule can limit", "map it to a group bound to the Roles it needs");
    });
  }
}
