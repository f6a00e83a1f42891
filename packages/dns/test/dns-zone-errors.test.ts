import * as pulumi from "@pulumi/pulumi";
import { DnsZone, DnsZoneArgs } from "@slipway/dns";
import { eksCluster, expectInputError, onPremCluster, renderError } from "./support";

type Args = Record<string, unknown>;
const route53 = (extra: Args = {}) => ({ kind: "route53", cluster: eksCluster(), domain: "apps.example.com", ...extra });
const rfc2136 = (server: Args = {}, extra: Args = {}) => ({
  kind: "rfc2136",
  cluster: onPremCluster(),
  domain: "apps.corp.internal",
  server: { host: "10.20.0.53", tsigKeyName: "externaldns-key", tsigSecret: pulumi.secret("dns-zone-errors-tsig-9b2f"), ...server },
  ...extra,
});
const record = (extra: Args) => ({ records: [{ host: "legacy.apps.example.com", targets: ["203.0.113.10"], ...extra }] });

/** Bad construction inputs: [case, zone name, args (built inside the render), field, value shown]. */
const cases: [string, string, () => Args, string, string][] = [
  ["uppercase zone name", "Apps", () => route53(), "name", '"Apps"'],
  ["unknown kind", "apps", () => route53({ kind: "cloudflare" }), "kind", '"cloudflare"'],
  ["uppercase domain", "apps", () => route53({ domain: "Apps.Example.com" }), "domain", '"Apps.Example.com"'],
  ["single-label domain", "apps", () => route53({ domain: "localhost" }), "domain", '"localhost"'],
  ["domain with a trailing dot", "apps", () => route53({ domain: "apps.example.com." }), "domain", '"apps.example.com."'],
  ["domain that is an IP", "apps", () => route53({ domain: "10.0.0.1" }), "domain", '"10.0.0.1"'],
  ["domain with a space", "apps", () => route53({ domain: "my apps.example.com" }), "domain", '"my apps.example.com"'],
  ["zone TTL of zero", "apps", () => route53({ ttl: 0 }), "ttl", "0"],
  ["fractional TTL", "apps", () => route53({ ttl: 1.5 }), "ttl", "1.5"],
  ["record TTL above a day", "apps", () => route53(record({ ttl: 100000 })), "records[0].ttl", "100000"],
  ["negative record TTL", "apps", () => route53(record({ ttl: -5 })), "records[0].ttl", "-5"],
  ["record host outside the zone", "apps", () => route53(record({ host: "api.other.com" })), "records[0].host", '"api.other.com"'],
  ["record host that only ends like the zone", "apps", () => route53(record({ host: "evilapps.example.com" })), "records[0].host", '"evilapps.example.com"'],
  ["A record target that is a name", "apps", () => route53(record({ targets: ["gateway.example.com"] })), "records[0].targets[0]", '"gateway.example.com"'],
  ["AAAA record target that is IPv4", "apps", () => route53(record({ type: "AAAA", targets: ["203.0.113.10"] })), "records[0].targets[0]", '"203.0.113.10"'],
  ["CNAME with two targets", "apps", () => route53(record({ type: "CNAME", targets: ["a.example.net", "b.example.net"] })), "records[0].targets", "a.example.net"],
  ["record without targets", "apps", () => route53(record({ targets: [] })), "records[0].targets", "[]"],
  ["unknown record type", "apps", () => route53(record({ type: "MX" })), "records[0].type", '"MX"'],
  ["the same record twice", "apps", () => route53({ records: [{ host: "a.apps.example.com", targets: ["203.0.113.1"] }, { host: "a.apps.example.com", targets: ["203.0.113.2"] }] }), "records[1].host", '"a.apps.example.com"'],
  ["records without the crd source", "apps", () => route53({ ...record({}), externalDns: { sources: ["service"] } }), "externalDns.sources", "service"],
  ["domain filter outside the zone", "apps", () => route53({ externalDns: { domainFilters: ["example.org"] } }), "externalDns.domainFilters[0]", '"example.org"'],
  ["unknown external-dns policy", "apps", () => route53({ externalDns: { policy: "delete-all" } }), "externalDns.policy", '"delete-all"'],
  ["unknown source", "apps", () => route53({ externalDns: { sources: ["istio-gateway"] } }), "externalDns.sources[0]", '"istio-gateway"'],
  ["external-dns chart version latest", "apps", () => route53({ externalDns: { chart: { version: "latest" } } }), "externalDns.chart.version", '"latest"'],
  ["external-dns chart repository over FTP", "apps", () => rfc2136({}, { externalDns: { chart: { repository: "ftp://x" } } }), "externalDns.chart.repository", '"ftp://x"'],
  ["TXT owner id with spaces", "apps", () => route53({ externalDns: { txtOwnerId: "prod cluster!" } }), "externalDns.txtOwnerId", '"prod cluster!"'],
  ["interval too short", "apps", () => route53({ externalDns: { interval: "1s" } }), "externalDns.interval", '"1s"'],
  ["bad external-dns namespace", "apps", () => route53({ externalDns: { namespace: "External_DNS" } }), "externalDns.namespace", '"External_DNS"'],
  ["Route53 without workload identity", "apps", () => route53({ cluster: onPremCluster() }), "cluster.oidc", "undefined"],
  ["no cluster", "apps", () => route53({ cluster: undefined }), "cluster", "undefined"],
  ["nip.io IP with three octets", "dev", () => ({ kind: "nipio", ingressIp: "10.86.67" }), "ingressIp", '"10.86.67"'],
  ["nip.io IP out of range", "dev", () => ({ kind: "nipio", ingressIp: "999.1.1.1" }), "ingressIp", '"999.1.1.1"'],
  ["nip.io with an IPv6 address", "dev", () => ({ kind: "nipio", ingressIp: "fd00::1" }), "ingressIp", '"fd00::1"'],
  ["nip.io with a host name", "dev", () => ({ kind: "nipio", ingressIp: "localhost" }), "ingressIp", '"localhost"'],
  ["nip.io with records", "dev", () => ({ kind: "nipio", ingressIp: "10.86.67.11", records: [] }), "records", "[]"],
  ["TSIG secret in plain text", "corp", () => rfc2136({ tsigSecret: "plain-tsig-value" }), "server.tsigSecret", "[plain text]"],
  ["DNS server port out of range", "corp", () => rfc2136({ port: 70000 }), "server.port", "70000"],
  ["DNS server that is not a host", "corp", () => rfc2136({ host: "not a host" }), "server.host", '"not a host"'],
  ["TSIG key name with spaces", "corp", () => rfc2136({ tsigKeyName: "my key" }), "server.tsigKeyName", '"my key"'],
  ["unknown TSIG algorithm", "corp", () => rfc2136({ tsigAlgorithm: "hmac-md5" }), "server.tsigAlgorithm", '"hmac-md5"'],
];

