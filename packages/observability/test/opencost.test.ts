import { MonitoringStack, MonitoringStackArgs, OpenCostArgs } from "@slipway/observability";
import { CHART_BACKEND_ANNOTATION } from "@slipway/core";
import { CHART_ANNOTATION, inputErrorMismatches, render, renderCharts, renderError, Rendered } from "@slipway/testing";
import { CHARTS_DIR as CHARTS, helmForTests } from "../../../test/helm.support";
import { at, BLOCK, cluster } from "./support";

const renderStack = (extra: Partial<MonitoringStackArgs> = {}, clusterOverrides = {}) =>
  render(() => new MonitoringStack("monitoring", { cluster: cluster(clusterOverrides), storageClass: BLOCK, ...extra }));
const openCost = (r: Rendered) => r.charts().find((c) => c.chart?.endsWith("opencost"));

describe("OpenCost in the MonitoringStack", () => {
  it("installs the pinned chart into the monitoring namespace, reading the stack's own Prometheus", async () => {
    const r = await renderStack();
    const chart = openCost(r)!;
    expect(chart).toMatchObject({ name: "monitoring-opencost", release: "monitoring-opencost", version: "2.5.17", namespace: "monitoring" });
    // kube-prometheus-stack names Prometheus' Service <release>-prometheus on 9090 (fullnameOverride "monitoring").
    expect(at(chart.values, "opencost.prometheus.internal")).toEqual({ enabled: true, serviceName: "monitoring-prometheus", namespaceName: "monitoring", port: 9090 });
    expect(at(chart.values, "opencost.exporter.defaultClusterId")).toBe("main");
    expect(at(chart.values, "opencost.metrics.serviceMonitor.enabled")).toBe(true);
    // It never creates a namespace of its own: the stack's (restricted) one is shared.
    expect(r.manifests().filter((m) => m.kind === "Namespace").map((m) => m.metadata.name).sort()).toEqual(["monitoring", "monitoring-agents"]);
  });

  it("runs two restricted, read-only replicas spread over nodes, rolled with none unavailable, under our PodDisruptionBudget", async () => {
    const r = await renderStack();
    const values = openCost(r)!.values;
    expect(at(values, "opencost.exporter.replicas")).toBe(2);
    expect(at(values, "opencost.exporter.securityContext")).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, runAsNonRoot: true, capabilities: { drop: ["ALL"] } });
    expect(at(values, "opencost.exporter.extraVolumeMounts").map((m: { mountPath: string }) => m.mountPath)).toEqual(["/var/configs", "/tmp"]);
    expect(at(values, "updateStrategy.rollingUpdate.maxUnavailable")).toBe(0);
    expect(at(values, "pdb.enabled")).toBe(false);
    const selector = { "app.kubernetes.io/name": "opencost", "app.kubernetes.io/instance": "monitoring-opencost" };
    expect(at(values, "opencost.topologySpreadConstraints", 0, "labelSelector", "matchLabels")).toEqual(selector);
    const pdb = r.find("PodDisruptionBudget", "monitoring-opencost", "monitoring");
    expect(pdb.spec).toEqual({ maxUnavailable: 1, unhealthyPodEvictionPolicy: "AlwaysAllow", selector: { matchLabels: selector } });
    expect(pdb.metadata.annotations).toEqual({ [CHART_BACKEND_ANNOTATION]: "opencost" });
    expect(at(values, "opencost.exporter.resources.requests")).toEqual({ cpu: "100m", memory: "512Mi", "ephemeral-storage": "64Mi" });
    expect(r.check()).toEqual([]);
  });

  it("with one replica has no PodDisruptionBudget and no spread", async () => {
    const r = await renderStack({ opencost: { replicas: 1 } });
    expect(at(openCost(r)!.values, "opencost.topologySpreadConstraints")).toEqual([]);
    expect(r.manifests().some((m) => m.kind === "PodDisruptionBudget" && m.metadata.name === "monitoring-opencost")).toBe(false);
  });

  it("is left out with opencost: false", async () => {
    const r = await renderStack({ opencost: false });
    expect(openCost(r)).toBeUndefined();
    expect(r.manifests().some((m) => m.metadata.name === "monitoring-opencost")).toBe(false);
  });

  it("prices an on-prem cluster by the given monthly prices, and the UI gets writable paths under its read-only root", async () => {
    const r = await renderStack({ opencost: { customPricing: { cpu: 20, memory: 2.5, storage: 0.1 }, ui: true } });
    const values = openCost(r)!.values;
    expect(at(values, "opencost.customPricing")).toMatchObject({ enabled: true, provider: "custom", costModel: { CPU: 20, RAM: 2.5, storage: 0.1 } });
    expect(at(values, "opencost.ui.enabled")).toBe(true);
    expect(at(values, "opencost.ui.extraVolumeMounts").map((m: { mountPath: string }) => m.mountPath)).toEqual(expect.arrayContaining(["/var/cache/nginx", "/etc/nginx/conf.d"]));
    const volumes = at(values, "extraVolumes").map((v: { name: string }) => v.name);
    for (const mount of [...at(values, "opencost.ui.extraVolumeMounts"), ...at(values, "opencost.exporter.extraVolumeMounts")]) expect(volumes).toContain(mount.name);
  });

  it("pulls its images from the cluster's mirror, or its own chart overrides", async () => {
    const mirrored = openCost(await renderStack({}, { imageMirror: "harbor.internal/mirror" }))!;
    expect(at(mirrored.values, "opencost.exporter.image.registry")).toBe("harbor.internal/mirror");
    expect(at(mirrored.values, "opencost.ui.image.registry")).toBe("harbor.internal/mirror");
    const own = openCost(await renderStack({ opencost: { chart: { repository: "oci://harbor.internal/charts", version: "2.5.18" } } }))!;
    expect(own).toMatchObject({ chart: "oci://harbor.internal/charts/opencost", version: "2.5.18" });
  });
});

