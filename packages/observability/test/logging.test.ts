import * as pulumi from "@pulumi/pulumi";
import { findSecretLeaks } from "@slipway/checks";
import { Logging, LoggingArgs, MonitoringStack } from "@slipway/observability";
import { render, Rendered } from "@slipway/testing";
import { at, BLOCK, cluster, validateAgainstCrds } from "./support";

const ES_PASSWORD = "fake-es-password-5d7c2e";
const CA = "-----BEGIN CERTIFICATE-----\nMIIBfakeCA\n-----END CERTIFICATE-----\n";

function args(overrides: Partial<LoggingArgs> = {}): Omit<LoggingArgs, "cluster"> {
  return {
    backend: { kind: "elasticsearch", host: "logs.example.com", port: 9243, credentials: { username: "shipper", password: pulumi.secret(ES_PASSWORD) }, tls: { caCertificate: CA } },
    ...overrides,
  };
}

const renderLogging = (overrides: Partial<LoggingArgs> = {}) => render(() => new Logging("logs", { cluster: cluster(), ...args(overrides) }));

/** A classic-mode section as key -> values (keys may repeat, e.g. Parsers_File). */
function section(text: string, name: string): Record<string, string[]> {
  const lines = text.split("\n");
  expect(lines[0]).toBe(`[${name}]`);
  const entries: Record<string, string[]> = {};
  for (const line of lines.slice(1).filter((l) => l.trim())) {
    const [, key, value] = /^\s+(\S+)\s+(.*)$/.exec(line)!;
    (entries[key] ??= []).push(value);
  }
  return entries;
}

function chartOf(r: Rendered) {
  expect(r.charts()).toHaveLength(1);
  return r.charts()[0];
}

describe("Logging: the chart", () => {
  it("installs the pinned fluent-bit chart as the DaemonSet `fluent-bit` in a privileged `logging` namespace", async () => {
    const r = await renderLogging();
    const chart = chartOf(r);
    expect(chart).toMatchObject({ chart: "fluent-bit", version: "0.50.0", repo: "https://fluent.github.io/helm-charts", namespace: "logging" });
    expect(chart.values).toMatchObject({ kind: "DaemonSet", fullnameOverride: "fluent-bit", tolerations: [{ operator: "Exists" }], priorityClassName: "system-node-critical" });
    expect(r.find("Namespace", "logging").metadata.labels).toMatchObject({
      "pod-security.kubernetes.io/enforce": "privileged",
      "pod-security.kubernetes.io/warn": "privileged",
      "pod-security.kubernetes.io/audit": "privileged",
    });
    expect(r.find("Namespace", "logging").metadata.labels).not.toHaveProperty("slipway.dev/tenant");
  });

  it("keeps the container locked down apart from running as root to read host logs", async () => {
    const values = chartOf(await renderLogging()).values;
    expect(values.securityContext).toEqual({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, privileged: false, capabilities: { drop: ["ALL"] } });
    expect(values.podSecurityContext).toEqual({ seccompProfile: { type: "RuntimeDefault" } });
    expect(values.resources).toEqual({ requests: { cpu: "100m", memory: "256Mi", "ephemeral-storage": "64Mi" }, limits: { cpu: "1", memory: "512Mi", "ephemeral-storage": "256Mi" } });
  });
});