describe("DnsZone rejects bad input with a clear error", () => {
  it.each(cases)("%s", async (_case, name, args, field, shown) => {
    const error = await renderError(() => new DnsZone(name, args() as unknown as DnsZoneArgs));
    expectInputError(error, `DnsZone "${name}"`, field, shown);
  });

  it("has at least 15 cases", () => expect(cases.length).toBeGreaterThanOrEqual(15));
});

describe("DnsZone.hostFor rejects names that break the rule", () => {
  const hostCases: [string, string, string | { namespace: string }, string, string][] = [
    ["uppercase app", "Cart", "shop", "hostFor.app", '"Cart"'],
    ["app with a dot", "cart.v2", "shop", "hostFor.app", '"cart.v2"'],
    ["tenant with an underscore", "cart", "shop_1", "hostFor.tenant", '"shop_1"'],
    ["tenant handle with a bad namespace", "cart", { namespace: "Shop" }, "hostFor.tenant", '"Shop"'],
    ["app longer than a label", "a".repeat(64), "shop", "hostFor.app", "a".repeat(20)],
  ];

  it.each(hostCases)("%s", async (_case, app, tenant, field, shown) => {
    let zone!: DnsZone;
    await renderError(() => (zone = new DnsZone("dev", { kind: "nipio", ingressIp: "10.86.67.11" })));
    let error: unknown;
    try {
      zone.hostFor(app, tenant);
    } catch (e) {
      error = e;
    }
    expectInputError(error, 'DnsZone "dev"', field, shown);
  });

  it("refuses a host longer than 253 characters", async () => {
    let zone!: DnsZone;
    const domain = `${"d".repeat(60)}.${"e".repeat(60)}.${"f".repeat(60)}.example.com`;
    await renderError(() => (zone = new DnsZone("apps", { kind: "route53", cluster: eksCluster(), domain })));
    expect(() => zone.hostFor("a".repeat(40), "s".repeat(40))).toThrow(/DnsZone "apps": hostFor \(".*"\) is not a valid host name/);
  });
});

describe("DnsZone checks deploy-time record targets with the same error", () => {
  it("refuses an A record target that resolves to something other than an IP", async () => {
    const error = await renderError(() => new DnsZone("apps", route53(record({ targets: [pulumi.output("")] })) as unknown as DnsZoneArgs));
    expectInputError(error, 'DnsZone "apps"', "records[0].targets[0]", '""');
  });

  it("refuses a TSIG secret Output that is not secret", async () => {
    const error = await renderError(() => new DnsZone("corp", rfc2136({ tsigSecret: pulumi.output("not-secret-tsig") }) as unknown as DnsZoneArgs));
    expectInputError(error, 'DnsZone "corp"', "server.tsigSecret", "[output]");
  });
});
