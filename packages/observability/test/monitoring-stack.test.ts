import * as pulumi from "@pulumi/pulumi";
import { findSecretLeaks } from "@slipway/checks";
import { MonitoringStack, MonitoringStackArgs } from "@slipway/observability";
import { render, Rendered } from "@slipway/testing";
import { at, BLOCK, cluster, GATEWAY, validateAgainstCrds } from "./support";

// Obviously fake, unique values: each must only ever appear inside Secret inputs (CHECKS X2).
const SMTP_PASSWORD = "fake-smtp-password-7c1e9a";
const SMS_URL = "https://sms.example.com/hook?token=fake-sms-token-4b2d81";
const SLACK_URL = "https://chat.example.com/services/fake-slack-token-9f3e55";
const TENANT_URL = "https://hooks.example.com/shop/fake-tenant-token-1a2b3c";

const DASHBOARD = { title: "Cart", panels: [{ type: "timeseries", title: "Requests" }] };

function fullArgs(): Omit<MonitoringStackArgs, "cluster"> {
  return {
    storageClass: BLOCK,
    storageSize: "100Gi",
    retention: "30d",
    alerts: [
      { name: "CartCheckoutErrors", expr: 'sum(rate(http_requests_total{app="cart",code=~"5.."}[5m])) > 1', for: "10m", severity: "critical", summary: "Checkout is failing", description: "5xx from cart" },
      { name: "CartSlow", expr: "histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket[5m]))) > 0.5", severity: "warning", summary: "Cart is slow" },
    ],
    alerting: {
      receivers: [
        { name: "platform-email", email: { to: ["oncall@example.com", "ops@example.com"], from: "alerts@example.com", smarthost: "smtp.example.com:587", username: "alerts", password: pulumi.secret(SMTP_PASSWORD) } },
        { name: "pager", webhook: { url: pulumi.secret(SMS_URL) } },
        { name: "chat", chat: { url: pulumi.secret(SLACK_URL), channel: "#alerts" } },
      ],
      severityReceivers: { critical: "pager", warning: "chat" },
    },
    tenants: [{ namespace: "shop", receiver: { name: "shop-team", chat: { kind: "webhook", url: pulumi.secret(TENANT_URL) } } }],
    dashboards: { cart: JSON.stringify(DASHBOARD), platform: { json: { title: "Platform", panels: [] }, folder: "Platform" } },
    grafana: { host: "grafana.example.com", gateway: GATEWAY },
  };
}

const renderFull = () => render(() => new MonitoringStack("monitoring", { cluster: cluster(), ...fullArgs() }));

function chartOf(r: Rendered) {
  const charts = r.charts().filter((c) => c.chart?.endsWith("kube-prometheus-stack"));
  expect(charts).toHaveLength(1);
  return charts[0];
}

function resourceOf(r: Rendered, kind: string, name: string) {
  const found = r.resources.find((res) => res.type.endsWith(`:${kind}`) && (res.inputs.metadata as { name?: string } | undefined)?.name === name);
  if (!found) throw new Error(`no ${kind} ${name}`);
  return found;
}