describe("Logging: the Fluent Bit configuration", () => {
  it("tails every container log with the CRI parser into a filesystem buffer", async () => {
    const input = section(at(chartOf(await renderLogging()).values, "config.inputs"), "INPUT");
    expect(input).toEqual({
      Name: ["tail"],
      Tag: ["kube.*"],
      Path: ["/var/log/containers/*.log"],
      "multiline.parser": ["cri"],
      DB: ["/var/log/flb_kube.db"],
      Mem_Buf_Limit: ["50MB"],
      Skip_Long_Lines: ["On"],
      Refresh_Interval: ["10"],
      "storage.type": ["filesystem"],
    });
  });

  it("bounds memory and disk in the service section", async () => {
    const service = section(at(chartOf(await renderLogging({ buffer: { maxChunksUp: 32, backlogMemory: "10MB" } })).values, "config.service"), "SERVICE");
    expect(service["storage.path"]).toEqual(["/var/log/flb-storage/"]);
    expect(service["storage.max_chunks_up"]).toEqual(["32"]);
    expect(service["storage.backlog.mem_limit"]).toEqual(["10MB"]);
    expect(service.HTTP_Port).toEqual(["2020"]);
    expect(service.Parsers_File).toEqual(["/fluent-bit/etc/parsers.conf", "/fluent-bit/etc/conf/custom_parsers.conf"]);
  });

  it("enriches records with Kubernetes metadata", async () => {
    const filter = section(at(chartOf(await renderLogging()).values, "config.filters"), "FILTER");
    expect(filter).toMatchObject({ Name: ["kubernetes"], Match: ["kube.*"], Merge_Log: ["On"], Keep_Log: ["Off"], "K8S-Logging.Parser": ["On"], "K8S-Logging.Exclude": ["On"] });
  });

  it("ships to Elasticsearch over verified TLS, credentials from env, an index per tenant, retries and a disk cap", async () => {
    const output = section(at(chartOf(await renderLogging()).values, "config.outputs"), "OUTPUT");
    expect(output).toEqual({
      Name: ["es"],
      Match: ["kube.*"],
      Host: ["logs.example.com"],
      Port: ["9243"],
      tls: ["On"],
      "tls.verify": ["On"],
      "tls.ca_file": ["/fluent-bit/tls/ca.crt"],
      HTTP_User: ["${ES_USER}"],
      HTTP_Passwd: ["${ES_PASSWORD}"],
      Logstash_Format: ["On"],
      Logstash_Prefix: ["logs"],
      Logstash_Prefix_Key: ["$kubernetes['namespace_name']"],
      Suppress_Type_Name: ["On"],
      Replace_Dots: ["On"],
      Trace_Error: ["On"],
      Retry_Limit: ["no_limits"],
      "storage.total_limit_size": ["5GB"],
    });
  });

  it("speaks OpenSearch with one validated index prefix when indices are not per tenant", async () => {
    const output = section(
      at(chartOf(await renderLogging({ backend: { kind: "opensearch", host: "10.0.4.20", index: { perTenant: false, prefix: "platform-logs" } }, retryLimit: 20 })).values, "config.outputs"),
      "OUTPUT",
    );
    expect(output.Name).toEqual(["opensearch"]);
    expect(output.Host).toEqual(["10.0.4.20"]);
    expect(output.Port).toEqual(["9200"]);
    expect(output.Logstash_Prefix).toEqual(["platform-logs"]);
    expect(output.Logstash_Prefix_Key).toBeUndefined();
    expect(output.HTTP_User).toBeUndefined();
    expect(output.Retry_Limit).toEqual(["20"]);
  });

  it("sends in clear text only when TLS is explicitly off", async () => {
    const output = section(at(chartOf(await renderLogging({ backend: { kind: "elasticsearch", host: "es.logging.svc", tls: false } })).values, "config.outputs"), "OUTPUT");
    expect(output.tls).toEqual(["Off"]);
    expect(output["tls.verify"]).toBeUndefined();
  });
});

