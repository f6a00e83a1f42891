import * as pulumi from "@pulumi/pulumi";
import { render } from "@slipway/testing";
import { ACME_SERVERS, CERT_MANAGER_CHART, Certificates, DnsZone, HostCertificate } from "@slipway/dns";
import { at, CRD_DIR, eksCluster, GATEWAY, OIDC_URL, onPremCluster, policy, urnOf } from "./support";

const CHART_TYPE = "kubernetes:helm.sh/v4:Chart";

describe("Certificates, ACME HTTP-01 through the gateway", () => {
  let hostCert!: HostCertificate;
  const rendered = () =>
    render(() => {
      const certs = new Certificates("letsencrypt", {
        cluster: eksCluster(),
        issuer: { kind: "acme", email: "platform@acme-corp.io", http01: { gateway: GATEWAY } },
        gatewayCertificate: { gateway: GATEWAY, dnsNames: ["shop.acme-corp.io", "www.acme-corp.io"] },
      });
      hostCert = certs.certificateFor("cart.shop.acme-corp.io", "shop");
    });

  it("renders an ACME ClusterIssuer that answers challenges on the gateway's HTTP listener", async () => {
    const r = await rendered();
    expect(at(r.find("ClusterIssuer", "letsencrypt"), "spec")).toEqual({
      acme: {
        email: "platform@acme-corp.io",
        server: ACME_SERVERS.production,
        privateKeySecretRef: { name: "letsencrypt-account-key" },
        solvers: [{ http01: { gatewayHTTPRoute: { parentRefs: [{ group: "gateway.networking.k8s.io", kind: "Gateway", name: "platform", namespace: "gateway-system", sectionName: "http" }] } } }],
      },
    });
  });

  it("issues the gateway's HTTPS certificate into the Secret its listener reads", async () => {
    const r = await rendered();
    const cert = r.find("Certificate", "platform-tls", "gateway-system");
    expect(at(cert, "spec")).toEqual({
      secretName: "platform-tls",
      dnsNames: ["shop.acme-corp.io", "www.acme-corp.io"],
      privateKey: { algorithm: "ECDSA", size: 256, rotationPolicy: "Always" },
      issuerRef: { name: "letsencrypt", kind: "ClusterIssuer", group: "cert-manager.io" },
    });
  });

  it("issues certificates for further public hosts", async () => {
    const r = await rendered();
    expect(hostCert.secretName).toBe("cart-shop-acme-corp-io-tls");
    expect(at(r.find("Certificate", "cart-shop-acme-corp-io-tls", "shop"), "spec")).toMatchObject({ secretName: "cart-shop-acme-corp-io-tls", dnsNames: ["cart.shop.acme-corp.io"], issuerRef: { name: "letsencrypt" } });
  });

  it("installs cert-manager from its pinned chart with CRDs and Gateway API support", async () => {
    const r = await rendered();
    const [chart] = r.charts();
    expect(chart).toMatchObject({ chart: "cert-manager", version: CERT_MANAGER_CHART.version, repo: "https://charts.jetstack.io", namespace: "cert-manager" });
    expect(chart.values).toMatchObject({
      crds: { enabled: true, keep: true },
      replicaCount: 2,
      // The chart's budgets cannot say unhealthyPodEvictionPolicy: ours replace them (R6, R7).
      podDisruptionBudget: { enabled: false },
      config: { apiVersion: "controller.config.cert-manager.io/v1alpha1", kind: "ControllerConfiguration", enableGatewayAPI: true },
      serviceAccount: { name: "cert-manager" },
    });
    expect(at(chart.values, "serviceAccount.annotations")).toBeUndefined();
    for (const [name, component] of [["cert-manager", "controller"], ["webhook", "webhook"], ["cainjector", "cainjector"]]) {
      expect(r.find("PodDisruptionBudget", `cert-manager-${component}`, "cert-manager").spec).toEqual({
        maxUnavailable: 1,
        unhealthyPodEvictionPolicy: "AlwaysAllow",
        selector: { matchLabels: { "app.kubernetes.io/name": name, "app.kubernetes.io/component": component } },
      });
    }
    expect(r.find("Namespace", "cert-manager").metadata.labels).toMatchObject({ "pod-security.kubernetes.io/enforce": "restricted" });
    expect(r.cloud()).toEqual([]);
  });

  it("creates issuers and certificates only after the chart", async () => {
    const r = await rendered();
    const chartUrn = urnOf(r, CHART_TYPE, "letsencrypt-cert-manager");
    const custom = r.resources.filter((x) => x.type.startsWith("kubernetes:cert-manager.io/"));
    expect(custom).toHaveLength(3);
    for (const c of custom) expect(c.dependencies).toEqual([chartUrn]);
  });

  it("validates against the CRDs and passes the checks", async () => {
    const r = await rendered();
    expect(r.validate({ crdDirs: [CRD_DIR] })).toEqual([]);
    expect(r.check().map((v) => `${v.check} ${v.message}`)).toEqual([]);
  });
});

