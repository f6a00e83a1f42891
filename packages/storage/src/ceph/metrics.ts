import { alertRule, PlatformMetrics, platformDashboard } from "@slipway/core";

/** Ceph's mgr serves the prometheus module here (Rook names the container port "http-metrics"). */
export const CEPH_MGR_METRICS_PORT = 9283;
/** ceph-exporter (per-daemon performance counters) serves here. */
export const CEPH_EXPORTER_METRICS_PORT = 9926;
/** A pool this full warns: Ceph stops writes at its full ratio (95% by default). */
export const POOL_NEAR_FULL_RATIO = 0.85;

/** Pod labels and containers Rook gives the mgr and ceph-exporter of the CephCluster in `namespace`. */
export function rookPods(namespace: string) {
  return {
    mgr: { labels: { app: "rook-ceph-mgr", rook_cluster: namespace }, container: "mgr" },
    exporter: { labels: { app: "rook-ceph-exporter", rook_cluster: namespace }, container: "ceph-exporter" },
  };
}

/**
 * What the MonitoringStack scrapes of Ceph: the mgr's prometheus module (cluster health, OSDs,
 * pools) and ceph-exporter, alerts on health warnings and errors, OSDs down and pools near full,
 * and a dashboard.
 */
export function cephPlatformMetrics(component: string, namespace: string): PlatformMetrics {
  const pods = rookPods(namespace);
  const ns = `namespace="${namespace}"`;
  const percent = `${Math.round(POOL_NEAR_FULL_RATIO * 100)}%`;
  return {
    component,
    targets: [
      { name: "ceph-mgr", namespace, podSelector: pods.mgr.labels, container: pods.mgr.container, port: CEPH_MGR_METRICS_PORT, portName: "http-metrics", createdBy: "rook-ceph" },
      { name: "ceph-exporter", namespace, podSelector: pods.exporter.labels, container: pods.exporter.container, port: CEPH_EXPORTER_METRICS_PORT, createdBy: "rook-ceph" },
    ],
    ruleGroups: [
      {
        name: "slipway.ceph",
        rules: [
          alertRule("CephHealthWarning", `ceph_health_status{${ns}} == 1`, "15m", "warning", "Ceph reports HEALTH_WARN", "Run `ceph health detail` in the toolbox; warnings left alone tend to become errors."),
          alertRule("CephHealthError", `ceph_health_status{${ns}} == 2`, "5m", "critical", "Ceph reports HEALTH_ERR", "Data may be unavailable or at risk; check `ceph health detail`."),
          alertRule("CephOSDDown", `ceph_osd_up{${ns}} == 0`, "5m", "critical", "Ceph OSD {{ $labels.ceph_daemon }} is down", "Its placement groups run degraded until it returns or is replaced."),
          alertRule("CephPoolNearFull", `ceph_pool_percent_used{${ns}} * on (pool_id) group_left (name) ceph_pool_metadata{${ns}} > ${POOL_NEAR_FULL_RATIO}`, "15m", "warning", `Ceph pool {{ $labels.name }} is more than ${percent} full`, "Add OSDs or free space before Ceph stops writes at its full ratio."),
          alertRule("CephMgrDown", `up{${ns}, pod=~"rook-ceph-mgr-.*"} == 0`, "5m", "warning", "Ceph mgr {{ $labels.pod }} is not serving metrics", "Without an active mgr, health and capacity go unreported."),
        ],
      },
    ],
    dashboard: platformDashboard(`slipway-${component}`, "Ceph", [
      { title: "Health (0 OK, 1 WARN, 2 ERR)", expr: `max(ceph_health_status{${ns}})`, unit: "short" },
      { title: "OSDs up", expr: `sum(ceph_osd_up{${ns}})`, unit: "short" },
      { title: "Pool usage", expr: `ceph_pool_percent_used{${ns}} * on (pool_id) group_left (name) ceph_pool_metadata{${ns}}`, unit: "percentunit" },
      { title: "Raw capacity used", expr: `sum(ceph_cluster_total_used_bytes{${ns}}) / sum(ceph_cluster_total_bytes{${ns}})`, unit: "percentunit" },
    ]),
  };
}
