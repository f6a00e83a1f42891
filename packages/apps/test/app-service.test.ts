import * as pulumi from "@pulumi/pulumi";
import { render } from "@slipway/testing";
import { AppService, Tenant } from "@slipway/apps";
import { at, CRD_DIR, GATEWAY, SHOP } from "./support";

describe("AppService, minimal", () => {
  const rendered = () => render(() => new AppService("cart", { tenant: SHOP, image: "ghcr.io/acme/cart:1.4.2", port: 8080 }));

  it("renders exactly a ServiceAccount, Deployment, Service and PDB", async () => {
    const r = await rendered();
    expect(r.manifests().map((m) => `${m.kind}/${m.metadata.name}`).sort()).toEqual(["Deployment/cart", "PodDisruptionBudget/cart", "Service/cart", "ServiceAccount/cart"]);
  });

  it("renders a secure, highly available Deployment", async () => {
    const r = await rendered();
    const d = r.find("Deployment", "cart", "shop");
    expect(d.metadata.labels).toEqual({
      "app.kubernetes.io/name": "cart",
      "app.kubernetes.io/instance": "cart",
      "app.kubernetes.io/component": "server",
      "app.kubernetes.io/part-of": "shop",
      "app.kubernetes.io/managed-by": "slipway",
    });
    expect(at(d, "spec.replicas")).toBe(2);
    expect(at(d, "spec.revisionHistoryLimit")).toBeGreaterThan(0);
    expect(at(d, "spec.strategy")).toEqual({ type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } });
    expect(at(d, "spec.selector.matchLabels")).toEqual({ "app.kubernetes.io/name": "cart", "app.kubernetes.io/instance": "cart", "slipway.dev/track": "stable" });
    const pod = at(d, "spec.template.spec");
    expect(at(d, "spec.template.metadata.labels")).toMatchObject(at(d, "spec.selector.matchLabels"));
    expect(pod.serviceAccountName).toBe("cart");
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.securityContext).toEqual({ runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } });
    expect(pod.terminationGracePeriodSeconds).toBe(35);
    expect(pod.topologySpreadConstraints.map((t: { topologyKey: string }) => t.topologyKey)).toEqual(["kubernetes.io/hostname", "topology.kubernetes.io/zone"]);
    const [c] = pod.containers;
    expect(c.name).toBe("app");
    expect(c.image).toBe("ghcr.io/acme/cart:1.4.2");
    expect(c.ports).toEqual([{ name: "http", containerPort: 8080, protocol: "TCP" }]);
    expect(c.securityContext).toEqual({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, privileged: false, capabilities: { drop: ["ALL"] } });
    expect(c.resources).toEqual({
      requests: { cpu: "100m", memory: "256Mi", "ephemeral-storage": "64Mi" },
      limits: { cpu: "500m", memory: "256Mi", "ephemeral-storage": "1Gi" },
    });
    expect(c.readinessProbe.tcpSocket).toEqual({ port: "http" });
    expect(c.livenessProbe.tcpSocket).toEqual({ port: "http" });
    expect(c.livenessProbe).not.toEqual(c.readinessProbe);
    expect(c.lifecycle).toEqual({ preStop: { sleep: { seconds: 5 } } });
    expect(c.volumeMounts).toEqual([{ name: "app-tmp", mountPath: "/tmp" }]);
    expect(pod.volumes).toEqual([{ name: "app-tmp", emptyDir: { sizeLimit: "256Mi" } }]);
  });

  it("renders a ClusterIP Service with named ports, its ServiceAccount and a PDB", async () => {
    const r = await rendered();
    const svc = r.find("Service", "cart", "shop");
    expect(at(svc, "spec")).toEqual({ type: "ClusterIP", selector: { "app.kubernetes.io/name": "cart", "app.kubernetes.io/instance": "cart" }, ports: [{ name: "http", port: 8080, targetPort: "http", protocol: "TCP" }] });
    expect(r.find("ServiceAccount", "cart", "shop").automountServiceAccountToken).toBe(false);
    expect(at(r.find("PodDisruptionBudget", "cart", "shop"), "spec")).toEqual({
      maxUnavailable: 1,
      unhealthyPodEvictionPolicy: "AlwaysAllow",
      selector: { matchLabels: { "app.kubernetes.io/name": "cart", "app.kubernetes.io/instance": "cart", "slipway.dev/track": "stable" } },
    });
  });

  it("gives typed outputs", async () => {
    let app!: AppService;
    await render(() => {
      app = new AppService("cart", { tenant: SHOP, image: "ghcr.io/acme/cart:1.4.2", port: 8080 });
    });
    expect(app.serviceName).toBe("cart");
    expect(app.fqdn).toBe("cart.shop.svc.cluster.local");
    expect(app.url).toBe("http://cart.shop.svc.cluster.local:8080");
    expect(app.podSelector).toEqual({ "app.kubernetes.io/name": "cart", "app.kubernetes.io/instance": "cart" });
    expect(app.host).toBeUndefined();
  });

  it("validates against the Kubernetes schemas", async () => {
    expect((await rendered()).validate({ crdDirs: [CRD_DIR] })).toEqual([]);
  });

  it("passes every check in a tenant namespace", async () => {
    const r = await render(() => {
      const shop = new Tenant("shop");
      new AppService("cart", { tenant: shop, image: "ghcr.io/acme/cart:1.4.2", port: 8080 });
    });
    expect(r.check()).toEqual([]);
  });
});