describe("Certificates, ACME DNS-01 through a Route53 zone", () => {
  const rendered = () =>
    render(() => {
      const cluster = eksCluster();
      const zone = new DnsZone("apps", { kind: "route53", cluster, domain: "apps.example.com" });
      new Certificates("letsencrypt", {
        cluster,
        issuer: { kind: "acme", email: "platform@acme-corp.io", server: "staging", dns01: { zone } },
        gatewayCertificate: { gateway: GATEWAY, zone, tenants: ["shop", { tenantName: "billing", namespace: "billing" }] },
      });
      return { zoneId: zone.zoneId };
    });

  it("solves through the zone with its own role, limited to that zone", async () => {
    const r = await rendered();
    const zoneId = String(r.outputs.zoneId);
    expect(at(r.find("ClusterIssuer", "letsencrypt"), "spec.acme")).toMatchObject({
      server: ACME_SERVERS.staging,
      solvers: [{ selector: { dnsZones: ["apps.example.com"] }, dns01: { route53: { hostedZoneID: zoneId, region: "eu-west-1" } } }],
    });
    const role = r.byType("aws:iam/role:Role").find((x) => x.name === "letsencrypt-dns01")!;
    expect(policy(role.inputs.assumeRolePolicy).Statement[0].Condition.StringEquals).toEqual({
      [`${OIDC_URL}:sub`]: "system:serviceaccount:cert-manager:cert-manager",
      [`${OIDC_URL}:aud`]: "sts.amazonaws.com",
    });
    const inline = r.byType("aws:iam/rolePolicy:RolePolicy").find((x) => x.name === "letsencrypt-dns01")!;
    expect(policy(inline.inputs.policy).Statement).toEqual([
      { Sid: "ChallengeRecordsOfThisZoneOnly", Effect: "Allow", Action: ["route53:ChangeResourceRecordSets", "route53:ListResourceRecordSets"], Resource: [`arn:aws:route53:::hostedzone/${zoneId}`] },
      { Sid: "WatchChanges", Effect: "Allow", Action: ["route53:GetChange"], Resource: ["arn:aws:route53:::change/*"] },
    ]);
    const chart = r.charts().find((c) => c.chart === "cert-manager")!;
    expect(at(chart.values, "serviceAccount.annotations")).toEqual({ "eks.amazonaws.com/role-arn": expect.stringContaining(":role/letsencrypt-dns01") });
    expect(chart.values.config).toBeUndefined();
  });

  it("covers the zone's wildcard and each tenant's wildcard on the gateway", async () => {
    const r = await rendered();
    expect(at(r.find("Certificate", "platform-tls", "gateway-system"), "spec.dnsNames")).toEqual(["*.apps.example.com", "*.shop.apps.example.com", "*.billing.apps.example.com"]);
  });

  it("validates and passes the checks (one role per ServiceAccount)", async () => {
    const r = await rendered();
    expect(r.byType("aws:iam/role:Role")).toHaveLength(2);
    expect(r.validate({ crdDirs: [CRD_DIR] })).toEqual([]);
    expect(r.check().map((v) => `${v.check} ${v.message}`)).toEqual([]);
  });
});