describe("Logging: credentials and CA", () => {
  it("sets the credentials as env vars from a Secret rendered from the Pulumi secret", async () => {
    const r = await renderLogging();
    expect(chartOf(r).values.env).toEqual([
      { name: "ES_USER", valueFrom: { secretKeyRef: { name: "logs-backend-credentials", key: "username" } } },
      { name: "ES_PASSWORD", valueFrom: { secretKeyRef: { name: "logs-backend-credentials", key: "password" } } },
    ]);
    const secret = r.find("Secret", "logs-backend-credentials", "logging");
    expect(secret.type).toBe("kubernetes.io/basic-auth");
    expect(secret.stringData).toEqual({ username: "shipper", password: ES_PASSWORD });
    expect(findSecretLeaks(r.resources, ES_PASSWORD, { outputs: r.outputs, yaml: r.toYaml() })).toEqual([]);
  });

  it("mounts the backend CA from a ConfigMap", async () => {
    const r = await renderLogging();
    expect(at(r.find("ConfigMap", "logs-backend-ca", "logging"), "data", "ca.crt")).toBe(CA);
    const values = chartOf(r).values;
    expect(values.extraVolumes).toEqual([{ name: "backend-ca", configMap: { name: "logs-backend-ca" } }]);
    expect(values.extraVolumeMounts).toEqual([{ name: "backend-ca", mountPath: "/fluent-bit/tls", readOnly: true }]);
  });

  it("creates the chart after its namespace and the objects its pods read", async () => {
    const r = await renderLogging();
    const chart = r.byType("kubernetes:helm.sh/v4:Chart")[0];
    const urnOf = (type: string) => r.byType(type)[0].urn;
    expect(chart.dependencies).toEqual(expect.arrayContaining([urnOf("kubernetes:core/v1:Namespace"), urnOf("kubernetes:core/v1:Secret"), urnOf("kubernetes:core/v1:ConfigMap")]));
  });
});

describe("Logging: monitoring and air-gapped sites", () => {
  it("renders a ServiceMonitor and alerts for fluent-bit when given a MonitoringStack, waiting for its chart", async () => {
    const r = await render(() => {
      const handle = cluster();
      const monitoring = new MonitoringStack("monitoring", { cluster: handle, storageClass: BLOCK });
      new Logging("logs", { cluster: handle, ...args(), monitoring });
    });
    const monitor = r.find("ServiceMonitor", "logs-fluent-bit", "logging");
    expect(monitor.spec).toEqual({
      selector: { matchLabels: { "app.kubernetes.io/name": "fluent-bit" } },
      namespaceSelector: { matchNames: ["logging"] },
      endpoints: [{ port: "http", path: "/api/v2/metrics/prometheus", interval: "30s", scheme: "http" }],
    });
    const rules = r.find("PrometheusRule", "logs-fluent-bit-alerts", "logging");
    expect((at(rules, "spec.groups", 0, "rules") as { alert: string }[]).map((x) => x.alert)).toEqual(["LogChunksDropped", "LogOutputStalled"]);
    const kpsUrn = r.byType("kubernetes:helm.sh/v4:Chart").find((c) => c.name === "monitoring-kube-prometheus-stack")!.urn;
    for (const type of ["kubernetes:monitoring.coreos.com/v1:ServiceMonitor", "kubernetes:monitoring.coreos.com/v1:PrometheusRule"]) {
      const resource = r.byType(type).find((x) => x.name.startsWith("logs/"))!;
      expect(resource.dependencies).toContain(kpsUrn);
    }
    expect(validateAgainstCrds(r.manifests())).toEqual([]);
  });

  it("renders no monitoring objects without a MonitoringStack", async () => {
    const r = await renderLogging();
    expect(r.filter("ServiceMonitor")).toEqual([]);
    expect(r.filter("PrometheusRule")).toEqual([]);
    expect(validateAgainstCrds(r.manifests())).toEqual([]);
  });

  it("points the chart's images at a mirror and takes a chart mirror", async () => {
    const r = await renderLogging({ chart: { repository: "https://charts.internal/fluent", imageRegistry: "harbor.internal/mirror" } });
    const chart = chartOf(r);
    expect(chart.repo).toBe("https://charts.internal/fluent");
    expect(at(chart.values, "image.repository")).toBe("harbor.internal/mirror/fluent/fluent-bit");
    expect(at(chart.values, "testFramework")).toEqual({ enabled: false, image: { repository: "harbor.internal/mirror/library/busybox" } });
    expect(at(chart.values, "config.inputs")).toContain("multiline.parser cri");
  });

  it("gives typed outputs", async () => {
    let logging!: Logging;
    await render(() => {
      logging = new Logging("logs", { cluster: cluster(), ...args() });
    });
    expect(logging.namespace).toBe("logging");
    expect(logging.daemonSetName).toBe("fluent-bit");
  });
});
