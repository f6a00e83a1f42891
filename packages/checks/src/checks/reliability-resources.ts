import type { Manifest } from "@slipway/core";
import { objectCheck, Report } from "../define";
import { annotationsOf, record } from "../objects";
import { containersOf, podTemplateOf, RUNNING_CONTAINER_LISTS } from "../pods";

import { CPU_LIMIT_ANNOTATION } from "@slipway/core";

/**
 * CPU_LIMIT_ANNOTATION on a workload records an explicit decision to run without a CPU limit
 * (`cpuLimit: null`); any other value, or none, means the limit is required.
 */
export { CPU_LIMIT_ANNOTATION };
export const CPU_LIMIT_REMOVED = "none";

function isSet(value: unknown): boolean {
  return value !== undefined && value !== null && value !== "";
}

/** Reports every running container that lacks one of the given `resources.<section>.<name>` entries. */
function requireResources(m: Manifest, report: Report, wanted: Array<[section: "requests" | "limits", name: string]>, hint: string): void {
  const pod = podTemplateOf(m);
  if (!pod) return;
  for (const ref of containersOf(pod, RUNNING_CONTAINER_LISTS)) {
    const resources = record(ref.container.resources);
    for (const [section, name] of wanted) {
      if (!isSet(record(resources[section])[name])) {
        report(m, `${ref.path}.resources.${section}.${name}`, `has no ${name} ${section === "requests" ? "request" : "limit"}`, hint);
      }
    }
  }
}

export const requests = objectCheck(
  {
    id: "R1",
    title: "CPU and memory requests on every container",
    tools: ["KL:unset-cpu-requirements", "KL:unset-memory-requirements", "KS:container-resources", "PO:cpuRequestsMissing", "PO:memoryRequestsMissing"],
  },
  (m, report) =>
    requireResources(m, report, [["requests", "cpu"], ["requests", "memory"]], "set resources.requests (the app's profile or size preset sets them)"),
);

export const limits = objectCheck(
  {
    id: "R2",
    title: "Memory limit on every container; CPU limit unless explicitly removed",
    tools: ["KL:unset-cpu-requirements", "KL:unset-memory-requirements", "KS:container-resources", "PO:cpuLimitsMissing", "PO:memoryLimitsMissing"],
  },
  (m, report) => {
    const cpuRemoved = annotationsOf(m)[CPU_LIMIT_ANNOTATION] === CPU_LIMIT_REMOVED;
    const wanted: Array<["limits", string]> = cpuRemoved ? [["limits", "memory"]] : [["limits", "memory"], ["limits", "cpu"]];
    requireResources(m, report, wanted, `set resources.limits (a CPU limit may be removed explicitly with cpuLimit: null, recorded as ${CPU_LIMIT_ANNOTATION}: ${CPU_LIMIT_REMOVED})`);
  },
);

export const ephemeralStorage = objectCheck(
  { id: "R3", title: "ephemeral-storage request and limit on every container", tools: ["KS:container-ephemeral-storage-request-and-limit"] },
  (m, report) =>
    requireResources(m, report, [["requests", "ephemeral-storage"], ["limits", "ephemeral-storage"]], "set resources.requests and resources.limits for ephemeral-storage"),
);
