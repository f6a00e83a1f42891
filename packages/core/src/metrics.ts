/**
 * The seam between platform components that serve Prometheus metrics (Calico, Ceph) and the
 * MonitoringStack that scrapes them: each component describes its targets, alerts and dashboard
 * as plain data, and the MonitoringStack renders the PodMonitors, PrometheusRule and dashboard.
 * (Ceph's storage is what Prometheus itself stores on, so the handle cannot point the other way.)
 */

/**
 * Annotation on a PodMonitor or ServiceMonitor naming the operator that creates the pods it selects
 * from a custom resource (calico-node from the Installation, Ceph's mgr from the CephCluster):
 * nothing renders those pods, so the link checks (L5) cannot look for them.
 */
export const PODS_FROM_OPERATOR_ANNOTATION = "slipway.dev/pods-from-operator";

/** A set of pods Prometheus scrapes. */
export interface ScrapeTarget {
  /** DNS label naming the monitor, e.g. "felix". */
  name: string;
  /** Namespace of the pods. */
  namespace: string;
  /** Labels of the pods that serve the metrics (as their operator sets them). */
  podSelector: Record<string, string>;
  /** The container serving the metrics. */
  container: string;
  /** Port the metrics are served on. */
  port: number;
  /** The container port's name, when the pods declare it; without one the pod IP and `port` are scraped (host-network agents declare none). @default none */
  portName?: string;
  /** HTTP path. @default "/metrics" */
  path?: string;
  /** The operator creating the pods, e.g. "tigera-operator". */
  createdBy: string;
}

/** One alerting rule as the PrometheusRule CRD takes it. */
export interface PlatformAlertRule {
  alert: string;
  expr: string;
  for: string;
  labels: { severity: "critical" | "warning" | "info" };
  annotations: { summary: string; description?: string };
}

/** An alerting rule: the one spelling every component's alerts share. */
export function alertRule(alert: string, expr: string, duration: string, severity: PlatformAlertRule["labels"]["severity"], summary: string, description?: string): PlatformAlertRule {
  return { alert, expr, for: duration, labels: { severity }, annotations: { summary, ...(description !== undefined ? { description } : {}) } };
}

/** What a platform component hands the MonitoringStack: targets, alerts on them, and a dashboard. */
export interface PlatformMetrics {
  /** DNS label naming the component's monitors, rules and dashboard, e.g. "calico". */
  component: string;
  targets: ScrapeTarget[];
  ruleGroups: { name: string; rules: PlatformAlertRule[] }[];
  /** A Grafana dashboard model (title, panels). */
  dashboard: Record<string, unknown>;
}

/** A Grafana time-series panel over one PromQL query, for the small dashboards components ship. */
export function dashboardPanel(id: number, title: string, expr: string, unit: string, position: { x: number; y: number }): Record<string, unknown> {
  return {
    id,
    type: "timeseries",
    title,
    datasource: { type: "prometheus", uid: "prometheus" },
    gridPos: { h: 8, w: 12, ...position },
    fieldConfig: { defaults: { unit }, overrides: [] },
    targets: [{ refId: "A", expr, legendFormat: "{{pod}}" }],
  };
}

/** A dashboard model from panels laid out two per row. */
export function platformDashboard(uid: string, title: string, panels: { title: string; expr: string; unit: string }[]): Record<string, unknown> {
  return {
    uid,
    title,
    tags: ["slipway", "platform"],
    schemaVersion: 39,
    time: { from: "now-6h", to: "now" },
    panels: panels.map((p, i) => dashboardPanel(i + 1, p.title, p.expr, p.unit, { x: (i % 2) * 12, y: Math.floor(i / 2) * 8 })),
  };
}