describe("AppService, every option", () => {
  const SECRET = "app-service-full-secret-7f3a91";
  const full = () =>
    render(() => {
      const app = new AppService("orders", {
        tenant: { ...SHOP, profile: { size: "medium" } },
        image: "ghcr.io/acme/orders@sha256:" + "a".repeat(64),
        ports: { http: 8080, grpc: { port: 9000, appProtocol: "kubernetes.io/h2c" }, metrics: 9090 },
        command: ["/orders"],
        args: ["--serve"],
        env: { LOG_LEVEL: "info", WORKERS: 4, POD_IP: { valueFrom: { fieldRef: { fieldPath: "status.podIP" } } } },
        config: { FEATURE_X: "on" },
        files: { "/app/config/app.yaml": "a: 1\n", "/app/config/rules.json": "{}", "/etc/orders/extra.conf": "x" },
        secrets: { DB_PASSWORD: pulumi.secret(SECRET) },
        probes: { readiness: { http: { path: "/ready" } }, liveness: { http: { path: "/live" }, periodSeconds: 20 }, startup: { grpc: { port: "grpc" } } },
        resources: { requests: { cpu: "300m" } },
        cpuLimit: null,
        scale: { min: 3, max: 12, cpuPercent: 60, memoryPercent: 80, scaleDownStabilizationSeconds: 120 },
        expose: { host: "orders.shop.example.com", paths: ["/api", "/v2"], gateway: GATEWAY },
        canary: { image: "ghcr.io/acme/orders:2.0.0-rc1", weight: 10 },
        metrics: { port: "metrics", interval: "15s" },
        initContainers: [{ name: "migrate", image: "ghcr.io/acme/orders-migrate:1.0.0", args: ["up"] }],
        sidecars: [{ name: "proxy", image: "ghcr.io/acme/proxy:3.1.0", ports: { proxy: 15001 }, resources: "micro" }],
        writablePaths: ["/tmp", "/var/cache/orders"],
        placement: { nodeSelector: { "slipway.dev/pool": "apps" }, tolerations: [{ key: "dedicated", operator: "Equal", value: "apps", effect: "NoSchedule" }] },
        apiAccess: true,
        serviceAccountAnnotations: { "eks.amazonaws.com/role-arn": "arn:aws:iam::123456789012:role/orders" },
        component: "api",
        defaults: { preStopSleepSeconds: 10 },
      });
      return { url: app.externalUrl };
    });

  it("renders config, files and secrets through ConfigMaps and a Secret only", async () => {
    const r = await full();
    const c = at(r.find("Deployment", "orders", "shop"), "spec.template.spec.containers", 0);
    expect(c.env).toEqual([
      { name: "LOG_LEVEL", value: "info" },
      { name: "WORKERS", value: "4" },
      { name: "POD_IP", valueFrom: { fieldRef: { fieldPath: "status.podIP" } } },
      { name: "FEATURE_X", valueFrom: { configMapKeyRef: { name: "orders-config", key: "FEATURE_X" } } },
      { name: "DB_PASSWORD", valueFrom: { secretKeyRef: { name: "orders-secrets", key: "DB_PASSWORD" } } },
    ]);
    expect(r.find("ConfigMap", "orders-config", "shop").data).toEqual({ FEATURE_X: "on" });
    expect(r.find("ConfigMap", "orders-files", "shop").data).toEqual({ "app-config-app.yaml": "a: 1\n", "app-config-rules.json": "{}", "etc-orders-extra.conf": "x" });
    const secret = r.find("Secret", "orders-secrets", "shop");
    expect(secret.stringData).toEqual({ DB_PASSWORD: SECRET });
    const secretResource = r.resources.find((x) => x.type === "kubernetes:core/v1:Secret")!;
    expect(secretResource.secretPaths.join(",")).toContain("stringData");
    for (const m of r.manifests().filter((m) => m.kind !== "Secret")) expect(JSON.stringify(m)).not.toContain(SECRET);
    expect(r.toYaml()).not.toContain(SECRET);
    expect(c.volumeMounts).toEqual([
      { name: "files-0", mountPath: "/app/config", readOnly: true },
      { name: "files-1", mountPath: "/etc/orders", readOnly: true },
      { name: "app-tmp", mountPath: "/tmp" },
      { name: "app-var-cache-orders", mountPath: "/var/cache/orders" },
    ]);
    const volumes = at(r.find("Deployment", "orders", "shop"), "spec.template.spec.volumes");
    expect(volumes.map((v: { name: string }) => v.name)).toEqual(["files-0", "files-1", "app-tmp", "app-var-cache-orders", "proxy-tmp", "migrate-tmp"]);
    expect(volumes[0].configMap).toEqual({ name: "orders-files", items: [{ key: "app-config-app.yaml", path: "app.yaml" }, { key: "app-config-rules.json", path: "rules.json" }] });
  });

  it("renders probes, resources, placement, init containers and sidecars", async () => {
    const r = await full();
    const pod = at(r.find("Deployment", "orders", "shop"), "spec.template.spec");
    const [app, proxy] = pod.containers;
    expect(app.command).toEqual(["/orders"]);
    expect(app.args).toEqual(["--serve"]);
    expect(app.readinessProbe.httpGet).toEqual({ path: "/ready", port: "http", scheme: "HTTP" });
    expect(app.livenessProbe.httpGet).toEqual({ path: "/live", port: "http", scheme: "HTTP" });
    expect(app.livenessProbe.periodSeconds).toBe(20);
    expect(app.startupProbe.grpc).toEqual({ port: 9000 });
    expect(app.resources.requests.cpu).toBe("300m");
    expect(app.resources.requests.memory).toBe("512Mi");
    expect(app.resources.limits.cpu).toBeUndefined();
    expect(app.lifecycle.preStop.sleep.seconds).toBe(10);
    expect(proxy.name).toBe("proxy");
    expect(proxy.resources.requests).toEqual({ cpu: "50m", memory: "128Mi", "ephemeral-storage": "64Mi" });
    expect(proxy.securityContext.readOnlyRootFilesystem).toBe(true);
    expect(pod.initContainers.map((c: { name: string }) => c.name)).toEqual(["migrate"]);
    expect(pod.initContainers[0].readinessProbe).toBeUndefined();
    expect(pod.initContainers[0].securityContext.allowPrivilegeEscalation).toBe(false);
    expect(pod.nodeSelector).toEqual({ "slipway.dev/pool": "apps" });
    expect(pod.tolerations).toHaveLength(1);
    expect(pod.automountServiceAccountToken).toBe(true);
    expect(r.find("ServiceAccount", "orders", "shop").metadata.annotations).toEqual({ "eks.amazonaws.com/role-arn": "arn:aws:iam::123456789012:role/orders" });
    expect(r.find("Deployment", "orders", "shop").metadata.labels?.["app.kubernetes.io/component"]).toBe("api");
  });

  it("lets the HPA own replicas", async () => {
    const r = await full();
    expect(at(r.find("Deployment", "orders", "shop"), "spec.replicas")).toBeUndefined();
    const hpa = r.find("HorizontalPodAutoscaler", "orders", "shop");
    expect(at(hpa, "spec.scaleTargetRef")).toEqual({ apiVersion: "apps/v1", kind: "Deployment", name: "orders" });
    expect(at(hpa, "spec.minReplicas")).toBe(3);
    expect(at(hpa, "spec.maxReplicas")).toBe(12);
    expect(at(hpa, "spec.metrics").map((m: { resource: { name: string; target: { averageUtilization: number } } }) => [m.resource.name, m.resource.target.averageUtilization])).toEqual([
      ["cpu", 60],
      ["memory", 80],
    ]);
    expect(at(hpa, "spec.behavior.scaleDown.stabilizationWindowSeconds")).toBe(120);
  });

  it("splits traffic to a canary with weighted HTTPRoute backends", async () => {
    const r = await full();
    const canary = r.find("Deployment", "orders-canary", "shop");
    expect(at(canary, "spec.template.spec.containers", 0, "image")).toBe("ghcr.io/acme/orders:2.0.0-rc1");
    expect(at(canary, "spec.selector.matchLabels", "slipway.dev/track")).toBe("canary");
    expect(at(canary, "spec.replicas")).toBe(2);
    expect(at(r.find("Service", "orders", "shop"), "spec.selector")).toEqual({ "app.kubernetes.io/name": "orders", "app.kubernetes.io/instance": "orders" });
    expect(at(r.find("Service", "orders-canary", "shop"), "spec.selector", "slipway.dev/track")).toBe("canary");
    expect(at(r.find("Service", "orders-stable", "shop"), "spec.selector", "slipway.dev/track")).toBe("stable");
    expect(r.find("PodDisruptionBudget", "orders-canary", "shop")).toBeDefined();
    const route = r.find("HTTPRoute", "orders", "shop");
    expect(at(route, "spec.parentRefs")).toEqual([{ group: "gateway.networking.k8s.io", kind: "Gateway", name: "platform", namespace: "gateway-system", sectionName: "https" }]);
    expect(at(route, "spec.hostnames")).toEqual(["orders.shop.example.com"]);
    expect(at(route, "spec.rules", 0, "matches")).toEqual([{ path: { type: "PathPrefix", value: "/api" } }, { path: { type: "PathPrefix", value: "/v2" } }]);
    expect(at(route, "spec.rules", 0, "backendRefs")).toEqual([
      { group: "", kind: "Service", name: "orders-stable", port: 8080, weight: 90 },
      { group: "", kind: "Service", name: "orders-canary", port: 8080, weight: 10 },
    ]);
    expect(r.outputs.url).toBe("https://orders.shop.example.com");
  });

  it("renders a ServiceMonitor on the main Service only", async () => {
    const monitor = (await full()).find("ServiceMonitor", "orders", "shop");
    expect(at(monitor, "spec")).toEqual({
      selector: { matchLabels: { "app.kubernetes.io/name": "orders", "app.kubernetes.io/instance": "orders" }, matchExpressions: [{ key: "slipway.dev/traffic-split", operator: "DoesNotExist" }] },
      namespaceSelector: { matchNames: ["shop"] },
      endpoints: [{ port: "metrics", path: "/metrics", interval: "15s", scheme: "http" }],
    });
  });

  it("admits only the gateway's proxy pods on the exposed port and only Prometheus on the metrics port", async () => {
    const r = await full();
    const pods = { matchLabels: { "app.kubernetes.io/name": "orders", "app.kubernetes.io/instance": "orders" } };
    expect(at(r.find("NetworkPolicy", "orders-from-gateway", "shop"), "spec")).toEqual({
      podSelector: pods,
      policyTypes: ["Ingress"],
      ingress: [
        {
          from: [
            {
              namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "gateway-system" } },
              podSelector: { matchLabels: { "gateway.envoyproxy.io/owning-gateway-name": "platform", "gateway.envoyproxy.io/owning-gateway-namespace": "gateway-system" } },
            },
          ],
          ports: [{ protocol: "TCP", port: 8080 }],
        },
      ],
    });
    expect(at(r.find("NetworkPolicy", "orders-from-monitoring", "shop"), "spec")).toEqual({
      podSelector: pods,
      policyTypes: ["Ingress"],
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "monitoring" } }, podSelector: { matchLabels: { "app.kubernetes.io/name": "prometheus" } } }], ports: [{ protocol: "TCP", port: 9090 }] }],
    });
  });

  it("validates every object against the Kubernetes schemas and upstream CRDs", async () => {
    const r = await full();
    expect(r.manifests()).toHaveLength(16);
    expect(r.validate({ crdDirs: [CRD_DIR] })).toEqual([]);
  });

  it("passes every check, the removed CPU limit recorded as a named exception", async () => {
    const r = await full();
    expect(r.find("Deployment", "orders", "shop").metadata.annotations).toEqual({ "slipway.dev/cpu-limit": "none" });
    expect(r.check()).toEqual([]);
  });
});

