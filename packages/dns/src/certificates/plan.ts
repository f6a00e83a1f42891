import * as pulumi from "@pulumi/pulumi";
import {
  checkDnsLabel,
  checkEmail,
  checkHostname,
  checkInput,
  checkNumber,
  checkUrl,
  childName,
  ClusterHandle,
  fail,
  InputSite,
  isKnown,
  Manifest,
  OperatorPlan,
  planOperator,
  standardLabels,
  systemNamespaceLabels,
} from "@slipway/core";
import { ACME_SERVERS, CERT_MANAGER_CHART } from "../versions";
import { checkHostInZone, tenantWildcard } from "../zone/naming";
import type { Dns01Target } from "../zone/dns-zone";
import { certManagerBudgets } from "./budgets";
import { certManagerImageValues } from "./values";
import { AcmeIssuerArgs, CertificatesArgs, GatewayCertificateArgs, GatewayTlsTarget, PrivateCaIssuerArgs } from "./args";

export const CERT_MANAGER_GROUP = "cert-manager.io";
/** The ServiceAccount the cert-manager controller runs as (DNS-01 on Route53 trusts exactly it). */
export const CERT_MANAGER_SERVICE_ACCOUNT = "cert-manager";
/** Key of the TSIG secret cert-manager reads for RFC2136 DNS-01. */
export const CERT_MANAGER_TSIG_KEY = "tsig-secret";

/** cert-manager spells TSIG algorithms its own way. */
const TSIG_ALGORITHMS: Record<string, string> = { "hmac-sha256": "HMACSHA256", "hmac-sha512": "HMACSHA512", "hmac-sha1": "HMACSHA1" };

/** How the issuer proves control of names, resolved from the arguments. */
export type SolverPlan =
  | { kind: "http01"; gateway: GatewayTlsTarget }
  | { kind: "dns01"; target: Dns01Target }
  | { kind: "privateCa" };

/** Everything Certificates renders, split by when it may be created. */
export interface CertificatesPlan {
  namespace: string;
  issuerName: string;
  solver: SolverPlan;
  /**
   * cert-manager's restricted namespace, the secrets the issuer reads, the chart (values set by the
   * component, which knows the DNS-01 role), then issuers and certificates once the CRDs exist.
   */
  operator: OperatorPlan;
  /** The gateway's certificate, when asked for. */
  gatewayCertificate?: { manifest: Manifest; secretName: string };
  /** The CA's Secret (private CA). */
  caSecretName?: string;
}

const ref = (name: string) => ({ name, kind: "ClusterIssuer", group: CERT_MANAGER_GROUP });
const KEY = { algorithm: "ECDSA", size: 256, rotationPolicy: "Always" };

/** The Gateway's plain-HTTP listener, where challenges are answered. */
function httpParentRef(gateway: GatewayTlsTarget): Record<string, unknown> {
  return { group: "gateway.networking.k8s.io", kind: "Gateway", name: gateway.gatewayName, namespace: gateway.gatewayNamespace, sectionName: gateway.httpListener ?? "http" };
}

function checkGateway(site: InputSite, path: string, gateway: GatewayTlsTarget | undefined): GatewayTlsTarget {
  if (!gateway || typeof gateway !== "object") return fail(site, path, gateway, "is required", "pass the platform Gateway");
  checkDnsLabel(site, `${path}.gatewayName`, gateway.gatewayName);
  checkDnsLabel(site, `${path}.gatewayNamespace`, gateway.gatewayNamespace);
  return gateway;
}

function planSolver(site: InputSite, issuer: AcmeIssuerArgs): SolverPlan {
  if (issuer.http01 && issuer.dns01) fail(site, "issuer", "http01 and dns01", "sets both solvers", "choose http01 (through the gateway) or dns01 (through the zone)");
  if (issuer.http01) return { kind: "http01", gateway: checkGateway(site, "issuer.http01.gateway", issuer.http01.gateway) };
  if (issuer.dns01) {
    const target = issuer.dns01.zone?.dns01;
    if (!target) return fail(site, "issuer.dns01.zone", issuer.dns01.zone?.domain, "cannot answer DNS-01 challenges", "use a DnsZone of kind route53 or rfc2136 (nip.io names cannot be proven by DNS)");
    return { kind: "dns01", target };
  }
  return fail(site, "issuer.http01", undefined, "is required for an ACME issuer", "set http01: { gateway } or dns01: { zone }");
}

