import { fail } from "@slipway/core";
import { checkIds } from "./checks";
import { parseObjectRef } from "./objects";
import { indexOf, PSS_LABEL, TENANT_LABEL } from "./stack-index";
import type { StackView, Violation } from "./types";

/**
 * A named waiver for a platform workload: a host agent, or an operator whose chart cannot say what a
 * check asks. It is honoured only when its namespace is rendered and is not a tenant namespace, and
 * one that waives a Pod Security check only when that namespace is labelled
 * `pod-security.kubernetes.io/enforce: privileged`.
 */
export interface Exemption {
  /** What is exempt, e.g. "calico-node". */
  name: string;
  namespace: string;
  /** Workload name; `*` matches any run of characters (e.g. "rook-ceph-osd-*"). */
  workload: string;
  /** The check ids it waives. */
  checks: string[];
  /** Why the agent needs host access. */
  reason: string;
}

const HOST_ACCESS = ["S1", "S2", "S3", "S4", "S5", "S6", "S7", "S8", "S9"];
/** What Pod Security admission enforces at the restricted level: waived only in a privileged namespace. */
export const POD_SECURITY_CHECKS: readonly string[] = ["S1", "S2", "S3", "S4", "S5", "S6", "S8", "S9", "S10", "S11"];

/** The platform's host agents and the operator charts' fixed settings, and nothing else. */
export const defaultExemptions: readonly Exemption[] = [
  // Host agents (privileged namespaces).
  { name: "calico-node", namespace: "calico-system", workload: "calico-node", checks: [...HOST_ACCESS, "S10"], reason: "programs the node's network: host network, privileged, host paths" },
  { name: "rook-ceph-osd", namespace: "rook-ceph", workload: "rook-ceph-osd-*", checks: HOST_ACCESS, reason: "drives the node's raw disks: privileged, root, /dev host paths" },
  { name: "fluent-bit", namespace: "logging", workload: "fluent-bit", checks: ["S1", "S2", "S9"], reason: "reads the node's container logs from host paths as root" },
  {
    name: "tigera-operator",
    namespace: "tigera-operator",
    workload: "tigera-operator",
    checks: ["S1", "S3", "S4", "S5", "S7", "S8", "S9", "R10"],
    reason: "installs the pod network, so it runs on the host network as root with /var/lib/calico from the host; its chart offers no security context and no rollout strategy",
  },
  { name: "node-exporter", namespace: "monitoring-agents", workload: "*prometheus-node-exporter", checks: ["S8", "S9", "S10"], reason: "reads the node's metrics: host network and PID namespace, /proc, /sys and / host paths, host port 9100" },
  // Operator charts whose values cannot say what a check asks (restricted namespaces; no Pod Security check is waived).
  { name: "rook-ceph-operator", namespace: "rook-ceph", workload: "rook-ceph-operator", checks: ["R10"], reason: "one leader, and the chart fixes its strategy to Recreate" },
  { name: "ceph-csi-operator", namespace: "rook-ceph", workload: "ceph-csi-controller-manager", checks: ["R10"], reason: "the Ceph CSI operator's chart sets no rollout strategy; it is one leader-elected controller" },
  { name: "kube-state-metrics", namespace: "monitoring", workload: "*kube-state-metrics", checks: ["R10"], reason: "its chart sets no rollout strategy or preStop hook; a rollout costs at most one missed scrape" },
  { name: "opencost", namespace: "monitoring", workload: "*opencost", checks: ["R10"], reason: "its chart offers no preStop hook; a cost query retried during a rollout loses nothing" },
  { name: "cert-manager-webhook", namespace: "cert-manager", workload: "*cert-manager-webhook", checks: ["R10"], reason: "its chart offers no preStop hook; two replicas and a budget keep the webhook answering during a rollout" },
  {
    name: "envoy-gateway",
    namespace: "gateway-system",
    workload: "envoy-gateway",
    checks: ["R10", "L6"],
    reason: "its chart offers no rollout strategy or preStop hook, and its xDS certificate Secret is written at install by the chart's certgen hook Job",
  },
  {
    name: "harbor",
    namespace: "harbor",
    workload: "*-harbor-*",
    checks: ["S7", "R10", "R12"],
    reason: "Harbor's images write into their root filesystems and its chart adds no writable mounts, sets no rollout strategy or preStop hook, and fronts its StatefulSets with ClusterIP Services",
  },
  { name: "cloudnative-pg", namespace: "cnpg-system", workload: "*cloudnative-pg", checks: ["R4", "R10"], reason: "its chart writes the same liveness and readiness probe and offers no preStop hook; databases keep serving while their operator restarts" },
  {
    name: "opensearch-operator",
    namespace: "log-store",
    workload: "opensearch-operator",
    checks: ["R4", "R5", "R10"],
    reason: "its chart fixes one replica and the manager's ports (its probes use the undeclared 8081) and sets no rollout strategy or preStop hook; the OpenSearch cluster keeps serving while its operator restarts",
  },
  { name: "harbor-core", namespace: "harbor", workload: "*-harbor-core", checks: ["R4"], reason: "the chart writes core's liveness probe the same as its readiness probe" },
  { name: "harbor-registry", namespace: "harbor", workload: "*-harbor-registry", checks: ["R5"], reason: "its image store is one ReadWriteOnce volume, so the registry runs one replica" },
];