describe("AppService through an Ingress", () => {
  it("renders TLS with a cert-manager issuer and nginx canary annotations", async () => {
    const r = await render(
      () =>
        new AppService("web", {
          namespace: "site",
          image: "nginxinc/nginx-unprivileged:1.27.3",
          port: 8080,
          expose: { host: "www.example.com", ingress: { className: "nginx", clusterIssuer: "letsencrypt" } },
          canary: { image: "nginxinc/nginx-unprivileged:1.27.4", weight: 25 },
        }),
    );
    const main = r.find("Ingress", "web", "site");
    expect(main.metadata.annotations).toEqual({ "cert-manager.io/cluster-issuer": "letsencrypt" });
    expect(at(main, "spec.tls")).toEqual([{ hosts: ["www.example.com"], secretName: "web-tls" }]);
    expect(at(main, "spec.rules", 0, "http", "paths", 0, "backend")).toEqual({ service: { name: "web-stable", port: { name: "http" } } });
    const canary = r.find("Ingress", "web-canary", "site");
    expect(canary.metadata.annotations).toMatchObject({ "nginx.ingress.kubernetes.io/canary": "true", "nginx.ingress.kubernetes.io/canary-weight": "25" });
    expect(at(r.find("NetworkPolicy", "web-from-ingress", "site"), "spec.ingress")).toEqual([
      {
        from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "ingress-nginx" } }, podSelector: { matchLabels: { "app.kubernetes.io/name": "ingress-nginx", "app.kubernetes.io/component": "controller" } } }],
        ports: [{ protocol: "TCP", port: 8080 }],
      },
    ]);
    expect(r.validate()).toEqual([]);
  });
});

describe("AppService routes and their gateway", () => {
  it("waits for a gateway in the same program (its chart installs the Gateway API CRDs)", async () => {
    const pulumiSdk = await import("@pulumi/pulumi");
    const r = await render(() => {
      class FakeGateway extends pulumiSdk.ComponentResource {}
      class FakeChart extends pulumiSdk.CustomResource {}
      const gatewayComponent = new FakeGateway("test:index:Gateway", "edge");
      new FakeChart("test:index:GatewayChart", "edge-chart", {}, { parent: gatewayComponent });
      new AppService("cart", { namespace: "shop", image: "ghcr.io/acme/cart:1.4.2", port: 8080, expose: { host: "cart.example.com", gateway: { ...GATEWAY, ready: gatewayComponent } } });
    });
    const route = r.resources.find((x) => x.type.endsWith(":HTTPRoute"))!;
    // Depending on a component means waiting for what it contains.
    const chart = r.resources.find((x) => x.type === "test:index:GatewayChart")!;
    expect(route.dependencies).toContain(chart.urn);
    const deployment = r.resources.find((x) => x.type.endsWith(":Deployment"))!;
    expect(deployment.dependencies).not.toContain(chart.urn);
  });
});
