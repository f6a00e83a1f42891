import * as pulumi from "@pulumi/pulumi";
import { render } from "@slipway/testing";
import { DnsZone, EXTERNAL_DNS_CHART } from "@slipway/dns";
import { at, CRD_DIR, eksCluster, OIDC_ARN, OIDC_URL, onPremCluster, policy, urnOf } from "./support";

describe("DnsZone, Route53", () => {
  let zone!: DnsZone;
  let zoneOptions: pulumi.ResourceOptions | undefined;
  const rendered = () =>
    render(() => {
      pulumi.runtime.registerStackTransformation((t) => {
        if (t.type === "aws:route53/zone:Zone") zoneOptions = t.opts;
        return undefined;
      });
      zone = new DnsZone("apps", {
        kind: "route53",
        cluster: eksCluster(),
        domain: "apps.example.com",
        records: [
          { host: "legacy.apps.example.com", targets: ["203.0.113.10", "203.0.113.11"], ttl: 60 },
          { host: "docs.apps.example.com", type: "CNAME", targets: ["acme.github.io"] },
        ],
      });
      return { zoneId: zone.zoneId, host: zone.hostFor("cart", "shop") };
    });

  it("creates a public hosted zone that is never destroyed with its records", async () => {
    const r = await rendered();
    const [hosted] = r.byType("aws:route53/zone:Zone");
    expect(hosted.inputs).toMatchObject({ name: "apps.example.com", forceDestroy: false, comment: "Managed by Slipway" });
    expect(hosted.inputs.vpcs).toBeUndefined();
    expect(zoneOptions?.retainOnDelete).toBe(true);
    expect(r.outputs.zoneId).toMatch(/^Z[0-9A-F]+$/);
  });

  it("gives external-dns one role, trusted only by its ServiceAccount", async () => {
    const r = await rendered();
    const roles = r.byType("aws:iam/role:Role");
    expect(roles).toHaveLength(1);
    expect(policy(roles[0].inputs.assumeRolePolicy)).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { Federated: OIDC_ARN },
          Action: "sts:AssumeRoleWithWebIdentity",
          Condition: { StringEquals: { [`${OIDC_URL}:sub`]: "system:serviceaccount:external-dns-apps:external-dns", [`${OIDC_URL}:aud`]: "sts.amazonaws.com" } },
        },
      ],
    });
  });

  it("allows record changes on that zone only, and read-only listing", async () => {
    const r = await rendered();
    const zoneArn = `arn:aws:route53:::hostedzone/${String(r.outputs.zoneId)}`;
    const [inline] = r.byType("aws:iam/rolePolicy:RolePolicy");
    const statements = policy(inline.inputs.policy).Statement as { Action: string[]; Resource: string[]; Effect: string }[];
    expect(statements.every((s) => s.Effect === "Allow")).toBe(true);
    const writes = statements.filter((s) => s.Action.some((a) => /Change/.test(a)));
    expect(writes).toEqual([{ Sid: "ChangeRecordsOfThisZoneOnly", Effect: "Allow", Action: ["route53:ChangeResourceRecordSets"], Resource: [zoneArn] }]);
    const wildcard = statements.filter((s) => s.Resource.includes("*"));
    expect(wildcard.flatMap((s) => s.Action)).toEqual(["route53:ListHostedZones"]);
    expect(statements.flatMap((s) => s.Action).sort()).toEqual(["route53:ChangeResourceRecordSets", "route53:ListHostedZones", "route53:ListResourceRecordSets", "route53:ListTagsForResource"]);
    expect(inline.inputs.role).toBe(r.byType("aws:iam/role:Role")[0].id);
  });

  it("installs external-dns from its pinned chart, upsert-only, owned by this cluster", async () => {
    const r = await rendered();
    const [chart] = r.charts();
    expect(chart).toMatchObject({ chart: "external-dns", version: EXTERNAL_DNS_CHART.version, repo: EXTERNAL_DNS_CHART.repository, namespace: "external-dns-apps" });
    const roleArn = r.byType("aws:iam/role:Role")[0];
    expect(chart.values).toMatchObject({
      provider: { name: "aws" },
      policy: "upsert-only",
      registry: "txt",
      txtOwnerId: "main-test",
      domainFilters: ["apps.example.com"],
      sources: ["gateway-httproute", "service", "crd"],
      serviceAccount: { create: true, name: "external-dns", annotations: { "eks.amazonaws.com/role-arn": expect.stringContaining(":role/") } },
      env: [{ name: "AWS_DEFAULT_REGION", value: "eu-west-1" }],
      extraArgs: [`--zone-id-filter=${String(r.outputs.zoneId)}`, "--aws-zone-type=public"],
    });
    expect(roleArn).toBeDefined();
    const chartUrn = urnOf(r, "kubernetes:helm.sh/v4:Chart", "apps-external-dns");
    const ns = r.resources.find((x) => x.type === "kubernetes:core/v1:Namespace")!;
    expect(r.byUrn(chartUrn)!.dependencies).toContain(ns.urn);
  });

  it("runs external-dns in a restricted namespace", async () => {
    const r = await rendered();
    expect(r.find("Namespace", "external-dns-apps").metadata.labels).toMatchObject({
      "pod-security.kubernetes.io/enforce": "restricted",
      "pod-security.kubernetes.io/enforce-version": "v1.33",
      "pod-security.kubernetes.io/warn": "restricted",
      "pod-security.kubernetes.io/audit": "restricted",
    });
  });

  it("renders DNSEndpoints for names that are not routes, after the chart", async () => {
    const r = await rendered();
    const endpoints = r.filter("DNSEndpoint");
    expect(endpoints.map((e) => e.metadata.name).sort()).toEqual(["a.legacy.apps.example.com", "cname.docs.apps.example.com"]);
    expect(at(r.find("DNSEndpoint", "a.legacy.apps.example.com"), "spec.endpoints")).toEqual([
      { dnsName: "legacy.apps.example.com", recordType: "A", recordTTL: 60, targets: ["203.0.113.10", "203.0.113.11"] },
    ]);
    expect(at(r.find("DNSEndpoint", "cname.docs.apps.example.com"), "spec.endpoints", 0)).toMatchObject({ recordType: "CNAME", recordTTL: 300, targets: ["acme.github.io"] });
    const chartUrn = urnOf(r, "kubernetes:helm.sh/v4:Chart", "apps-external-dns");
    for (const e of r.byType("kubernetes:externaldns.k8s.io/v1alpha1:DNSEndpoint")) expect(e.dependencies).toEqual([chartUrn]);
  });

  it("applies one naming rule for hosts", async () => {
    const r = await rendered();
    expect(r.outputs.host).toBe("cart.shop.apps.example.com");
    expect(zone.hostFor("cart", { namespace: "shop-ns" })).toBe("cart.shop-ns.apps.example.com");
    expect(zone.hostFor("cart", { tenantName: "shop", namespace: "shop-ns" })).toBe("cart.shop.apps.example.com");
    expect(zone.tenantWildcard("shop")).toBe("*.shop.apps.example.com");
    expect(zone.domain).toBe("apps.example.com");
  });

  it("validates against the CRDs and passes the checks", async () => {
    const r = await rendered();
    expect(r.validate({ crdDirs: [CRD_DIR] })).toEqual([]);
    expect(r.check().map((v) => `${v.check} ${v.message}`)).toEqual([]);
  });
});

