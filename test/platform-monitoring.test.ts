import { selectorMatches } from "@slipway/checks";
import { Manifest, PODS_FROM_OPERATOR_ANNOTATION } from "@slipway/core";
import { CALICO_NODE_POD, CALICO_TYPHA_POD, TENANT_NAMESPACE_LABEL } from "@slipway/network";
import { rookPods } from "@slipway/storage";
import { Rendered, renderCharts, validateManifests } from "@slipway/testing";
import { CHARTS_DIR, helmForTests } from "./helm.support";
import { CRD_DIR, renderStack } from "./stacks.support";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;
const labelsOf = (m: Manifest) => (m.metadata.labels ?? {}) as Record<string, string>;
const helm = helmForTests();
const withHelm = helm ? describe : describe.skip;

/** The PodMonitor in the stack that scrapes pods in `namespace` matching `labels`. */
function monitorFor(r: Rendered, namespace: string, labels: Record<string, string>): Loose {
  const found = r.filter("PodMonitor").filter((m: Loose) => m.spec.namespaceSelector.matchNames.includes(namespace) && selectorMatches(m.spec.selector, labels));
  expect(found).toHaveLength(1);
  return found[0];
}

describe("the local platform scrapes, alerts on and draws its own agents", () => {
  let r: Rendered;
  beforeAll(async () => {
    r = await renderStack("local");
  });

  it("scrapes Felix and Typha on the ports the Installation makes them serve, from the namespace and pods the operator creates", () => {
    const installation: Loose = r.find("Installation", "default");
    // The operator runs Calico's agents in calico-system, labelled k8s-app (pkg/render in the tigera-operator).
    const felix = monitorFor(r, "calico-system", { ...CALICO_NODE_POD.labels, "pod-template-generation": "1" });
    const typha = monitorFor(r, "calico-system", { ...CALICO_TYPHA_POD.labels, "pod-template-hash": "abc" });
    const [felixEndpoint] = felix.spec.podMetricsEndpoints;
    // Host-network agents declare no metrics port: the pod IP (the node's) and the Installation's port are scraped, from the agent's container only.
    expect(felixEndpoint.relabelings).toEqual([
      expect.objectContaining({ action: "keep", regex: CALICO_NODE_POD.container }),
      expect.objectContaining({ targetLabel: "__address__", replacement: `$1:${installation.spec.nodeMetricsPort}` }),
    ]);
    expect(typha.spec.podMetricsEndpoints[0].relabelings[1].replacement).toBe(`$1:${installation.spec.typhaMetricsPort}`);
    for (const m of [felix, typha]) expect(m.metadata.annotations[PODS_FROM_OPERATOR_ANNOTATION]).toBe("tigera-operator");
  });

  it("scrapes the mgr and ceph-exporter of the rendered CephCluster by the labels Rook gives them", () => {
    const cluster: Loose = r.filter("CephCluster")[0];
    const namespace = cluster.metadata.namespace as string;
    const pods = rookPods(namespace);
    // Rook labels every daemon with its CephCluster's namespace (rook_cluster) and its app.
    const mgr = monitorFor(r, namespace, { ...pods.mgr.labels, ceph_daemon_id: "a", mgr_role: "active" });
    expect(mgr.spec.podMetricsEndpoints).toEqual([expect.objectContaining({ port: "http-metrics", path: "/metrics" })]);
    const exporter = monitorFor(r, namespace, { ...pods.exporter.labels, node_name: "node1" });
    expect(exporter.spec.podMetricsEndpoints[0].relabelings[0].regex).toBe(pods.exporter.container);
    // Another CephCluster's mgr is not scraped as this one's.
    expect(selectorMatches(mgr.spec.selector, { ...pods.mgr.labels, rook_cluster: "other" })).toBe(false);
  });

  it("alerts on Felix down, dataplane errors, Ceph health, OSDs down and pools near full, in rules valid against the prometheus-operator CRDs", () => {
    const rules = r.filter("PrometheusRule");
    const alerts = new Map(rules.flatMap((m: Loose) => m.spec.groups.flatMap((g: Loose) => g.rules)).map((rule: Loose) => [rule.alert, rule]));
    for (const name of ["CalicoFelixDown", "CalicoTyphaDown", "CalicoDataplaneErrors", "CephHealthWarning", "CephHealthError", "CephOSDDown", "CephPoolNearFull"]) expect(alerts.has(name)).toBe(true);
    expect(alerts.get("CephHealthError").expr).toBe('ceph_health_status{namespace="rook-ceph"} == 2');
    expect(alerts.get("CephHealthError").labels.severity).toBe("critical");
    expect(alerts.get("CalicoDataplaneErrors").expr).toContain("felix_int_dataplane_failures");
    const monitoring = [...rules, ...r.filter("PodMonitor")];
    expect(validateManifests(monitoring, { crdDirs: [CRD_DIR] })).toEqual([]);
  });

  it("ships a small, valid dashboard per component, labelled for Grafana's sidecar", () => {
    const dashboards = r.filter("ConfigMap").filter((m) => labelsOf(m).grafana_dashboard === "1" && (m.metadata.annotations as Loose)?.grafana_folder === "Platform");
    expect(dashboards.map((m) => m.metadata.name).sort()).toEqual(["monitoring-dashboard-ceph", "monitoring-dashboard-net"]);
    for (const m of dashboards) {
      const [json] = Object.values(m.data as Record<string, string>);
      const model = JSON.parse(json);
      expect(model.title).toEqual(expect.any(String));
      expect(model.panels.length).toBeGreaterThanOrEqual(4);
      for (const panel of model.panels) expect(panel.targets[0].expr).toMatch(/ceph_|felix_|typha_|up\{/);
      expect(Buffer.byteLength(json)).toBeLessThan(16 * 1024);
    }
  });

  it("lets Prometheus reach the agents: no NetworkPolicy or Calico policy restricts the monitoring, Ceph or Calico namespaces", () => {
    const platform = ["monitoring", "rook-ceph", "calico-system"];
    expect(r.filter("NetworkPolicy").filter((p) => platform.includes(p.metadata.namespace as string))).toEqual([]);
    // The tenants' default deny is a GlobalNetworkPolicy for namespaces carrying the tenant label, which these lack.
    const deny: Loose = r.filter("GlobalNetworkPolicy")[0];
    expect(deny.spec.namespaceSelector).toBe(`has(${TENANT_NAMESPACE_LABEL})`);
    for (const ns of r.filter("Namespace").filter((n) => platform.includes(n.metadata.name as string))) expect(labelsOf(ns)).not.toHaveProperty(TENANT_NAMESPACE_LABEL);
  });
});

withHelm("the chart's Prometheus and Grafana pick up the platform's monitors, rules and dashboards", () => {
  let rendered: Rendered;
  beforeAll(async () => {
    ({ rendered } = renderCharts(await renderStack("local"), { chartsDir: CHARTS_DIR, helm }));
  });

  it("selects every PodMonitor and PrometheusRule the stack renders", () => {
    const prometheus: Loose = rendered.filter("Prometheus")[0];
    const monitoringNs = rendered.find("Namespace", "monitoring");
    for (const m of rendered.filter("PodMonitor")) {
      expect(selectorMatches(prometheus.spec.podMonitorSelector, labelsOf(m))).toBe(true);
      expect(selectorMatches(prometheus.spec.podMonitorNamespaceSelector, labelsOf(monitoringNs))).toBe(true);
    }
    for (const rule of rendered.filter("PrometheusRule").filter((m) => m.metadata.name === "monitoring-ceph-alerts" || m.metadata.name === "monitoring-net-alerts")) {
      expect(selectorMatches(prometheus.spec.ruleSelector, labelsOf(rule))).toBe(true);
    }
  });

  it("loads dashboards carrying the label and value the Grafana sidecar watches", () => {
    const grafana: Loose = rendered.filter("Deployment").find((d) => d.metadata.name === "monitoring-grafana");
    const sidecar = grafana.spec.template.spec.containers.find((c: Loose) => c.name === "grafana-sc-dashboard");
    const env = Object.fromEntries(sidecar.env.filter((e: Loose) => e.value !== undefined).map((e: Loose) => [e.name, e.value]));
    const dashboard = rendered.find("ConfigMap", "monitoring-dashboard-ceph", "monitoring");
    expect(env.LABEL).toBe("grafana_dashboard");
    expect(labelsOf(dashboard)[env.LABEL]).toBe(env.LABEL_VALUE);
  });
});