describe("MonitoringStack: the chart", () => {
  it("installs the pinned kube-prometheus-stack into a namespace of its own", async () => {
    const chart = chartOf(await renderFull());
    expect(chart).toMatchObject({ chart: "kube-prometheus-stack", version: "75.15.1", repo: "https://prometheus-community.github.io/helm-charts", namespace: "monitoring" });
    expect(chart.values.fullnameOverride).toBe("monitoring");
  });

  it("opens every selector so Prometheus picks up all ServiceMonitors, PodMonitors, rules and probes", async () => {
    const spec = at(chartOf(await renderFull()).values, "prometheus.prometheusSpec");
    for (const kind of ["serviceMonitor", "podMonitor", "rule", "probe"]) {
      expect(spec[`${kind}SelectorNilUsesHelmValues`]).toBe(false);
      expect(spec[`${kind}Selector`]).toEqual({});
      expect(spec[`${kind}NamespaceSelector`]).toEqual({});
    }
  });

  it("keeps samples on the StorageClass handle with retention by time and by size", async () => {
    const spec = at(chartOf(await renderFull()).values, "prometheus.prometheusSpec");
    expect(spec.retention).toBe("30d");
    // 85% of 100Gi, in Prometheus' base-2 GB, so the TSDB never fills its volume.
    expect(spec.retentionSize).toBe("85GB");
    expect(spec.storageSpec).toEqual({ volumeClaimTemplate: { spec: { storageClassName: "ceph-block", accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "100Gi" } } } } });
    expect(spec.resources).toEqual({ requests: { cpu: "500m", memory: "2Gi", "ephemeral-storage": "64Mi" }, limits: { cpu: "2", memory: "2Gi", "ephemeral-storage": "1Gi" } });
  });

  it("runs 2 Prometheus and 3 Alertmanager replicas spread over nodes by default, one each without HA", async () => {
    const ha = chartOf(await renderFull()).values;
    expect(at(ha, "prometheus.prometheusSpec.replicas")).toBe(2);
    expect(at(ha, "alertmanager.alertmanagerSpec.replicas")).toBe(3);
    expect(at(ha, "prometheus.prometheusSpec.podAntiAffinity")).toBe("soft");
    const single = chartOf(await render(() => new MonitoringStack("monitoring", { cluster: cluster(), storageClass: BLOCK, highAvailability: false }))).values;
    expect(at(single, "prometheus.prometheusSpec.replicas")).toBe(1);
    expect(at(single, "alertmanager.alertmanagerSpec.replicas")).toBe(1);
  });

  it("points Alertmanager at our configuration Secret and honours every tenant's AlertmanagerConfig", async () => {
    const am = at(chartOf(await renderFull()).values, "alertmanager");
    expect(am.config).toBeUndefined();
    expect(am.alertmanagerSpec).toMatchObject({
      useExistingSecret: true,
      configSecret: "monitoring-alertmanager-config",
      alertmanagerConfigSelector: {},
      alertmanagerConfigNamespaceSelector: {},
      alertmanagerConfigMatcherStrategy: { type: "OnNamespace" },
    });
    expect(at(am, "alertmanagerSpec.storage.volumeClaimTemplate.spec.storageClassName")).toBe("ceph-block");
  });

  it("gives Grafana an existing admin Secret, never a password in values, and a sidecar for labelled dashboards everywhere", async () => {
    const r = await renderFull();
    const grafana = at(chartOf(r).values, "grafana");
    expect(grafana.admin).toEqual({ existingSecret: "monitoring-grafana-admin", userKey: "admin-user", passwordKey: "admin-password" });
    expect(grafana.adminPassword).toBeUndefined();
    expect(grafana.sidecar.dashboards).toMatchObject({ enabled: true, label: "grafana_dashboard", labelValue: "1", searchNamespace: "ALL" });
    expect(grafana["grafana.ini"].server.root_url).toBe("https://grafana.example.com");
  });

  it("creates the chart after its namespace and the Secrets its pods read", async () => {
    const r = await renderFull();
    const chart = r.byType("kubernetes:helm.sh/v4:Chart")[0];
    for (const [kind, name] of [["Namespace", "monitoring"], ["Secret", "monitoring-alertmanager-config"], ["Secret", "monitoring-grafana-admin"]]) {
      expect(chart.dependencies).toContain(resourceOf(r, kind, name).urn);
    }
  });
});