const WORKLOAD_KINDS = ["Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob", "ReplicationController"];

/** Fails unless every exemption is named, targets a namespace and workload, and waives known checks. */
export function validateExemptions(exemptions: readonly Exemption[]): void {
  exemptions.forEach((e, i) => {
    const site = { component: "Exemption", name: typeof e.name === "string" && e.name ? e.name : `#${i}` };
    if (typeof e.name !== "string" || e.name === "") fail(site, "name", e.name, "is empty", "name the exempt agent, e.g. calico-node");
    for (const field of ["namespace", "workload", "reason"] as const) {
      if (typeof e[field] !== "string" || e[field] === "") fail(site, field, e[field], "is empty", `set ${field}`);
    }
    if (!Array.isArray(e.checks) || e.checks.length === 0) fail(site, "checks", e.checks, "waives nothing", "list the check ids it waives, e.g. [\"S6\"]");
    e.checks.forEach((id, j) => {
      if (!checkIds.includes(id)) fail(site, `checks[${j}]`, id, "is not a check id", `use ids from CHECKS.md: ${checkIds.join(", ")}`);
    });
  });
}

/** True when an exemption waives a check Pod Security admission enforces (so it needs a privileged namespace). */
export function waivesPodSecurity(e: Exemption): boolean {
  return e.checks.some((id) => POD_SECURITY_CHECKS.includes(id));
}

/**
 * The exemptions whose namespace the stack renders and is not a tenant's; one that waives a Pod
 * Security check only where that namespace is labelled privileged.
 */
export function honouredExemptions(view: StackView, exemptions: readonly Exemption[]): Exemption[] {
  const index = indexOf(view);
  return exemptions.filter((e) => {
    const labels = index.namespaceLabels(e.namespace);
    if (labels === undefined || TENANT_LABEL in labels) return false;
    return !waivesPodSecurity(e) || labels[`${PSS_LABEL}/enforce`] === "privileged";
  });
}

function globToRegExp(pattern: string): RegExp {
  return new RegExp(`^${pattern.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`);
}

/** The exemption that waives this violation, if any: same check, namespace and a matching workload name. */
export function exemptionFor(violation: Violation, exemptions: readonly Exemption[]): Exemption | undefined {
  const ref = parseObjectRef(violation.object);
  if (!ref || !WORKLOAD_KINDS.includes(ref.kind)) return undefined;
  const namespace = ref.namespace ?? "default";
  return exemptions.find((e) => e.checks.includes(violation.check) && e.namespace === namespace && globToRegExp(e.workload).test(ref.name));
}
