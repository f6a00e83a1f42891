import { checkNumber, fail, InputSite, Manifest } from "@slipway/core";
import { ScaleArgs } from "./args";

/** Validates `scale` (min >= 2, max > min, targets 1-100: CHECKS R9) and plans the HPA for a Deployment. */
export function planHpa(site: InputSite, meta: { name: string; namespace: string; labels: Record<string, string> }, target: string, scale: ScaleArgs): Manifest {
  if (!scale || typeof scale !== "object") return fail(site, "scale", scale, "must be { min, max, cpuPercent?, memoryPercent? }");
  const min = checkNumber(site, "scale.min", scale.min, { min: 2, max: 1000 });
  const max = checkNumber(site, "scale.max", scale.max, { min: 1, max: 1000 });
  if (max <= min) fail(site, "scale.max", max, `must be greater than scale.min (${min})`, "raise scale.max or use fixed replicas");
  const metric = (name: "cpu" | "memory", percent: number) => ({
    type: "Resource",
    resource: { name, target: { type: "Utilization", averageUtilization: checkNumber(site, `scale.${name}Percent`, percent, { min: 1, max: 100 }) } },
  });
  const metrics = [
    ...(scale.cpuPercent !== undefined || scale.memoryPercent === undefined ? [metric("cpu", scale.cpuPercent ?? 70)] : []),
    ...(scale.memoryPercent !== undefined ? [metric("memory", scale.memoryPercent)] : []),
  ];
  const window = checkNumber(site, "scale.scaleDownStabilizationSeconds", scale.scaleDownStabilizationSeconds ?? 300, { min: 0, max: 3600 });
  return {
    apiVersion: "autoscaling/v2",
    kind: "HorizontalPodAutoscaler",
    metadata: meta,
    spec: {
      scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: target },
      minReplicas: min,
      maxReplicas: max,
      metrics,
      behavior: { scaleDown: { stabilizationWindowSeconds: window, policies: [{ type: "Pods", value: 1, periodSeconds: 60 }] } },
    },
  };
}

/** A PodDisruptionBudget letting one pod go at a time, never blocking drains on unhealthy pods (CHECKS R6, R7). */
export function planPdb(meta: { name: string; namespace: string; labels: Record<string, string> }, selector: Record<string, string>): Manifest {
  return {
    apiVersion: "policy/v1",
    kind: "PodDisruptionBudget",
    metadata: meta,
    spec: { maxUnavailable: 1, unhealthyPodEvictionPolicy: "AlwaysAllow", selector: { matchLabels: selector } },
  };
}