describe("MonitoringStack: namespace", () => {
  it("stays restricted; node-exporter alone runs in its own privileged namespace", async () => {
    const full = await renderFull();
    const restricted = { "pod-security.kubernetes.io/enforce": "restricted", "pod-security.kubernetes.io/warn": "restricted", "pod-security.kubernetes.io/audit": "restricted", "pod-security.kubernetes.io/enforce-version": "v1.33" };
    expect(full.find("Namespace", "monitoring").metadata.labels).toMatchObject(restricted);
    expect(full.find("Namespace", "monitoring-agents").metadata.labels).toMatchObject({ "pod-security.kubernetes.io/enforce": "privileged", "pod-security.kubernetes.io/audit": "privileged", "pod-security.kubernetes.io/warn": "privileged" });
    expect(at(chartOf(full).values, "prometheus-node-exporter.namespaceOverride")).toBe("monitoring-agents");
    const chart = full.byType("kubernetes:helm.sh/v4:Chart")[0];
    expect(chart.dependencies).toContain(resourceOf(full, "Namespace", "monitoring-agents").urn);
    const r = await render(() => new MonitoringStack("monitoring", { cluster: cluster(), storageClass: BLOCK, nodeExporter: false }));
    expect(r.filter("Namespace").map((n) => n.metadata.name)).toEqual(["monitoring"]);
    expect(r.find("Namespace", "monitoring").metadata.labels).toMatchObject({ "pod-security.kubernetes.io/enforce": "restricted", "pod-security.kubernetes.io/enforce-version": "v1.33" });
    expect(at(chartOf(r).values, "nodeExporter.enabled")).toBe(false);
  });
});

describe("MonitoringStack: alert rules", () => {
  it("renders the platform alerts with real PromQL, each with severity and summary", async () => {
    const rule = (await renderFull()).find("PrometheusRule", "monitoring-platform-alerts", "monitoring");
    const rules = (at(rule, "spec.groups") as { name: string; rules: { alert: string; expr: string; for: string; labels: { severity: string }; annotations: { summary: string } }[] }[]).flatMap((g) => g.rules);
    const byName = Object.fromEntries(rules.map((r) => [r.alert, r]));
    expect(Object.keys(byName).sort()).toEqual(["CertificateExpiringSoon", "DeploymentReplicasUnavailable", "NodeUnderPressure", "PodCrashLooping", "PodRestartingOften", "VolumeFillingUp"]);
    expect(byName.NodeUnderPressure.expr).toBe('kube_node_status_condition{condition=~"MemoryPressure|DiskPressure|PIDPressure",status="true"} == 1');
    expect(byName.PodRestartingOften.expr).toBe("increase(kube_pod_container_status_restarts_total[15m]) > 3");
    expect(byName.PodCrashLooping.expr).toContain('kube_pod_container_status_waiting_reason{reason="CrashLoopBackOff"}');
    expect(byName.PodCrashLooping.labels.severity).toBe("critical");
    expect(byName.VolumeFillingUp.expr).toBe("kubelet_volume_stats_available_bytes / kubelet_volume_stats_capacity_bytes < 0.1");
    expect(byName.DeploymentReplicasUnavailable.expr).toBe("kube_deployment_status_replicas_unavailable > 0");
    expect(byName.CertificateExpiringSoon.expr).toBe("certmanager_certificate_expiration_timestamp_seconds - time() < 7*24*3600");
    for (const r of rules) {
      expect(["critical", "warning", "info"]).toContain(r.labels.severity);
      expect(r.annotations.summary.length).toBeGreaterThan(10);
    }
  });

  it("takes thresholds from the arguments, or no platform rules at all", async () => {
    const r = await render(() => new MonitoringStack("monitoring", { cluster: cluster(), storageClass: BLOCK, platformRules: { restartsPer15m: 5, volumeFreePercent: 20, certificateExpiryDays: 14 } }));
    const exprs = (at(r.find("PrometheusRule", "monitoring-platform-alerts"), "spec.groups") as { rules: { expr: string }[] }[]).flatMap((g) => g.rules.map((x) => x.expr));
    expect(exprs).toEqual(expect.arrayContaining(["increase(kube_pod_container_status_restarts_total[15m]) > 5", "kubelet_volume_stats_available_bytes / kubelet_volume_stats_capacity_bytes < 0.2", "certmanager_certificate_expiration_timestamp_seconds - time() < 14*24*3600"]));
    const none = await render(() => new MonitoringStack("monitoring", { cluster: cluster(), storageClass: BLOCK, platformRules: { enabled: false } }));
    expect(none.filter("PrometheusRule")).toEqual([]);
  });

  it("renders user alerts as typed rules with a default `for`", async () => {
    const rule = (await renderFull()).find("PrometheusRule", "monitoring-user-alerts", "monitoring");
    expect(at(rule, "spec.groups")).toEqual([
      {
        name: "user-alerts",
        rules: [
          { alert: "CartCheckoutErrors", expr: 'sum(rate(http_requests_total{app="cart",code=~"5.."}[5m])) > 1', for: "10m", labels: { severity: "critical" }, annotations: { summary: "Checkout is failing", description: "5xx from cart" } },
          { alert: "CartSlow", expr: "histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket[5m]))) > 0.5", for: "5m", labels: { severity: "warning" }, annotations: { summary: "Cart is slow" } },
        ],
      },
    ]);
  });

  it("makes every custom resource wait for the operator chart, and nothing else", async () => {
    const r = await renderFull();
    const chart = r.byType("kubernetes:helm.sh/v4:Chart")[0];
    const custom = r.resources.filter((res) => /monitoring\.coreos\.com/.test(res.type));
    expect(custom.map((c) => c.type).sort()).toEqual([
      "kubernetes:monitoring.coreos.com/v1:PrometheusRule",
      "kubernetes:monitoring.coreos.com/v1:PrometheusRule",
      "kubernetes:monitoring.coreos.com/v1alpha1:AlertmanagerConfig",
    ]);
    for (const c of custom) expect(c.dependencies).toEqual([chart.urn]);
  });
});

