import { EXEC_GRANTED_ANNOTATION, type Manifest } from "@slipway/core";
import { stackCheck } from "../define";
import { list, namespaceOf, nameOf, record, text } from "../objects";
import { indexOf } from "../stack-index";

/** Built-in ClusterRoles too broad for a tenant binding: they grant exec, secrets or RBAC. */
const FORBIDDEN_CLUSTER_ROLES = ["cluster-admin", "admin", "edit"];
const EXEC_RESOURCES = ["pods/exec", "pods/attach", "pods/*"];
const SECRET_READ_VERBS = ["list", "watch"];

function strings(value: unknown): string[] {
  return list(value).filter((v): v is string => typeof v === "string");
}

export const tenantRbac = stackCheck(
  {
    id: "A1",
    title: "Tenant RBAC: namespaced Roles, no wildcards, no cluster-admin, no exec/attach, no list/watch on secrets",
    tools: [
      "KL:wildcard-in-rules",
      "KL:access-to-secrets",
      "KL:cluster-admin-role-binding",
      "PO:clusterrolebindingClusterAdmin",
      "PO:rolebindingClusterAdminClusterRole",
      "PO:rolePodExecAttach",
      "PO:clusterrolePodExecAttach",
    ],
  },
  (stack, report) => {
    const index = indexOf(stack);
    const checked = new Set<Manifest>();
    const checkRules = (role: Manifest) => {
      if (checked.has(role)) return;
      checked.add(role);
      // A Role annotated with why exec was granted (Tenant `execFor`) is the one named exception.
      const execGranted = text(record(role.metadata.annotations)[EXEC_GRANTED_ANNOTATION])?.trim();
      list(role.rules).forEach((raw, i) => {
        const rule = record(raw);
        const verbs = strings(rule.verbs);
        const resources = strings(rule.resources);
        if (verbs.includes("*")) report(role, `rules[${i}].verbs`, "grants every verb (*)", "list the verbs the tenant needs");
        if (resources.includes("*")) report(role, `rules[${i}].resources`, "grants every resource (*)", "list the resources the tenant needs");
        for (const resource of resources.filter((r) => EXEC_RESOURCES.includes(r) && !(execGranted && r !== "pods/*"))) {
          report(role, `rules[${i}].resources`, `grants ${resource}`, "remove exec/attach; debug through logs, metrics or ephemeral containers the platform grants");
        }
        if (resources.includes("secrets") && verbs.some((v) => SECRET_READ_VERBS.includes(v))) {
          report(role, `rules[${i}].verbs`, "lists or watches secrets", "grant get on named secrets (resourceNames) instead");
        }
      });
    };
    for (const role of index.byKind("Role")) if (index.isTenantNamespace(namespaceOf(role))) checkRules(role);
    for (const binding of index.byKind("RoleBinding")) {
      if (!index.isTenantNamespace(namespaceOf(binding))) continue;
      const ref = record(binding.roleRef);
      const name = text(ref.name) ?? "";
      if (ref.kind !== "ClusterRole") continue;
      if (FORBIDDEN_CLUSTER_ROLES.includes(name)) {
        report(binding, "roleRef.name", `binds the built-in ClusterRole ${name} in a tenant namespace`, "bind a namespaced Role listing what the tenant needs");
        continue;
      }
      const clusterRole = index.byKind("ClusterRole").find((r) => nameOf(r) === name);
      if (clusterRole) checkRules(clusterRole);
    }
    for (const binding of index.byKind("ClusterRoleBinding")) {
      list(binding.subjects).forEach((raw, i) => {
        const subject = record(raw);
        const ns = text(subject.namespace);
        if (subject.kind === "ServiceAccount" && ns !== undefined && index.isTenantNamespace(ns)) {
          report(binding, `subjects[${i}]`, `gives tenant ServiceAccount ${ns}/${String(subject.name)} cluster-wide rights`, "use a RoleBinding to a namespaced Role in the tenant namespace");
        }
      });
    }
  },
);
