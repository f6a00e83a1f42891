import * as path from "path";
import * as k8s from "@pulumi/kubernetes";
import { ClusterHandle } from "@slipway/core";
import { render, Rendered } from "@slipway/testing";
import { AppService } from "@slipway/apps";
import { Certificates, DnsZone } from "@slipway/dns";
import { ENVOY_GATEWAY_CHART, ENVOY_GATEWAY_CONTROLLER, Gateway } from "@slipway/network";

const CRD_DIR = path.resolve(__dirname, "../../../../shared/crds");
const OIDC_URL = "oidc.eks.eu-west-1.amazonaws.com/id/0A1B2C3D4E5F";

/** An EKS cluster handle as the Cluster component gives it (call inside a render). */
function cluster(extra: Partial<ClusterHandle> = {}): ClusterHandle {
  return {
    clusterName: "main",
    kind: "eks",
    provider: new k8s.Provider("main", { kubeconfig: "{}" }),
    oidc: { providerArn: `arn:aws:iam::123456789012:oidc-provider/${OIDC_URL}`, issuerUrl: `https://${OIDC_URL}` },
    region: "eu-west-1",
    ...extra,
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const at = (value: unknown, p: string, ...keys: (string | number)[]): any => [...p.split("."), ...keys].reduce<unknown>((acc, key) => (acc as Record<string | number, unknown> | undefined)?.[key], value);

function urnOf(r: Rendered, type: string, name: string): string {
  const found = r.resources.filter((x) => x.type === type && x.name === name);
  if (found.length !== 1) throw new Error(`${found.length} ${type} named ${name}`);
  return found[0].urn;
}

describe("Gateway with a zone, certificates and an app", () => {
  let gateway!: Gateway;
  const rendered = () =>
    render(() => {
      const eks = cluster();
      const zone = new DnsZone("apps", { kind: "route53", cluster: eks, domain: "apps.example.com" });
      gateway = new Gateway("platform", { cluster: eks, zone });
      new Certificates("letsencrypt", {
        cluster: eks,
        issuer: { kind: "acme", email: "platform@acme-corp.io", dns01: { zone } },
        gatewayCertificate: { gateway, zone, tenants: ["shop"] },
      });
      new AppService("cart", { namespace: "shop", image: "ghcr.io/acme/cart:1.0.0", port: 8080, expose: { host: zone.hostFor("cart", "shop"), gateway } });
      return { address: gateway.address };
    });

  it("installs Envoy Gateway from its pinned chart into the gateway's restricted namespace", async () => {
    const r = await rendered();
    const chart = r.charts().find((c) => c.name === "platform-envoy-gateway")!;
    expect(chart).toMatchObject({ chart: `${ENVOY_GATEWAY_CHART.repository}/gateway-helm`, version: ENVOY_GATEWAY_CHART.version, namespace: "gateway-system" });
    expect(chart.chart).toBe("oci://docker.io/envoyproxy/gateway-helm");
    // The chart's budget is off (it cannot say unhealthyPodEvictionPolicy); ours keeps one controller up through drains (R6, R7).
    expect(chart.values).toMatchObject({ deployment: { replicas: 2 }, podDisruptionBudget: { minAvailable: 0 } });
    expect(r.find("PodDisruptionBudget", "envoy-gateway", "gateway-system").spec).toEqual({
      maxUnavailable: 1,
      unhealthyPodEvictionPolicy: "AlwaysAllow",
      selector: { matchLabels: { "control-plane": "envoy-gateway" } },
    });
    expect(r.find("Namespace", "gateway-system").metadata.labels).toMatchObject({
      "pod-security.kubernetes.io/enforce": "restricted",
      "pod-security.kubernetes.io/enforce-version": "v1.33",
      "pod-security.kubernetes.io/audit": "restricted",
      "pod-security.kubernetes.io/warn": "restricted",
    });
    const nsUrn = r.byType("kubernetes:core/v1:Namespace").find((n) => at(n.inputs, "metadata.name") === "gateway-system")!.urn;
    expect(r.byUrn(urnOf(r, "kubernetes:helm.sh/v4:Chart", "platform-envoy-gateway"))!.dependencies).toContain(nsUrn);
  });

  it("renders a GatewayClass for Envoy Gateway and a shared Gateway with HTTP and HTTPS listeners", async () => {
    const r = await rendered();
    expect(at(r.find("GatewayClass", "platform"), "spec.controllerName")).toBe(ENVOY_GATEWAY_CONTROLLER);
    const gw = r.find("Gateway", "platform", "gateway-system");
    expect(at(gw, "spec.gatewayClassName")).toBe("platform");
    expect(at(gw, "spec.listeners")).toEqual([
      {
        name: "http",
        port: 80,
        protocol: "HTTP",
        hostname: "*.apps.example.com",
        allowedRoutes: { namespaces: { from: "Same" }, kinds: [{ group: "gateway.networking.k8s.io", kind: "HTTPRoute" }] },
      },
      {
        name: "https",
        port: 443,
        protocol: "HTTPS",
        hostname: "*.apps.example.com",
        tls: { mode: "Terminate", certificateRefs: [{ group: "", kind: "Secret", name: "platform-tls" }] },
        allowedRoutes: {
          namespaces: { from: "Selector", selector: { matchLabels: { "slipway.dev/gateway-routes": "true" } } },
          kinds: [{ group: "gateway.networking.k8s.io", kind: "HTTPRoute" }],
        },
      },
    ]);
    expect(at(gw, "spec.addresses")).toBeUndefined();
    expect(at(gw, "status")).toBeUndefined();
  });

  it("redirects plain HTTP to HTTPS", async () => {
    const r = await rendered();
    expect(at(r.find("HTTPRoute", "platform-https-redirect", "gateway-system"), "spec")).toEqual({
      parentRefs: [{ group: "gateway.networking.k8s.io", kind: "Gateway", name: "platform", namespace: "gateway-system", sectionName: "http" }],
      rules: [{ filters: [{ type: "RequestRedirect", requestRedirect: { scheme: "https", statusCode: 301 } }] }],
    });
  });

  it("attaches the AppService's HTTPRoute to the gateway's HTTPS listener", async () => {
    const r = await rendered();
    const route = r.find("HTTPRoute", "cart", "shop");
    expect(at(route, "spec.parentRefs")).toEqual([{ group: "gateway.networking.k8s.io", kind: "Gateway", name: gateway.gatewayName, namespace: gateway.gatewayNamespace, sectionName: gateway.httpsListener }]);
    expect(at(route, "spec.parentRefs", 0)).toMatchObject({ name: "platform", namespace: "gateway-system", sectionName: "https" });
    expect(at(route, "spec.hostnames")).toEqual(["cart.shop.apps.example.com"]);
  });

  it("serves the HTTPS listener the certificate cert-manager issues for the zone and the tenant", async () => {
    const r = await rendered();
    const cert = r.find("Certificate", gateway.tlsSecretName, "gateway-system");
    expect(at(cert, "spec")).toMatchObject({ secretName: "platform-tls", dnsNames: ["*.apps.example.com", "*.shop.apps.example.com"], issuerRef: { name: "letsencrypt", kind: "ClusterIssuer" } });
    // The certificate waits for the gateway (its namespace) and for cert-manager (its CRD).
    const certResource = r.byType("kubernetes:cert-manager.io/v1:Certificate")[0];
    const gatewayNamespace = r.byType("kubernetes:core/v1:Namespace").find((n) => at(n.inputs, "metadata.name") === "gateway-system")!.urn;
    expect(certResource.dependencies).toEqual(expect.arrayContaining([urnOf(r, "kubernetes:helm.sh/v4:Chart", "letsencrypt-cert-manager"), gatewayNamespace]));
  });

  it("gives the handles tenants, apps and zones need", async () => {
    const r = await rendered();
    expect(gateway.namespace).toBe("gateway-system");
    expect(gateway.gatewayNamespace).toBe("gateway-system");
    expect(gateway.className).toBe("platform");
    expect(gateway.httpListener).toBe("http");
    // No static address and no load balancer under mocks: the address is empty, never undefined.
    expect(r.outputs.address).toBe("");
  });

  it("creates the Gateway API objects only after the chart that installs their CRDs", async () => {
    const r = await rendered();
    const chartUrn = urnOf(r, "kubernetes:helm.sh/v4:Chart", "platform-envoy-gateway");
    const gatewayObjects = r.resources.filter((x) => x.type.startsWith("kubernetes:gateway.networking.k8s.io/") && x.parent === urnOf(r, "slipway:network:Gateway", "platform"));
    expect(gatewayObjects.map((x) => x.type).sort()).toEqual([
      "kubernetes:gateway.networking.k8s.io/v1:Gateway",
      "kubernetes:gateway.networking.k8s.io/v1:GatewayClass",
      "kubernetes:gateway.networking.k8s.io/v1:HTTPRoute",
    ]);
    for (const o of gatewayObjects) expect(o.dependencies).toEqual([chartUrn]);
  });

  it("validates every object, custom resources against their upstream CRDs", async () => {
    const r = await rendered();
    expect(r.validate({ crdDirs: [CRD_DIR] })).toEqual([]);
  });

  it("passes every check (the HTTP listener only redirects to https)", async () => {
    const r = await rendered();
    expect(r.check()).toEqual([]);
  });
});

describe("Gateway options", () => {
  it("pins static addresses, custom ports and an IngressClass, and mirrors images", async () => {
    let gateway!: Gateway;
    const r = await render(() => {
      gateway = new Gateway("edge", {
        cluster: cluster({ imageMirror: "harbor.corp.internal/mirror" }),
        namespace: "edge-gateway",
        className: "envoy",
        httpPort: 8080,
        httpsPort: 8443,
        addresses: ["10.86.67.11"],
        certificateSecrets: ["edge-tls", "legacy-tls"],
        replicas: 3,
        ingressClass: { name: "legacy", controller: "k8s.io/ingress-nginx", default: true },
      });
      return { address: gateway.address };
    });
    expect(r.outputs.address).toBe("10.86.67.11");
    const gw = r.find("Gateway", "edge", "edge-gateway");
    expect(at(gw, "spec.addresses")).toEqual([{ type: "IPAddress", value: "10.86.67.11" }]);
    expect(at(gw, "spec.listeners").map((l: { port: number }) => l.port)).toEqual([8080, 8443]);
    expect(at(gw, "spec.listeners", 1, "tls", "certificateRefs").map((c: { name: string }) => c.name)).toEqual(["edge-tls", "legacy-tls"]);
    expect(at(gw, "spec.listeners", 0, "hostname")).toBeUndefined();
    expect(at(r.find("HTTPRoute", "edge-https-redirect", "edge-gateway"), "spec.rules", 0, "filters", 0, "requestRedirect")).toEqual({ scheme: "https", statusCode: 301, port: 8443 });
    expect(r.find("IngressClass", "legacy")).toMatchObject({ metadata: { annotations: { "ingressclass.kubernetes.io/is-default-class": "true" } }, spec: { controller: "k8s.io/ingress-nginx" } });
    expect(gateway.ingressClassName).toBe("legacy");
    expect(gateway.tlsSecretName).toBe("edge-tls");
    const [chart] = r.charts();
    expect(chart.values).toMatchObject({ global: { imageRegistry: "harbor.corp.internal/mirror" }, deployment: { replicas: 3 } });
    expect(r.validate({ crdDirs: [CRD_DIR] })).toEqual([]);
  });

  it("leaves out the redirect when asked and renders no IngressClass by default", async () => {
    const r = await render(() => new Gateway("platform", { cluster: cluster(), redirectHttp: false, chart: { repository: "oci://harbor.corp.internal/charts", version: "v1.5.1" } }));
    expect(r.filter("HTTPRoute")).toEqual([]);
    expect(r.filter("IngressClass")).toEqual([]);
    expect(r.charts()[0]).toMatchObject({ chart: "oci://harbor.corp.internal/charts/gateway-helm", version: "v1.5.1" });
  });

  it("serves a nip.io zone for development", async () => {
    const r = await render(() => {
      const zone = new DnsZone("dev", { kind: "nipio", ingressIp: "10.86.67.11" });
      const gateway = new Gateway("platform", { cluster: cluster(), zone, addresses: ["10.86.67.11"] });
      new AppService("cart", { namespace: "shop", image: "ghcr.io/acme/cart:1.0.0", port: 8080, expose: { host: zone.hostFor("cart", "shop"), gateway } });
    });
    expect(at(r.find("Gateway", "platform"), "spec.listeners", 1, "hostname")).toBe("*.10.86.67.11.nip.io");
    expect(at(r.find("HTTPRoute", "cart", "shop"), "spec.hostnames")).toEqual(["cart.shop.10.86.67.11.nip.io"]);
    expect(r.validate({ crdDirs: [CRD_DIR] })).toEqual([]);
  });
});