describe("MonitoringStack: Alertmanager routing", () => {
  async function alertmanagerConfig(r: Rendered) {
    const secret = r.find("Secret", "monitoring-alertmanager-config", "monitoring");
    return JSON.parse(at(secret, "stringData", "alertmanager.yaml"));
  }

  it("renders webhook, email and chat receivers, routes by severity and drops the Watchdog", async () => {
    const config = await alertmanagerConfig(await renderFull());
    expect(config.receivers).toEqual([
      { name: "null" },
      {
        name: "platform-email",
        email_configs: [{ to: "oncall@example.com, ops@example.com", from: "alerts@example.com", smarthost: "smtp.example.com:587", auth_username: "alerts", auth_password: SMTP_PASSWORD, require_tls: true, send_resolved: true }],
      },
      { name: "pager", webhook_configs: [{ url: SMS_URL, send_resolved: true }] },
      { name: "chat", slack_configs: [{ api_url: SLACK_URL, channel: "#alerts", send_resolved: true }] },
    ]);
    expect(config.route).toEqual({
      receiver: "platform-email",
      group_by: ["alertname", "namespace"],
      group_wait: "30s",
      group_interval: "5m",
      repeat_interval: "4h",
      routes: [
        { receiver: "null", matchers: ['alertname=~"Watchdog|InfoInhibitor"'] },
        { receiver: "pager", matchers: ['severity="critical"'] },
        { receiver: "chat", matchers: ['severity="warning"'] },
      ],
    });
    expect(config.inhibit_rules).toEqual([{ source_matchers: ['severity="critical"'], target_matchers: ['severity=~"warning|info"'], equal: ["namespace", "alertname"] }]);
  });

  it("keeps the whole configuration a Pulumi secret", async () => {
    const r = await renderFull();
    expect(resourceOf(r, "Secret", "monitoring-alertmanager-config").secretPaths).toEqual(expect.arrayContaining([expect.stringMatching(/^stringData/)]));
  });

  it("without receivers, sends everything to the null receiver (alerts stay visible in the UI)", async () => {
    const r = await render(() => new MonitoringStack("monitoring", { cluster: cluster(), storageClass: BLOCK }));
    const config = await alertmanagerConfig(r);
    expect(config.route.receiver).toBe("null");
    expect(config.receivers).toEqual([{ name: "null" }]);
  });

  it("routes a tenant's alerts to its own receiver through an AlertmanagerConfig with Secret references", async () => {
    const r = await renderFull();
    const amc = r.find("AlertmanagerConfig", "monitoring-alerts", "shop");
    expect(amc.apiVersion).toBe("monitoring.coreos.com/v1alpha1");
    expect(amc.spec).toEqual({
      route: { receiver: "shop-team", groupBy: ["alertname", "namespace"], groupWait: "30s", groupInterval: "5m", repeatInterval: "4h" },
      receivers: [{ name: "shop-team", webhookConfigs: [{ urlSecret: { name: "monitoring-alert-receiver", key: "chat-url" }, sendResolved: true }] }],
    });
    const secret = r.find("Secret", "monitoring-alert-receiver", "shop");
    expect(secret.stringData).toEqual({ "chat-url": TENANT_URL });
  });
});