describe("DnsZone, Route53 variants", () => {
  it("creates a private zone attached to VPCs, and deletes it with records only when asked", async () => {
    const r = await render(
      () =>
        new DnsZone("internal", {
          kind: "route53",
          cluster: eksCluster(),
          domain: "internal.example.com",
          privateVpcs: [{ vpcId: "vpc-0123456789abcdef0", region: "eu-west-1" }],
          forceDestroy: true,
          externalDns: { policy: "sync", txtOwnerId: "prod-eu", domainFilters: ["svc.internal.example.com"], interval: "5m" },
        }),
    );
    const [hosted] = r.byType("aws:route53/zone:Zone");
    expect(hosted.inputs).toMatchObject({ forceDestroy: true, vpcs: [{ vpcId: "vpc-0123456789abcdef0", vpcRegion: "eu-west-1" }] });
    const [chart] = r.charts();
    expect(chart.values).toMatchObject({ policy: "sync", txtOwnerId: "prod-eu", domainFilters: ["svc.internal.example.com"], interval: "5m" });
    expect((chart.values.extraArgs as string[])[1]).toBe("--aws-zone-type=private");
  });

  it("adopts an existing zone: no zone is created and the policy names that zone", async () => {
    const r = await render(() => new DnsZone("apps", { kind: "route53", cluster: eksCluster(), domain: "apps.example.com", existingZoneId: "Z0EXISTING42" }));
    expect(r.byType("aws:route53/zone:Zone")).toHaveLength(0);
    const statements = policy(r.byType("aws:iam/rolePolicy:RolePolicy")[0].inputs.policy).Statement;
    expect(statements[0].Resource).toEqual(["arn:aws:route53:::hostedzone/Z0EXISTING42"]);
  });

  it("pulls external-dns through the cluster's mirror, and takes chart overrides", async () => {
    const r = await render(
      () =>
        new DnsZone("apps", {
          kind: "route53",
          cluster: eksCluster({ imageMirror: "harbor.corp.internal/mirror" }),
          domain: "apps.example.com",
          externalDns: { chart: { repository: "https://charts.corp.internal/external-dns", version: "1.18.1" } },
        }),
    );
    const [chart] = r.charts();
    expect(chart).toMatchObject({ repo: "https://charts.corp.internal/external-dns", version: "1.18.1" });
    expect(at(chart.values, "image.repository")).toBe("harbor.corp.internal/mirror/external-dns/external-dns");
  });
});

