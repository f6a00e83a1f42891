import { CHART_BACKEND_ANNOTATION, Manifest } from "@slipway/core";
import { METRICS_PORT } from "./fluent-bit-config";
import { FLUENT_BIT_NAME } from "./values";

type Meta = { namespace: string; labels: Record<string, string> };

/** Scrapes every fluent-bit pod through the chart's Service (port "http", Fluent Bit's v2 metrics with storage gauges). */
export function fluentBitServiceMonitor(name: string, meta: Meta): Manifest {
  return {
    apiVersion: "monitoring.coreos.com/v1",
    kind: "ServiceMonitor",
    // The Service it selects comes from the fluent-bit chart, which renders nothing offline.
    metadata: { name, ...meta, annotations: { [CHART_BACKEND_ANNOTATION]: FLUENT_BIT_NAME } },
    spec: {
      selector: { matchLabels: { "app.kubernetes.io/name": FLUENT_BIT_NAME } },
      namespaceSelector: { matchNames: [meta.namespace] },
      endpoints: [{ port: "http", path: "/api/v2/metrics/prometheus", interval: "30s", scheme: "http" }],
    },
  };
}

/** Alerts on the failure modes buffering cannot hide: chunks dropped after retries, and a backend that stopped accepting. */
export function fluentBitRules(name: string, meta: Meta): Manifest {
  return {
    apiVersion: "monitoring.coreos.com/v1",
    kind: "PrometheusRule",
    metadata: { name, ...meta },
    spec: {
      groups: [
        {
          name: "slipway.logging",
          rules: [
            {
              alert: "LogChunksDropped",
              expr: `increase(fluentbit_output_retries_failed_total{namespace="${meta.namespace}"}[10m]) > 0`,
              for: "0s",
              labels: { severity: "warning" },
              annotations: { summary: "Fluent Bit on {{ $labels.pod }} dropped log chunks after exhausting retries", description: `Check the log backend; metrics on port ${METRICS_PORT}.` },
            },
            {
              alert: "LogOutputStalled",
              expr: `sum by (pod) (rate(fluentbit_output_proc_records_total{namespace="${meta.namespace}"}[5m])) == 0 and sum by (pod) (rate(fluentbit_input_records_total{namespace="${meta.namespace}"}[5m])) > 0`,
              for: "15m",
              labels: { severity: "critical" },
              annotations: { summary: "Fluent Bit on {{ $labels.pod }} reads logs but ships none", description: "Logs are queuing on the node's disk; once the queue cap is reached the oldest are dropped." },
            },
          ],
        },
      ],
    },
  };
}