describe("MonitoringStack: Grafana", () => {
  it("stores a generated admin password only in a Secret and exposes it as a secret output", async () => {
    let stack!: MonitoringStack;
    const r = await render(() => {
      stack = new MonitoringStack("monitoring", { cluster: cluster(), ...fullArgs() });
    });
    const password = r.byType("random:index/randomPassword:RandomPassword");
    expect(password).toHaveLength(1);
    expect(password[0].inputs).toMatchObject({ length: 32, special: false });
    const secret = r.find("Secret", "monitoring-grafana-admin", "monitoring");
    expect(at(secret, "stringData", "admin-user")).toBe("admin");
    expect(typeof at(secret, "stringData", "admin-password")).toBe("string");
    expect(at(secret, "stringData", "admin-password")).toHaveLength(32);
    expect(resourceOf(r, "Secret", "monitoring-grafana-admin").secretPaths).toEqual(expect.arrayContaining([expect.stringMatching(/admin-password|^stringData$/)]));
    expect(await new Promise((resolve) => pulumi.isSecret(stack.grafanaAdminPassword).then(resolve))).toBe(true);
  });

  it("is reached through the platform gateway's HTTPS listener", async () => {
    const route = (await renderFull()).find("HTTPRoute", "monitoring-grafana", "monitoring");
    expect(route.spec).toEqual({
      parentRefs: [{ group: "gateway.networking.k8s.io", kind: "Gateway", name: "platform", namespace: "gateway-system", sectionName: "https" }],
      hostnames: ["grafana.example.com"],
      rules: [{ matches: [{ path: { type: "PathPrefix", value: "/" } }], backendRefs: [{ group: "", kind: "Service", name: "monitoring-grafana", port: 80 }] }],
    });
    expect(at(chartOf(await renderFull()).values, "grafana.fullnameOverride")).toBe("monitoring-grafana");
  });

  it("loads dashboards from labelled ConfigMaps, with folders", async () => {
    const r = await renderFull();
    const cart = r.find("ConfigMap", "monitoring-dashboard-cart", "monitoring");
    expect(cart.metadata.labels).toMatchObject({ grafana_dashboard: "1" });
    expect(JSON.parse(at(cart, "data", "cart.json"))).toEqual(DASHBOARD);
    const platform = r.find("ConfigMap", "monitoring-dashboard-platform", "monitoring");
    expect(platform.metadata.annotations).toEqual({ grafana_folder: "Platform" });
    expect(JSON.parse(at(platform, "data", "platform.json"))).toEqual({ title: "Platform", panels: [] });
  });

  it("gives typed outputs", async () => {
    let stack!: MonitoringStack;
    await render(() => {
      stack = new MonitoringStack("monitoring", { cluster: cluster(), ...fullArgs() });
    });
    expect(stack.monitoringNamespace).toBe("monitoring");
    expect(stack.prometheusUrl).toBe("http://monitoring-prometheus.monitoring.svc.cluster.local:9090");
    expect(stack.alertmanagerUrl).toBe("http://monitoring-alertmanager.monitoring.svc.cluster.local:9093");
    expect(stack.grafanaServiceName).toBe("monitoring-grafana");
    expect(await new Promise((resolve) => stack.grafanaUrl!.apply(resolve))).toBe("https://grafana.example.com");
  });
});