// Like the chart tests: an error in CI without helm or the charts, a loud skip elsewhere.
const helm = helmForTests();
const withHelm = helm ? describe : describe.skip;

withHelm("OpenCost's chart objects, rendered by helm template", () => {
  it("pass every check (R10's missing preStop is the named opencost exemption)", async () => {
    const { rendered } = renderCharts(await renderStack(), { chartsDir: CHARTS, helm });
    const fromChart = rendered.manifests().filter((m) => (m.metadata.annotations as Record<string, string> | undefined)?.[CHART_ANNOTATION]?.startsWith("opencost@"));
    expect(fromChart.map((m) => m.kind).sort()).toEqual(["ClusterRole", "ClusterRoleBinding", "Deployment", "Service", "ServiceAccount", "ServiceMonitor"]);
    const findings = rendered.check().filter((v) => v.object.includes("opencost"));
    expect(findings.map((v) => `${v.check} ${v.field}`)).toEqual([]);
    expect(rendered.check({ exemptions: [] }).filter((v) => v.object.includes("opencost")).map((v) => `${v.check} ${v.field}`)).toEqual(["R10 spec.template.spec.containers[0].lifecycle.preStop"]);
    // Our PodDisruptionBudget selects the chart's pods, and Prometheus' endpoint is the stack's Service.
    const deployment = rendered.find("Deployment", "monitoring-opencost", "monitoring");
    expect(at(deployment, "spec.template.metadata.labels")).toMatchObject(at(rendered.find("PodDisruptionBudget", "monitoring-opencost", "monitoring"), "spec.selector.matchLabels"));
    const env = at(deployment, "spec.template.spec.containers", 0, "env") as { name: string; value?: string }[];
    expect(env.find((e) => e.name === "PROMETHEUS_SERVER_ENDPOINT")?.value).toBe("http://monitoring-prometheus.monitoring.svc.cluster.local:9090");
    rendered.find("Service", "monitoring-prometheus", "monitoring");
  }, 120_000);
});

describe("OpenCost rejects bad input naming opencost.*", () => {
  const cases: [string, unknown, string, string][] = [
    ["not a boolean or settings", "yes", "opencost", '"yes"'],
    ["zero replicas", { replicas: 0 }, "opencost.replicas", "0"],
    ["fractional replicas", { replicas: 1.5 }, "opencost.replicas", "1.5"],
    ["ui not a boolean", { ui: "on" }, "opencost.ui", '"on"'],
    ["unknown size preset", { resources: { exporter: "huge" } }, "opencost.resources.exporter", '"huge"'],
    ["memory request without a suffix", { resources: { ui: { requests: { memory: "512" } } } }, "opencost.resources.ui.requests.memory", '"512"'],
    ["custom pricing without storage", { customPricing: { cpu: 20, memory: 2.5 } }, "opencost.customPricing.storage", "undefined"],
    ["a negative price", { customPricing: { cpu: -1, memory: 2.5, storage: 0.1 } }, "opencost.customPricing.cpu", "-1"],
    ["chart version not semver", { chart: { version: "latest" } }, "opencost.chart.version", '"latest"'],
    ["chart repository over ftp", { chart: { repository: "ftp://charts.example.com" } }, "opencost.chart.repository", "ftp://charts.example.com"],
  ];
  it.each(cases)("%s", async (_case, opencost, field, shown) => {
    const error = await renderError(() => new MonitoringStack("monitoring", { cluster: cluster(), storageClass: BLOCK, opencost: opencost as OpenCostArgs }));
    expect(inputErrorMismatches(error, { component: "MonitoringStack", name: "monitoring", field, shown })).toEqual([]);
  });
});