describe("DnsZone, RFC2136", () => {
  const TSIG = "dns-zone-test-tsig-secret-5c1e0b7d";
  const rendered = () =>
    render(
      () =>
        new DnsZone("corp", {
          kind: "rfc2136",
          cluster: onPremCluster(),
          domain: "apps.corp.internal",
          server: { host: "10.20.0.53", tsigKeyName: "externaldns-key", tsigSecret: pulumi.secret(TSIG), tsigAlgorithm: "hmac-sha512" },
          records: [{ host: "ldap.apps.corp.internal", targets: ["10.20.0.10"] }],
        }),
    );

  it("keeps the TSIG key in a Secret and hands it to external-dns by reference only", async () => {
    const r = await rendered();
    const secret = r.byType("kubernetes:core/v1:Secret");
    expect(secret).toHaveLength(1);
    expect(secret[0].inputs.metadata).toMatchObject({ name: "corp-tsig", namespace: "external-dns-corp" });
    expect(secret[0].secretPaths).toContain("stringData");
    expect(at(secret[0].inputs, "stringData", "tsig-secret")).toBe(TSIG);
    const [chart] = r.charts();
    expect(JSON.stringify(chart.values)).not.toContain(TSIG);
    expect(chart.values).toMatchObject({
      provider: { name: "rfc2136" },
      policy: "upsert-only",
      txtOwnerId: "onprem-test",
      env: [{ name: "EXTERNAL_DNS_RFC2136_TSIG_SECRET", valueFrom: { secretKeyRef: { name: "corp-tsig", key: "tsig-secret" } } }],
      extraArgs: [
        "--rfc2136-host=10.20.0.53",
        "--rfc2136-port=53",
        "--rfc2136-zone=apps.corp.internal",
        "--rfc2136-tsig-keyname=externaldns-key",
        "--rfc2136-tsig-secret-alg=hmac-sha512",
        "--rfc2136-tsig-axfr",
      ],
    });
    expect(r.toYaml()).not.toContain(TSIG);
    expect(r.cloud()).toEqual([]);
  });

  it("installs the chart after the Secret and validates", async () => {
    const r = await rendered();
    const chartUrn = urnOf(r, "kubernetes:helm.sh/v4:Chart", "corp-external-dns");
    const secretUrn = r.byType("kubernetes:core/v1:Secret")[0].urn;
    expect(r.byUrn(chartUrn)!.dependencies).toContain(secretUrn);
    expect(r.validate({ crdDirs: [CRD_DIR] })).toEqual([]);
    expect(r.check().map((v) => `${v.check} ${v.message}`)).toEqual([]);
  });
});

describe("DnsZone, nip.io", () => {
  it("names hosts <app>.<tenant>.<ip>.nip.io and deploys nothing", async () => {
    let zone!: DnsZone;
    const r = await render(() => {
      zone = new DnsZone("dev", { kind: "nipio", ingressIp: "10.86.67.11" });
    });
    expect(zone.domain).toBe("10.86.67.11.nip.io");
    expect(zone.hostFor("cart", "shop")).toBe("cart.shop.10.86.67.11.nip.io");
    expect(zone.dns01).toBeUndefined();
    expect(r.manifests()).toEqual([]);
    expect(r.charts()).toEqual([]);
    expect(r.resources.map((x) => x.type)).toEqual(["slipway:dns:DnsZone"]);
  });
});
