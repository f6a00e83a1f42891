import { alertRule as rule, checkNumber, checkOneOf, fail, InputSite, Manifest, PlatformAlertRule } from "@slipway/core";
import { checkPrometheusDuration } from "../shared/durations";
import { AlertArgs, PlatformRulesArgs } from "./args";
import { checkPromQL } from "./promql";

/** One alerting rule as the PrometheusRule CRD takes it. */
export type AlertRule = PlatformAlertRule;

const SEVERITIES = ["critical", "warning", "info"] as const;
const ALERT_NAME = /^[A-Z][A-Za-z0-9]*$/;

/** The platform's own alerts, grouped by what they watch, with thresholds from the arguments. */
export function platformRuleGroups(site: InputSite, args: PlatformRulesArgs): { name: string; rules: AlertRule[] }[] {
  const restarts = checkNumber(site, "platformRules.restartsPer15m", args.restartsPer15m ?? 3, { min: 1, max: 100 });
  const freePercent = checkNumber(site, "platformRules.volumeFreePercent", args.volumeFreePercent ?? 10, { min: 1, max: 50 });
  const expiryDays = checkNumber(site, "platformRules.certificateExpiryDays", args.certificateExpiryDays ?? 7, { min: 1, max: 90 });
  return [
    {
      name: "slipway.nodes",
      rules: [
        rule(
          "NodeUnderPressure",
          'kube_node_status_condition{condition=~"MemoryPressure|DiskPressure|PIDPressure",status="true"} == 1',
          "5m",
          "warning",
          "Node {{ $labels.node }} reports {{ $labels.condition }}",
          "The kubelet is under resource pressure and may evict pods.",
        ),
      ],
    },
    {
      name: "slipway.workloads",
      rules: [
        rule(
          "PodRestartingOften",
          `increase(kube_pod_container_status_restarts_total[15m]) > ${restarts}`,
          "0s",
          "warning",
          `Container {{ $labels.namespace }}/{{ $labels.pod }}/{{ $labels.container }} restarted more than ${restarts} times in 15 minutes`,
          "Frequent restarts usually mean failing probes or out-of-memory kills.",
        ),
        rule(
          "PodCrashLooping",
          'max_over_time(kube_pod_container_status_waiting_reason{reason="CrashLoopBackOff"}[5m]) >= 1',
          "10m",
          "critical",
          "Container {{ $labels.namespace }}/{{ $labels.pod }}/{{ $labels.container }} is crash looping",
          "The container keeps exiting; check its logs and last termination reason.",
        ),
        rule(
          "DeploymentReplicasUnavailable",
          "kube_deployment_status_replicas_unavailable > 0",
          "15m",
          "warning",
          "Deployment {{ $labels.namespace }}/{{ $labels.deployment }} has {{ $value }} unavailable replicas",
          "Pods are not ready: scheduling, image pulls or probes are failing.",
        ),
      ],
    },
    {
      name: "slipway.storage",
      rules: [
        rule(
          "VolumeFillingUp",
          `kubelet_volume_stats_available_bytes / kubelet_volume_stats_capacity_bytes < ${freePercent / 100}`,
          "10m",
          "warning",
          `Volume {{ $labels.namespace }}/{{ $labels.persistentvolumeclaim }} has less than ${freePercent}% free`,
          "Grow the claim or free space before writes fail.",
        ),
      ],
    },
    {
      name: "slipway.certificates",
      rules: [
        rule(
          "CertificateExpiringSoon",
          `certmanager_certificate_expiration_timestamp_seconds - time() < ${expiryDays}*24*3600`,
          "1h",
          "warning",
          `Certificate {{ $labels.namespace }}/{{ $labels.name }} expires in less than ${expiryDays} days`,
          "cert-manager has not renewed it; check the Certificate's events and its issuer.",
        ),
      ],
    },
  ];
}

/** Validates one user alert and returns its rule. */
export function userAlertRule(site: InputSite, path: string, alert: AlertArgs): AlertRule {
  if (!alert || typeof alert !== "object") return fail(site, path, alert, "must be an object", "e.g. { name, expr, severity, summary }");
  if (typeof alert.name !== "string" || !ALERT_NAME.test(alert.name)) {
    fail(site, `${path}.name`, alert.name, "is not a CamelCase alert name", 'start with a capital letter and use letters and digits only, e.g. "CartCheckoutErrors"');
  }
  const expr = checkPromQL(site, `${path}.expr`, alert.expr);
  const duration = alert.for ?? "5m";
  checkPrometheusDuration(site, `${path}.for`, duration, { maxSeconds: 7 * 86400 });
  const severity = checkOneOf(site, `${path}.severity`, alert.severity, SEVERITIES);
  if (typeof alert.summary !== "string" || alert.summary.trim() === "") fail(site, `${path}.summary`, alert.summary, "must be a non-empty string", "say in one line what is wrong");
  if (alert.description !== undefined && typeof alert.description !== "string") fail(site, `${path}.description`, alert.description, "must be a string");
  const annotations = { summary: alert.summary, ...(alert.description ? { description: alert.description } : {}) };
  return { alert: alert.name, expr, for: duration, labels: { severity }, annotations };
}

/** A PrometheusRule with the given groups. */
export function prometheusRule(metadata: { name: string; namespace: string; labels: Record<string, string> }, groups: { name: string; rules: AlertRule[] }[]): Manifest {
  return { apiVersion: "monitoring.coreos.com/v1", kind: "PrometheusRule", metadata, spec: { groups } };
}