function acmeSolver(plan: SolverPlan, issuerName: string): Record<string, unknown> {
  if (plan.kind === "http01") return { http01: { gatewayHTTPRoute: { parentRefs: [httpParentRef(plan.gateway)] } } };
  if (plan.kind !== "dns01") return {};
  const t = plan.target;
  const selector = { dnsZones: [t.domain] };
  if (t.kind === "route53") return { selector, dns01: { route53: { hostedZoneID: t.zoneId, ...(t.region ? { region: t.region } : {}) } } };
  return {
    selector,
    dns01: {
      rfc2136: {
        nameserver: t.nameserver,
        tsigKeyName: t.tsigKeyName,
        tsigAlgorithm: TSIG_ALGORITHMS[t.tsigAlgorithm] ?? "HMACSHA256",
        tsigSecretSecretRef: { name: childName(issuerName, "tsig"), key: CERT_MANAGER_TSIG_KEY },
      },
    },
  };
}

function planAcme(site: InputSite, issuerName: string, namespace: string, issuer: AcmeIssuerArgs, labels: Record<string, string>) {
  const email = checkEmail(site, "issuer.email", issuer.email);
  const choice: string = issuer.server ?? "production";
  const server = choice === "production" || choice === "staging" ? ACME_SERVERS[choice] : checkUrl(site, "issuer.server", choice, ["https:"]).href;
  const solver = planSolver(site, issuer);
  const setup: Manifest[] = [];
  if (solver.kind === "dns01" && solver.target.kind === "rfc2136") {
    // The ClusterIssuer reads the TSIG key from cert-manager's own namespace.
    setup.push({ apiVersion: "v1", kind: "Secret", metadata: { name: childName(issuerName, "tsig"), namespace, labels }, type: "Opaque", stringData: { [CERT_MANAGER_TSIG_KEY]: solver.target.tsigSecret } });
  }
  const clusterIssuer: Manifest = {
    apiVersion: "cert-manager.io/v1",
    kind: "ClusterIssuer",
    metadata: { name: issuerName, labels },
    spec: { acme: { email, server, privateKeySecretRef: { name: childName(issuerName, "account-key") }, solvers: [acmeSolver(solver, issuerName)] } },
  };
  return { solver, setup, resources: [clusterIssuer] };
}

function planPrivateCa(site: InputSite, issuerName: string, namespace: string, issuer: PrivateCaIssuerArgs, labels: Record<string, string>) {
  const days = checkNumber(site, "issuer.validityDays", issuer.validityDays ?? 3650, { min: 30, max: 7300 });
  const commonName = issuer.commonName ?? `${issuerName} private CA`;
  if (typeof commonName !== "string" || commonName.length === 0 || commonName.length > 64) fail(site, "issuer.commonName", commonName, "must be 1-64 characters");
  const selfSigned = childName(issuerName, "selfsigned");
  const caSecretName = childName(issuerName, "ca");
  const resources: Manifest[] = [
    { apiVersion: "cert-manager.io/v1", kind: "ClusterIssuer", metadata: { name: selfSigned, labels }, spec: { selfSigned: {} } },
    {
      apiVersion: "cert-manager.io/v1",
      kind: "Certificate",
      metadata: { name: caSecretName, namespace, labels },
      spec: { isCA: true, commonName, secretName: caSecretName, duration: `${days * 24}h`, privateKey: KEY, issuerRef: ref(selfSigned) },
    },
    { apiVersion: "cert-manager.io/v1", kind: "ClusterIssuer", metadata: { name: issuerName, labels }, spec: { ca: { secretName: caSecretName } } },
  ];
  return { solver: { kind: "privateCa" } as SolverPlan, setup: [], resources, caSecretName };
}

/** Fails on a wildcard name when the issuer cannot prove wildcards (HTTP-01). */
function checkCertificateName(site: InputSite, path: string, solver: SolverPlan, value: unknown): void {
  checkHostname(site, path, value, { wildcard: true });
  if (solver.kind === "http01" && typeof value === "string" && value.startsWith("*.")) {
    fail(site, path, value, "is a wildcard, which ACME HTTP-01 cannot prove", "use dns01 through the zone, a private CA, or list the hosts");
  }
}

