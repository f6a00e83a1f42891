import { ChartSource } from "@slipway/core";

/** The one place the observability charts are pinned. */

/** kube-prometheus-stack 75.x (prometheus-operator v0.83): operator, Prometheus, Alertmanager, Grafana, exporters. */
export const KUBE_PROMETHEUS_STACK_CHART: ChartSource = {
  chart: "kube-prometheus-stack",
  version: "75.15.1",
  repository: "https://prometheus-community.github.io/helm-charts",
};

/** fluent-bit 0.50.x (Fluent Bit 4.0): the log shipper, as a DaemonSet. */
export const FLUENT_BIT_CHART: ChartSource = {
  chart: "fluent-bit",
  version: "0.50.0",
  repository: "https://fluent.github.io/helm-charts",
};

/** The Grafana sidecar loads every ConfigMap carrying this label (with value "1") as a dashboard. */
export const DASHBOARD_LABEL = "grafana_dashboard";
/** The annotation naming the Grafana folder a dashboard ConfigMap goes into. */
export const DASHBOARD_FOLDER_ANNOTATION = "grafana_folder";

/** opencost 2.5.x (OpenCost 1.120): cost allocation per namespace and workload from Prometheus' metrics. */
export const OPENCOST_CHART: ChartSource = {
  chart: "opencost",
  version: "2.5.17",
  repository: "https://opencost.github.io/opencost-helm-chart",
};
