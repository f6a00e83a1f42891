import { EXEC_GRANTED_ANNOTATION, type Manifest } from "@slipway/core";
import { stackCheck, type Report } from "../define";
import { labelsOf, list, namespaceOf, nameOf, record, text } from "../objects";
import { selectorMatches } from "../selectors";
import { indexOf, StackIndex } from "../stack-index";
import { checkAccessPolicies } from "./access-cloud";

/** Built-in ClusterRoles too broad for a tenant binding: they grant exec, secrets or RBAC. */
const FORBIDDEN_CLUSTER_ROLES = ["cluster-admin", "admin", "edit"];
/** Built-in ClusterRoles of the control plane and its aggregation (`system:aggregate-to-edit`...): never a tenant's. */
const SYSTEM_ROLE = /^system:/;
const EXEC_RESOURCES = ["pods/exec", "pods/attach"];
/** Subresources that reach into a pod or mint credentials: a shell by another name, a tunnel, a token for any ServiceAccount. */
const ESCALATING_RESOURCES = ["pods/*", "pods/ephemeralcontainers", "pods/portforward", "serviceaccounts/token", "serviceaccounts/*"];
/** Verbs that step around RBAC itself. */
const ESCALATING_VERBS = ["escalate", "bind", "impersonate"];
const SECRET_READ_VERBS = ["list", "watch"];
/** Labels that pour a ClusterRole's rules into the built-in admin/edit/view roles every team is given. */
const AGGREGATE_LABEL = /^rbac\.authorization\.k8s\.io\/aggregate-to-(admin|edit|view)$/;
/** Groups that contain every tenant's ServiceAccounts (or everyone). */
const EVERY_TENANT_GROUPS = ["system:serviceaccounts", "system:authenticated", "system:unauthenticated"];

function strings(value: unknown): string[] {
  return list(value).filter((v): v is string => typeof v === "string");
}

/**
 * The tenant namespace a binding subject belongs to: a ServiceAccount there, the group of all its
 * ServiceAccounts (`system:serviceaccounts:<ns>`), or one as a user (`system:serviceaccount:<ns>:<sa>`).
 * `"*"` for groups holding every tenant's accounts. Undefined for platform subjects and team groups.
 */
function tenantOfSubject(index: StackIndex, subject: Record<string, unknown>, bindingNs: string | undefined): string | undefined {
  const name = text(subject.name) ?? "";
  let ns: string | undefined;
  if (subject.kind === "ServiceAccount") ns = text(subject.namespace) ?? bindingNs;
  else if (subject.kind === "Group") {
    if (EVERY_TENANT_GROUPS.includes(name)) return "*";
    ns = /^system:serviceaccounts:([^:]+)$/.exec(name)?.[1];
  } else if (subject.kind === "User") ns = /^system:serviceaccount:([^:]+):[^:]+$/.exec(name)?.[1];
  return ns !== undefined && index.isTenantNamespace(ns) ? ns : undefined;
}

