import { checkGroupName, EXEC_GRANTED_ANNOTATION, fail, InputSite, Manifest } from "@slipway/core";
import { TenantGroups } from "./args";

type Rule = { apiGroups: string[]; resources: string[]; verbs: string[] };
type Meta = { name: string; namespace: string; labels: Record<string, string> };

const READ = ["get", "list", "watch"];
const WRITE = ["create", "update", "patch", "delete"];

/** What every role may read: workloads, their config and status; never Secrets. */
const READABLE: Rule[] = [
  { apiGroups: [""], resources: ["pods", "pods/log", "services", "endpoints", "configmaps", "persistentvolumeclaims", "events", "serviceaccounts"], verbs: READ },
  { apiGroups: ["apps"], resources: ["deployments", "statefulsets", "replicasets", "daemonsets"], verbs: READ },
  { apiGroups: ["batch"], resources: ["jobs", "cronjobs"], verbs: READ },
  { apiGroups: ["autoscaling"], resources: ["horizontalpodautoscalers"], verbs: READ },
  { apiGroups: ["policy"], resources: ["poddisruptionbudgets"], verbs: READ },
  { apiGroups: ["networking.k8s.io"], resources: ["networkpolicies", "ingresses"], verbs: READ },
  { apiGroups: ["discovery.k8s.io"], resources: ["endpointslices"], verbs: READ },
  { apiGroups: ["gateway.networking.k8s.io"], resources: ["httproutes", "grpcroutes"], verbs: READ },
];

/** What developers change: workloads and their config; Secrets are write-only (no get/list/watch: CHECKS A1). */
const DEVELOPER: Rule[] = [
  { apiGroups: [""], resources: ["pods"], verbs: ["delete"] },
  { apiGroups: [""], resources: ["services", "configmaps"], verbs: WRITE },
  { apiGroups: [""], resources: ["secrets"], verbs: WRITE },
  { apiGroups: ["apps"], resources: ["deployments", "statefulsets"], verbs: WRITE },
  { apiGroups: ["apps"], resources: ["deployments/scale", "statefulsets/scale"], verbs: ["get", "update", "patch"] },
  { apiGroups: ["batch"], resources: ["jobs", "cronjobs"], verbs: WRITE },
  { apiGroups: ["autoscaling"], resources: ["horizontalpodautoscalers"], verbs: WRITE },
  { apiGroups: ["gateway.networking.k8s.io"], resources: ["httproutes", "grpcroutes"], verbs: WRITE },
];

/** What admins add: access, policies and claims of the namespace; quotas stay read-only (the platform owns them). */
const ADMIN: Rule[] = [
  { apiGroups: [""], resources: ["serviceaccounts", "persistentvolumeclaims"], verbs: WRITE },
  { apiGroups: [""], resources: ["resourcequotas", "limitranges"], verbs: READ },
  { apiGroups: ["policy"], resources: ["poddisruptionbudgets"], verbs: WRITE },
  { apiGroups: ["networking.k8s.io"], resources: ["networkpolicies"], verbs: WRITE },
  { apiGroups: ["rbac.authorization.k8s.io"], resources: ["roles", "rolebindings"], verbs: [...READ, ...WRITE] },
];

const EXEC: Rule = { apiGroups: [""], resources: ["pods/exec", "pods/attach"], verbs: ["create", "get"] };

/** The rules of each role; exec and attach only for the roles granted them. */
export function roleRules(role: keyof TenantGroups, execFor: readonly string[]): Rule[] {
  const rules = role === "viewer" ? READABLE : role === "developer" ? [...READABLE, ...DEVELOPER] : [...READABLE, ...DEVELOPER, ...ADMIN];
  return execFor.includes(role) ? [...rules, EXEC] : rules;
}

/** Namespaced Roles and RoleBindings mapping team groups to admin / developer / viewer (CHECKS A1). */
export function planRbac(site: InputSite, meta: Meta, groups: TenantGroups = {}, execFor: readonly string[] = []): Manifest[] {
  for (const [i, role] of execFor.entries()) {
    if (role !== "admin" && role !== "developer") fail(site, `execFor[${i}]`, role, "is not a role that can be granted exec", 'use "admin" or "developer"');
  }
  const objects: Manifest[] = [];
  for (const role of ["admin", "developer", "viewer"] as const) {
    const members = groups[role];
    if (members === undefined) continue;
    if (!Array.isArray(members) || members.length === 0) fail(site, `groups.${role}`, members, "must list at least one group");
    members.forEach((group, i) => checkGroupName(site, `groups.${role}[${i}]`, group));
    const name = `${meta.namespace}-${role}`;
    const annotations = execFor.includes(role) ? { annotations: { [EXEC_GRANTED_ANNOTATION]: "granted by the tenant's execFor" } } : {};
    objects.push({ apiVersion: "rbac.authorization.k8s.io/v1", kind: "Role", metadata: { ...meta, name, ...annotations }, rules: roleRules(role, execFor) });
    objects.push({
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "RoleBinding",
      metadata: { ...meta, name },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name },
      subjects: members.map((group) => ({ apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: group })),
    });
  }
  return objects;
}
