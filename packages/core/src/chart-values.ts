import { CHART_BACKEND_ANNOTATION } from "./builders/pod";
import { buildResources } from "./builders/resources";
import { DEFAULT_PROFILE, SizePreset } from "./profile";
import { Manifest } from "./manifest";

/**
 * The secure-defaults profile written in the vocabulary Helm charts share, so every operator
 * chart's values say the same thing the platform's own workloads do (CHECKS R1-R3, R5-R8, R10, S7).
 */

/** CPU, memory and ephemeral-storage requests and limits of a size preset (R1-R3). */
export function chartResources(size: SizePreset = DEFAULT_PROFILE.size): Record<string, Record<string, string>> {
  return buildResources({ component: "chart", name: "values" }, "resources", DEFAULT_PROFILE, size) as Record<string, Record<string, string>>;
}

/** A Deployment strategy that keeps every old pod until its replacement is ready (R10). */
export const ZERO_DOWNTIME_STRATEGY = { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } } as const;

/** A preStop pause so endpoints drain before the process gets SIGTERM (R10). */
export const PRESTOP_PAUSE = { preStop: { sleep: { seconds: DEFAULT_PROFILE.preStopSleepSeconds } } } as const;

/** Replicas spread over hosts (R8): a topology spread constraint on the pods `labels` select. */
export function spreadOverHosts(labels: Record<string, string>): Record<string, unknown>[] {
  return [{ maxSkew: 1, topologyKey: "kubernetes.io/hostname", whenUnsatisfiable: "ScheduleAnyway", labelSelector: { matchLabels: labels } }];
}

/** A container security context that passes Pod Security "restricted" with a read-only root (S1-S7). */
export const RESTRICTED_CONTAINER = {
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  runAsNonRoot: true,
  privileged: false,
  capabilities: { drop: ["ALL"] },
  seccompProfile: { type: "RuntimeDefault" },
} as const;

/**
 * A PodDisruptionBudget for the pods of `chart` when the chart renders none, or none that says
 * `unhealthyPodEvictionPolicy` (R6, R7): one pod at a time, and a pod that is not ready never blocks a drain.
 */
export function disruptionBudget(chart: string, name: string, namespace: string, selector: Record<string, string>, labels: Record<string, string>): Manifest {
  return {
    apiVersion: "policy/v1",
    kind: "PodDisruptionBudget",
    metadata: { name, namespace, labels, annotations: { [CHART_BACKEND_ANNOTATION]: chart } },
    spec: { maxUnavailable: 1, unhealthyPodEvictionPolicy: "AlwaysAllow", selector: { matchLabels: selector } },
  };
}
