import { ChartSource } from "@slipway/core";

/** The one place the Calico versions are pinned. */

/** The tigera-operator chart (Calico v3.30, operator v1.38). */
export const TIGERA_OPERATOR_CHART: ChartSource = {
  chart: "tigera-operator",
  version: "v3.30.2",
  repository: "https://docs.tigera.io/calico/charts",
};

/** Where calico/node serves Felix's Prometheus metrics (the port Calico's monitoring guide uses). */
export const FELIX_METRICS_PORT = 9091;
/** Where calico/typha serves its Prometheus metrics. */
export const TYPHA_METRICS_PORT = 9093;
/** The namespace the operator runs Calico's own components in (created and labelled by the operator). */
export const CALICO_SYSTEM_NAMESPACE = "calico-system";
