import { fail } from "@slipway/core";
import { checkIds } from "./checks";
import { parseObjectRef } from "./objects";
import { indexOf, PSS_LABEL, TENANT_LABEL } from "./stack-index";
import type { StackView, Violation } from "./types";

/**
 * A named waiver for a platform host agent. It is honoured only when its namespace is rendered,
 * labelled `pod-security.kubernetes.io/enforce: privileged`, and is not a tenant namespace.
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

/** The platform's host agents, and nothing else. */
export const defaultExemptions: readonly Exemption[] = [
  { name: "calico-node", namespace: "calico-system", workload: "calico-node", checks: [...HOST_ACCESS, "S10"], reason: "programs the node's network: host network, privileged, host paths" },
  { name: "rook-ceph-osd", namespace: "rook-ceph", workload: "rook-ceph-osd-*", checks: HOST_ACCESS, reason: "drives the node's raw disks: privileged, root, /dev host paths" },
  { name: "fluent-bit", namespace: "logging", workload: "fluent-bit", checks: ["S1", "S2", "S9"], reason: "reads the node's container logs from host paths as root" },
  { name: "node-exporter", namespace: "monitoring-agents", workload: "*prometheus-node-exporter", checks: ["S8", "S9", "S10"], reason: "reads the node's metrics: host network and PID namespace, /proc, /sys and / host paths, host port 9100" },
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

/** The exemptions whose namespace the stack renders as a privileged, non-tenant namespace. */
export function honouredExemptions(view: StackView, exemptions: readonly Exemption[]): Exemption[] {
  const index = indexOf(view);
  return exemptions.filter((e) => {
    const labels = index.namespaceLabels(e.namespace);
    return labels !== undefined && labels[`${PSS_LABEL}/enforce`] === "privileged" && !(TENANT_LABEL in labels);
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