describe("MonitoringStack: secrets and schemas", () => {
  it.each([SMTP_PASSWORD, SMS_URL, SLACK_URL, TENANT_URL])("keeps %s inside Secrets only", async (value) => {
    const r = await renderFull();
    expect(findSecretLeaks(r.resources, value, { outputs: r.outputs, yaml: r.toYaml() })).toEqual([]);
    // And it did reach a Secret: the test would be vacuous otherwise.
    expect(JSON.stringify(r.filter("Secret").map((s) => s.stringData))).toContain(value);
  });

  it("validates every object against the Kubernetes schemas and every custom resource against its upstream CRD", async () => {
    const r = await renderFull();
    expect(r.filter("PrometheusRule")).toHaveLength(2);
    expect(r.filter("AlertmanagerConfig")).toHaveLength(1);
    expect(r.filter("HTTPRoute")).toHaveLength(1);
    expect(validateAgainstCrds(r.manifests())).toEqual([]);
    // The validator is live: a rule with a malformed `for` is refused by the CRD's pattern.
    const rule = r.find("PrometheusRule", "monitoring-user-alerts");
    const broken = JSON.parse(JSON.stringify(rule));
    broken.spec.groups[0].rules[0].for = "5 minutes";
    expect(validateAgainstCrds([broken]).map((p) => p.path)).toEqual([expect.stringContaining("for")]);
  });
});

describe("MonitoringStack: air-gapped sites", () => {
  it("points every image of the chart and its subcharts at the mirror, and takes a chart mirror and version", async () => {
    const r = await render(() =>
      new MonitoringStack("monitoring", {
        cluster: cluster(),
        storageClass: BLOCK,
        chart: { repository: "oci://harbor.internal/charts", version: "75.16.0", imageRegistry: "harbor.internal/mirror" },
      }),
    );
    const chart = chartOf(r);
    expect(chart.chart).toBe("oci://harbor.internal/charts/kube-prometheus-stack");
    expect(chart.version).toBe("75.16.0");
    const v = chart.values;
    const registry = { registry: "harbor.internal/mirror" };
    expect(at(v, "global.imageRegistry")).toBe("harbor.internal/mirror");
    for (const p of [
      "prometheusOperator.image",
      "prometheusOperator.prometheusConfigReloader.image",
      "prometheusOperator.thanosImage",
      "prometheusOperator.admissionWebhooks.patch.image",
      "prometheus.prometheusSpec.image",
      "alertmanager.alertmanagerSpec.image",
      "thanosRuler.thanosRulerSpec.image",
      "grafana.image",
      "grafana.sidecar.image",
      "kube-state-metrics.image",
      "prometheus-node-exporter.image",
    ]) {
      expect([p, at(v, p)]).toEqual([p, registry]);
    }
    // The mirror merges into our values rather than replacing them.
    expect(at(v, "prometheus.prometheusSpec.retention")).toBe("15d");
    expect(at(v, "grafana.sidecar.dashboards.searchNamespace")).toBe("ALL");
  });

  it("falls back to the cluster's image mirror", async () => {
    const r = await render(() => new MonitoringStack("monitoring", { cluster: cluster({ imageMirror: "harbor.internal/mirror" }), storageClass: BLOCK }));
    expect(at(chartOf(r).values, "prometheus.prometheusSpec.image")).toEqual({ registry: "harbor.internal/mirror" });
  });
});
