import { alertRule, PlatformMetrics, platformDashboard } from "@slipway/core";
import { CalicoMetrics } from "./args";

/** Pod labels and container names the tigera-operator gives calico-node and Typha (pkg/render/node.go, typha.go). */
export const CALICO_NODE_POD = { labels: { "k8s-app": "calico-node" }, container: "calico-node" } as const;
export const CALICO_TYPHA_POD = { labels: { "k8s-app": "calico-typha" }, container: "calico-typha" } as const;

/**
 * What the MonitoringStack scrapes of Calico: Felix on every node and Typha (both on the host
 * network, serving on the ports the Installation sets, with no declared container port), alerts
 * on a Felix or Typha that is down and on dataplane programming errors, and a dashboard.
 */
export function calicoPlatformMetrics(component: string, metrics: CalicoMetrics): PlatformMetrics {
  const felix = `namespace="${metrics.namespace}", pod=~"calico-node-.*"`;
  const typha = `namespace="${metrics.namespace}", pod=~"calico-typha-.*"`;
  return {
    component,
    targets: [
      { name: "felix", namespace: metrics.namespace, podSelector: metrics.felixSelector, container: CALICO_NODE_POD.container, port: metrics.felixPort, createdBy: "tigera-operator" },
      { name: "typha", namespace: metrics.namespace, podSelector: metrics.typhaSelector, container: CALICO_TYPHA_POD.container, port: metrics.typhaPort, createdBy: "tigera-operator" },
    ],
    ruleGroups: [
      {
        name: "slipway.calico",
        rules: [
          alertRule("CalicoFelixDown", `up{${felix}} == 0`, "5m", "critical", "Felix on {{ $labels.pod }} is not serving metrics", "calico-node on this node is down or unreachable: network policy changes are not being programmed there."),
          alertRule("CalicoTyphaDown", `up{${typha}} == 0`, "5m", "warning", "Typha {{ $labels.pod }} is not serving metrics", "Felix instances fall back to the remaining Typhas; with none left, policy updates stop."),
          alertRule("CalicoDataplaneErrors", `increase(felix_int_dataplane_failures{${felix}}[10m]) > 0`, "10m", "warning", "Felix on {{ $labels.pod }} failed to program the dataplane", "Policies or routes on this node may be stale; check calico-node's logs."),
          alertRule("CalicoIptablesRestoreErrors", `increase(felix_iptables_restore_errors{${felix}}[10m]) > 0`, "10m", "warning", "Felix on {{ $labels.pod }} fails to apply iptables rules"),
        ],
      },
    ],
    dashboard: platformDashboard(`slipway-${component}`, "Calico (Felix and Typha)", [
      { title: "Felix targets up", expr: `sum(up{${felix}})`, unit: "short" },
      { title: "Dataplane failures (10m)", expr: `sum by (pod) (increase(felix_int_dataplane_failures{${felix}}[10m]))`, unit: "short" },
      { title: "Dataplane apply time (p99)", expr: `histogram_quantile(0.99, sum by (le, pod) (rate(felix_int_dataplane_apply_time_seconds_bucket{${felix}}[5m])))`, unit: "s" },
      { title: "Active local endpoints", expr: `sum by (pod) (felix_active_local_endpoints{${felix}})`, unit: "short" },
      { title: "Typha connections", expr: `sum by (pod) (typha_connections_active{${typha}})`, unit: "short" },
    ]),
  };
}
