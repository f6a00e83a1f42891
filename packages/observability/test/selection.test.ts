import { AppService } from "@slipway/apps";
import { Manifest } from "@slipway/core";
import { Logging, MonitoringStack } from "@slipway/observability";
import { render, Rendered } from "@slipway/testing";
import { at, BLOCK, cluster, GATEWAY, prometheusSelects, validateAgainstCrds } from "./support";

/** A platform with monitoring, logging and one app that asks for metrics: no extra wiring anywhere. */
const renderPlatform = () =>
  render(() => {
    const handle = cluster();
    const monitoring = new MonitoringStack("monitoring", { cluster: handle, storageClass: BLOCK });
    new Logging("logs", { cluster: handle, backend: { kind: "opensearch", host: "logs.example.com", external: true }, monitoring });
    new AppService("cart", { namespace: "shop", image: "ghcr.io/acme/cart:1.4.2", port: 8080, metrics: {} });
  });

function prometheusSpec(r: Rendered): Record<string, unknown> {
  const chart = r.charts().find((c) => c.chart === "kube-prometheus-stack")!;
  return at(chart.values, "prometheus.prometheusSpec");
}

const selects = (r: Rendered, monitor: Manifest) =>
  prometheusSelects(prometheusSpec(r), "monitoring", { labels: monitor.metadata.labels as Record<string, string>, namespace: monitor.metadata.namespace as string });

describe("MonitoringStack selects every ServiceMonitor", () => {
  it("picks up an AppService's ServiceMonitor in a tenant namespace without extra labels", async () => {
    const r = await renderPlatform();
    const monitor = r.find("ServiceMonitor", "cart", "shop");
    expect(monitor.metadata.labels).not.toHaveProperty("release");
    expect(selects(r, monitor)).toBe(true);
  });

  it("picks up fluent-bit's ServiceMonitor in the logging namespace", async () => {
    const r = await renderPlatform();
    expect(selects(r, r.find("ServiceMonitor", "logs-fluent-bit", "logging"))).toBe(true);
  });

  it("would miss the app with the chart's default selectors (the matcher is not vacuous)", async () => {
    const r = await renderPlatform();
    const monitor = r.find("ServiceMonitor", "cart", "shop");
    const defaults = { serviceMonitorSelectorNilUsesHelmValues: true };
    expect(prometheusSelects(defaults, "monitoring", { labels: monitor.metadata.labels as Record<string, string>, namespace: "shop" })).toBe(false);
    expect(prometheusSelects({ ...prometheusSpec(r), serviceMonitorNamespaceSelector: undefined }, "monitoring", { labels: monitor.metadata.labels as Record<string, string>, namespace: "shop" })).toBe(false);
  });

  it("passes the CHECKS.md checks; Grafana's route names the chart that creates its Service", async () => {
    const exposed = await render(() => {
      const handle = cluster();
      new MonitoringStack("monitoring", { cluster: handle, storageClass: BLOCK, grafana: { host: "grafana.example.com", gateway: GATEWAY } });
      new Logging("logs", { cluster: handle, backend: { kind: "opensearch", host: "logs.example.com", external: true } });
    });
    expect(exposed.check()).toEqual([]);
    expect((await renderPlatform()).check()).toEqual([]);
  });

  it("validates the whole platform against the schemas and CRDs", async () => {
    const r = await renderPlatform();
    expect(r.filter("ServiceMonitor")).toHaveLength(2);
    expect(validateAgainstCrds(r.manifests())).toEqual([]);
  });
});