describe("Certificates, ACME DNS-01 through an RFC2136 server", () => {
  const TSIG = "certificates-test-tsig-3d9a71c2";
  it("copies the TSIG key into cert-manager's namespace as a Secret and references it", async () => {
    const r = await render(() => {
      const cluster = onPremCluster();
      const zone = new DnsZone("corp", {
        kind: "rfc2136",
        cluster,
        domain: "apps.corp.internal",
        server: { host: "ns1.corp.internal", port: 5353, tsigKeyName: "externaldns-key", tsigSecret: pulumi.secret(TSIG) },
      });
      new Certificates("corp-acme", { cluster, issuer: { kind: "acme", email: "pki@corp.io", server: "https://acme.corp.internal/directory", dns01: { zone } } });
    });
    expect(at(r.find("ClusterIssuer", "corp-acme"), "spec.acme")).toMatchObject({
      server: "https://acme.corp.internal/directory",
      solvers: [
        {
          selector: { dnsZones: ["apps.corp.internal"] },
          dns01: { rfc2136: { nameserver: "ns1.corp.internal:5353", tsigKeyName: "externaldns-key", tsigAlgorithm: "HMACSHA256", tsigSecretSecretRef: { name: "corp-acme-tsig", key: "tsig-secret" } } },
        },
      ],
    });
    const secret = r.byType("kubernetes:core/v1:Secret").find((s) => at(s.inputs, "metadata.namespace") === "cert-manager")!;
    expect(at(secret.inputs, "metadata.name")).toBe("corp-acme-tsig");
    expect(secret.secretPaths).toContain("stringData");
    expect(r.toYaml()).not.toContain(TSIG);
    for (const chart of r.charts()) expect(JSON.stringify(chart.values)).not.toContain(TSIG);
    expect(r.validate({ crdDirs: [CRD_DIR] })).toEqual([]);
  });
});

describe("Certificates, private CA", () => {
  it("renders a self-signed root, the CA certificate and a CA issuer", async () => {
    let certs!: Certificates;
    const r = await render(() => {
      certs = new Certificates("internal-ca", {
        cluster: onPremCluster({ imageMirror: "harbor.corp.internal/mirror" }),
        issuer: { kind: "privateCa", commonName: "Corp Internal Root", validityDays: 1825 },
        gatewayCertificate: { gateway: GATEWAY, dnsNames: ["*.apps.corp.internal"] },
      });
    });
    expect(r.filter("ClusterIssuer").map((i) => i.metadata.name).sort()).toEqual(["internal-ca", "internal-ca-selfsigned"]);
    expect(at(r.find("ClusterIssuer", "internal-ca-selfsigned"), "spec")).toEqual({ selfSigned: {} });
    expect(at(r.find("Certificate", "internal-ca-ca", "cert-manager"), "spec")).toEqual({
      isCA: true,
      commonName: "Corp Internal Root",
      secretName: "internal-ca-ca",
      duration: "43800h",
      privateKey: { algorithm: "ECDSA", size: 256, rotationPolicy: "Always" },
      issuerRef: { name: "internal-ca-selfsigned", kind: "ClusterIssuer", group: "cert-manager.io" },
    });
    expect(at(r.find("ClusterIssuer", "internal-ca"), "spec")).toEqual({ ca: { secretName: "internal-ca-ca" } });
    expect(at(r.find("Certificate", "platform-tls", "gateway-system"), "spec.dnsNames")).toEqual(["*.apps.corp.internal"]);
    expect(certs.caSecretName).toBe("internal-ca-ca");
    expect(certs.issuerRef).toEqual({ name: "internal-ca", kind: "ClusterIssuer", group: "cert-manager.io" });
    const [chart] = r.charts();
    expect(at(chart.values, "image.repository")).toBe("harbor.corp.internal/mirror/jetstack/cert-manager-controller");
    expect(at(chart.values, "webhook.image.repository")).toBe("harbor.corp.internal/mirror/jetstack/cert-manager-webhook");
    expect(at(chart.values, "acmesolver.image.repository")).toBe("harbor.corp.internal/mirror/jetstack/cert-manager-acmesolver");
    expect(r.validate({ crdDirs: [CRD_DIR] })).toEqual([]);
  });
});