/** The gateway's names: given, or the zone's wildcard plus one per tenant. */
function gatewayNames(site: InputSite, args: GatewayCertificateArgs): pulumi.Input<string>[] {
  if (args.dnsNames !== undefined) {
    if (!Array.isArray(args.dnsNames) || args.dnsNames.length === 0) fail(site, "gatewayCertificate.dnsNames", args.dnsNames, "must list at least one name");
    return args.dnsNames;
  }
  if (!args.zone) return fail(site, "gatewayCertificate.zone", undefined, "is required when dnsNames is not given", "pass the DnsZone, or dnsNames");
  const domain = args.zone.domain;
  const tenants = args.tenants ?? [];
  if (!isKnown(domain)) return [pulumi.interpolate`*.${domain}`, ...tenants.map((t, i) => pulumi.output(domain).apply((d) => tenantWildcard(site, d, t, `gatewayCertificate.tenants[${i}]`)))];
  return [`*.${domain}`, ...tenants.map((t, i) => tenantWildcard(site, domain, t, `gatewayCertificate.tenants[${i}]`))];
}

/** A Certificate issued by `issuerName`, with names checked (now, or at deploy time for Outputs). */
export function certificateManifest(
  site: InputSite,
  path: string,
  meta: { name: string; namespace: string; labels: Record<string, string> },
  secretName: string,
  dnsNames: pulumi.Input<string>[],
  issuerName: string,
  solver: SolverPlan,
  zoneDomain?: string,
): Manifest {
  const names = dnsNames.map((n, i) =>
    checkInput(n, (value) => {
      checkCertificateName(site, `${path}[${i}]`, solver, value);
      if (zoneDomain) checkHostInZone(site, `${path}[${i}]`, value, zoneDomain, { wildcard: true });
    }),
  );
  return { apiVersion: "cert-manager.io/v1", kind: "Certificate", metadata: meta, spec: { secretName, dnsNames: names, privateKey: KEY, issuerRef: ref(issuerName) } };
}

/** The pure plan of Certificates: validated arguments in, namespace, issuers and certificates out. */
export function planCertificates(site: InputSite, args: CertificatesArgs): CertificatesPlan & { cluster: ClusterHandle } {
  if (!args || typeof args !== "object") return fail(site, "args", args, "must be an object");
  const issuerName = checkDnsLabel(site, "name", site.name, 50);
  const cluster = args.cluster;
  if (!cluster || typeof cluster !== "object" || !cluster.provider) fail(site, "cluster", cluster, "is required", "pass the Cluster cert-manager runs in");
  const namespace = checkDnsLabel(site, "namespace", args.namespace ?? "cert-manager");
  const labels = standardLabels({ name: issuerName, component: "certificates", partOf: "slipway" });
  const issuer = args.issuer;
  if (!issuer || typeof issuer !== "object") return fail(site, "issuer", issuer, "is required", 'pass { kind: "acme", ... } or { kind: "privateCa" }');
  const planned =
    issuer.kind === "acme"
      ? planAcme(site, issuerName, namespace, issuer, labels)
      : issuer.kind === "privateCa"
        ? planPrivateCa(site, issuerName, namespace, issuer, labels)
        : fail(site, "issuer.kind", (issuer as { kind?: unknown }).kind, "must be one of acme, privateCa");
  const operator = planOperator(site, {
    namespace: { name: namespace, level: "restricted", labels: systemNamespaceLabels("cert-manager") },
    chart: { source: CERT_MANAGER_CHART, release: "cert-manager", values: {}, imageValues: certManagerImageValues },
    overrides: args.chart,
    clusterMirror: cluster.imageMirror,
    // Our budgets replace the chart's (they cannot say unhealthyPodEvictionPolicy).
    chartInputs: [...planned.setup, ...certManagerBudgets(namespace, labels)],
    customResources: planned.resources,
  });
  const plan: CertificatesPlan & { cluster: ClusterHandle } = {
    cluster,
    namespace,
    issuerName,
    solver: planned.solver,
    operator,
    caSecretName: "caSecretName" in planned ? (planned.caSecretName as string) : undefined,
  };
  if (args.gatewayCertificate) {
    const gc = args.gatewayCertificate;
    const gateway = checkGateway(site, "gatewayCertificate.gateway", gc?.gateway);
    const secretName = gateway.tlsSecretName ?? childName(gateway.gatewayName, "tls");
    const zoneDomain = gc.zone && isKnown(gc.zone.domain) ? gc.zone.domain : undefined;
    const meta = { name: secretName, namespace: gateway.gatewayNamespace, labels };
    const manifest = certificateManifest(site, "gatewayCertificate.dnsNames", meta, secretName, gatewayNames(site, gc), issuerName, planned.solver, zoneDomain);
    plan.gatewayCertificate = { manifest, secretName };
  }
  return plan;
}
