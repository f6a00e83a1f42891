import * as pulumi from "@pulumi/pulumi";
import { Certificates, CertificatesArgs, DnsZone } from "@slipway/dns";
import { eksCluster, expectInputError, GATEWAY, onPremCluster, renderError } from "./support";

type Args = Record<string, unknown>;
const acme = (issuer: Args = {}, extra: Args = {}) => ({
  cluster: onPremCluster(),
  issuer: { kind: "acme", email: "platform@acme-corp.io", http01: { gateway: GATEWAY }, ...issuer },
  ...extra,
});
const nipZone = () => new DnsZone("dev", { kind: "nipio", ingressIp: "10.86.67.11" });
const route53Zone = () => new DnsZone("apps", { kind: "route53", cluster: eksCluster(), domain: "apps.example.com" });
/** DNS-01 through one Route53 zone, whose domain the gateway certificate is checked against. */
const dns01 = (gatewayCertificate: Args) => {
  const zone = route53Zone();
  return { ...acme({ http01: undefined, dns01: { zone } }), gatewayCertificate: { gateway: GATEWAY, zone, ...gatewayCertificate } };
};

/** Bad construction inputs: [case, args (built inside the render), field, value shown]. */
const cases: [string, () => Args, string, string][] = [
  ["issuer email that is not an address", () => acme({ email: "not-an-email" }), "issuer.email", '"not-an-email"'],
  ["issuer email without a domain", () => acme({ email: "platform@localhost" }), "issuer.email", '"platform@localhost"'],
  ["ACME server over plain HTTP", () => acme({ server: "http://acme.corp.internal/directory" }), "issuer.server", '"http://acme.corp.internal/directory"'],
  ["ACME server that is not a URL", () => acme({ server: "letsencrypt" }), "issuer.server", '"letsencrypt"'],
  ["both solvers", () => acme({ dns01: { zone: route53Zone() } }), "issuer", "http01 and dns01"],
  ["no solver", () => acme({ http01: undefined }), "issuer.http01", "undefined"],
  ["DNS-01 through nip.io", () => acme({ http01: undefined, dns01: { zone: nipZone() } }), "issuer.dns01.zone", '"10.86.67.11.nip.io"'],
  ["HTTP-01 gateway with a bad name", () => acme({ http01: { gateway: { ...GATEWAY, gatewayName: "Platform" } } }), "issuer.http01.gateway.gatewayName", '"Platform"'],
  ["wildcard on the gateway with HTTP-01", () => acme({}, { gatewayCertificate: { gateway: GATEWAY, dnsNames: ["*.acme-corp.io"] } }), "gatewayCertificate.dnsNames[0]", '"*.acme-corp.io"'],
  ["gateway certificate name that is not a host", () => acme({}, { gatewayCertificate: { gateway: GATEWAY, dnsNames: ["not a host"] } }), "gatewayCertificate.dnsNames[0]", '"not a host"'],
  ["gateway certificate without names or zone", () => acme({}, { gatewayCertificate: { gateway: GATEWAY } }), "gatewayCertificate.zone", "undefined"],
  ["gateway certificate with an empty name list", () => acme({}, { gatewayCertificate: { gateway: GATEWAY, dnsNames: [] } }), "gatewayCertificate.dnsNames", "[]"],
  ["gateway certificate name outside the zone", () => dns01({ dnsNames: ["*.other.org"] }), "gatewayCertificate.dnsNames[0]", '"*.other.org"'],
  ["tenant that is not a label", () => dns01({ tenants: ["Shop"] }), "gatewayCertificate.tenants[0]", '"Shop"'],
  ["unknown issuer kind", () => acme({ kind: "vault" }), "issuer.kind", '"vault"'],
  ["no issuer", () => ({ cluster: onPremCluster() }), "issuer", "undefined"],
  ["private CA valid for a week", () => ({ cluster: onPremCluster(), issuer: { kind: "privateCa", validityDays: 7 } }), "issuer.validityDays", "7"],
  ["private CA with an overlong common name", () => ({ cluster: onPremCluster(), issuer: { kind: "privateCa", commonName: "c".repeat(65) } }), "issuer.commonName", "ccccc"],
  ["bad namespace", () => acme({}, { namespace: "Cert_Manager" }), "namespace", '"Cert_Manager"'],
  ["no cluster", () => acme({}, { cluster: undefined }), "cluster", "undefined"],
  ["chart version latest", () => acme({}, { chart: { version: "latest" } }), "chart.version", '"latest"'],
  ["chart repository over FTP", () => acme({}, { chart: { repository: "ftp://x" } }), "chart.repository", '"ftp://x"'],
  ["Route53 DNS-01 without workload identity", () => ({ ...acme({ http01: undefined, dns01: { zone: route53Zone() } }), cluster: onPremCluster() }), "cluster.oidc", "undefined"],
];

describe("Certificates rejects bad input with a clear error", () => {
  it.each(cases)("%s", async (_case, args, field, shown) => {
    const error = await renderError(() => new Certificates("letsencrypt", args() as unknown as CertificatesArgs));
    expectInputError(error, 'Certificates "letsencrypt"', field, shown);
  });

  it("has at least 15 cases", () => expect(cases.length).toBeGreaterThanOrEqual(15));

  it("refuses a wildcard that resolves at deploy time when HTTP-01 cannot prove it", async () => {
    const error = await renderError(() => new Certificates("letsencrypt", acme({}, { gatewayCertificate: { gateway: GATEWAY, dnsNames: [pulumi.output("*.acme-corp.io")] } }) as unknown as CertificatesArgs));
    expectInputError(error, 'Certificates "letsencrypt"', "gatewayCertificate.dnsNames[0]", '"*.acme-corp.io"');
  });

  it.each([
    ["host that is an IP", "10.0.0.1", "shop", "certificateFor.host", '"10.0.0.1"'],
    ["wildcard host with HTTP-01", "*.shop.acme-corp.io", "shop", "certificateFor.host[0]", '"*.shop.acme-corp.io"'],
    ["bad namespace", "cart.acme-corp.io", "Shop", "certificateFor.namespace", '"Shop"'],
  ])("certificateFor refuses a %s", async (_case, host, namespace, field, shown) => {
    let certs!: Certificates;
    let error: unknown;
    await renderError(() => {
      certs = new Certificates("letsencrypt", acme() as unknown as CertificatesArgs);
      try {
        certs.certificateFor(host, namespace);
      } catch (e) {
        error = e;
      }
    });
    expectInputError(error, 'Certificates "letsencrypt"', field, shown);
  });
});