/** Reports the rules of a Role or ClusterRole that no tenant may hold. */
function checkRules(role: Manifest, report: Report): void {
  // A Role annotated with why exec was granted (Tenant `execFor`) is the one named exception, for exec and attach only.
  const execGranted = text(record(role.metadata.annotations)[EXEC_GRANTED_ANNOTATION])?.trim();
  list(role.rules).forEach((raw, i) => {
    const rule = record(raw);
    const verbs = strings(rule.verbs);
    const resources = strings(rule.resources);
    if (verbs.includes("*")) report(role, `rules[${i}].verbs`, "grants every verb (*)", "list the verbs the tenant needs");
    if (resources.includes("*")) report(role, `rules[${i}].resources`, "grants every resource (*)", "list the resources the tenant needs");
    for (const resource of resources.filter((r) => EXEC_RESOURCES.includes(r) && !execGranted)) {
      report(role, `rules[${i}].resources`, `grants ${resource}`, "remove exec/attach; debug through logs and metrics, or grant it with the tenant's execFor");
    }
    for (const resource of resources.filter((r) => ESCALATING_RESOURCES.includes(r))) {
      report(role, `rules[${i}].resources`, `grants ${resource}`, "remove it: it opens a shell, a tunnel or a token in the namespace's pods");
    }
    for (const verb of verbs.filter((v) => ESCALATING_VERBS.includes(v))) {
      report(role, `rules[${i}].verbs`, `grants ${verb}, which steps around RBAC`, `remove ${verb}`);
    }
    if (resources.includes("secrets") && verbs.some((v) => SECRET_READ_VERBS.includes(v))) {
      report(role, `rules[${i}].verbs`, "lists or watches secrets", "grant get on named secrets (resourceNames) instead");
    } else if (resources.includes("secrets") && verbs.includes("get") && strings(rule.resourceNames).length === 0) {
      report(role, `rules[${i}].resourceNames`, "grants get on every Secret in the namespace", "name the Secrets the tenant may read in resourceNames");
    }
  });
}

export const tenantRbac = stackCheck(
  {
    id: "A1",
    title: "Tenant RBAC: namespaced Roles, no wildcards, no cluster-admin, no exec/attach or escalation, no reading every secret",
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
    const once = (role: Manifest) => {
      if (checked.has(role)) return;
      checked.add(role);
      checkRules(role, report);
    };
    const clusterRoles = index.byKind("ClusterRole");
    for (const role of index.byKind("Role")) if (index.isTenantNamespace(namespaceOf(role))) once(role);
    // Aggregated ClusterRoles end up inside admin/edit/view, which every team holds one way or another.
    for (const role of clusterRoles) if (Object.entries(labelsOf(role)).some(([k, v]) => AGGREGATE_LABEL.test(k) && v === "true")) once(role);
    for (const binding of index.byKind("RoleBinding")) {
      const ns = namespaceOf(binding);
      list(binding.subjects).forEach((raw, i) => {
        const tenant = tenantOfSubject(index, record(raw), ns);
        if (tenant !== undefined && tenant !== ns) {
          report(binding, `subjects[${i}]`, `gives tenant ${tenant === "*" ? "ServiceAccounts" : tenant} rights in namespace ${ns}`, "bind tenant subjects only inside their own namespace");
        }
      });
      if (!index.isTenantNamespace(ns)) continue;
      const ref = record(binding.roleRef);
      const name = text(ref.name) ?? "";
      if (ref.kind !== "ClusterRole") continue;
      if (FORBIDDEN_CLUSTER_ROLES.includes(name) || SYSTEM_ROLE.test(name)) {
        report(binding, "roleRef.name", `binds the built-in ClusterRole ${name} in a tenant namespace`, "bind a namespaced Role listing what the tenant needs");
        continue;
      }
      const clusterRole = clusterRoles.find((r) => nameOf(r) === name);
      if (!clusterRole) continue;
      once(clusterRole);
      // An aggregating ClusterRole holds the rules of every ClusterRole its selectors match.
      for (const selector of list(record(clusterRole.aggregationRule).clusterRoleSelectors)) {
        for (const part of clusterRoles) if (part !== clusterRole && selectorMatches(selector, labelsOf(part))) once(part);
      }
    }
    for (const binding of index.byKind("ClusterRoleBinding")) {
      list(binding.subjects).forEach((raw, i) => {
        const tenant = tenantOfSubject(index, record(raw), undefined);
        if (tenant === undefined) return;
        const who = tenant === "*" ? `every tenant (group ${String(record(raw).name)})` : `tenant ${tenant} (${String(record(raw).kind)} ${String(record(raw).name)})`;
        report(binding, `subjects[${i}]`, `gives ${who} cluster-wide rights`, "use a RoleBinding to a namespaced Role in the tenant namespace");
      });
    }
    checkAccessPolicies(index, report);
  },
);
